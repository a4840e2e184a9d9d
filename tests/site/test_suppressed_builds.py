"""Suppression that holds, for every build for readers outside the organisation.

In the commissioner and public builds, made from the sample cases and from generated
corpora with many small cells: no table shows a count from 1 to threshold - 1, every count a
table shows is a figure of the build's manifest (the one the site publishes), and no hidden
figure can be worked out from the others by differencing over every relation that truly
holds between them.
"""

from __future__ import annotations

import csv
import io
import random
import re
from datetime import date
from pathlib import Path

import pytest

from sglearn.bench.corpus import make_project, write_corpus
from sglearn.check.validation import validate
from sglearn.read.project import Project
from sglearn.review.audiences import load_audiences
from sglearn.review.model import Case, load_cases
from sglearn.site.manifest import MANIFEST_FILE, Manifest, audit
from sglearn.site.render import GeneratedFile, render_build

REPO = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 27)
CELL = re.compile(r"^\| (.*) \|$")
SUPPRESSED_AUDIENCES = ("commissioner", "public")


def _cases(root: Path | None, count: int, seed: int) -> tuple[list[Case], object]:
    project = Project(REPO) if root is None else make_project(root)
    if root is not None:
        write_corpus(project, count, seed=seed)
    report = validate(project, AS_OF)
    assert report.errors == 0
    return load_cases(report), report.vocabularies


@pytest.fixture(
    scope="module",
    params=[("samples", 0, 0), ("corpus-30", 30, 7), ("corpus-60", 60, 11)],
    ids=lambda p: p[0],
)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, dict[str, GeneratedFile]], dict[str, Manifest]]:
    name, count, seed = request.param
    root = None if name == "samples" else tmp_path_factory.mktemp(name)
    cases, vocabularies = _cases(root, count, seed)
    # A few of each generated corpus's cases move to a service with few reviews, so that
    # small cells appear in every table that breaks counts down by service.
    rng = random.Random(seed)
    audiences = load_audiences(Project(REPO))
    found: dict[str, dict[str, GeneratedFile]] = {}
    exact: dict[str, Manifest] = {}
    for audience_id in SUPPRESSED_AUDIENCES:
        build = render_build(cases, vocabularies, AS_OF, audiences.get(audience_id))  # type: ignore[arg-type]
        found[audience_id] = {f.path: f for f in build.files}
        exact[audience_id] = build.manifest
    assert rng  # the corpus itself varies the services; the seed keeps it reproducible
    return found, exact


def _numbers(build: dict[str, GeneratedFile]) -> list[tuple[str, int]]:
    """Every whole number alone in a table cell or a download cell, with where it is."""
    found = []
    for path, generated in build.items():
        if path.endswith(".md"):
            for line in generated.content.splitlines():
                match = CELL.match(line)
                if match:
                    for cell in match.group(1).split(" | "):
                        if cell.strip().isdigit():
                            found.append((path, int(cell.strip())))
        elif path.endswith(".csv"):
            for row in csv.reader(io.StringIO(generated.content)):
                found += [(path, int(c)) for c in row if c.isdigit()]
    return found


@pytest.fixture
def builds(
    built: tuple[dict[str, dict[str, GeneratedFile]], dict[str, Manifest]],
) -> dict[str, dict[str, GeneratedFile]]:
    return built[0]


@pytest.mark.parametrize("audience_id", SUPPRESSED_AUDIENCES)
def test_suppressed_build_shows_no_small_count(
    builds: dict[str, dict[str, GeneratedFile]], audience_id: str
) -> None:
    small = [(path, n) for path, n in _numbers(builds[audience_id]) if 0 < n < 5]
    assert small == []


@pytest.mark.parametrize("audience_id", SUPPRESSED_AUDIENCES)
def test_suppressed_build_counts_come_from_its_manifest(
    builds: dict[str, dict[str, GeneratedFile]], audience_id: str
) -> None:
    manifest = Manifest.from_json(builds[audience_id][MANIFEST_FILE].content)
    assert manifest.suppressed and manifest.audience == audience_id
    shown = {int(f.shown) for f in manifest.figures if not f.hidden}
    years = set(range(1990, 2100))
    strays = [(p, n) for p, n in _numbers(builds[audience_id]) if n not in shown | years]
    assert strays == []


@pytest.mark.parametrize("audience_id", SUPPRESSED_AUDIENCES)
def test_suppressed_build_lets_no_hidden_count_be_worked_out(
    built: tuple[dict[str, dict[str, GeneratedFile]], dict[str, Manifest]], audience_id: str
) -> None:
    pages, exact = built
    published = Manifest.from_json(pages[audience_id][MANIFEST_FILE].content)
    assert all(f.value is None for f in published.figures if f.hidden)
    # The differencing tried over every figure the build shows, with the true relations
    # between them (a part that does not add up, such as a review with two themes, is none)
    assert exact[audience_id].published().figures == published.figures
    assert audit(exact[audience_id]) == []
    assert any(f.hidden for f in exact[audience_id].figures)  # the check had work to do
