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
