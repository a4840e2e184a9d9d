"""The hand-written workflow guides say only what sglearn does."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from sglearn.check.validation import validate
from sglearn.commands.cli import main
from sglearn.read.project import Project
from sglearn.site.render import NAV
from sglearn.site.render.checks import PATH as CHECKS_PATH

REPO = Path(__file__).resolve().parent.parent.parent
DOCS = REPO / "docs"
PAGES = (
    "writing-a-review.md",
    "reviewing-a-pull-request.md",
    "inspectors-and-commissioners.md",
    "publishing.md",
)


def test_worked_example_in_writing_a_review_is_a_valid_case(tmp_project: Project) -> None:
    text = (DOCS / "writing-a-review.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    case = tmp_project.cases_dir / "LR-2026-009.yaml"
    case.write_text("".join(blocks), encoding="utf-8")
    checked = validate(tmp_project, date(2026, 6, 1))
    assert checked.problems == []


def test_writing_a_review_shows_the_options_sglearn_new_has(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    options = set(re.findall(r"--[a-z-]+", capsys.readouterr().out))
    text = (DOCS / "writing-a-review.md").read_text(encoding="utf-8")
    for used in re.findall(r"sglearn new[^`\n]*", text):
        for option in re.findall(r"--[a-z-]+", used):
            assert option in options


# Pages the sglearn plugin adds at build time; docs/ may link to them.
GENERATED = {path for _title, path in NAV} | {CHECKS_PATH}


@pytest.mark.parametrize("page", PAGES)
def test_links_between_pages_are_relative_and_lead_somewhere(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        assert not target.startswith(("/", "http:")), target
        if not target.startswith("https:") and target not in GENERATED:
            assert (DOCS / target).is_file(), f"{page} links to missing {target}"


def test_docs_build_strictly(tmp_path: Path) -> None:
    import mkdocs.commands.build as mkdocs
    from mkdocs.config import load_config

    if not (REPO / "mkdocs.yml").is_file():
        pytest.skip("mkdocs.yml is not there yet")
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    mkdocs.build(config)
    for page in PAGES:
        assert (tmp_path / "site" / page.removesuffix(".md") / "index.html").is_file()
    shutil.rmtree(tmp_path / "site")
