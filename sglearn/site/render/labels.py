"""Words for the codes in case files, dates and figures: plain English for managers and inspectors.

Vocabulary terms carry their own labels (themes, services, bodies); these are the fixed
lists of the case schema. Formatting never depends on the machine's locale.
"""

from __future__ import annotations

import re
from datetime import date

from sglearn.read.record_date import MONTHS, RecordDate

_WORDS: dict[str, str] = {
    # case type
    "allegation": "Allegation",
    "low-level-concern": "Low-level concern",
    # track, route, setting, jurisdiction
    "well-led": "Well-led",
    "adults": "Adults",
    "children": "Children",
    "lado": "LADO",
    "pipot": "PiPoT",
    "s42-enquiry": "Section 42 enquiry",
    "designated-officer": "Designated Officer for Safeguarding",
    "adult-support-and-protection": "Adult support and protection inquiry",
    "child-protection": "Child protection",
    "adult-safeguarding": "Adult safeguarding",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
    "internal": "Handled inside the service",
    "childrens-home": "Children's home",
    "england": "England",
    "wales": "Wales",
    # action status and tracker state
    "planned": "Planned",
    "in-progress": "In progress",
    # measures
    "improved": "Improved",
    "not-improved": "Not improved",
    "not-yet-measured": "Not yet measured",
    "unverified": "Follow-up not yet checked",
    "higher": "Higher is better",
    "lower": "Lower is better",
    # referrals
    "referred": "Referred",
    "not-referred": "Not referred",
    "not-applicable": "Not applicable",
    "pending": "Pending",
    "on-time": "On time",
    "late": "Late",
    "made": "Made",
    "made-undated": "Made, date not recorded",
    "not-made": "Required but not made",
    "not-required": "Not required",
    "not-judged": "Cannot be judged",
    "not-known": "Not known",
    "unknown": "Unknown",
    "none-made": "No action by the body",
    "not-yet-known": "Not yet known",
    # where learning went; meetings
    "training-programme": "Training programme",
    "team-meeting": "Team meetings",
    "leadership-oversight": "Leadership oversight",
    "safeguarding-governance": "Safeguarding governance meeting",
    "quality-committee": "Quality committee",
    "clinical-governance": "Clinical governance meeting",
    "multi-agency": "Multi-agency meeting",
    # sources and signals
    "person-using-service": "Person using the service",
    "staff-member": "Member of staff",
    "visiting-professional": "Visiting professional",
    "police-call-out": "Police call-out",
    "hospital-visit": "Hospital visit",
    "safeguarding-alert": "Safeguarding alert",
    "tools-and-technology": "Tools and technology",
    "internal-environment": "Internal environment",
    "external-environment": "External environment",
}

SIGNALS_NOT_JOINED_UP = "Warning signals not joined up"
"""One name for one idea: earlier signals nobody put together at the time (also the theme's
label), on the case pages, the learning log and the dashboard alike."""

CASE_STATUS = {
    "open": "Review open",
    "actions-in-progress": "Actions in progress",
    "monitoring-effectiveness": "Monitoring effectiveness",
    "closed": "Closed, effect verified",
}
ACTION_STATE = {
    "overdue": "Overdue",
    "due-soon": "Due soon",
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done, effect not yet verified",
    "verified": "Verified effective",
    "cancelled": "Cancelled",
    "due-not-exact": "Due date not exact",
    "no-due-date": "No due date agreed",
    "not-known": "Status not known",
}

# Status words map to one of five tones; the stylesheet colours the tone, the word says it.
_TONES: dict[str, str] = {
    "overdue": "alert",
    "late": "alert",
    "not-made": "alert",
    "not-improved": "alert",
    "recurrence": "alert",
    "not-acted-on": "alert",
    "due-soon": "warning",
    "pending": "warning",
    "made-undated": "warning",
    "not-yet-measured": "warning",
    "unverified": "warning",
    "not-stated": "warning",
    "not-known": "warning",
    "not-judged": "warning",
    "due-not-exact": "warning",
    "no-due-date": "warning",
    "open": "info",
    "planned": "info",
    "in-progress": "info",
    "actions-in-progress": "info",
    "monitoring-effectiveness": "info",
    "verified": "success",
    "improved": "success",
    "on-time": "success",
    "closed": "success",
    "acted-on": "success",
}
TONES = ("alert", "warning", "info", "success", "neutral")


def words(code: str) -> str:
    """The label of a fixed code; unknown codes read as sentence-case words."""
    found = _WORDS.get(code)
    if found is not None:
        return found
    text = code.replace("-", " ")
    return text[:1].upper() + text[1:]


def tone(code: str) -> str:
    return _TONES.get(code, "neutral")


def long_date(day: date | RecordDate) -> str:
    """'14 May 2016', 'May 2016', '2016' or 'Not known': only as exact as the record."""
    return (day if isinstance(day, RecordDate) else RecordDate.of(day)).words()


def short_date(day: date | RecordDate | None) -> str:
    """'14 May 2016' with a short month; 'May 2016', '2016' or 'Not known' when less exact."""
    if day is None:
        return "not recorded"
    if isinstance(day, RecordDate):
        if day.exact is None:
            return day.words()
        day = day.exact
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def period(start: RecordDate, end: RecordDate) -> str:
    """'1 Oct 2025 to 30 Apr 2026', '2013 to 2016', or one value when both ends read alike."""
    first, last = short_date(start), short_date(end)
    return first if first == last else f"{first} to {last}"


def number(value: float) -> str:
    """12.0 → 12, 85.50 → 85.5: figures as a person would write them."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def figure(value: float, unit: str | None) -> str:
    """A value with its unit: '74%', '5 complaints', '1 complaint'."""
    if unit is None:
        return number(value)
    if unit == "%":
        return f"{number(value)}%"
    if value == 1 and re.fullmatch(r"[a-z]+[^s]s", unit):
        unit = unit[:-1]  # a one-word plural unit reads as singular after 1
    return f"{number(value)} {unit}"


def elapsed(count: int, unit: str) -> str:
    """A clock's count with its unit: '1 working day', '25 hours', '1 day after the ...'."""
    if count == 1:
        unit = re.sub(r"\b(day|hour)s\b", r"\1", unit, count=1)
    return f"{count} {unit}"


def trace_state(code: str) -> str:
    """The word for a step's state on a trace page: an action's state, a measure's result,
    or whether a warning signal was acted on."""
    signal = {"acted-on": "Acted on", "not-acted-on": "Not acted on", "not-known": "Not known"}
    return ACTION_STATE.get(code) or signal.get(code) or words(code)


def movement(change: int) -> str:
    """'Up 2', 'Down 1' or 'No change': a trend in words, not only an arrow or a colour."""
    if change == 0:
        return "No change"
    return f"{'Up' if change > 0 else 'Down'} {abs(change)}"


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (many or singular + 's')}"
