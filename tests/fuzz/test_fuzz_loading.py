"""The loader turns any bytes into a Document or problems: it never raises."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sglearn.read.loading import Document, load_bytes
from sglearn.read.problems import Problem
from tests.fuzz.support import FUZZ, case_like, dump, keys, mutated, trees, tried


def _outcome(raw: bytes) -> Document | list[Problem]:
    loaded = load_bytes(raw, "cases/fuzz.yaml")
    if isinstance(loaded, Document):
        assert isinstance(loaded.data, dict)
    else:
        assert loaded, "a refused file must say why"
        for problem in loaded:
            assert problem.path == "cases/fuzz.yaml"
            assert problem.line >= 1 and problem.column >= 1
            assert problem.rule.startswith("yaml/") and problem.message and problem.hint
    return loaded


@FUZZ
@given(st.binary(max_size=3000))
def test_fuzz_loader_raw_bytes_never_raise(raw: bytes) -> None:
    tried("loader: raw bytes")
    _outcome(raw)


@FUZZ
@given(mutated(st.builds(dump, case_like, st.booleans())))
def test_fuzz_loader_mutated_yaml_never_raises(raw: bytes) -> None:
    tried("loader: mutated YAML")
    _outcome(raw)


def _without_floats(value: Any) -> bool:
    if isinstance(value, float):
        return False
    if isinstance(value, list):
        return all(_without_floats(v) for v in value)
    if isinstance(value, dict):
        return all(_without_floats(v) for v in value.values())
    return True


@FUZZ
@given(st.dictionaries(keys, trees, min_size=1, max_size=6), st.booleans())
def test_fuzz_loader_reads_back_what_safe_dump_wrote(value: dict[str, Any], unicode: bool) -> None:
    tried("loader: safe_dump round trip")
    loaded = _outcome(dump(value, unicode))
    if isinstance(loaded, Document):
        assert loaded.data == value
    else:  # the only refusal a well-formed tree can meet is the nesting limit
        assert [p.rule for p in loaded] == ["yaml/too-deep"]
