"""Read one case file safely and keep a line and column for every value (walk: yaml_tree).

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sglearn.read.files import NotRegularFile, read_regular_file
from sglearn.read.problems import Problem
from sglearn.read.yaml_syntax import explain_syntax
from sglearn.read.yaml_tree import (
    MAX_DEPTH,
    Refused,
    build,
    check_depth,
    compose_single,
    first_alias,
)

MAX_FILE_BYTES = 1_048_576
"""A case file larger than 1 MiB is refused: real reviews are a few kilobytes."""

TOO_DEEP = f"the file is nested more than {MAX_DEPTH} levels deep"
DEEP_HINT = "Case files need only a few levels of indentation; check the structure."

Path_ = tuple[str | int, ...]


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

    def values_only(self) -> Document:
        """This document without its node tree, for a build once every check has run.

        The tree keeps two marks for every value and takes several times the memory of the
        values; without it, ``locate`` points at the start of the file.
        """
        start = yaml.Mark(self.path, 0, 0, 0, "", 0)
        root = yaml.MappingNode("tag:yaml.org,2002:map", [], start, start)
        return Document(self.path, self.data, root, self.problems)


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
        raw = read_regular_file(file, MAX_FILE_BYTES)
    except NotRegularFile as error:
        return [
            _file_problem(
                display,
                "io/not-a-file",
                f"this is not a case file: {error.strerror}",
                "Case files are ordinary text files; remove or rename this entry.",
            )
        ]
    except TimeoutError as error:
        return [
            _file_problem(
                display,
                "io/too-slow",
                f"the file cannot be read in time ({error.strerror})",
                "Check the disk or network share the file is on.",
            )
        ]
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
        check_depth(text)
        root = compose_single(text)
        data = build(root, 0)
    except Refused as refused:
        if refused.rule == "yaml/alias":
            refused.line, refused.column = first_alias(text) or (refused.line, refused.column)
        return [
            Problem(
                display, refused.line, refused.column, refused.rule, refused.message, refused.hint
            )
        ]
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" in str(error.problem):  # PyYAML 6.0.4 and later say so
            line = error.problem_mark.line + 1 if error.problem_mark else 1
            return [Problem(display, line, 1, "yaml/too-deep", TOO_DEEP, DEEP_HINT)]
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
                TOO_DEEP,
                DEEP_HINT,
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


def _syntax_problem(display: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    line, column, message, hint = explain_syntax(error, text)
    return Problem(display, line, column, "yaml/syntax", message, hint)


def _file_problem(display: str, rule: str, message: str, hint: str) -> Problem:
    return Problem(display, 1, 1, rule, message, hint)
