"""Which values of a vocabulary fit one case: by its track, nation and case type.

The schema lets an editor offer every value of every list; a lead who is told what is wrong
needs only the values that fit the case in hand. Outcomes depend on the nation and the
track, categories of abuse and services on the track, the route on the track and the case
type, quality statements on the nation and the setting. The schema check (through
:func:`case_advisor`) and the rules that judge the same fields use these lists, so a lead is
never offered a value that the next check refuses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sglearn.read.choices import Advisor, Choice, Choices
from sglearn.review.vocabulary import Term, Vocabularies

_WHOSE = {"children": "children's", "adults": "adults'"}
_TRACKS = ("adults", "children")
_ROUTES = {
    ("children", "allegation"): ("lado", "designated-officer", "child-protection"),
    ("adults", "allegation"): (
        "pipot",
        "s42-enquiry",
        "designated-officer",
        "adult-support-and-protection",
        "adult-safeguarding",
    ),
}
_FILES = {
    "theme": "schemas/vocabularies/themes.yaml",
    "service": "schemas/vocabularies/services.yaml",
    "abuse_category": "schemas/vocabularies/abuse-categories.yaml",
    "allegation_outcome": "schemas/vocabularies/outcomes.yaml",
    "referral_body": "schemas/vocabularies/referral-bodies.yaml",
    "review_method": "schemas/vocabularies/review-methods.yaml",
    "action_type": "schemas/vocabularies/action-types.yaml",
    "framework_tag": "schemas/frameworks/",
}


def whose(track: str) -> str:
    """'adults'' for adults, as in "adults' cases"."""
    return _WHOSE.get(track, track)


def nation_name(jurisdiction: str) -> str:
    """'Northern Ireland' for northern-ireland."""
    return jurisdiction.replace("-", " ").title()


def outcome_choices(vocabularies: Vocabularies, jurisdiction: str, track: str) -> Choices | None:
    """The allegation outcomes used for the case's nation and track, if sglearn has that list."""
    terms = vocabularies.outcomes_for(jurisdiction, track) or None
    if terms is None:
        return None
    scope = f"for {whose(track)} cases in {nation_name(jurisdiction)}"
    return Choices(_listed(terms.values()), scope, _FILES["allegation_outcome"])


def category_choices(vocabularies: Vocabularies, track: str) -> Choices:
    fitting = [t for t in vocabularies.abuse_categories.values() if track in t.tracks]
    return Choices(_listed(fitting), f"for {whose(track)} cases", _FILES["abuse_category"])


def case_advisor(vocabularies: Vocabularies) -> Advisor:
    """The advisor the case schema check asks which values fit a field of a given case."""

    def advise(vocabulary: str, data: Mapping[str, Any]) -> Choices | None:
        track = _known(data.get("track"), _TRACKS)
        if vocabulary == "allegation_outcome":
            jurisdiction = str(data.get("jurisdiction", ""))
            if track is None:
                return None
            return outcome_choices(vocabularies, jurisdiction, track)
        if vocabulary == "abuse_category":
            return (
                category_choices(vocabularies, track) if track else _all(vocabulary, vocabularies)
            )
        if vocabulary == "service" and track:
            fitting = [
                t for t in vocabularies.services.values() if t.extra.get("track") in (None, track)
            ]
            return Choices(_listed(fitting), f"for the {track} track", _FILES["service"])
        if vocabulary == "referral_body":
            return _bodies(vocabularies, track, str(data.get("jurisdiction", "")))
        if vocabulary == "route":
            return _routes(track, data.get("case_type"))
        if vocabulary == "framework_tag":
            return _framework_tags(vocabularies, data)
        return _all(vocabulary, vocabularies)

    return advise


def _all(vocabulary: str, vocabularies: Vocabularies) -> Choices | None:
    lists: dict[str, dict[str, Term]] = {
        "theme": vocabularies.themes,
        "service": vocabularies.services,
        "abuse_category": vocabularies.abuse_categories,
        "referral_body": vocabularies.referral_bodies,
        "review_method": vocabularies.review_methods,
        "action_type": vocabularies.action_types,
    }
    terms = lists.get(vocabulary)
    if terms is None:
        return None
    return Choices(_listed(terms.values()), "", _FILES[vocabulary])


def _bodies(vocabularies: Vocabularies, track: str | None, nation: str) -> Choices:
    """The bodies of the case's track and nation (a body with no nations applies in all)."""
    fitting = [
        term
        for term in vocabularies.referral_bodies.values()
        if (track is None or track in term.tracks)
        and nation in term.extra.get("nations", (nation,))
    ]
    scope = f"for {whose(track)} cases" if track else ""
    if nation and fitting != list(vocabularies.referral_bodies.values()):
        scope = f"{scope or 'for cases'} in {nation_name(nation)}"
    return Choices(_listed(fitting), scope, _FILES["referral_body"])


def _routes(track: str | None, case_type: object) -> Choices | None:
    if case_type == "low-level-concern":
        return Choices(
            (Choice("internal", "handled inside the service"),), "for a low-level concern"
        )
    routes = _ROUTES.get((track or "", str(case_type)))
    if routes is None:
        return None
    return Choices(tuple(Choice(r) for r in routes), f"for an allegation on the {track} track")


def _framework_tags(vocabularies: Vocabularies, data: Mapping[str, Any]) -> Choices:
    nation, setting = str(data.get("jurisdiction", "")), str(data.get("setting", ""))
    frameworks = list(vocabularies.frameworks.values())
    fitting = [f for f in frameworks if nation in f.nations and setting in f.settings]
    scope = f"for a {setting} service in {nation_name(nation)}" if fitting else ""
    choices = [
        Choice(f"{framework.id}:{item}", term.label)
        for framework in (fitting or frameworks)
        for item, term in framework.statements.items()
    ]
    return Choices(tuple(choices), scope, _FILES["framework_tag"])


def _listed(terms: Any) -> tuple[Choice, ...]:
    return tuple(Choice(term.id, term.label) for term in terms)


def _known(value: object, allowed: tuple[str, ...]) -> str | None:
    return value if isinstance(value, str) and value in allowed else None
