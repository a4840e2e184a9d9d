"""Working days come from each nation's bank-holiday calendar, for any year, plus closure days."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from sglearn.read.problems import Problem
from sglearn.read.project import Project
from sglearn.review.calendar import WorkingCalendar
from sglearn.review.vocabulary import Vocabularies, VocabularyError, load_vocabularies

REPO = Path(__file__).resolve().parents[2]

# Counted by hand from the published bank holidays. Each span starts the working day before
# the holidays and ends the working day after them.
#   Easter 2027: Good Friday 26 March, Easter Monday 29 March (not a bank holiday in Scotland).
#   Easter 2030: Good Friday 19 April, Easter Monday 22 April (not in Scotland).
#   Christmas 2027: Saturday and Sunday, so Monday 27 and Tuesday 28 December are the days off.
#   Christmas 2030: Wednesday 25 and Thursday 26 December.
SPANS = {
    "easter-2027": (date(2027, 3, 25), date(2027, 3, 30)),
    "easter-2030": (date(2030, 4, 18), date(2030, 4, 23)),
    "christmas-2027": (date(2027, 12, 24), date(2027, 12, 29)),
    "christmas-2030": (date(2030, 12, 24), date(2030, 12, 27)),
}
EXPECTED = {
    "england": {"easter-2027": 1, "easter-2030": 1, "christmas-2027": 1, "christmas-2030": 1},
    "wales": {"easter-2027": 1, "easter-2030": 1, "christmas-2027": 1, "christmas-2030": 1},
    "scotland": {"easter-2027": 2, "easter-2030": 2, "christmas-2027": 1, "christmas-2030": 1},
    "northern-ireland": {
        "easter-2027": 1,
        "easter-2030": 1,
        "christmas-2027": 1,
        "christmas-2030": 1,
    },
}


def schema_jurisdictions() -> list[str]:
    schema = json.loads((REPO / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
    return list(schema["$defs"]["jurisdiction"]["enum"])


@pytest.mark.parametrize("jurisdiction", schema_jurisdictions())
@pytest.mark.parametrize("span", list(SPANS))
def test_calendar_counts_christmas_and_easter_2027_and_2030_per_jurisdiction(
    vocabularies: Vocabularies, jurisdiction: str, span: str
) -> None:
    assert vocabularies.nations is not None
    assert jurisdiction in vocabularies.nations.nations, (
        f"schemas/nations.yaml has no bank-holiday calendar for {jurisdiction}"
    )
    start, end = SPANS[span]
    calendar = vocabularies.calendar(jurisdiction)
    assert calendar.working_days_between(start, end) == EXPECTED[jurisdiction][span]


@pytest.mark.parametrize("jurisdiction", list(EXPECTED))
def test_calendar_settings_cover_the_four_nations(
    vocabularies: Vocabularies, jurisdiction: str
) -> None:
    calendar = vocabularies.calendar(jurisdiction)
    counted = {span: calendar.working_days_between(*SPANS[span]) for span in SPANS}
    assert counted == EXPECTED[jurisdiction]


def test_calendar_extra_closure_days_are_not_working_days(vocabularies: Vocabularies) -> None:
    settings = dataclasses.replace(
        vocabularies.settings, closure_days=frozenset({date(2027, 12, 29)})
    )
    closed = dataclasses.replace(vocabularies, settings=settings)
    start, end = SPANS["christmas-2027"]
    assert closed.calendar("england").working_days_between(start, end) == 0


def test_calendar_without_a_calendar_counts_weekends_only() -> None:
    start, end = SPANS["christmas-2030"]
    assert WorkingCalendar(None).working_days_between(start, end) == 3


def _older_settings(tmp_path: Path, lines: str) -> Path:
    """A project whose settings.yaml still names calendars, as settings did before 2027."""
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    settings = tmp_path / "schemas" / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "jurisdictions:\n" + lines)
    return settings


def test_calendar_older_settings_that_agree_with_the_nations_file_still_load(
    tmp_path: Path,
) -> None:
    _older_settings(tmp_path, "  england: {bank_holidays: GB-ENG}\n  jersey: {bank_holidays: JE}\n")
    vocabularies = load_vocabularies(Project(tmp_path))
    start, end = SPANS["christmas-2027"]
    assert vocabularies.calendar("england").working_days_between(start, end) == 1
    # A jurisdiction the nations file does not list keeps the settings' calendar.
    assert vocabularies.calendar("jersey").calendar == "JE"


def _the_one_problem(tmp_path: Path, line: str) -> Problem:
    """Load a project whose settings add ``line``; the single problem, checked to be on it."""
    settings = _older_settings(tmp_path, f"  {line}\n")
    with pytest.raises(VocabularyError) as raised:
        load_vocabularies(Project(tmp_path))
    (problem,) = raised.value.problems
    number = settings.read_text(encoding="utf-8").splitlines().index(f"  {line}") + 1
    assert (problem.path, problem.line, problem.rule) == (
        "schemas/settings.yaml",
        number,
        "settings/calendar",
    )
    return problem


def test_calendar_settings_contradicting_the_nations_file_is_an_error_with_its_line(
    tmp_path: Path,
) -> None:
    problem = _the_one_problem(tmp_path, "wales: {bank_holidays: GB-ENG}")
    assert "GB-WLS" in problem.message and "nations.yaml" in problem.hint


def test_calendar_unknown_in_settings_is_an_error_with_its_line(tmp_path: Path) -> None:
    problem = _the_one_problem(tmp_path, "jersey: {bank_holidays: GB-XX}")
    assert "GB-XX" in problem.message and "jersey" in problem.message
