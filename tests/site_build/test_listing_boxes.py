"""Listing boxes converted apart from their page give the page MkDocs would have written.

The big aggregate pages are mostly listing boxes: tables of one row per review or action, and
the learning log's entries. The plugin converts each box on its own (and `sglearn serve` only
the rows a save changed); these tests hold that to the bytes of converting every box inside
its page, with sample and hostile text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sglearn.publish.mkdocs_adapter import listing_boxes
from sglearn.site.render.markdown import LISTING_OPEN
from tests.site_build.sitekit import (
    SAMPLE_CASE,
    build,
    make_project,
    poison,
    read_case,
    tree_bytes,
    write_case,
)


def _in_page(patch: pytest.MonkeyPatch) -> None:
    """Every box left in its page, converted with it as MkDocs converts any Markdown."""
    patch.setattr(listing_boxes, "_listing_boxes", lambda lines: [])


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The text of each box or rows the plugin converted apart (one entry per conversion)."""
    seen: list[str] = []
    convert = listing_boxes.python_markdown.Markdown.convert

    def recorded(self: Any, source: str) -> str:
        seen.append(source)
        return convert(self, source)

    monkeypatch.setattr(listing_boxes.python_markdown.Markdown, "convert", recorded)
    yield seen


def test_the_sample_site_is_the_same_as_with_every_box_converted_in_its_page(
    sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_page(monkeypatch)
    project = make_project(tmp_path / "repo")
    assert build(project, tmp_path / "in-page") == 0
    assert tree_bytes(tmp_path / "in-page") == tree_bytes(sample_site)


def test_hostile_text_in_listings_gives_the_same_site_as_in_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, taken: list[str]
) -> None:
    project = make_project(tmp_path / "repo")
    case_file = project / "cases" / f"{SAMPLE_CASE}.yaml"
    data = read_case(case_file)
    poison(data)
    write_case(case_file, data)
    assert build(project, tmp_path / "apart") == 0
    hostile = [text for text in taken if "onerror" in text]
    assert any(text.startswith("|") for text in hostile), "no table with the case's text taken"
    assert any(text.startswith("**") for text in hostile), "no learning log entry taken"
    _in_page(monkeypatch)
    assert build(project, tmp_path / "in-page") == 0
    assert tree_bytes(tmp_path / "in-page") == tree_bytes(tmp_path / "apart")


def _page(tmp_path: Path, text: str) -> tuple[Any, Any, Any]:
    """A generated page ``cases.md`` holding ``text``, in a site that also has ``other.md``."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, content in (("other.md", "# x\n"), ("cases.md", text)):
        (docs / name).write_text(content, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions: [abbr, md_in_html, tables]\n", encoding="utf-8"
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    site = str(tmp_path / "site")
    files = Files([File(name, str(docs), site, True) for name in ("other.md", "cases.md")])
    file = files.get_file_from_path("cases.md")
    return Page(None, file, config), config, files


def _box(*rows: str, head: tuple[str, ...] = ("| Review | Due |", "| --- | ---: |")) -> str:
    return "\n".join(["Intro.", "", LISTING_OPEN, "", *head, *rows, "", "</div>", ""])


def test_a_table_comes_back_in_place_of_its_comment(tmp_path: Path) -> None:
    page, config, files = _page(tmp_path, "")
    tables = listing_boxes.ListingBoxes()
    text = _box("| [Other](other.md) | 1 May |", "| CQC &#58; *x* | 2 May |")
    out = tables.take_out(
        text, page, config, files, "\n*[CQC]: Care Quality Commission\n", remember=False
    )
    assert "|" not in out and "<!-- sglearn listing" in out
    (comment,) = [line for line in out.splitlines() if line.startswith("<!-- sglearn listing")]
    html = tables.put_back(f"<p>Intro.</p>\n{comment}\n", page)
    assert '<td><a href="../other/">Other</a></td>' in html  # relative to the page, cases/
    assert '<abbr title="Care Quality Commission">CQC</abbr> &#58; <em>x</em>' in html
    assert html.count("<tr>") == 3 and "sglearn listing" not in html


def test_a_table_linking_to_an_anchor_stays_in_its_page(tmp_path: Path) -> None:
    """MkDocs checks links to anchors against the pages once all are converted."""
    page, config, files = _page(tmp_path, "")
    text = _box("| [Other](other.md#part) | 1 May |")
    tables = listing_boxes.ListingBoxes()
    assert tables.take_out(text, page, config, files, "", remember=False) == text
    assert tables.put_back("<p>Intro.</p>", page) == "<p>Intro.</p>"


def test_a_lost_table_fails_the_build_rather_than_vanish(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    page, config, files = _page(tmp_path, "")
    tables = listing_boxes.ListingBoxes()
    tables.take_out(_box("| a | 1 |"), page, config, files, "", remember=False)
    with pytest.raises(PluginError, match=r"a listing of cases\.md was lost"):
        tables.put_back("<p>Intro.</p>", page)


def test_serve_converts_again_only_the_rows_a_save_changed(
    tmp_path: Path, taken: list[str]
) -> None:
    page, config, files = _page(tmp_path, "")
    tables = listing_boxes.ListingBoxes()
    rows = [f"| Review {n} | {n} May |" for n in range(1, 30)]
    tables.take_out(_box(*rows), page, config, files, "", remember=True)
    assert len(taken) == 1 and all(row[2:-2] in taken[0] for row in rows)
    rows[7] = "| Review 8, revised | 8 May |"
    out = tables.take_out(_box(*rows), page, config, files, "", remember=True)
    assert taken[1].splitlines()[2:] == ["| Review 8, revised | 8 May |"]
    html = tables.put_back(out, page)
    assert html.count("<tr>") == 30 and "Review 8, revised" in html and "Review 29" in html


def test_entries_that_are_not_a_table_are_converted_whole_and_kept_until_changed(
    tmp_path: Path, taken: list[str]
) -> None:
    page, config, files = _page(tmp_path, "")
    boxes = listing_boxes.ListingBoxes()
    entries = ["**[Other](other.md)**", "", "- first", "", "- second", "", "Summary."]
    out = boxes.take_out(_box(*entries, head=()), page, config, files, "", remember=True)
    (comment,) = [line for line in out.splitlines() if line.startswith("<!-- sglearn listing")]
    html = boxes.put_back(comment, page)
    assert html.startswith('<p><strong><a href="../other/">Other</a></strong></p>')
    assert "<ul>\n<li>\n<p>first</p>\n</li>\n<li>\n<p>second</p>" in html  # one loose list
    boxes.take_out(_box(*entries, head=()), page, config, files, "", remember=True)
    assert len(taken) == 1  # the same entries again: nothing converted
    entries[-1] = "Summary, revised."
    boxes.take_out(_box(*entries, head=()), page, config, files, "", remember=True)
    assert len(taken) == 2 and "Summary, revised." in taken[1]


def test_a_box_with_a_line_of_html_stays_in_its_page(tmp_path: Path) -> None:
    """Raw HTML (Material's tags listing, a heading's anchor) is the page's own business."""
    page, config, files = _page(tmp_path, "")
    boxes = listing_boxes.ListingBoxes()
    for first in ("<!-- material/tags -->", "## Heading"):
        text = _box(first, "", "Words.", head=())
        assert boxes.take_out(text, page, config, files, "", remember=False) == text


def test_a_box_that_reads_like_a_table_header_never_stands_in_for_one(tmp_path: Path) -> None:
    """A header with no rows is no table: its box is converted whole, and what the preview
    keeps for it must not be taken for the header of a table on the same page."""
    page, config, files = _page(tmp_path, "")
    boxes = listing_boxes.ListingBoxes()
    text = _box() + _box("| Review 1 | 1 May |")
    first = boxes.take_out(text, page, config, files, "", remember=True)
    again = boxes.take_out(text, page, config, files, "", remember=True)
    comments = [line for line in again.splitlines() if line.startswith("<!-- sglearn listing")]
    html = boxes.put_back("\n".join(comments), page)
    assert html.count("<table>") == 2 and html.count("</table>") == 2
    assert html.count("Review 1") == 1 and first.count("<!-- sglearn listing") == 2
