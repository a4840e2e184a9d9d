"""Every registered rule is documented, has a stable id, and is exercised by a fixture."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from sglearn.check.rules import case_rules, corpus_rules
from sglearn.read.loading import Document, load_bytes
from sglearn.read.problems import Level, Problem

INVALID = Path(__file__).resolve().parent.parent / "data" / "rules" / "invalid"
RULES = case_rules() + corpus_rules()
EXPECT = re.compile(r"# expect: (?P<rule>\S+) line [0-9]+")


def rule_id(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def expected_rules() -> set[str]:
    found = set()
    for file in INVALID.rglob("*.yaml"):
        match = EXPECT.match(file.read_text(encoding="utf-8").split("\n", 1)[0])
        if match:
            found.add(match["rule"])
    return found


def example(doc: str, heading: str) -> Document | list[Problem]:
    """The YAML block under 'Passes:' or 'Fails:' in a rule's docstring, loaded like a case."""
    after = doc.split(f"\n{heading}\n", 1)[1]
    block = re.split(r"\n(?:Passes|Fails):\n", after, maxsplit=1)[0]
    return load_bytes(textwrap.dedent(block).encode("utf-8"), heading)


@pytest.mark.parametrize("module", RULES, ids=rule_id)
def test_rule_declares_id_level_and_check(module: ModuleType) -> None:
    assert re.fullmatch(r"[a-z]+/[a-z]+(-[a-z]+)*", module.ID)
    assert isinstance(module.LEVEL, Level)
    assert callable(module.check)


@pytest.mark.parametrize("module", RULES, ids=rule_id)
def test_rule_docstring_documents_a_passing_and_a_failing_example(module: ModuleType) -> None:
    doc = module.__doc__ or ""
    summary = doc.strip().split("\n", 1)[0]
    assert summary.endswith("."), "the first line is a one-sentence summary"
    assert "Passes:" in doc and "Fails:" in doc
    assert doc.index("Passes:") < doc.index("Fails:")
    for heading in ("Passes", "Fails"):
        loaded = example(doc, f"{heading}:")
        assert isinstance(loaded, Document), f"the {heading} example is not valid YAML: {loaded}"


@pytest.mark.parametrize("module", RULES, ids=rule_id)
def test_rule_is_exercised_by_a_failing_fixture(module: ModuleType) -> None:
    assert module.ID in expected_rules()
    assert (INVALID / module.ID.replace("/", "__")).is_dir()


def test_rule_ids_are_unique() -> None:
    ids = [module.ID for module in RULES]
    assert len(ids) == len(set(ids))


def test_every_fixture_folder_names_a_registered_rule() -> None:
    registered = {module.ID.replace("/", "__") for module in RULES}
    folders = {folder.name for folder in INVALID.iterdir() if folder.is_dir()}
    assert folders == registered
