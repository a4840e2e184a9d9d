"""`sglearn build --all-audiences`: a site per audience from one commit, replaced as one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sglearn.commands.cli import main
from tests.site_build.sitekit import build, tree_bytes

AUDIENCES = ("staff", "inspector", "commissioner", "public")

pytestmark = pytest.mark.slow


def test_all_audiences_builds_one_folder_each_with_its_manifest(audience_sites: Path) -> None:
    assert sorted(p.name for p in audience_sites.iterdir() if p.is_dir()) == sorted(AUDIENCES)
    for audience in AUDIENCES:
        manifest = json.loads((audience_sites / audience / "manifest.json").read_text("utf-8"))
        assert manifest["audience"] == audience
        assert (audience_sites / audience / "index.html").is_file()
    assert manifest["figures_are"] == "suppressed"


def test_each_audience_holds_only_its_pages(audience_sites: Path) -> None:
    staff, public = audience_sites / "staff", audience_sites / "public"
    assert (staff / "cases" / "LR-2026-004" / "index.html").is_file()
    assert (staff / "writing-a-review" / "index.html").is_file()
    assert not (public / "cases").exists() and not (public / "actions").exists()
    assert not (public / "writing-a-review").exists()
    assert not (audience_sites / "commissioner" / "cases").exists()
    assert (audience_sites / "inspector" / "cases" / "LR-2026-004" / "index.html").is_file()
    held = "Reviews held from publication"
    assert held in (staff / "index.html").read_text("utf-8")
    for audience in ("inspector", "commissioner", "public"):
        site = audience_sites / audience
        text = "\n".join(p.read_text("utf-8", "replace") for p in site.rglob("*.html"))
        assert held not in text, audience
        search = (site / "search" / "search_index.json").read_text("utf-8")
        assert "LR-2026-005" not in search and "LR-2026-005" not in text, audience


def test_one_audience_build_and_a_bad_one_leave_every_site_as_it_was(
    tmp_path: Path,
) -> None:
    from tests.site_build.sitekit import make_project

    project = make_project(tmp_path / "repo")
    site = tmp_path / "site"
    assert build(project, site, "--all-audiences") == 0
    before = tree_bytes(site)
    # A telephone number on a page only the public site carries: its gate refuses the
    # whole set, and no audience's site changes.
    about = project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nCall 07700 900123 to talk.\n", "utf-8")
    assert build(project, site, "--all-audiences") == 1
    assert tree_bytes(site) == before


def test_an_unknown_audience_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.site_build.sitekit import make_project

    project = make_project(tmp_path / "repo")
    status = main(["build", "--project", str(project), "--audience", "press"])
    assert status == 2
    assert "there is no audience 'press'" in capsys.readouterr().err
