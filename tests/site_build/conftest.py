"""Fixtures for the site tests: throwaway governance repositories and built sites."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site_build.browserkit import (
    AXE_PACKAGE,
    CACHE,
    CHROMIUM,
    CHROMIUM_ARGS,
    NPM_QUIET,
    Watched,
    check_clean,
    open_tab,
)
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
def audience_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`sglearn build --all-audiences` of the sample cases, once per test session: a folder
    per audience (staff, inspector, commissioner, public)."""
    root = make_project(tmp_path_factory.mktemp("audiences") / "repo")
    site = root.parent / "site"
    assert build(root, site, "--all-audiences") == 0
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


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser build, installed once from the npm registry into tests/.cache."""
    script = CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed, so axe-core cannot be fetched (apt-get install npm)")
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / ".gitignore").write_text("*\n", encoding="utf-8")
        subprocess.run(
            [npm, "install", "--prefix", str(CACHE), *NPM_QUIET, AXE_PACKAGE],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Watched]:
    context, watched = open_tab(browser)
    yield watched
    context.close()
    check_clean(watched)


@pytest.fixture
def axe_tab(browser: Any) -> Iterator[Watched]:
    context, watched = open_tab(browser, for_axe=True)
    yield watched
    context.close()
    check_clean(watched)
