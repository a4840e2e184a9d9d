"""A failed build never touches the previous site and never leaves a half-written one behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from sglearn.publish.atomic import replace_atomically
from tests.site_build.sitekit import SAMPLE_CASE, build, tree_bytes


def leftovers(folder: Path) -> list[str]:
    """Temporary folders a build made beside the site (they all start with a dot).

    The lock file (``.NAME.lock``) stays on purpose: removing it would race another build.
    """
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith(".") and p.suffix != ".lock"
    )


def test_broken_case_leaves_the_previous_site_byte_for_byte(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    assert build(project, site) == 0
    before = tree_bytes(site)
    case = project / "cases" / f"{SAMPLE_CASE}.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "title: twice\n", encoding="utf-8")

    assert build(project, site) == 1

    assert tree_bytes(site) == before
    assert leftovers(tmp_path) == []
    out, err = capsys.readouterr()
    assert f"cases/{SAMPLE_CASE}.yaml:" in out
    assert "previous site is unchanged" in err


def test_failing_mkdocs_build_leaves_the_previous_site(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cases are valid but MkDocs fails (a broken link in a hand-written page, strict)."""
    site = tmp_path / "site"
    assert build(project, site) == 0
    before = tree_bytes(site)
    about = project / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\nSee [the old page](no-such-page.md).\n",
        encoding="utf-8",
    )

    assert build(project, site, "--strict") == 1

    assert tree_bytes(site) == before
    assert leftovers(tmp_path) == []
    assert "no-such-page.md" in capsys.readouterr().err


def test_successful_build_replaces_the_whole_site(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(project, site) == 0
    (project / "cases" / f"{SAMPLE_CASE}.yaml").unlink()
    assert build(project, site) == 0
    assert not (site / "cases" / SAMPLE_CASE).exists(), "a deleted case must leave the site"
    assert leftovers(tmp_path) == []
    assert oct(site.stat().st_mode & 0o777) != oct(0o700), "the site must stay readable"


def test_interrupted_fill_keeps_the_old_folder(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")

    def half_write_then_fail(fresh: Path) -> None:
        (fresh / "index.html").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        replace_atomically(target, half_write_then_fail, project_name="repo")
    assert (target / "index.html").read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []
