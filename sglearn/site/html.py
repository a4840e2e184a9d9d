"""Post-processing of finished HTML pages: the Content-Security-Policy and small a11y fixes.

Host-independent: any publisher that produces HTML pages passes each through ``protect``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import date

from sglearn.site.render.labels import long_date

# Scripts may come only from the site itself, plus the theme's own inline scripts by hash.
# Styles allow inline because Material sets style attributes; images allow data: (its icons).
CSP_TEMPLATE = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def with_content_security_policy(page: str) -> str:
    """Add a CSP ``<meta>`` as the first thing in ``<head>``, allowing this page's scripts."""
    if "<head>" not in page:
        return page
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for body in _INLINE_SCRIPT.findall(page)
        }
    )
    policy = CSP_TEMPLATE.format(hashes="".join(" " + h for h in hashes))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page.replace("<head>", "<head>\n    " + meta, 1)


def with_as_of(page: str, as_of: date) -> str:
    """State the as-of date in ``<head>``: a printed page carries it in its running header."""
    if "<head>" not in page:
        return page
    shown = long_date(as_of)
    return page.replace("<head>", f'<head>\n    <meta name="sglearn:as-of" content="{shown}">', 1)


def protect(page: str, *, policy: bool) -> str:
    """Name Material's search dialog (axe: aria-dialog-name) and add the CSP when asked."""
    page = page.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
    return with_content_security_policy(page) if policy else page
