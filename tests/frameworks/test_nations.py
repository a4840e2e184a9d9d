"""The nations file: every nation and track, with the facts the verdict engine reads."""

from __future__ import annotations

from pathlib import Path

import holidays
import pytest

from sglearn.read.project import Project
from sglearn.review.nations import TRACKS, Nations, NationsError, load_nations

REPO = Path(__file__).resolve().parents[2]
ALL = ("england", "wales", "scotland", "northern-ireland")


@pytest.fixture(scope="module")
def nations() -> Nations:
    return load_nations(Project(REPO))


@pytest.mark.parametrize("nation", ALL)
@pytest.mark.parametrize("track", TRACKS)
def test_every_nation_and_track_has_a_clock_regulator_and_outcome_list(
    nations: Nations, nation: str, track: str
) -> None:
    rules = nations.track(nation, track)
    assert rules.clock.description and rules.regulator.label
    assert rules.outcomes.track in TRACKS


def test_clocks_follow_each_nations_guidance(nations: Nations) -> None:
    england = nations.track("england", "children").clock
    assert (england.kind, england.working_days, england.body) == ("working-days", 1, "lado")
    for track in TRACKS:
        wales = nations.track("wales", track).clock
        assert (wales.kind, wales.hours, wales.when_only_dates) == (
            "hours",
            24,
            "next-working-day",
        )
    scotland = nations.track("scotland", "adults").clock
    assert not scotland.judged
    assert scotland.required_fields == ("referral_made", "referred_by_role", "reason_not_referred")
    assert not nations.track("northern-ireland", "children").clock.judged


def test_barring_bodies_and_professional_regulators_differ_by_nation(nations: Nations) -> None:
    assert {n: nations.nation(n).barring.body for n in ALL} == {
        "england": "dbs",
        "wales": "dbs",
        "scotland": "disclosure-scotland",
        "northern-ireland": "dbs",
    }
    assert "sssc" in nations.nation("scotland").professional_regulators
    assert "niscc" in nations.nation("northern-ireland").professional_regulators
    assert "social-care-wales" in nations.nation("wales").professional_regulators
    assert "social-work-england" in nations.nation("england").professional_regulators


@pytest.mark.parametrize("nation", ALL)
def test_each_nation_names_a_holidays_calendar_that_exists(nations: Nations, nation: str) -> None:
    found = nations.nation(nation)
    calendar = holidays.country_holidays(
        found.holidays_country, subdiv=found.holidays_subdivision, years=2026
    )
    assert len(calendar) >= 8


def test_scotland_and_wales_have_different_bank_holidays(nations: Nations) -> None:
    def days(nation: str) -> set[object]:
        n = nations.nation(nation)
        return set(holidays.country_holidays("GB", subdiv=n.holidays_subdivision, years=2026))

    assert days("scotland") != days("wales")


def test_a_broken_nations_file_names_the_file_and_line(tmp_project: Project) -> None:
    path = tmp_project.root / "schemas/nations.yaml"
    text = path.read_text(encoding="utf-8").replace("subdivision: WLS", "subdivision: CYM")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NationsError) as raised:
        load_nations(tmp_project)
    (problem,) = raised.value.problems
    assert problem.path == "schemas/nations.yaml"
    assert problem.line == next(i for i, t in enumerate(text.splitlines(), 1) if "CYM" in t)
