"""Golden snapshots of generated pages: a change to any page shows up as a reviewable diff.

Refresh after an intended change with

    SGLEARN_UPDATE_GOLDEN=1 python -m pytest tests/site/test_golden.py

and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sglearn.review.vocabulary import Vocabularies
from sglearn.site.render import GeneratedFile
from tests.site.builders import base_case, merge, render_pages, small_set

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("SGLEARN_UPDATE_GOLDEN") == "1"
PAGES = [
    "index.md",
    "learning-log.md",
    "cases/LR-2025-002.md",
    "themes/index.md",
    "themes/supervision-inconsistent.md",
    "services/index.md",
    "services/maple-court.md",
    "actions.md",
    "inspectors.md",
    "commissioners.md",
    "downloads.md",
    "downloads/themes.csv",
    "charts/cases-per-quarter.svg",
]


@pytest.fixture(scope="module")
def site(vocabularies: Vocabularies) -> dict[str, GeneratedFile]:
    def make(case_id: str = "LR-2025-001", **changes: object) -> dict[str, object]:
        return merge(base_case(case_id), changes)

    return render_pages(small_set(make), vocabularies)


@pytest.mark.parametrize("path", PAGES)
def test_golden_page_matches_its_snapshot(site: dict[str, GeneratedFile], path: str) -> None:
    golden = GOLDEN.joinpath(*path.split("/"))
    content = site[path].content
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(content, encoding="utf-8", newline="")
    assert golden.is_file(), f"no snapshot for {path}: run with SGLEARN_UPDATE_GOLDEN=1"
    assert content == golden.read_text(encoding="utf-8"), (
        f"{path} differs from tests/golden/{path}; if the change is intended, "
        "refresh with SGLEARN_UPDATE_GOLDEN=1 and review the diff"
    )
