"""The output gate: identifiers planted through routes the input scan does not read are
caught in the built site, the build stops and the previous site is kept."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from sglearn.check.privacy import scan_published_site
from sglearn.check.privacy.published import theme_hashes
from tests.site_build.sitekit import build, make_project, tree_bytes


def _rules(problems: list) -> list[tuple[str, int, str]]:  # type: ignore[type-arg]
    return [(p.path, p.line, p.rule) for p in problems]


def test_scan_published_site_reads_every_kind_of_published_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        '<html><head><meta name="description" content="Call 07700 900123"></head>\n'
        "<body><p>NHS 943 <em>476</em> 5919</p></body></html>\n",
        encoding="utf-8",
    )
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(
        '{"docs": [{"text": "<p>Mrs Patel was present</p>"}]}', encoding="utf-8"
    )
    (site / "data.csv").write_text("id,where\nLR-1,12 Acacia Avenue\n", encoding="utf-8")
    (site / "chart.svg").write_text("<svg><title>born 1940</title></svg>\n", encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(b"<loc>jo at example dot com</loc>"))
    (site / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    problems = scan_published_site(site, tmp_path)
    assert _rules(problems) == [
        ("a/index.html", 1, "privacy/phone"),
        ("a/index.html", 2, "privacy/nhs-number"),
        ("chart.svg", 1, "privacy/date-of-birth"),
        ("data.csv", 2, "privacy/address"),
        ("logo.png", 0, "privacy/binary-file"),
        ("search/search_index.json", 1, "privacy/title-name"),
        ("sitemap.xml", 1, "privacy/email"),
    ]
    shown = " ".join(p.message for p in problems)
    assert "900123" not in shown and "Patel" not in shown and "Acacia" not in shown
    assert "no input file has it as written" in shown


def test_json_is_read_string_by_string_and_as_text_when_it_does_not_parse(
    tmp_path: Path,
) -> None:
    """A search index's strings are read as a reader sees them (markup removed, escapes
    decoded), its numbers as written; a JSON file that does not parse is read whole, the
    same way."""
    site = tmp_path / "site"
    site.mkdir()
    planted = {
        "markup.json": '{"docs": [{"text": "NHS 943 <em>476</em> 5919"}]}',
        "escaped.json": '{"text": "Ring 07700\\u0020900123"}',
        "number.json": '{"count": 9434765919}',
        "broken.json": '{"docs": [{"text": "NHS 943 *476* 5919"',
    }
    for name, text in planted.items():
        (site / name).write_text(text, encoding="utf-8")
    found = {p.path: p.rule for p in scan_published_site(site, tmp_path)}
    assert found == {
        "markup.json": "privacy/nhs-number",
        "escaped.json": "privacy/phone",
        "number.json": "privacy/nhs-number",
        "broken.json": "privacy/nhs-number",
    }


def test_scan_published_site_skips_theme_files_by_content(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    assert theme_hashes(), "the installed theme's files are hashed"
    material = next(
        p
        for p in Path(__import__("material").__file__).parent.rglob("*.js")
        if p.is_file() and p.stat().st_size > 1000
    )
    (site / "bundle.js").write_bytes(material.read_bytes())
    assert scan_published_site(site, tmp_path) == []
    (site / "bundle.js").write_bytes(material.read_bytes() + b"\n// 07700 900123\n")
    assert [p.rule for p in scan_published_site(site, tmp_path)] == ["privacy/phone"]


def test_scan_published_site_honours_reviewed_values(tmp_path: Path) -> None:
    (tmp_path / "privacy-allow.yaml").write_text(
        "values:\n  - rule: privacy/phone\n    value: 0300 123 4567\n"
        "    reason: Public switchboard.\n    reviewed_by: DPO\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>0300 123 4567 or 0300 123 4568</p>", encoding="utf-8")
    assert [p.rule for p in scan_published_site(site, tmp_path)] == ["privacy/phone"]


def test_build_stops_on_an_identifier_planted_in_a_theme_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "repo")
    site = tmp_path / "site"
    assert build(project, site) == 0
    before = tree_bytes(site)
    overrides = project / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Ring Jo on 07700 900123{% endblock %}\n',
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert build(project, site) == 1
    err = capsys.readouterr().err
    assert "privacy/phone" in err and "index.html" in err
    assert "900123" not in err
    assert "it comes from overrides/main.html" in err
    assert tree_bytes(site) == before


def test_an_identifier_in_text_every_page_repeats_is_reported_on_every_page(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    footer = "<footer><p>Contact Mrs Patel</p></footer>"
    for name in ("a", "b", "c"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(
            f"<html><body>\n<p>Page {name}</p>\n{footer}\n</body></html>\n", encoding="utf-8"
        )
    problems = scan_published_site(site, tmp_path)
    assert _rules(problems) == [
        ("a/index.html", 3, "privacy/title-name"),
        ("b/index.html", 3, "privacy/title-name"),
        ("c/index.html", 3, "privacy/title-name"),
    ]


def test_an_identifier_written_across_lines_of_markup_is_still_found(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in ("a", "b"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(
            "<html><body>\n<div>\n<!-- write to jo at\nexample dot com -->\n"
            "</div>\n</body></html>\n",
            encoding="utf-8",
        )
    problems = scan_published_site(site, tmp_path)
    assert _rules(problems) == [
        ("a/index.html", 3, "privacy/email"),
        ("b/index.html", 3, "privacy/email"),
    ]


def test_a_file_named_gz_that_is_not_gzip_is_read_as_it_is(tmp_path: Path) -> None:
    """A damaged sitemap.xml.gz (a truncated copy, a theme's mistake) is scanned as the
    bytes it holds and reported by name, never a crash of the build."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitemap.xml.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip\xff\xfe")
    (site / "notes.txt.gz").write_bytes(b"call 07700 900123 about it")
    problems = scan_published_site(site, tmp_path)
    assert {(p.path, p.rule) for p in problems} == {
        ("sitemap.xml.gz", "privacy/binary-file"),
        ("notes.txt.gz", "privacy/phone"),
    }
