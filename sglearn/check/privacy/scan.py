"""Run the detectors over a loaded case or a Markdown page and turn findings into problems.

A case is scanned by walking its YAML node tree once, so every value (text, numbers and all)
keeps the line and column it came from. A finding is silenced only by a ``privacy_reviewed``
entry in the same file naming the same rule and the exact same text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import yaml

from sglearn.check.privacy.detectors import DETECTORS, WHAT, Finding
from sglearn.check.privacy.names import NO_NAMES, NamesList
from sglearn.check.privacy.normalise import fold, same_text
from sglearn.check.privacy.visible import Piece, html_pieces, markdown_pieces
from sglearn.read.loading import Document, load_bytes
from sglearn.read.problems import Level, Problem

REVIEWED_KEY = "privacy_reviewed"

Allowed = frozenset[tuple[str, str]]

# Every pattern detector needs one of these in the folded text; most keys and short values
# have none, and skipping them keeps a case file's scan cheap.
_MAYBE = re.compile(
    r"[0-9@]|(?<![A-Za-z])(?:at|born|birth|dob|d\.o\.b|mrs?|ms|miss|mx|dr|prof|sir|dame|revd?)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)


def findings(text: str, names: NamesList = NO_NAMES, *, reader: bool = True) -> list[Finding]:
    """Every identifier in ``text``, as written and (``reader``) as a reader sees it
    (folded, emphasis and tags dropped, entities decoded), at offsets into ``text``."""
    found: list[Finding] = []
    views = [fold(text)]
    if reader and any(c in text for c in "*_`~&<"):
        views.append(fold(text, strip_markup=True))
    seen: set[tuple[int, int, str]] = set()
    for view in views:
        run = (*DETECTORS, names.find) if _MAYBE.search(view.text) else (names.find,)
        for detector in run:
            for finding in detector(view.text):
                start, end = view.source_span(finding.start, finding.end)
                if (start, end, finding.rule) not in seen:
                    seen.add((start, end, finding.rule))
                    found.append(Finding(start, end, finding.rule, finding.masked))
    return found


def _kept(found: list[Finding], text: str, allowed: Allowed) -> list[Finding]:
    """Drop reviewed values, then anything inside a span already reported."""
    kept: list[Finding] = []  # never overlapping, so sorted by start is sorted by end too
    for finding in found:
        if is_allowed(finding.rule, text[finding.start : finding.end], allowed):
            continue
        at = bisect_left(kept, finding.end, key=lambda k: k.start)
        if at and kept[at - 1].end > finding.start:
            continue
        kept.insert(at, finding)
    return sorted(kept, key=lambda k: (k.start, k.rule))


def is_allowed(rule: str, value: str, allowed: Allowed) -> bool:
    """A reviewed value allows the same text however it is written (spaces, look-alikes)."""
    if (rule, value) in allowed:
        return True
    return any(r == rule and same_text(v, value) for r, v in allowed)


def allowed_values(data: Any) -> Allowed:
    """``(rule, value)`` pairs a person has reviewed; incomplete entries allow nothing."""
    entries = data.get(REVIEWED_KEY) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return frozenset()
    pairs: set[tuple[str, str]] = set()
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        fields = [entry.get(k) for k in ("rule", "value", "reason", "reviewed_by")]
        texts = [f for f in fields if isinstance(f, str) and f.strip()]
        if len(texts) == 4:
            pairs.add((texts[0], texts[1]))
    return frozenset(pairs)


def scan_document(
    document: Document, names: NamesList = NO_NAMES, extra: Allowed = frozenset()
) -> list[Problem]:
    """Privacy problems in one loaded case file, at the line and column of each key and
    value (escapes decoded, folded lines joined, Markdown reduced to what a reader sees)."""
    allowed = allowed_values(document.data) | extra
    problems: list[Problem] = []
    for node in _scalars(document.root):
        text = node.value
        found = _value_findings(text, names) if len(text) <= _SHORT else findings(text, names)
        for finding in _kept(list(found), text, allowed):
            line, column = _position(node, finding.start)
            problems.append(_problem(document.path, line, column, finding, "case file"))
        if "[" in text or "\\" in text:  # links, escapes: the rest is folded already
            for piece_line, piece in markdown_pieces(text):
                for finding in _kept(findings(piece, names), piece, allowed):
                    line = node.start_mark.line + piece_line
                    problems.append(_problem(document.path, line, 0, finding, "case file"))
    return merge(problems)


_SHORT = 200
"""Keys, codes, dates and roles repeat from case to case: values this short are remembered."""


@lru_cache(maxsize=65_536)
def _value_findings(text: str, names: NamesList) -> tuple[Finding, ...]:
    """A repository's cases share most of their short values: each is scanned once a run."""
    return tuple(findings(text, names))


def merge(problems: list[Problem]) -> list[Problem]:
    """Each identifier once: a finding in the visible text (column 0) is dropped when the
    same rule already found something on that line as written."""
    exact = {(p.path, p.line, p.rule) for p in problems if p.column}
    kept = {p for p in problems if p.column or (p.path, p.line, p.rule) not in exact}
    return sorted(kept, key=lambda p: (p.path, p.line, p.column, p.rule, p.message))


def _scalars(root: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every value in the tree, except the reviewed values themselves (they would re-flag)."""
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, in_reviewed = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            yield node
            continue
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, in_reviewed) for item in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                if in_reviewed and key.value == "value":
                    continue
                stack.append((key, in_reviewed))
                stack.append((value, (node is root and key.value == REVIEWED_KEY) or in_reviewed))


def _position(node: yaml.ScalarNode, offset: int) -> tuple[int, int]:
    """Exact line and column where the text maps one-to-one onto the source, else the value's."""
    start, end = node.start_mark, node.end_mark
    line, column = start.line + 1, start.column + 1
    if start.line != end.line:
        if node.style == "|":  # literal block: the value's lines are the file's lines
            return line + 1 + node.value.count("\n", 0, offset), 1
        return line, column
    width = end.column - start.column
    if not node.style and width == len(node.value):
        return line, column + offset
    if node.style in ("'", '"') and width == len(node.value) + 2:  # quoted, no escapes
        return line, column + 1 + offset
    return line, column


def _problem(path: str, line: int, column: int, finding: Finding, where: str) -> Problem:
    return Problem(
        path,
        line,
        column,
        finding.rule,
        f"{WHAT[finding.rule]} ({finding.masked}) must not be in a {where}",
        "Replace it with a role or a pseudonym, or remove it. If it is not personal data, "
        f"add a privacy_reviewed entry with rule: {finding.rule}, value: the exact text, "
        "reason and reviewed_by; nothing else silences this check.",
        Level.ERROR,
    )


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def scan_text(
    text: str,
    path: str,
    names: NamesList = NO_NAMES,
    *,
    kind: str = "markdown",
    extra: Allowed = frozenset(),
    where: str = "published page",
) -> list[Problem]:
    """Privacy problems in a text file, every line as written (comments and keys too) and,
    for ``kind`` "markdown" or "html", its visible text as a reader sees it.

    A Markdown page allows a reviewed value with the same ``privacy_reviewed`` list in its
    YAML front matter (MkDocs does not publish front matter); ``extra`` comes from the
    repository's allow file.
    """
    allowed: Allowed = extra
    front = _FRONT_MATTER.match(text)
    if kind == "markdown" and front and front.group(1):
        meta = load_bytes(front.group(1).encode("utf-8"), path)
        if isinstance(meta, Document):
            allowed = allowed | allowed_values(meta.data)
    problems: list[Problem] = []
    line_starts = _line_starts(text)
    for finding in _kept(findings(text, names), text, allowed):
        line = _line_of(line_starts, finding.start)
        column = finding.start - line_starts[line - 1] + 1
        problems.append(_problem(path, line, column, finding, where))
    pieces: list[Piece] = []
    # Lines are counted at "\n", as editors and git count them; markdown-it would also break
    # at a lone "\r", so it reads one as a space and the line numbers agree.
    seen = re.sub(r"\r(?!\n)", " ", text)
    if kind == "markdown":
        pieces = list(markdown_pieces(seen))
    elif kind == "html":
        pieces = html_pieces(seen)
    for piece_line, piece in pieces:
        for finding in _kept(findings(piece, names), piece, allowed):
            line = piece_line + piece.count("\n", 0, finding.start)
            problems.append(_problem(path, line, 0, finding, where))
    return merge(problems)


def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in re.finditer(r"\n", text))]


def _line_of(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset)
