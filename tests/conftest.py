"""Fixtures shared by every test folder."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from sglearn.read.project import Project

REPO = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 27)


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def tmp_project(tmp_path: Path) -> Project:
    """An empty governance repository with its own copy of the schemas and vocabularies."""
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    (tmp_path / "cases").mkdir()
    return Project(tmp_path)
