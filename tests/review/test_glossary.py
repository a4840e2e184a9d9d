"""The glossary: every term of art explained once, and every abbreviation expandable."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sglearn.read.project import Project
from sglearn.review.glossary import GlossaryError, load_glossary
from sglearn.site.glossary_page import abbreviations, glossary_page

REPO = Path(__file__).resolve().parents[2]


def test_glossary_explains_the_terms_readers_met_unexplained() -> None:
    terms = {t.term for t in load_glossary(Project(REPO))}
    assert {"PiPoT", "SEIPS", "Work-system component", "System level", "LADO", "CQC"} <= terms


def test_every_abbreviation_is_expanded_on_every_page() -> None:
    block = abbreviations(load_glossary(Project(REPO)))
    assert "*[PiPoT]: Person in a position of trust" in block
    assert "*[SEIPS]: Systems Engineering Initiative for Patient Safety" in block


def test_glossary_page_gives_each_term_an_anchor_to_link_to() -> None:
    page = glossary_page(load_glossary(Project(REPO)))
    assert '<dl id="term-work-system-component" markdown>' in page
    assert len(re.findall(r"<dt>", page)) == len(load_glossary(Project(REPO)))


def test_a_term_explained_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    (tmp_path / "cases").mkdir()
    glossary = tmp_path / "schemas" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(
        text + "  - {term: cqc, abbreviation: true, expansion: Again, explanation: Said twice.}\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as raised:
        load_glossary(Project(tmp_path))
    [problem] = raised.value.problems
    assert problem.rule == "glossary/duplicate"
    assert problem.line == len(text.splitlines()) + 1
