"""Run the detectors over a loaded case or a Markdown page and turn findings into problems.

A case is scanned by walking its YAML node tree once, so every value (text, numbers and all)
keeps the line and column it came from. A finding is silenced only by a ``privacy_reviewed``
entry in the same file naming the same rule and the exact same text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any

import yaml

from sglearn.check.privacy.detectors import DETECTORS, WHAT, Finding
from sglearn.check.privacy.names import NO_NAMES, NamesList
from sglearn.read.loading import Document, load_bytes
from sglearn.read.problems import Level, Problem

REVIEWED_KEY = "privacy_reviewed"
_NEEDS_DETECTORS = re.compile(r"[0-9@]")

Allowed = frozenset[tuple[str, str]]


def findings(text: str, names: NamesList = NO_NAMES) -> list[Finding]:
    """Every identifier in ``text``, the first detector winning where two overlap."""
    found: list[Finding] = []
    if _NEEDS_DETECTORS.search(text):
        for detector in DETECTORS:
            found.extend(detector(text))
    found.extend(names.find(text))
    return found


def _kept(found: list[Finding], text: str, allowed: Allowed) -> list[Finding]:
    """Drop reviewed values, then anything inside a span already reported."""
    kept: list[Finding] = []  # never overlapping, so sorted by start is sorted by end too
    for finding in found:
        if (finding.rule, text[finding.start : finding.end]) in allowed:
            continue
        at = bisect_left(kept, finding.end, key=lambda k: k.start)
        if at and kept[at - 1].end > finding.start:
            continue
        kept.insert(at, finding)
    return sorted(kept, key=lambda k: (k.start, k.rule))


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


def scan_document(document: Document, names: NamesList = NO_NAMES) -> list[Problem]:
    """Privacy problems in one loaded case file, at the line and column of each value."""
    allowed = allowed_values(document.data)
    problems: list[Problem] = []
    for node in _scalars(document.root):
        text = node.value
        for finding in _kept(findings(text, names), text, allowed):
            line, column = _position(node, finding.start)
            problems.append(_problem(document.path, line, column, finding, "case file"))
    return problems


def _scalars(root: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every value in the tree, except the reviewed values themselves (they would re-flag)."""
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, in_reviewed = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, in_reviewed) for item in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                if in_reviewed and key.value == "value":
                    continue
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


def scan_text(text: str, path: str, names: NamesList = NO_NAMES) -> list[Problem]:
    """Privacy problems in a Markdown page, with line and column taken from the text.

    A page allows a reviewed value with the same ``privacy_reviewed`` list in its YAML front
    matter (MkDocs does not publish front matter).
    """
    allowed: Allowed = frozenset()
    front = _FRONT_MATTER.match(text)
    if front and front.group(1):
        meta = load_bytes(front.group(1).encode("utf-8"), path)
        if isinstance(meta, Document):
            allowed = allowed_values(meta.data)
    problems: list[Problem] = []
    line_starts = _line_starts(text)
    for finding in _kept(findings(text, names), text, allowed):
        line = _line_of(line_starts, finding.start)
        column = finding.start - line_starts[line - 1] + 1
        problems.append(_problem(path, line, column, finding, "published page"))
    return problems


def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in re.finditer(r"\n", text))]


def _line_of(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset)
