"""A case file scanned twice: every line as written (comments, keys, text that does not
load) and every value as YAML reads it (escapes decoded, folded lines joined)."""

from __future__ import annotations

from pathlib import Path

from sglearn.check.privacy.inputs import TooLarge, read_text
from sglearn.check.privacy.names import NO_NAMES, NamesList
from sglearn.check.privacy.scan import Allowed, allowed_values, merge, scan_document, scan_text
from sglearn.read.loading import Document
from sglearn.read.problems import Problem


def scan_case(
    file: Path,
    shown: str,
    document: Document | None,
    names: NamesList = NO_NAMES,
    extra: Allowed = frozenset(),
) -> list[Problem]:
    """Privacy problems of one case file, loaded or not (a syntax error hides nothing)."""
    allowed = extra | (allowed_values(document.data) if document is not None else frozenset())
    problems = scan_document(document, names, allowed) if document is not None else []
    try:
        # A link is never followed (loading refuses it); an oversized file is refused there too.
        text = None if file.is_symlink() else read_text(file)
    except (OSError, TooLarge):
        text = None
    if text is not None:
        written = scan_text(text, shown, names, kind="text", extra=allowed, where="case file")
        problems.extend(p for p in written if not _reviewed_line(text, p.line))
    return merge(problems)


def _reviewed_line(text: str, line: int) -> bool:
    """The ``value:`` lines of privacy_reviewed entries hold the reviewed values themselves."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    here = lines[line - 1].strip()
    return here.startswith(("value:", "- value:")) and "privacy_reviewed:" in text
