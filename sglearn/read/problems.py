"""Problems are values: every stage reports what is wrong as data, and only reporters print."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a safeguarding lead must fix, located in a file.

    ``path`` is relative to the project root in POSIX form so that CI annotations and
    messages read the same on every machine. ``line`` and ``column`` are 1-based; 0 means
    "the file as a whole".
    """

    path: str
    line: int
    column: int
    rule: str
    message: str
    hint: str = ""
    level: Level = Level.ERROR

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order by file and position so output is stable and reads top to bottom."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.rule, p.message))
