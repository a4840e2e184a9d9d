"""What in a built site would make a browser fetch something from another host.

Links a reader clicks (``<a href>``) are fine. Anything loaded on its own is not: ``src``,
``srcset``, a ``<link>`` stylesheet, icon or preload, ``url()`` and ``@import`` in CSS, an
absolute address written into a script. The themes' bundled scripts name a few CDNs for
features this site never uses; each is allowed here by file and pattern, and the same list
is in docs/publishing.md ("What the site never loads from elsewhere").
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path

ALLOWED: tuple[tuple[str, str, str], ...] = (
    # (file pattern, address prefix, why it is never fetched on this site)
    ("assets/javascripts/bundle.*.min.js", "https://unpkg.com/mermaid@", "diagrams: none"),
    (
        "assets/javascripts/bundle.*.min.js",
        "https://unpkg.com/resize-observer-polyfill",
        "only for browsers without ResizeObserver (none still supported)",
    ),
    ("assets/javascripts/bundle.*.min.js", "https://api.github.com/", "needs repo_url: unset"),
    ("assets/javascripts/bundle.*.min.js", "https://${", "GitLab facts, needs repo_url: unset"),
    ("assets/javascripts/bundle.*.min.js", "https://unpkg.com/glightbox@", "image zoom: off"),
    ("assets/javascripts/bundle.*.min.js", "https://unpkg.com/ace-builds@", "code editor: off"),
    ("assets/javascripts/bundle.*.min.js", "https://unpkg.com/pyodide@", "runnable code: off"),
    ("assets/javascripts/bundle.*.min.js", "https://cdn.jsdelivr.net/pyodide/", "same"),
)
# XML namespace names are identifiers, never fetched.
_NAMESPACES = ("http://www.w3.org/", "https://www.w3.org/", "http://www.sitemaps.org/")

_EXTERNAL = r"(?:https?:)?//"
_TAG = re.compile(r"<([A-Za-z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTRIBUTE = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_FETCHED_LINK = re.compile(r"stylesheet|preload|prefetch|modulepreload|icon|manifest|preconnect")
_HREF_FETCHED_BY = {"use", "image", "feimage", "script"}  # SVG elements that load their href
_CSS = re.compile(
    r"url\(\s*['\"]?(?P<a>"
    + _EXTERNAL
    + r"[^'\")\s]*)|@import\s+(?:url\()?\s*['\"]?(?P<b>"
    + _EXTERNAL
    + r"[^'\")\s;]*)",
    re.I,
)
_SCRIPT_ADDRESS = re.compile(r"[\"'`](https?://[^\"'`\s]*)")


def remote_fetches(site: Path) -> list[str]:
    """``file: address`` for everything in ``site`` a browser would load from another host."""
    found: list[str] = []
    for file in sorted(site.rglob("*")):
        if not file.is_file() or file.suffix not in (".html", ".svg", ".css", ".js"):
            continue
        relative = file.relative_to(site).as_posix()
        text = file.read_text(encoding="utf-8", errors="replace")
        if file.suffix in (".html", ".svg"):
            addresses = _markup(text)
        elif file.suffix == ".css":
            addresses = _css(text)
        else:
            addresses = [m.group(1) for m in _SCRIPT_ADDRESS.finditer(text)]
        found.extend(
            f"{relative}: {address}"
            for address in addresses
            if not address.startswith(_NAMESPACES) and not _allowed(relative, address)
        )
    return found


def _allowed(relative: str, address: str) -> bool:
    return any(
        fnmatch(relative, pattern) and address.startswith(prefix)
        for pattern, prefix, _why in ALLOWED
    )


def _css(text: str) -> list[str]:
    return [m.group("a") or m.group("b") for m in _CSS.finditer(text)]


def _markup(text: str) -> list[str]:
    addresses: list[str] = []
    for tag in _TAG.finditer(text):
        name = tag.group(1).lower()
        attributes = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTRIBUTE.finditer(tag.group(2))
        }
        values = [attributes.get(key, "") for key in ("src", "data", "poster")]
        values += [part.strip().split(" ")[0] for part in attributes.get("srcset", "").split(",")]
        fetched_href = (name == "link" and _FETCHED_LINK.search(attributes.get("rel", ""))) or (
            name in _HREF_FETCHED_BY
        )
        if fetched_href:
            values += [attributes.get("href", ""), attributes.get("xlink:href", "")]
        addresses += [v for v in values if re.match(_EXTERNAL, v.strip())]
        addresses += _css(attributes.get("style", ""))
    for style in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S | re.I):
        addresses += _css(style)
    for script in re.findall(r"<script[^>]*>(.*?)</script>", text, re.S | re.I):
        addresses += [m.group(1) for m in _SCRIPT_ADDRESS.finditer(script)]
    return addresses
