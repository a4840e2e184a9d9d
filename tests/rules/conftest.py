"""Fixtures for the rule tests: a throwaway project to validate fixtures in, and rule contexts."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from sglearn.check.rules import CaseContext
from sglearn.check.validation import Report, validate
from sglearn.read.loading import Document, load_bytes
from sglearn.read.project import Project
from sglearn.review.vocabulary import Vocabularies, load_vocabularies

AS_OF = date(2026, 11, 27)
BASE_CASE = Path(__file__).resolve().parent.parent / "data" / "rules" / "valid" / "LR-2026-101.yaml"

ValidateTree = Callable[[Path], Report]
MakeContext = Callable[..., CaseContext]


@pytest.fixture
def validate_tree(tmp_path: Path) -> ValidateTree:
    """Copy a fixture (a case file, or a folder of them) into a fresh project and validate it.

    The project has no schemas/ of its own, so the schemas shipped with sglearn are used.
    Every folder that receives a case file is validated, so a fixture may hold subfolders.
    """

    def run(fixture: Path) -> Report:
        cases = tmp_path / "cases"
        if fixture.is_dir():
            shutil.copytree(fixture, cases)
        else:
            cases.mkdir()
            shutil.copy(fixture, cases / fixture.name)
        folders = sorted({file.parent for file in cases.rglob("*.yaml")})
        return validate(Project(tmp_path), AS_OF, folders)

    return run


@pytest.fixture(scope="session")
def vocabularies(tmp_path_factory: pytest.TempPathFactory) -> Vocabularies:
    return load_vocabularies(Project(tmp_path_factory.mktemp("no-schemas")))


@pytest.fixture
def make_context(vocabularies: Vocabularies) -> MakeContext:
    """A rule context for a case given as YAML text; the schema check is deliberately skipped."""

    def make(
        text: str,
        *,
        as_of: date = AS_OF,
        vocab: Vocabularies | None = None,
        name: str = "LR-2026-101.yaml",
    ) -> CaseContext:
        loaded = load_bytes(text.encode("utf-8"), f"cases/{name}")
        assert isinstance(loaded, Document), loaded
        return CaseContext(loaded, vocab or vocabularies, as_of)

    return make


@pytest.fixture
def base_text() -> str:
    """The valid adults' case, to be edited by a test."""
    return BASE_CASE.read_text(encoding="utf-8")
