"""Ids that become file names and links: refused unless they are in the safe form."""

from __future__ import annotations

import re

CASE_ID = re.compile(r"LR-[0-9]{4}-[0-9]{3,4}")
TERM_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
LOCAL_ID = re.compile(r"[AFMOR][0-9]{1,3}")
RESERVED_TERM_IDS = frozenset({"index"})
"""``themes/index.md`` and ``services/index.md`` are the list pages, not a term's page."""


class UnsafeIdError(ValueError):
    """An id that would become part of a URL or file name is not in the safe form."""


def safe_case_id(value: object) -> str:
    """Refuse anything but ``LR-YYYY-NNN``: case ids become file names and links."""
    if not isinstance(value, str) or not CASE_ID.fullmatch(value):
        raise UnsafeIdError(f"case id {value!r} is not of the form LR-YYYY-NNN")
    return value


def safe_term_id(value: object) -> str:
    """Refuse vocabulary ids that could escape their folder or clash with an index page."""
    if not isinstance(value, str) or not TERM_ID.fullmatch(value) or value in RESERVED_TERM_IDS:
        raise UnsafeIdError(f"vocabulary id {value!r} is not a safe page name")
    return value


def local_id(value: object) -> str:
    if not isinstance(value, str) or not LOCAL_ID.fullmatch(value):
        raise UnsafeIdError(f"finding, action or measure id {value!r} is not like F1, A1 or M1")
    return value
