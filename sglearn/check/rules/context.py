"""What a rule may look at: one valid case with its line marks, the vocabularies, the as-of date.

Kept apart from the registry so that rule modules import this and the registry imports them,
with no circle between them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from types import ModuleType
from typing import Any

from sglearn.read.loading import Document
from sglearn.read.problems import Problem
from sglearn.read.record_date import RecordDate, RecordDateError, parse_record_date
from sglearn.review.model import Case, UnsafeIdError
from sglearn.review.vocabulary import Vocabularies

# Python 3.11's fromisoformat also reads 20260531 and week dates; the schema wants only this.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


_ABSENT = object()
"""What value_at gives for a path the case does not have (None is a value YAML can hold)."""


@dataclass(frozen=True)
class CaseContext:
    """What a per-file rule may look at: one valid case, the vocabularies and the as-of date."""

    document: Document
    vocabularies: Vocabularies
    as_of: date

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data

    @cached_property
    def case(self) -> Case | None:
        """The typed case, for the verdict engine; None while a date cannot be read.

        A date that is not on the calendar (2026-02-30) is reported by ``dates/order``; the
        rules that judge dates wait until it is fixed rather than judge half a case.
        """
        try:
            return Case.from_data(self.data, self.document.path)
        except (ValueError, KeyError, TypeError, UnsafeIdError):
            return None

    def problem(
        self,
        rule: ModuleType,
        where: tuple[str | int, ...],
        message: str,
        hint: str = "",
        *,
        key: bool = False,
    ) -> Problem:
        line, column = self.document.locate(where, key=key)
        return Problem(self.document.path, line, column, rule.ID, message, hint, rule.LEVEL)

    def value_at(self, where: tuple[str | int, ...]) -> Any:
        """The value at ``where`` in the case, or ``_ABSENT`` when the path is not there."""
        value: Any = self.data
        for step in where:
            if isinstance(step, int):
                if not isinstance(value, list) or not 0 <= step < len(value):
                    return _ABSENT
            elif not isinstance(value, dict) or step not in value:
                return _ABSENT
            value = value[step]
        return value

    def date_at(self, where: tuple[str | int, ...]) -> date | None:
        """The date at ``where``; None when the field is absent or is not a real date.

        Only ``dates/order`` reports a date that cannot be read (2026-02-30, say); every
        other rule skips it, so one wrong date is reported once and never stops a run.
        """
        value = self.value_at(where)
        return None if value is _ABSENT else parse_date(value)

    def record_at(self, where: tuple[str | int, ...]) -> RecordDate | None:
        """The date at ``where`` as exact as written (a day, month or year); None when the
        field is absent, not known, or not a date."""
        value = self.value_at(where)
        if value is _ABSENT:
            return None
        try:
            found = parse_record_date(value)
        except (RecordDateError, TypeError):
            return None
        return found if found.known else None

    def body_label(self, body: str) -> str:
        """The name of a referral body as the vocabulary spells it, e.g. 'Ofsted'."""
        term = self.vocabularies.referral_bodies.get(body)
        return term.label if term else body


@dataclass(frozen=True)
class CaseSummary:
    """The few fields cross-file rules need, so they never hold every file's full content."""

    path: str
    id: str
    id_line: int
    id_column: int
    fingerprint: str = ""
    """A hash of the review's content without its id, title, status or version."""
    opening: str = ""
    """The first words of its summary: how the one-file fast path finds a possible copy."""


def parse_date(value: object) -> date | None:
    """A ``YYYY-MM-DD`` text as a date, or None if it is not one (or not on the calendar)."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# What a copy saved under another id may change without being another review.
_NOT_CONTENT = frozenset({"id", "title", "status", "schema_version", "publication"})
OPENING_LENGTH = 40


def summarise(document: Document) -> CaseSummary:
    line, column = document.locate(("id",))
    data = document.data
    content = {k: v for k, v in data.items() if k not in _NOT_CONTENT}
    canonical = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    summary = data.get("summary")
    opening = " ".join(summary.split())[:OPENING_LENGTH] if isinstance(summary, str) else ""
    return CaseSummary(
        document.path,
        str(data.get("id", "")),
        line,
        column,
        hashlib.sha256(canonical.encode("utf-8")).hexdigest() if content else "",
        opening,
    )


CaseCheck = Callable[[CaseContext], Iterator[Problem]]
CorpusCheck = Callable[[list[CaseSummary]], Iterator[Problem]]
