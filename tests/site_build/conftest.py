"""Fixtures for the site tests: throwaway governance repositories and built sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site_build.sitekit import SAMPLE_CASE, build, make_project, poison, read_case, write_case


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "repo")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from this repository's own sample cases, once per test session."""
    root = make_project(tmp_path_factory.mktemp("sample") / "repo")
    site = root.parent / "site"
    assert build(root, site) == 0
    return site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    project = make_project(tmp_path_factory.mktemp("hostile") / "repo")
    for other in (project / "cases").glob("*.yaml"):
        if other.stem != SAMPLE_CASE:
            other.unlink()
    case_file = project / "cases" / f"{SAMPLE_CASE}.yaml"
    data = read_case(case_file)
    markers = poison(data)
    write_case(case_file, data)
    site = project.parent / "site"
    assert build(project, site) == 0, "a case full of hostile text is still a valid case"
    return site, markers
