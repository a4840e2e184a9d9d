"""Fixtures for the site tests: the shipped vocabularies and a synthetic case builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from sglearn.check.case_schema import case_checker
from sglearn.read.loading import Document, load_bytes
from sglearn.read.project import Project
from sglearn.review.vocabulary import Vocabularies, load_vocabularies
from tests.site.builders import MakeCase, base_case, merge


@pytest.fixture(scope="session")
def vocabularies(tmp_path_factory: pytest.TempPathFactory) -> Vocabularies:
    """The vocabularies shipped with sglearn (a project with no schemas/ of its own)."""
    return load_vocabularies(Project(tmp_path_factory.mktemp("no-schemas")))


@pytest.fixture(scope="session")
def schema_check(
    vocabularies: Vocabularies, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[dict[str, Any]], list[str]]:
    """Messages of schema problems in a synthetic case: the test data must stay realistic."""
    checker = case_checker(Project(tmp_path_factory.mktemp("schema")), vocabularies)

    def check(data: dict[str, Any]) -> list[str]:
        loaded = load_bytes(yaml.safe_dump(data, sort_keys=False).encode(), "case.yaml")
        assert isinstance(loaded, Document), loaded
        return [p.message for p in checker.check(loaded)]

    return check


@pytest.fixture
def make_case() -> MakeCase:
    def make(case_id: str = "LR-2025-001", **changes: Any) -> dict[str, Any]:
        return merge(base_case(case_id), changes)

    return make
