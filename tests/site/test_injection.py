"""Hostile text in every free-text field reaches the page as literal text, never as markup.

Each hostile string is put into every field a lead writes, the site is rendered, and every
Markdown page is checked twice: the Markdown must not contain the live syntax, and
Python-Markdown with the site's extensions must produce no element or attribute from it.
(The plugin's tests check the HTML MkDocs itself builds.)
"""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
import yaml

from sglearn.review.vocabulary import Term, Vocabularies
from sglearn.site.render.markdown import Markdown, block, finalize, inline
from tests.site.builders import MakeCase, render_pages

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    '{: onclick="alert(1)" }',
    "{{ 7*7 }}",
    "{% if true %}template{% endif %}",
    '--8<-- "/etc/passwd"',
    "# Heading",
    "<img src=x onerror=alert(1)>",
    "[ref]: javascript:alert(1)",
    "<http://evil.example/>",
    '!!! danger "injected"',
    "??? note",
    "| a | b |\n| --- | --- |\n| c | d |",
    "Title\n===",
    "```\nfence\n```",
    "*[HTML]: abbreviation",
    "[^1]: footnote",
    ":material-alert: emoji",
    "<!-- comment --> <div markdown>*x*</div>",
    "&#60;script&#62; and \\<b>escaped\\</b>",
    '=HYPERLINK("http://evil.example")',
]
HOSTILE_TEXT = "\n\n".join(HOSTILE)

# Python-Markdown with the site's extensions (mkdocs.yml) and the common pymdownx ones.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.magiclink",
    "pymdownx.emoji",
    "pymdownx.critic",
    "pymdownx.arithmatex",
]


def hostile_case(make_case: MakeCase, text: str) -> dict[str, Any]:
    """A case with ``text`` in every free-text field a lead writes."""
    data = make_case(
        "LR-2025-001",
        title=text,
        summary=text,
        learning={
            "context": text,
            "support_approach": text,
            "day_to_day": text,
            "evidence_of_effectiveness": text,
        },
        review={"participants": [text, "Quality lead"], "lead_reviewer_role": text},
        warning_signals=[
            {"date": "2024-11-02", "kind": "complaint", "description": text, "acted_on": False}
        ],
        learning_reached=[{"channel": "policy", "date": "2025-05-20", "description": text}],
        governance=[{"meeting": "board", "date": "2025-03-18", "decision": text}],
    )
    data["referrals"].append(
        {"body": "police", "required": True, "decision": "not-referred", "rationale": text}
    )
    data["findings"][0]["description"] = text
    action = data["actions"][0]
    action.update(description=text, owner_role=text, evidence=text)
    data["actions"].append(
        {
            **action,
            "id": "A2",
            "status": "cancelled",
            "cancelled_reason": text,
        }
    )
    measure = data["measures"][0]
    measure.update(measure=text, unit=text, verified_by=text)
    second = {k: v for k, v in measure.items() if k != "follow_up"}
    data["measures"].append({**second, "id": "M2", "no_follow_up_reason": text})
    return data


def body_of(page: str) -> str:
    """The Markdown after the YAML front matter, if any."""
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def hostile_vocabularies(vocabularies: Vocabularies, text: str) -> Vocabularies:
    """Vocabulary labels and descriptions are written by people too."""
    themes = dict(vocabularies.themes)
    term = themes["supervision-inconsistent"]
    themes[term.id] = Term(term.id, text, text, term.extra)
    services = dict(vocabularies.services)
    service = services["maple-court"]
    services[service.id] = Term(service.id, text, text, service.extra)
    return dataclasses.replace(vocabularies, themes=themes, services=services)


@pytest.fixture(scope="module")
def hostile_site(vocabularies: Vocabularies) -> dict[str, str]:
    from tests.site.builders import base_case, merge

    def make(case_id: str = "LR-2025-001", **changes: Any) -> dict[str, Any]:
        return merge(base_case(case_id), changes)

    vocab = hostile_vocabularies(vocabularies, HOSTILE_TEXT)
    pages = render_pages([hostile_case(make, HOSTILE_TEXT)], vocab)
    return {path: f.content for path, f in pages.items()}


LIVE_SYNTAX = [
    "<script",
    "<img",
    "<div",
    "<!--",
    "](javascript",
    "](http",
    "![x]",
    "[ref]:",
    "[^1]",
    "*[HTML]",
    "{:",
    "{{",
    "}}",
    "{%",
    "--8<--",
    "javascript:",
    ":material-alert:",
    "&#60;script",
    "\\<b>",
]


TAGS_MARKER = "\n<!-- material/tags -->\n"
LISTING_OPEN = '\n<div class="sg-listing" data-search-exclude markdown>\n'
LISTING_CLOSE = "\n</div>\n"


def test_injection_markdown_holds_no_live_syntax(hostile_site: dict[str, str]) -> None:
    for path, page in hostile_site.items():
        if not path.endswith(".md"):
            continue
        content = body_of(page)  # front matter tags are checked on their own below
        if path == "themes/index.md":
            # The one comment sglearn writes itself: where Material lists the tags. Hostile
            # text cannot make another (its "<" is escaped), so exactly one is there.
            assert content.count(TAGS_MARKER) == 1, path
            content = content.replace(TAGS_MARKER, "")
        # The box sglearn writes itself around a list's rows (kept out of search): each one
        # opened is closed by a line of its own, and hostile text can write neither.
        opened = content.count(LISTING_OPEN)
        assert content.count(LISTING_CLOSE) == opened, path
        content = content.replace(LISTING_OPEN, "").replace(LISTING_CLOSE, "")
        for syntax in LIVE_SYNTAX:
            assert syntax not in content, (path, syntax)
        for line in content.splitlines():
            assert not line.startswith(("# Heading", "!!! danger", "??? note", "===", "```")), (
                path,
                line,
            )


def test_injection_hostile_text_is_still_there_to_read(hostile_site: dict[str, str]) -> None:
    page = hostile_site["cases/LR-2025-001.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#123;&#123; 7*7 &#125;&#125;" in page
    assert "&#35; Heading" in page
    assert "49" not in page.split("## The learning")[1].split("## What the review found")[0]


ALLOWED_ELEMENTS = {
    "p", "h1", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "a", "span", "em",
    "strong", "ul", "ol", "li", "hr", "div", "img",
}  # fmt: skip


def assert_inert(path: str, html: str) -> None:
    """Only the elements and attributes the templates write; nothing a case's text added."""
    for tag, attrs in elements(html):
        assert tag in ALLOWED_ELEMENTS, (path, tag)
        for name, value in attrs:
            assert not name.startswith("on"), (path, tag, name)
            written = {"href", "src", "alt", "class", "id", "title", "style"}
            assert name in written or (tag, name) == ("div", "data-search-exclude"), (path, name)
            if name in {"href", "src"}:
                assert value and "://" not in value and ":" not in value, (path, value)
            if name == "style":
                assert value == "text-align: right;", (path, value)
        if tag == "div":
            # the blocks we make: the small-numbers note on outside pages, and the inspectors
            # page's note on a draft (warning) or withdrawn (note) framework, and the box
            # around a list's rows that keeps them out of the search index
            assert attrs in (
                [("class", "admonition note")],
                [("class", "admonition warning")],
                [("class", "sg-listing"), ("data-search-exclude", "data-search-exclude")],
            ), (path, attrs)
        if tag == "img":
            assert dict(attrs)["src"].endswith(".svg"), (path, attrs)
    assert html.count("<h1") == 1, path


def test_injection_renders_to_no_element_or_attribute(hostile_site: dict[str, str]) -> None:
    for path, content in hostile_site.items():
        if path.endswith(".md"):
            assert_inert(path, markdown.markdown(body_of(content), extensions=EXTENSIONS))


def test_injection_front_matter_tags_are_plain_strings(hostile_site: dict[str, str]) -> None:
    content = hostile_site["cases/LR-2025-001.md"]
    front = yaml.safe_load(content.split("---\n")[1])
    assert len(front["tags"]) == 1
    for tag in front["tags"]:
        assert isinstance(tag, str)
        assert not set(tag) & set("<>&\"'`{}\\")


def test_injection_csv_cells_cannot_run_as_formulas(hostile_site: dict[str, str]) -> None:
    import csv
    import io

    for path, content in hostile_site.items():
        if path.endswith(".csv"):
            for row in csv.reader(io.StringIO(content)):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@")), (path, cell)
    assert "'=HYPERLINK" not in hostile_site["downloads/cases.csv"]  # not at the start of a cell
    title_first = render_csv_title_first()
    assert title_first.startswith("'=HYPERLINK")


def render_csv_title_first() -> str:
    from sglearn.site.exports import _cell

    return _cell('=HYPERLINK("http://evil.example")')


def test_injection_svg_charts_escape_labels(hostile_site: dict[str, str]) -> None:
    import xml.etree.ElementTree as ET

    for path, content in hostile_site.items():
        if path.endswith(".svg"):
            root = ET.fromstring(content)  # well-formed: every label was escaped
            tags = {element.tag.rpartition("}")[2] for element in root.iter()}
            assert tags <= {"svg", "title", "desc", "rect", "line", "text", "tspan"}, (path, tags)
            for element in root.iter():
                for name, value in element.attrib.items():
                    assert not name.startswith("on") and "javascript" not in value, (path, name)


@pytest.mark.parametrize("text", HOSTILE)
def test_injection_each_string_alone_in_a_cell_and_a_block(text: str) -> None:
    for escaped in (inline(text), block(text)):
        html = markdown.markdown(
            f"| h |\n| --- |\n| {inline(text)} |\n\n{escaped}", extensions=EXTENSIONS
        )
        tags = {tag for tag, _ in elements(html)}
        assert tags <= {"p", "table", "thead", "tbody", "tr", "th", "td", "em", "strong"}, (
            text,
            tags,
        )
    assert "\n" not in inline(text)


def test_injection_emphasis_and_lists_still_work() -> None:
    html = markdown.markdown(block("Some *emphasis* and __strong__:\n\n- one\n- two\n\n1. first"))
    assert "<em>emphasis</em>" in html and "<strong>strong</strong>" in html
    assert html.count("<li>") == 3


def test_injection_one_persons_asterisk_cannot_pair_with_anothers(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    data = make_case(review={"participants": ["Nurse *nights", "Carer* days"]})
    data["actions"][0]["owner_role"] = "Lead _one"
    data["actions"].append({**data["actions"][0], "id": "A2", "owner_role": "Lead two_"})
    page = render_pages([data], vocabularies)["cases/LR-2025-001.md"].content
    html = markdown.markdown(page.split("\n---\n", 1)[1], extensions=EXTENSIONS)
    assert "<em>" not in html and "<strong>" not in html
    assert "Nurse &#42;nights, Carer&#42; days" in page


def test_injection_finalize_escapes_any_printed_string() -> None:
    assert finalize("<b>") == "&lt;b&gt;"
    assert finalize("a*b_c") == "a&#42;b&#95;c"
    assert finalize(Markdown("<span>")) == "<span>"
    assert finalize(3) == "3"
    for value in (None, True, 1.5):
        with pytest.raises(TypeError):
            finalize(value)
