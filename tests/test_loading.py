"""The loader refuses what could hide or change a lead's meaning, always naming the line."""

from __future__ import annotations

import pytest

from sglearn.read.loading import MAX_DEPTH, MAX_FILE_BYTES, Document, load_bytes


def load_ok(text: str) -> Document:
    loaded = load_bytes(text.encode("utf-8"), "cases/x.yaml")
    assert isinstance(loaded, Document), loaded
    return loaded


def refused(raw: bytes | str) -> tuple[str, int, int]:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    loaded = load_bytes(data, "cases/x.yaml")
    assert not isinstance(loaded, Document), "expected the file to be refused"
    assert len(loaded) == 1
    problem = loaded[0]
    assert problem.path == "cases/x.yaml"
    assert problem.message and problem.hint
    return problem.rule, problem.line, problem.column


def test_loading_keeps_yaml11_words_as_text() -> None:
    doc = load_ok("a: no\nb: yes\nc: on\nd: off\ne: 2026-05-31\nf: 012\ng: 1_000\n")
    assert doc.data == {
        "a": "no",
        "b": "yes",
        "c": "on",
        "d": "off",
        "e": "2026-05-31",
        "f": "012",
        "g": 1000,
    }


def test_loading_reads_true_false_numbers_and_null() -> None:
    doc = load_ok("a: true\nb: False\nc: 12\nd: -3.5\ne:\nf: ~\ng: '12'\n")
    assert doc.data == {"a": True, "b": False, "c": 12, "d": -3.5, "e": None, "f": None, "g": "12"}


def test_loading_locates_values_and_keys() -> None:
    doc = load_ok("id: LR-2026-001\nactions:\n  - id: A1\n    due: end of May\n")
    assert doc.locate(("actions", 0, "due")) == (4, 10)
    assert doc.locate(("actions", 0, "due"), key=True) == (4, 5)
    # A missing field points at the nearest parent that exists.
    assert doc.locate(("actions", 0, "owner_role")) == (3, 5)


def test_loading_refuses_duplicate_keys_at_the_second() -> None:
    assert refused("id: LR-2026-001\ntitle: a\ntitle: b\n") == ("yaml/duplicate-key", 3, 1)


def test_loading_refuses_python_tags() -> None:
    rule, line, _ = refused("id: x\nx: !!python/object/apply:os.system ['echo hi']\n")
    assert (rule, line) == ("yaml/tag", 2)


def test_loading_refuses_custom_tags() -> None:
    assert refused("id: x\nx: !secret hello\n")[:2] == ("yaml/tag", 2)


def test_loading_refuses_aliases_without_expanding_them() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    assert refused(bomb)[:2] == ("yaml/alias", 2)


def test_loading_refuses_merge_keys() -> None:
    assert refused("a: {x: 1}\nb:\n  <<: {y: 2}\n")[:2] == ("yaml/merge-key", 3)


def test_loading_refuses_several_documents() -> None:
    assert refused("id: a\n---\nid: b\n")[:2] == ("yaml/multiple-documents", 3)


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
def test_loading_refuses_a_top_level_that_is_not_a_mapping(text: str) -> None:
    assert refused(text) == ("yaml/not-a-mapping", 1, 1)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_loading_refuses_empty_files(text: str) -> None:
    assert refused(text)[0] == "yaml/empty"


def test_loading_refuses_bytes_that_are_not_utf8_naming_the_line() -> None:
    assert refused(b"id: x\ntitle: caf\xe9\n") == ("yaml/encoding", 2, 11)


def test_loading_refuses_utf16() -> None:
    assert refused("id: x\n".encode("utf-16"))[0] == "yaml/encoding"


def test_loading_accepts_a_utf8_byte_order_mark() -> None:
    loaded = load_bytes(b"\xef\xbb\xbfid: x\n", "cases/x.yaml")
    assert isinstance(loaded, Document) and loaded.data == {"id": "x"}


def test_loading_refuses_control_characters() -> None:
    assert refused("id: x\ntitle: a\x1bb\n") == ("yaml/control-character", 2, 9)


def test_loading_refuses_oversized_files() -> None:
    raw = b"a: " + b"x" * MAX_FILE_BYTES + b"\n"
    assert refused(raw)[0] == "yaml/too-large"


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5_000, 200_000])
def test_loading_refuses_deep_nesting_without_crashing(depth: int) -> None:
    assert refused("a: " + "[" * depth + "]" * depth + "\n")[0] == "yaml/too-deep"


def test_loading_accepts_nesting_up_to_the_limit() -> None:
    depth = MAX_DEPTH - 1
    load_ok("a: " + "[" * depth + "]" * depth + "\n")


def test_loading_reports_syntax_errors_with_line_and_hint() -> None:
    rule, line, _ = refused("id: x\ntitle: Review: night shift\n")
    assert (rule, line) == ("yaml/syntax", 2)


def test_loading_explains_tabs() -> None:
    loaded = load_bytes(b"id: x\nreview:\n\tmethod: x\n", "cases/x.yaml")
    assert not isinstance(loaded, Document)
    assert loaded[0].rule == "yaml/syntax"
    assert "tab" in loaded[0].hint.lower()


def test_loading_refuses_complex_keys() -> None:
    assert refused("? [a, b]\n: c\n")[0] == "yaml/complex-key"


@pytest.mark.parametrize("loader", ["CBaseLoader", "BaseLoader"])
def test_indentation_mistakes_are_named_whichever_yaml_parser_reports_them(loader: str) -> None:
    """libyaml says "did not find expected key", PyYAML "expected <block end>": the same slip."""
    import yaml

    from sglearn.read.yaml_syntax import explain_syntax

    if not hasattr(yaml, loader):
        pytest.skip("PyYAML was built without libyaml")
    text = "id: x\ndates:\n  concern_received: 2026-03-06\n investigation_concluded: 2026-04-17\n"
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=getattr(yaml, loader))
    line, _, message, hint = explain_syntax(raised.value, text)
    assert line == 4
    assert message == (
        "the indentation is wrong: 'investigation_concluded:' on line 4 has 1 space before it "
        "and lines up with none of the lines above it (line 3 has 2, line 2 has 0)"
    )
    assert "line up" in hint
