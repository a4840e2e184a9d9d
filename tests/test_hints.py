"""What a lead sees for the mistakes leads make: one problem, at the right line, with a hint
that offers only the values that fit the case, names an indentation mistake as one and says
where a missing field goes.

Each case file in tests/data/hints/ is a valid review with one mistake (its first line says
which); the expected problem is written out in full below, as the lead reads it.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from sglearn.check.validation import validate
from sglearn.read.problems import Problem
from sglearn.read.project import Project

DATA = Path(__file__).resolve().parent / "data" / "hints"
AS_OF = date(2026, 11, 27)
CHILDREN_ONLY_OUTCOMES = ("false", "malicious", "unfounded")


def only_problem(tmp_path: Path, name: str) -> Problem:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(DATA / f"{name}.yaml", cases / f"{name}.yaml")
    report = validate(Project(tmp_path), AS_OF, [cases / f"{name}.yaml"])
    assert len(report.problems) == 1, report.problems
    return report.problems[0]


CASES = [
    pytest.param(
        "LR-2026-301",
        (25, 15, "schema/unknown-value"),
        "'allegation' must be one of the values for adults' cases in England, not false",
        (
            "For adults' cases in England use one of: substantiated, partially-substantiated, "
            "unsubstantiated, not-substantiated, inconclusive, not-yet-known or not-known. What "
            "each one means is in schemas/vocabularies/outcomes.yaml."
        ),
        id="outcome-false-adults",
    ),
    pytest.param(
        "LR-2026-302",
        (25, 15, "vocabulary/outcome"),
        "'false' is not an allegation outcome used for adults' cases in England",
        (
            "For adults' cases in England use one of: substantiated, partially-substantiated, "
            "unsubstantiated, not-substantiated, inconclusive, not-yet-known or not-known. What "
            "each one means is in schemas/vocabularies/outcomes.yaml."
        ),
        id="outcome-quoted-false-adults",
    ),
    pytest.param(
        "LR-2026-303",
        (26, 15, "schema/type"),
        "'allegation' must be text, not false",
        'Put the value in quotes, for example "false".',
        id="outcome-false-children",
    ),
    pytest.param(
        "LR-2026-304",
        (25, 15, "schema/unknown-value"),
        "\"upheld\" is not an allowed value for 'allegation'",
        (
            "For adults' cases in Wales use one of: substantiated, partially-substantiated, "
            "unsubstantiated, inconclusive, not-yet-known or not-known. What each one means is in "
            "schemas/vocabularies/outcomes.yaml."
        ),
        id="outcome-unknown-wales-adults",
    ),
    pytest.param(
        "LR-2026-305",
        (19, 5, "vocabulary/abuse-category"),
        (
            "'emotional' (Emotional abuse (children)) is a category for children's cases, but "
            "this case is on the adults track"
        ),
        (
            "Did you mean 'psychological'? For adults' cases use one of: physical (Physical "
            "abuse), domestic (Domestic abuse), sexual (Sexual abuse), psychological "
            "(Psychological or emotional abuse (adults)), financial (Financial or material "
            "abuse), modern-slavery, discriminatory (Discriminatory abuse), organisational "
            "(Organisational or institutional abuse), neglect (Neglect and acts of omission) or "
            "self-neglect. What each one means is in schemas/vocabularies/abuse-categories.yaml."
        ),
        id="category-children-on-adults",
    ),
    pytest.param(
        "LR-2026-306",
        (19, 5, "schema/unknown-value"),
        "\"sexual exploitation\" is not an allowed value for 'abuse_categories'",
        (
            "Did you mean 'sexual' (Sexual abuse)? For adults' cases use one of: physical "
            "(Physical abuse), domestic (Domestic abuse), sexual (Sexual abuse), psychological "
            "(Psychological or emotional abuse (adults)), financial (Financial or material "
            "abuse), modern-slavery, discriminatory (Discriminatory abuse), organisational "
            "(Organisational or institutional abuse), neglect (Neglect and acts of omission) or "
            "self-neglect. What each one means is in schemas/vocabularies/abuse-categories.yaml."
        ),
        id="category-unknown-adults",
    ),
    pytest.param(
        "LR-2026-307",
        (74, 12, "schema/unknown-value"),
        "\"Inconsistent supervision\" is not an allowed value for 'theme'",
        (
            "'Inconsistent supervision' is the name shown on the site; the file needs its id: "
            "write supervision-inconsistent. Use one of: supervision-inconsistent (Inconsistent "
            "supervision), training-gap-communication (Training gaps in communication), "
            "training-gap-safeguarding (Training gaps in safeguarding awareness), "
            "staffing-pressure (Workforce pressures and staffing shortages), record-oversight "
            "(Weak oversight of care records), practice-standards-oversight (Weak oversight of "
            "practice standards), closed-culture (Closed or restrictive culture), "
            "restrictive-practice, whistleblowing-not-heard (Whistleblowing and speaking up not "
            "heard), communication-needs (People who cannot easily report abuse), "
            "leadership-governance (Leadership and governance blind spots), signals-not-joined-up "
            "(Warning signals not joined up), recruitment-induction (Recruitment and induction) "
            "or partnership-commissioning (Distant commissioning and partnership working). What "
            "each one means is in schemas/vocabularies/themes.yaml."
        ),
        id="theme-label",
    ),
    pytest.param(
        "LR-2026-308",
        (15, 10, "schema/unknown-value"),
        "\"Maple Court\" is not an allowed value for 'service'",
        (
            "'Maple Court' is the name shown on the site; the file needs its id: write "
            "maple-court. For the adults track use one of: maple-court, riverside-lodge, "
            "harbour-homecare, linden-supported-living or glenbrae-care-at-home. What each one "
            "means is in "
            "schemas/vocabularies/services.yaml."
        ),
        id="service-name",
    ),
    pytest.param(
        "LR-2026-309",
        (38, 11, "schema/unknown-value"),
        "\"Disclosure and Barring Service (DBS)\" is not an allowed value for 'body'",
        (
            "'Disclosure and Barring Service (DBS)' is the name shown on the site; the file needs "
            "its id: write dbs. For adults' cases in England use one of: pipot (PiPoT lead), "
            "local-authority (Local authority adult safeguarding (section 42)), police, dbs "
            "(Disclosure and Barring Service (DBS)), regulator (Professional regulator (NMC, "
            "HCPC, Social Work England, SSSC)) or cqc (Care Quality Commission (CQC)). What each "
            "one means is in schemas/vocabularies/referral-bodies.yaml."
        ),
        id="referral-body-label",
    ),
    pytest.param(
        "LR-2026-310",
        (14, 8, "schema/unknown-value"),
        "\"LADO\" is not an allowed value for 'route'",
        "Did you mean 'lado'? For an allegation on the children track use one of: lado, "
        "designated-officer or child-protection.",
        id="route-children",
    ),
    pytest.param(
        "LR-2026-311",
        (51, 3, "schema/required"),
        "the field 'participants' is missing from review",
        (
            "Add 'participants:' inside 'review:' (line 50), lined up with the fields there, "
            "after 'scope:' on line 53. The roles of the people who took part in the review, one "
            "per line starting with '- '. Roles only, never names. Example: participants: "
            '["Registered manager", "Safeguarding lead", "Senior carer"]'
        ),
        id="participants-missing",
    ),
    pytest.param(
        "LR-2026-312",
        (59, 7, "schema/empty"),
        "'participants' must not be empty",
        "The role of one person who took part, never a name. Example: Registered manager",
        id="participant-empty",
    ),
    pytest.param(
        "LR-2026-313",
        (2, 1, "schema/required"),
        "the field 'route' is missing",
        (
            "Add 'route:' at the top level (no spaces before it), after 'track:' on line 13. "
            "lado, pipot, s42-enquiry, or internal (a low-level concern handled inside the "
            "service). Example: route: pipot"
        ),
        id="route-missing",
    ),
    pytest.param(
        "LR-2026-314",
        (21, 3, "schema/required"),
        "the field 'investigation_concluded' is missing from dates",
        (
            "Add 'investigation_concluded:' inside 'dates:' (line 20), lined up with the fields "
            "there, after 'concern_received:' on line 21. The day the investigation ended. A day, "
            "a month (2016-05), a year (2016) or not-known. Example: investigation_concluded: "
            "2026-03-14"
        ),
        id="date-missing",
    ),
    pytest.param(
        "LR-2026-315",
        (98, 5, "schema/required"),
        "the field 'owner_role' is missing from actions",
        (
            "Add 'owner_role:' inside entry 2 of 'actions:' (line 98), lined up with the fields "
            "there, after 'type:' on line 102. The role responsible, never a name. Write "
            "not-known if the review did not name an owner; the site shows it as a gap. Example: "
            "owner_role: Registered manager"
        ),
        id="owner-missing",
    ),
    pytest.param(
        "LR-2026-316",
        (21, 21, "schema/format"),
        "'concern_received' is \"2025-02-30\", a day that does not exist",
        (
            "Check the month and the day: months run from 01 to 12, and February has 28 days (29 "
            "in a leap year)."
        ),
        id="impossible-date",
    ),
    pytest.param(
        "LR-2026-317",
        (22, 4, "yaml/syntax"),
        (
            "the indentation is wrong: 'investigation_concluded:' on line 22 has 3 spaces before "
            "it and lines up with none of the lines above it (line 21 has 2, line 20 has 0)"
        ),
        (
            "Fields of one section start in the same column, and the fields inside a section are "
            "indented 2 more spaces than its name; so do the '- ' entries of one list. Move line "
            "22 (or line 21, if that is the one out of line) to line up with what it belongs "
            "with, using spaces, not tabs."
        ),
        id="indent-too-far",
    ),
    pytest.param(
        "LR-2026-318",
        (36, 4, "yaml/syntax"),
        (
            "the indentation is wrong: 'decision:' on line 36 has 3 spaces before it and lines up "
            "with none of the lines above it (line 35 has 4, line 34 has 2, line 28 has 0)"
        ),
        (
            "Fields of one section start in the same column, and the fields inside a section are "
            "indented 2 more spaces than its name; so do the '- ' entries of one list. Move line "
            "36 (or line 35, if that is the one out of line) to line up with what it belongs "
            "with, using spaces, not tabs."
        ),
        id="indent-not-far-enough",
    ),
    pytest.param(
        "LR-2026-319",
        (58, 4, "yaml/syntax"),
        (
            "the indentation is wrong: '- Safeguarding lead' on line 58 has 3 spaces before it "
            "and lines up with none of the lines above it (line 57 has 4 (6 after the '- '), line "
            "56 has 2, line 50 has 0)"
        ),
        (
            "Fields of one section start in the same column, and the fields inside a section are "
            "indented 2 more spaces than its name; so do the '- ' entries of one list. Move line "
            "58 (or line 57, if that is the one out of line) to line up with what it belongs "
            "with, using spaces, not tabs."
        ),
        id="indent-list-entry",
    ),
    pytest.param(
        "LR-2026-320",
        (3, 18, "yaml/syntax"),
        "this is not valid YAML: mapping values are not allowed in this context",
        "Text containing ': ' must be in quotes, for example: title: \"Review: night shift\".",
        id="colon-in-title",
    ),
    pytest.param(
        "LR-2026-321",
        (66, 15, "schema/unknown-value"),
        "'acted_on' must be true, false or not-known, not \"yes\"",
        (
            "Write true or false; 'yes' is read as text. true if the signal was looked into when "
            "it arose, false if it was not joined up until now, not-known if the record does not "
            "say. Example: false"
        ),
        id="acted-on-yes",
    ),
]


@pytest.mark.parametrize(("name", "where", "message", "hint"), CASES)
def test_a_lead_sees_one_plain_problem_with_a_hint_that_fits(
    tmp_path: Path, name: str, where: tuple[int, int, str], message: str, hint: str
) -> None:
    problem = only_problem(tmp_path, name)
    assert problem.path == f"cases/{name}.yaml"
    assert (problem.line, problem.column, problem.rule) == where
    assert problem.message == message
    assert problem.hint == hint


def listed(hint: str) -> set[str]:
    """The values a hint offers after 'use one of:'."""
    values = hint.split("use one of: ", 1)[1].split(". ")[0]
    while "(" in values:  # drop the names beside the ids, brackets within brackets too
        values = re.sub(r" ?\([^()]*\)", "", values)
    return set(values.replace(" or ", ", ").split(", "))


@pytest.mark.parametrize("name", ["LR-2026-301", "LR-2026-302"])
def test_the_outcome_hint_for_adults_in_england_offers_no_childrens_outcome(
    tmp_path: Path, name: str
) -> None:
    offered = listed(only_problem(tmp_path, name).hint)
    assert "partially-substantiated" in offered
    assert not offered & set(CHILDREN_ONLY_OUTCOMES)


def test_false_on_a_childrens_case_needs_only_quotes(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "LR-2026-303")
    assert problem.hint == 'Put the value in quotes, for example "false".'


def test_the_outcome_hint_for_adults_in_wales_offers_only_the_welsh_adults_list(
    tmp_path: Path,
) -> None:
    offered = listed(only_problem(tmp_path, "LR-2026-304").hint)
    assert offered == {
        "substantiated",
        "partially-substantiated",
        "unsubstantiated",
        "inconclusive",
        "not-yet-known",
        "not-known",
    }


@pytest.mark.parametrize("name", ["LR-2026-305", "LR-2026-306"])
def test_the_category_hint_on_an_adults_case_offers_only_adults_categories(
    tmp_path: Path, name: str
) -> None:
    problem = only_problem(tmp_path, name)
    offered = listed(problem.hint)
    assert "psychological" in offered
    assert not offered & {"emotional", "exploitation"}
    assert "'exploitation'" not in problem.hint  # not suggested either


@pytest.mark.parametrize("name", ["LR-2026-317", "LR-2026-318", "LR-2026-319"])
def test_an_indentation_mistake_is_named_as_one(tmp_path: Path, name: str) -> None:
    problem = only_problem(tmp_path, name)
    assert problem.message.startswith("the indentation is wrong: ")
    assert "quotes" not in problem.hint


def test_a_colon_in_text_still_gets_the_hint_about_quotes(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "LR-2026-320")
    assert "indentation" not in problem.message
    assert "must be in quotes" in problem.hint


@pytest.mark.parametrize("name", ["LR-2026-311", "LR-2026-313", "LR-2026-314", "LR-2026-315"])
def test_a_missing_field_hint_says_where_to_add_it(tmp_path: Path, name: str) -> None:
    hint = only_problem(tmp_path, name).hint
    assert hint.startswith("Add '")
    assert " after '" in hint and " on line " in hint


RULE_FIXTURES = sorted((DATA.parent / "rules" / "invalid").glob("*/*.yaml"))


@pytest.mark.parametrize("fixture", RULE_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_rule_problem_says_what_to_do(tmp_path: Path, fixture: Path) -> None:
    """Each rule's hint is advice in words: more than a few words, and not the message again."""
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(fixture, cases / fixture.name)
    report = validate(Project(tmp_path), AS_OF, [cases])
    assert report.problems
    for problem in report.problems:
        assert len(problem.hint.split()) >= 6, problem
        assert problem.hint.rstrip(".?") != problem.message, problem


def test_the_referral_body_hint_offers_only_bodies_of_the_track_and_nation(
    tmp_path: Path,
) -> None:
    offered = listed(only_problem(tmp_path, "LR-2026-309").hint)
    assert offered == {"pipot", "local-authority", "police", "dbs", "regulator", "cqc"}
