"""The plain ``mkdocs build`` the site is compared with has the site's own navigation.

Without an explicit ``nav`` MkDocs would list every case page in the navigation Material
repeats on every page (a cost growing with the square of the cases, which the site avoids),
and the comparison would flatter ``sglearn build``.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from sglearn.bench.harness import _plain_config, case_page_sizes
from sglearn.bench.site_timing import read_mkdocs_yml
from sglearn.site.navigation import nav_paths, site_nav
from sglearn.site.render import NAV

REPO = Path(__file__).resolve().parents[2]


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / ".hidden").mkdir()
    for name in ("about.md", "guide/reading.md", ".hidden/secret.md", "privacy.md"):
        (docs / name).write_text("# Page\n", encoding="utf-8")
    return docs


@pytest.mark.parametrize(
    "own_nav",
    [None, [{"Guide": ["guide/reading.md", "about.md"]}, {"Home": "index.md"}]],
    ids=["no nav", "nav placing a generated page"],
)
def test_baseline_nav_is_the_plugins_nav(tmp_path: Path, own_nav: list[object] | None) -> None:
    from sglearn.publish.mkdocs_adapter import plugin as plugin

    docs = _docs(tmp_path)
    config = SimpleNamespace(nav=own_nav, docs_dir=str(docs))
    assert site_nav(docs, own_nav) == plugin.SglearnPlugin()._nav(config)


def test_baseline_config_lists_no_case_page(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    _docs(tmp_path)
    plain = tmp_path / "mkdocs-plain.yml"
    plain.write_text(_plain_config(tmp_path / "mkdocs.yml", "rendered"), encoding="utf-8")
    config = read_mkdocs_yml(plain)
    assert config["docs_dir"] == "rendered"
    assert all("sglearn" not in str(p) for p in config["plugins"])
    original = read_mkdocs_yml(REPO / "mkdocs.yml")
    for key in ("theme", "markdown_extensions", "extra_css", "extra_javascript"):
        assert config[key] == original.get(key), key
    assert "cases/" not in str(config["nav"])
    listed = nav_paths(config["nav"])
    assert {path for _title, path in NAV} <= listed
    assert config["validation"]["nav"]["omitted_files"] == "info"


def test_case_page_sizes_measures_what_surrounds_the_article(tmp_path: Path) -> None:
    for name, body in (("a", "x" * 100), ("b", "y" * 300), ("c", "z" * 200)):
        page = tmp_path / "cases" / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<nav>{'n' * 1024}</nav><article>{body}</article>", encoding="utf-8")
    sizes = case_page_sizes(tmp_path)
    assert sizes["pages"] == 3
    assert sizes["shell_kb"] == pytest.approx((len("<nav></nav></article>") + 1024) / 1024)
    assert case_page_sizes(tmp_path / "nowhere") == {}


def test_baseline_config_keeps_mkdocs_tags_for_mkdocs_to_resolve(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    (tmp_path / "mkdocs.yml").write_text(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "rendered").mkdir()
    plain = tmp_path / "mkdocs-plain.yml"
    plain.write_text(_plain_config(tmp_path / "mkdocs.yml", "rendered"), encoding="utf-8")
    config = load_config(str(plain))
    base = config.mdx_configs["pymdownx.snippets"]["base_path"]
    assert Path(base) == tmp_path / "rendered" / "snippets" / "performance-table.md"


def test_baseline_pages_end_with_the_glossarys_abbreviations(tmp_path: Path) -> None:
    """The plugin appends the abbreviations to every page it hands MkDocs; the plain build
    must expand them too, or the comparison leaves out work the site does."""
    from sglearn.bench.site_timing import _end_with_abbreviations

    docs = _docs(tmp_path)
    (docs / "snippets").mkdir()
    (docs / "snippets" / "table.md").write_text("| a |\n", encoding="utf-8")
    _end_with_abbreviations(REPO, docs)
    assert (docs / "snippets" / "table.md").read_text(encoding="utf-8") == "| a |\n"
    for page in ("about.md", "guide/reading.md"):
        text = (docs / page).read_text(encoding="utf-8")
        assert text.startswith("# Page\n")
        assert "\n*[CQC]: Care Quality Commission" in text
