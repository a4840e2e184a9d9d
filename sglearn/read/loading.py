"""Read one case file safely and keep a line and column for every value.

YAML is composed once into a node tree (libyaml's C composer when present) and turned into
plain Python values by our own walk, so that:

- nothing but strings, whole numbers, decimals, true/false, null, lists and mappings can
  ever be built (no tags that construct objects);
- YAML 1.1 surprises keep the lead's meaning: ``no``, ``yes``, ``on``, ``off``, unquoted
  dates and numbers with leading zeros stay text, and the schema says so when a field wants
  something else;
- duplicate keys, aliases, several documents, deep nesting and oversized files are refused
  with a problem that names the line, instead of being silently accepted or exploding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sglearn.read.problems import Problem

try:  # libyaml is about nine times faster; PyYAML's pure-Python parser is the fallback.
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_048_576
"""A case file larger than 1 MiB is refused: real reviews are a few kilobytes."""

MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted; a case needs about six levels."""

# libyaml composes recursively; far below the depth at which it would exhaust the C stack,
# the file is scanned event by event (which is not recursive) before it is composed.
_SCAN_DEPTH_ABOVE = 2_000

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)")
_FLOAT = re.compile(r"[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+]?[0-9]+)?")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})

Path_ = tuple[str | int, ...]


class _Loader(_BaseLoader):
    """Resolves nothing implicitly: every plain scalar arrives as text and we decide."""


@dataclass
class Document:
    """A loaded case: its values and the node tree that remembers where each one was."""

    path: str
    data: dict[str, Any]
    root: yaml.MappingNode
    problems: list[Problem] = field(default_factory=list)

    def locate(self, where: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``where``, or of its key.

        Walks as deep as the path exists, so a missing field points at its parent.
        """
        node: yaml.Node = self.root
        mark = node.start_mark
        for step in where:
            child, key_node = _child(node, step)
            if child is None:
                break
            mark = key_node.start_mark if key and key_node is not None else child.start_mark
            node = child
        return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return value_node, key_node
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        return node.value[step], None
    return None, None


class _Refused(Exception):
    def __init__(self, mark: Any, rule: str, message: str, hint: str) -> None:
        # ``mark`` is a PyYAML or libyaml Mark (same fields, different classes), or None.
        super().__init__(message)
        self.line = mark.line + 1 if mark else 1
        self.column = mark.column + 1 if mark else 1
        self.rule, self.message, self.hint = rule, message, hint


def load_file(file: Path, display: str) -> Document | list[Problem]:
    """Load ``file`` as a case; ``display`` is the repo-relative name used in problems."""
    try:
        if file.is_symlink():
            return [
                _file_problem(
                    display,
                    "yaml/symlink",
                    "the file is a symbolic link, which sglearn does not follow",
                    "Replace the link with the case file itself.",
                )
            ]
        with file.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return [
            _file_problem(
                display,
                "io/unreadable",
                f"the file cannot be read ({error.strerror or error})",
                "Check that the file exists and that you have permission to read it.",
            )
        ]
    return load_bytes(raw, display)


def load_bytes(raw: bytes, display: str) -> Document | list[Problem]:
    """Load a case from bytes; returns a Document, or the problems that stopped it loading."""
    if len(raw) > MAX_FILE_BYTES:
        return [
            _file_problem(
                display,
                "yaml/too-large",
                f"the file is larger than the {MAX_FILE_BYTES // 1024} KiB limit for a case file",
                "A learning review is a few kilobytes; move attachments out of the file "
                "and refer to them instead.",
            )
        ]
    text_or_problem = _decode(raw, display)
    if isinstance(text_or_problem, Problem):
        return [text_or_problem]
    text = text_or_problem
    try:
        _check_depth(text)
        root = _compose_single(text)
        data = _build(root, 0)
    except _Refused as refused:
        if refused.rule == "yaml/alias":
            refused.line, refused.column = _first_alias(text) or (refused.line, refused.column)
        return [
            Problem(
                display, refused.line, refused.column, refused.rule, refused.message, refused.hint
            )
        ]
    except yaml.MarkedYAMLError as error:
        return [_syntax_problem(display, error, text)]
    except yaml.YAMLError as error:
        return [
            _file_problem(
                display,
                "yaml/syntax",
                f"the file is not valid YAML ({error})",
                "Check the indentation and that every quote is closed.",
            )
        ]
    except RecursionError:
        return [
            _file_problem(
                display,
                "yaml/too-deep",
                f"the file is nested more than {MAX_DEPTH} levels deep",
                "Case files need only a few levels of indentation; check the structure.",
            )
        ]
    assert isinstance(root, yaml.MappingNode) and isinstance(data, dict)
    return Document(display, data, root)


def _decode(raw: bytes, display: str) -> str | Problem:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _file_problem(
            display,
            "yaml/encoding",
            "the file is saved as UTF-16, not UTF-8",
            "Save the file with UTF-8 encoding (in VS Code: the encoding in the "
            "status bar, then 'Save with Encoding', then 'UTF-8').",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # A UTF-8 byte-order mark is harmless: Windows editors add it.
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Problem(
            display,
            line,
            column,
            "yaml/encoding",
            f"the file contains bytes that are not UTF-8 text (byte 0x{raw[error.start]:02x})",
            "Save the file with UTF-8 encoding; if text was pasted from another program, "
            "retype the characters around this position.",
        )
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return Problem(
            display,
            line,
            column,
            "yaml/control-character",
            f"the file contains an invisible control character (U+{ord(bad.group()):04X})",
            "Delete and retype the text around this position; it was probably pasted "
            "from another program.",
        )
    return text


# Tabs, newlines and carriage returns are allowed; other C0/C1 controls are not YAML text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _check_depth(text: str) -> None:
    """Refuse pathological nesting before libyaml's recursive composer sees it."""
    longest_line = max((len(line) for line in text.split("\n")), default=0)
    if text.count("[") + text.count("{") + longest_line <= _SCAN_DEPTH_ABOVE:
        return
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    event.start_mark,
                    "yaml/too-deep",
                    f"the file is nested more than {MAX_DEPTH} levels deep",
                    "Case files need only a few levels of indentation; check the structure.",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose_single(text: str) -> yaml.Node:
    loader = _Loader(text)
    try:
        if not loader.check_node():
            raise _Refused(
                None,
                "yaml/empty",
                "the file is empty",
                "Start from a sample in cases/ or run 'sglearn new'.",
            )
        root = loader.get_node()
        if loader.check_node():
            extra = loader.get_node()
            raise _Refused(
                extra.start_mark if extra else None,
                "yaml/multiple-documents",
                "the file holds more than one document",
                "Keep one learning review per file and remove the '---' line.",
            )
    finally:
        loader.dispose()
    if not isinstance(root, yaml.MappingNode):
        raise _Refused(
            root.start_mark if root else None,
            "yaml/not-a-mapping",
            "the file must be a set of 'field: value' lines at the top level",
            "Start the file with 'id: LR-YYYY-NNN' and the other fields, not with a list "
            "or a single value.",
        )
    return root


def _build(node: yaml.Node, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise _Refused(
            node.start_mark,
            "yaml/too-deep",
            f"the file is nested more than {MAX_DEPTH} levels deep",
            "Case files need only a few levels of indentation; check the structure.",
        )
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if node.tag not in (_SEQ, _MAP):
        raise _tag_refusal(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, depth + 1) for item in _once(node)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in _pairs(node):
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            raise _Refused(
                key_node.start_mark,
                "yaml/complex-key",
                "a field name is not plain text",
                "Field names are single words such as 'title:'; remove the brackets or tag.",
            )
        key = key_node.value
        if key == "<<" and not key_node.style:
            raise _Refused(
                key_node.start_mark,
                "yaml/merge-key",
                "'<<' merge keys are not supported",
                "Write the fields out in full.",
            )
        if key in seen:
            first = seen[key].start_mark.line + 1
            raise _Refused(
                key_node.start_mark,
                "yaml/duplicate-key",
                f"the field '{key}' appears twice (first on line {first})",
                "Keep one of them: YAML would silently use only the last one.",
            )
        seen[key] = key_node
        result[key] = _build(value_node, depth + 1)
    return result


_SEEN_ATTR = "_sglearn_seen"


def _once(node: yaml.SequenceNode) -> Iterator[yaml.Node]:
    for item in node.value:
        _mark_seen(item)
        yield item


def _pairs(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    for key_node, value_node in node.value:
        _mark_seen(value_node)
        yield key_node, value_node


def _mark_seen(node: yaml.Node) -> None:
    """The composer shares one node object wherever an alias (*name) points at it."""
    if getattr(node, _SEEN_ATTR, False):
        raise _Refused(
            node.start_mark,
            "yaml/alias",
            "anchors and aliases (&name / *name) are not allowed",
            "Write the value out in full where it is needed.",
        )
    setattr(node, _SEEN_ATTR, True)


def _first_alias(text: str) -> tuple[int, int] | None:
    """Where the first '*name' stands: the shared node only remembers its anchor (rare path)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return event.start_mark.line + 1, event.start_mark.column + 1
    return None


def _tag_refusal(node: yaml.Node) -> _Refused:
    return _Refused(
        node.start_mark,
        "yaml/tag",
        f"the YAML tag '{node.tag}' is not allowed",
        "Remove the word starting with '!' before the value.",
    )


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag != _STR:
        raise _tag_refusal(node)
    value: str = node.value
    if node.style:  # quoted or block text is always text (plain is None, or "" from libyaml)
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        try:
            return int(value.replace("_", ""))
        except ValueError:  # Python refuses over 4,300 digits: such a "number" stays text
            return value
    if _FLOAT.fullmatch(value):
        return float(value.replace("_", ""))
    return value


def _syntax_problem(display: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = (error.problem or "is not valid YAML").strip()
    hint = "Check the indentation on this line and the one above, and that every quote is closed."
    lines = text.split("\n")
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        hint = "Use spaces, not tabs, to indent."
    elif "mapping values are not allowed" in what:
        hint = (
            "Text containing ': ' must be in quotes, for example: title: \"Review: night shift\"."
        )
    return Problem(display, line, column, "yaml/syntax", f"this is not valid YAML: {what}", hint)


def _file_problem(display: str, rule: str, message: str, hint: str) -> Problem:
    return Problem(display, 1, 1, rule, message, hint)
