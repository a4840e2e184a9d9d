"""Each nation's allegation clock, on its own bank-holiday calendar, from schemas/nations.yaml."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from sglearn.review.model import Case
from sglearn.review.verdicts import referral_timeliness, working_calendar
from sglearn.review.vocabulary import Vocabularies
from tests.site.builders import MakeCase

REPO = Path(__file__).resolve().parents[2]
AS_OF = date(2027, 6, 1)


def _case(
    make_case: MakeCase, jurisdiction: str, track: str, body: str, received: str, made: str
) -> Case:
    referral: dict[str, Any] = {
        "body": body,
        "required": True,
        "decision": "referred",
        "date": made,
    }
    data = make_case(
        jurisdiction=jurisdiction,
        track=track,
        dates={"concern_received": received, "investigation_concluded": "2027-02-01"},
    )
    data["referrals"] = [referral]
    return Case.from_data(data)


@pytest.mark.parametrize(
    ("jurisdiction", "received", "made", "state", "why"),
    [
        # Wales, 24 hours judged by the next working day: Friday 24 Dec 2027 -> Wednesday 29th
        # is one working day (27th and 28th are the Christmas bank holidays).
        ("wales", "2027-12-24", "2027-12-29", "on-time", "Welsh Christmas holidays"),
        ("wales", "2027-12-24", "2027-12-30", "late", "two working days"),
        # St Andrew's Day (30 Nov 2027, a Tuesday) is a Scottish bank holiday, not a Welsh one.
        ("wales", "2027-11-29", "2027-12-01", "late", "30 November is a working day in Wales"),
    ],
)
def test_nation_clock_wales_designated_officer_by_the_next_working_day(
    make_case: MakeCase,
    vocabularies: Vocabularies,
    jurisdiction: str,
    received: str,
    made: str,
    state: str,
    why: str,
) -> None:
    case = _case(make_case, jurisdiction, "adults", "designated-officer", received, made)
    verdict = referral_timeliness(case, case.referrals[0], vocabularies, AS_OF)
    assert verdict.state == state, why
    assert verdict.unit == "working days" and verdict.allowed == 1


def test_nation_clock_each_nation_counts_its_own_bank_holidays(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    st_andrews = date(2027, 11, 30)
    calendars = {
        nation: working_calendar(
            _case(make_case, nation, "adults", "police", "2027-11-29", "2027-11-29"), vocabularies
        )
        for nation in ("england", "wales", "scotland", "northern-ireland")
    }
    assert st_andrews in calendars["scotland"].holidays_between(date(2027, 11, 1), st_andrews)
    assert st_andrews not in calendars["england"].holidays_between(date(2027, 11, 1), st_andrews)
    st_patricks = date(2028, 3, 17)
    northern = calendars["northern-ireland"].holidays_between(date(2028, 3, 1), st_patricks)
    assert st_patricks in northern
    assert st_patricks not in calendars["wales"].holidays_between(date(2028, 3, 1), st_patricks)


@pytest.mark.parametrize(
    ("jurisdiction", "body"),
    [("northern-ireland", "trust-designated-officer"), ("scotland", "lead-agency")],
)
def test_nation_clock_no_fixed_clock_records_the_decision_without_a_verdict(
    make_case: MakeCase, vocabularies: Vocabularies, jurisdiction: str, body: str
) -> None:
    case = _case(make_case, jurisdiction, "children", body, "2027-03-01", "2027-03-19")
    verdict = referral_timeliness(case, case.referrals[0], vocabularies, AS_OF)
    assert verdict.state == "made"
    assert verdict.taken is None


def test_nation_clock_england_lado_still_follows_the_settings(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    case = _case(make_case, "england", "children", "lado", "2027-03-05", "2027-03-08")
    verdict = referral_timeliness(case, case.referrals[0], vocabularies, AS_OF)
    assert (verdict.state, verdict.taken, verdict.allowed) == ("on-time", 1, 1)


def test_nation_clock_every_body_the_nations_file_names_is_a_referral_body() -> None:
    nations = yaml.safe_load((REPO / "schemas" / "nations.yaml").read_text(encoding="utf-8"))
    bodies = yaml.safe_load(
        (REPO / "schemas" / "vocabularies" / "referral-bodies.yaml").read_text(encoding="utf-8")
    )
    known = {term["id"] for term in bodies["terms"]}
    named = {nation["barring"]["body"] for nation in nations["nations"]}
    for nation in nations["nations"]:
        for rules in nation["tracks"].values():
            named |= {rules["clock"]["body"], rules["regulator"]["body"]}
    assert named <= known, sorted(named - known)


def _timed_case(make_case: MakeCase, received_at: str | None, made_at: str | None) -> Case:
    """A Welsh adults' case: concern on Friday 5 March 2027, Designated Officer on Monday."""
    dates: dict[str, Any] = {
        "concern_received": "2027-03-05",
        "investigation_concluded": "2027-04-01",
    }
    if received_at is not None:
        dates["concern_received_time"] = received_at
    referral: dict[str, Any] = {
        "body": "designated-officer",
        "required": True,
        "decision": "referred",
        "date": "2027-03-06",
    }
    if made_at is not None:
        referral["time"] = made_at
    data = make_case(jurisdiction="wales", track="adults", dates=dates)
    data["dates"] = dates
    data["referrals"] = [referral]
    return Case.from_data(data)


@pytest.mark.parametrize(
    ("received_at", "made_at", "state", "taken", "unit"),
    [
        # Both times given: judged in hours. 17:00 Friday to 16:30 Saturday is 23.5 hours.
        ("17:00", "16:30", "on-time", 24, "hours"),
        ("17:00", "17:00", "on-time", 24, "hours"),
        # One minute over 24 hours: a started hour counts whole, so 25 hours, late.
        ("17:00", "17:01", "late", 25, "hours"),
        # A time on one side only: judged as by the next working day from the dates.
        ("17:00", None, "on-time", 0, "working days"),
        (None, "17:01", "on-time", 0, "working days"),
    ],
)
def test_nation_clock_wales_in_hours_when_the_record_gives_both_times(
    make_case: MakeCase,
    vocabularies: Vocabularies,
    received_at: str | None,
    made_at: str | None,
    state: str,
    taken: int,
    unit: str,
) -> None:
    case = _timed_case(make_case, received_at, made_at)
    verdict = referral_timeliness(case, case.referrals[0], vocabularies, AS_OF)
    assert (verdict.state, verdict.taken, verdict.unit) == (state, taken, unit)


def _dbs_case(make_case: MakeCase, removed: str | None, made: str, jurisdiction: str) -> Case:
    dates: dict[str, Any] = {
        "concern_received": "2027-01-04",
        "investigation_concluded": "2027-04-01",
    }
    if removed is not None:
        dates["removed_from_regulated_activity"] = removed
    body = "disclosure-scotland" if jurisdiction == "scotland" else "dbs"
    data = make_case(jurisdiction=jurisdiction, track="adults", dates=dates)
    data["dates"] = dates
    data["referrals"] = [{"body": body, "required": True, "decision": "referred", "date": made}]
    return Case.from_data(data)


@pytest.mark.parametrize(
    ("removed", "made", "state", "taken"),
    [
        # Suspension is not removal: with no removal recorded the duty arises at the conclusion.
        (None, "2027-04-20", "on-time", 19),
        # Removed from regulated activity on 1 February: the duty arose then, so April is late.
        ("2027-02-01", "2027-04-20", "late", 78),
        ("2027-02-01", "2027-02-15", "on-time", 14),
        # A removal after the conclusion does not move the start.
        ("2027-05-01", "2027-04-20", "on-time", 19),
        # A removal known only as a month before the conclusion's month: not judged from a guess.
        ("2027-02", "2027-04-20", "not-judged", None),
        # A year that may or may not have come before the conclusion: not judged either.
        ("2027", "2027-04-20", "not-judged", None),
        # A month that starts on or after the conclusion day cannot have come first.
        ("2027-04", "2027-04-20", "on-time", 19),
    ],
)
@pytest.mark.parametrize("jurisdiction", ["england", "scotland"])
def test_nation_clock_barring_duty_arises_at_conclusion_or_earlier_removal(
    make_case: MakeCase,
    vocabularies: Vocabularies,
    removed: str | None,
    made: str,
    state: str,
    taken: int | None,
    jurisdiction: str,
) -> None:
    case = _dbs_case(make_case, removed, made, jurisdiction)
    verdict = referral_timeliness(case, case.referrals[0], vocabularies, AS_OF)
    assert (verdict.state, verdict.taken) == (state, taken)
    assert verdict.unit == "days after the duty to refer arose"
    if state == "not-judged":
        assert verdict.reason is not None and "removed" not in verdict.reason
