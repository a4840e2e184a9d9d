"""Words first: no code where a reader expects words, and no abbreviation left unexplained.

Over the site built from the sample cases and the pages written for its readers, every
abbreviation (a word with two or more capitals, such as CQC or PiPoT) has a glossary entry,
so the site can expand it, and no vocabulary or status id (``monitoring-effectiveness``,
``not-known``) reaches the text a reader sees.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from sglearn.check.validation import validate
from sglearn.read.project import Project
from sglearn.review.glossary import load_glossary
from sglearn.review.model import load_cases
from sglearn.review.verdicts import ACTION_STATES, MEASURE_RESULTS, REFERRAL_STATES
from sglearn.site.render import render_site

REPO = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 27)
READER_DOCS = (
    "about.md",
    "reading-the-site.md",
    "inspectors-and-commissioners.md",
    "writing-a-review.md",
    "reviewing-a-pull-request.md",
)
"""The hand-written pages for leads, staff, inspectors and commissioners (the IT and
contributor pages speak to a technical reader)."""
ABBREVIATION = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b(?!-[0-9])")


def _visible(markdown: str) -> str:
    """What a reader sees: no front matter, link targets, HTML tags or code."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"^\*\[[^\]]+\]:.*$", " ", text, flags=re.M)
    return re.sub(r"<[^>]+>", " ", text)


@pytest.fixture(scope="module")
def rendered() -> tuple[dict[str, str], dict[str, str]]:
    """The generated pages' Markdown by path, and each review's title by id."""
    report = validate(Project(REPO), AS_OF)
    assert report.vocabularies is not None
    cases = load_cases(report)
    built = render_site(cases, report.vocabularies, AS_OF)
    markdown = {f.path: f.content for f in built if f.path.endswith(".md")}
    return markdown, {c.id: str(c.title) for c in cases}


@pytest.fixture(scope="module")
def pages(rendered: tuple[dict[str, str], dict[str, str]]) -> dict[str, str]:
    found = {path: _visible(text) for path, text in rendered[0].items()}
    for name in READER_DOCS:
        found[f"docs/{name}"] = _visible((REPO / "docs" / name).read_text(encoding="utf-8"))
    return found


def test_words_first_every_abbreviation_has_a_glossary_entry(pages: dict[str, str]) -> None:
    terms = {t.term for t in load_glossary(Project(REPO))}
    words = {word for term in terms for word in term.split()}
    missing = sorted(
        {
            (word, path)
            for path, text in pages.items()
            for word in ABBREVIATION.findall(text)
            if word not in terms and word not in words
        }
    )
    assert missing == [], "add these to schemas/glossary.yaml"


def test_words_first_no_vocabulary_id_reaches_a_reader(pages: dict[str, str]) -> None:
    schema = json.loads((REPO / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
    ids: set[str] = {s for s in (*ACTION_STATES, *REFERRAL_STATES, *MEASURE_RESULTS) if "-" in s}

    def collect(node: object) -> None:
        if isinstance(node, dict):
            ids.update(v for v in node.get("enum", ()) if isinstance(v, str) and "-" in v)
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(schema)
    ids = {i for i in ids if ":" not in i}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids))) + r")(?![\w-])")
    generated = {p: t for p, t in pages.items() if not p.startswith("docs/")}
    found = sorted({(m, p) for p, t in generated.items() for m in pattern.findall(t)})
    assert found == []


CASE_LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\((?:\.\./)*cases/(LR-\d{4}-\d{3})\.md\)")


def test_words_first_every_link_to_a_review_carries_its_title(
    rendered: tuple[dict[str, str], dict[str, str]],
) -> None:
    """A link to a review reads as the review's title, from a table, a list or a lead's
    text that names the review by its id ("see LR-2025-005"): never the bare id."""
    markdown, titles = rendered
    links = [(path, m[0], m[1]) for path, text in markdown.items() for m in CASE_LINK.findall(text)]
    assert len(links) > 100
    named_otherwise = sorted(
        {
            (path, case_id, shown)
            for path, shown, case_id in links
            if re.sub(r"\\(.)", r"\1", shown) != titles[case_id]
        }
    )
    assert named_otherwise == []


def test_words_first_the_check_can_fail() -> None:
    assert ABBREVIATION.findall(_visible("Tell the XYZQ lead; see LR-2026-001.")) == ["XYZQ"]
