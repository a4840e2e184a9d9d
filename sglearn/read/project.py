"""Where a governance repository keeps its cases, schemas and vocabularies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CASE_SCHEMA = "case.schema.json"


def packaged_schemas() -> Path:
    """The schemas shipped with sglearn: inside the wheel, or beside the package in a checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "schemas"
    return installed if installed.is_dir() else package.parent / "schemas"


@dataclass(frozen=True)
class Project:
    """A governance repository: ``cases/`` for reviews, ``schemas/`` for the vocabularies.

    A repository may carry only some vocabulary files (its own services, say); anything it
    does not carry comes from the copy shipped with sglearn.
    """

    root: Path

    @property
    def cases_dir(self) -> Path:
        return self.root / "cases"

    @property
    def schemas_dir(self) -> Path:
        own = self.root / "schemas"
        return own if (own / CASE_SCHEMA).is_file() else packaged_schemas()

    def schema_file(self, relative: str) -> Path:
        own = self.root / "schemas" / relative
        return own if own.is_file() else packaged_schemas() / relative

    def display(self, path: Path) -> str:
        """The repository-relative POSIX name used in every message."""
        # absolute(), not resolve(): a link is named where it stands, not where it points.
        try:
            return path.absolute().relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return path.as_posix()


def find_project(start: Path) -> Project:
    """The nearest folder at or above ``start`` that has a ``cases/`` folder, else ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "cases").is_dir():
            return Project(folder)
    return Project(start)
