"""Which bank-holiday calendar each jurisdiction uses: schemas/nations.yaml, one place.

Settings files written before the nations file named calendars under ``jurisdictions:``.
They still load: such a line is read only for a jurisdiction the nations file does not
list, and a line that contradicts the nations file is an error, so two files never give
one nation two calendars without anyone noticing.
"""

from __future__ import annotations

from sglearn.read.loading import Document
from sglearn.read.problems import Problem
from sglearn.review.calendar import UnknownCalendarError, check_calendar
from sglearn.review.nations import NATIONS_FILE, Nations

RULE = "settings/calendar"


def calendar_problems(settings: Document) -> list[Problem]:
    """Each calendar an older settings file names must be one the holidays package knows."""
    entries = settings.data.get("jurisdictions")
    if not isinstance(entries, dict):
        return []
    problems = []
    for jurisdiction, entry in entries.items():
        try:
            check_calendar(str(entry["bank_holidays"]))
        except UnknownCalendarError:
            problems.append(
                _problem(
                    settings,
                    str(jurisdiction),
                    f"there is no bank-holiday calendar {entry['bank_holidays']!r} for "
                    f"{jurisdiction}",
                    "Use GB-ENG, GB-WLS, GB-SCT or GB-NIR (a calendar of the holidays package).",
                )
            )
    return problems


def contradictions(settings: Document | None, nations: Nations | None) -> list[Problem]:
    """A settings line naming another calendar for a nation the nations file lists."""
    entries = settings.data.get("jurisdictions") if settings is not None else None
    if settings is None or nations is None or not isinstance(entries, dict):
        return []
    problems = []
    for jurisdiction, entry in entries.items():
        nation = nations.nations.get(str(jurisdiction))
        named = str(entry["bank_holidays"])
        if nation is not None and named != nation.calendar_id:
            problems.append(
                _problem(
                    settings,
                    str(jurisdiction),
                    f"settings.yaml says {jurisdiction} counts working days with {named}, but "
                    f"{NATIONS_FILE} says {nation.calendar_id}",
                    f"Remove the '{jurisdiction}' line from 'jurisdictions:' in settings.yaml: "
                    f"each nation's calendar is kept in {NATIONS_FILE}. Change it there if it "
                    "is wrong.",
                )
            )
    return problems


def _problem(settings: Document, jurisdiction: str, message: str, hint: str) -> Problem:
    line, column = settings.locate(("jurisdictions", jurisdiction, "bank_holidays"))
    return Problem(settings.path, line, column, RULE, message, hint)
