"""Say what is wrong with a YAML syntax error in a lead's words, naming indentation as such.

libyaml and PyYAML report a mis-indented line in several ways ("mapping values are not
allowed", "did not find expected key", "expected <block end>, but found ..."), and the first
of them is also what a title with ': ' in it gives. Their words alone cannot tell the two
apart, so the line itself is read: its indentation against the lines above it, and whether
the text before the colon is a field name.
"""

from __future__ import annotations

import re

import yaml

_FIELD = re.compile(r"(?:- +)*([A-Za-z_][A-Za-z0-9_]*) *:(?: |$)")
_MISALIGNED = (
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
)
_QUOTE_HINT = "Text containing ': ' must be in quotes, for example: title: \"Review: night shift\"."
_GENERIC_HINT = (
    "Check the indentation on this line and the one above, and that every quote is closed."
)


def explain_syntax(error: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, str]:
    """Line, column, message and hint for a syntax error in ``text``."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = (error.problem or "is not valid YAML").strip()
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here:
        return line, column, f"this is not valid YAML: {what}", "Use spaces, not tabs, to indent."
    indentation = _indentation(lines, line, column, what)
    if indentation is not None:
        return indentation
    hint = _QUOTE_HINT if "mapping values are not allowed" in what else _GENERIC_HINT
    return line, column, f"this is not valid YAML: {what}", hint


def _indentation(
    lines: list[str], line: int, column: int, what: str
) -> tuple[int, int, str, str] | None:
    """The indentation mistake behind the error, if the lines show one."""
    if not 0 < line <= len(lines):
        return None
    here = lines[line - 1]
    indent = len(here) - len(here.lstrip(" "))
    above = _columns_above(lines, line)
    if not above:
        return None
    if "mapping values are not allowed" in what:
        field = _FIELD.match(here.lstrip())
        starts_line = field is not None and here.index(":") + 1 == column
        above_text = lines[above[0][1] - 1]
        if not (starts_line and indent > above[0][0] and _has_value(above_text)):
            return None  # a colon inside text: the quote hint fits
    elif not any(words in what for words in _MISALIGNED):
        return None
    aligned = indent in (spaces for spaces, _ in above)
    entry = here.lstrip().startswith("- ")
    name = field_name(here)
    if not name or (aligned and not entry) or (aligned and "mapping values" in what):
        return None  # not a field, or lined up with one: the indentation is not the mistake
    shown = _listing(above)
    fits = (
        "does not fit under the lines above it"
        if aligned
        else ("lines up with none of the lines above it")
    )
    message = (
        f"the indentation is wrong: '{name}' on line {line} has {_spaces(indent)} before it "
        f"and {fits} ({shown})"
    )
    hint = (
        "Fields of one section start in the same column, and the fields inside a section are "
        "indented 2 more spaces than its name; so do the '- ' entries of one list. Move line "
        f"{line} (or line {above[0][1]}, if that is the one out of line) to line up with what it "
        "belongs with, using spaces, not tabs."
    )
    return line, indent + 1, message, hint


def _listing(above: list[tuple[int, int]]) -> str:
    """'line 34 has 2 (4 after the '- '), line 28 has 0', for the three nearest lines."""
    columns: dict[int, list[int]] = {}
    for spaces, number in above:
        columns.setdefault(number, []).append(spaces)
    parts = []
    for number, counts in list(columns.items())[:3]:
        text = f"line {number} has {min(counts)}"
        if len(counts) > 1:
            text += f" ({max(counts)} after the '- ')"
        parts.append(text)
    return ", ".join(parts)


def _columns_above(lines: list[str], line: int) -> list[tuple[int, int]]:
    """The columns the lines above start at, nearest first, each further left (spaces, line)."""
    found: list[tuple[int, int]] = []
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        for spaces in sorted({_key_column(text), len(text) - len(text.lstrip(" "))}, reverse=True):
            if not found or spaces < found[-1][0]:
                found.append((spaces, number))
        if found[-1][0] == 0:
            break
    return found


def field_name(text: str) -> str:
    """'route:' for a line 'route: pipot', '- body:' for '  - body: dbs', else ''."""
    stripped = text.strip()
    match = _FIELD.match(stripped)
    if match is None:
        return stripped[:30] if stripped.startswith("- ") else ""
    return stripped[: match.end(1)] + ":"


def _key_column(text: str) -> int:
    """Where a line's field (or list entry) starts: '  - body: x' starts its field at 4."""
    column = len(text) - len(text.lstrip(" "))
    rest = text[column:]
    while rest.startswith("- "):
        stripped = rest[2:].lstrip(" ")
        column += len(rest) - len(stripped)
        rest = stripped
    return column


def _has_value(text: str) -> bool:
    """A line 'key: value' cannot open a section, so a line indented under it is misplaced."""
    match = _FIELD.match(text.strip())
    if match is None:
        return True  # a list entry or text: nothing can be nested under it either
    rest = text.strip()[match.end() :].strip()
    return bool(rest) and not rest.startswith(("#", "|", ">"))


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"
