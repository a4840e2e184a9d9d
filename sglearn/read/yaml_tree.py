"""The YAML node tree walk: compose one document and build only plain values from it.

Split from :mod:`sglearn.read.loading` (which reads and decodes the file): here the text
becomes a node tree and values, refusing tags, aliases, merge keys, duplicate keys and deep
nesting with the line they stand on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

try:  # libyaml is about nine times faster; PyYAML's pure-Python parser is the fallback.
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]

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


class _Loader(_BaseLoader):
    """Resolves nothing implicitly: every plain scalar arrives as text and we decide."""


class Refused(Exception):
    def __init__(self, mark: Any, rule: str, message: str, hint: str) -> None:
        # ``mark`` is a PyYAML or libyaml Mark (same fields, different classes), or None.
        super().__init__(message)
        self.line = mark.line + 1 if mark else 1
        self.column = mark.column + 1 if mark else 1
        self.rule, self.message, self.hint = rule, message, hint


def check_depth(text: str) -> None:
    """Refuse pathological nesting before libyaml's recursive composer sees it."""
    longest_line = max((len(line) for line in text.split("\n")), default=0)
    if text.count("[") + text.count("{") + longest_line <= _SCAN_DEPTH_ABOVE:
        return
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(
                    event.start_mark,
                    "yaml/too-deep",
                    f"the file is nested more than {MAX_DEPTH} levels deep",
                    "Case files need only a few levels of indentation; check the structure.",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def compose_single(text: str) -> yaml.Node:
    loader = _Loader(text)
    try:
        if not loader.check_node():
            raise Refused(
                None,
                "yaml/empty",
                "the file is empty",
                "Start from a sample in cases/ or run 'sglearn new'.",
            )
        root = loader.get_node()
        if loader.check_node():
            extra = loader.get_node()
            raise Refused(
                extra.start_mark if extra else None,
                "yaml/multiple-documents",
                "the file holds more than one document",
                "Keep one learning review per file and remove the '---' line.",
            )
    finally:
        loader.dispose()
    if not isinstance(root, yaml.MappingNode):
        raise Refused(
            root.start_mark if root else None,
            "yaml/not-a-mapping",
            "the file must be a set of 'field: value' lines at the top level",
            "Start the file with 'id: LR-YYYY-NNN' and the other fields, not with a list "
            "or a single value.",
        )
    return root


def build(node: yaml.Node, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise Refused(
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
        return [build(item, depth + 1) for item in _once(node)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in _pairs(node):
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            raise Refused(
                key_node.start_mark,
                "yaml/complex-key",
                "a field name is not plain text",
                "Field names are single words such as 'title:'; remove the brackets or tag.",
            )
        key = key_node.value
        if key == "<<" and not key_node.style:
            raise Refused(
                key_node.start_mark,
                "yaml/merge-key",
                "'<<' merge keys are not supported",
                "Write the fields out in full.",
            )
        if key in seen:
            first = seen[key].start_mark.line + 1
            raise Refused(
                key_node.start_mark,
                "yaml/duplicate-key",
                f"the field '{key}' appears twice (first on line {first})",
                "Keep one of them: YAML would silently use only the last one.",
            )
        seen[key] = key_node
        result[key] = build(value_node, depth + 1)
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
        raise Refused(
            node.start_mark,
            "yaml/alias",
            "anchors and aliases (&name / *name) are not allowed",
            "Write the value out in full where it is needed.",
        )
    setattr(node, _SEEN_ATTR, True)


def first_alias(text: str) -> tuple[int, int] | None:
    """Where the first '*name' stands: the shared node only remembers its anchor (rare path)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return event.start_mark.line + 1, event.start_mark.column + 1
    return None


def _tag_refusal(node: yaml.Node) -> Refused:
    return Refused(
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
