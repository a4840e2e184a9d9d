"""What differs by nation and track, as typed data read from ``schemas/nations.yaml``.

The allegation clock, the regulator and its notification rule, the barring body, the
professional regulators, the outcome list and the bank-holiday calendar all depend on where
a service is and whom it serves. Keeping them in one data file (with its own meta-schema)
lets the verdict engine ask ``nations.track("wales", "adults").clock`` instead of carrying
its own table of facts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sglearn.read.loading import Document, load_file
from sglearn.read.problems import Problem
from sglearn.read.project import Project
from sglearn.read.schema import SchemaChecker

NATIONS_FILE = "nations.yaml"
TRACKS = ("children", "adults")


@dataclass(frozen=True)
class Clock:
    """How soon an allegation must reach ``body``; ``judged`` is False when no verdict is due."""

    kind: str  # working-days | hours | notification | none
    body: str
    description: str
    working_days: int | None = None
    hours: int | None = None
    when_only_dates: str | None = None
    required_fields: tuple[str, ...] = ()
    source_title: str = ""
    source_url: str = ""
    verified: bool = False

    @property
    def judged(self) -> bool:
        return self.kind in ("working-days", "hours")


@dataclass(frozen=True)
class Rule:
    body: str
    label: str
    rule: str
    verified: bool


@dataclass(frozen=True)
class OutcomeList:
    """The key of a list in vocabularies/outcomes.yaml; ``own_list`` False means borrowed."""

    jurisdiction: str
    track: str
    own_list: bool


@dataclass(frozen=True)
class TrackRules:
    clock: Clock
    regulator: Rule
    outcomes: OutcomeList


@dataclass(frozen=True)
class Nation:
    id: str
    label: str
    holidays_country: str
    holidays_subdivision: str
    barring: Rule
    professional_regulators: tuple[str, ...]
    tracks: dict[str, TrackRules]

    @property
    def calendar_id(self) -> str:
        """The python-holidays calendar, e.g. ``GB-WLS``."""
        return f"{self.holidays_country}-{self.holidays_subdivision}"


@dataclass(frozen=True)
class Nations:
    nations: dict[str, Nation]
    professional_regulators: dict[str, str]

    def nation(self, nation_id: str) -> Nation:
        return self.nations[nation_id]

    def track(self, nation_id: str, track: str) -> TrackRules:
        return self.nations[nation_id].tracks[track]


class NationsError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in {NATIONS_FILE}")
        self.problems = problems


def check_nations(project: Project) -> tuple[Nations | None, list[Problem]]:
    """Load and check ``schemas/nations.yaml``; the nations, or None and the problems."""
    path = project.schema_file(NATIONS_FILE)
    meta = project.schema_file("meta/nations.schema.json")
    loaded = load_file(path, project.display(path))
    if not isinstance(loaded, Document):
        return None, loaded
    problems = SchemaChecker(json.loads(meta.read_text(encoding="utf-8"))).check(loaded)
    if problems:
        return None, problems
    problems = _cross_checks(loaded)
    return (None, problems) if problems else (_assemble(loaded.data), [])


def load_nations(project: Project) -> Nations:
    """The nations file as typed values; raises NationsError listing every problem."""
    nations, problems = check_nations(project)
    if nations is None:
        raise NationsError(problems)
    return nations


def _cross_checks(document: Document) -> list[Problem]:
    known = {r["id"] for r in document.data["professional_regulators"]}
    problems = []
    seen: set[str] = set()
    for index, nation in enumerate(document.data["nations"]):
        if nation["id"] in seen:
            line, column = document.locate(("nations", index, "id"))
            problems.append(
                Problem(
                    document.path,
                    line,
                    column,
                    "nations/duplicate",
                    f"the nation '{nation['id']}' is listed twice",
                    "Keep one entry per nation.",
                )
            )
        seen.add(nation["id"])
        for position, regulator in enumerate(nation["professional_regulators"]):
            if regulator not in known:
                line, column = document.locate(
                    ("nations", index, "professional_regulators", position)
                )
                problems.append(
                    Problem(
                        document.path,
                        line,
                        column,
                        "nations/unknown-regulator",
                        f"'{regulator}' is not in the professional_regulators list",
                        "Add it to professional_regulators at the end of the file, or fix the id.",
                    )
                )
    return problems


def _rule(data: dict[str, Any]) -> Rule:
    return Rule(data["body"], data["label"], data["rule"], data["verified"])


def _clock(data: dict[str, Any]) -> Clock:
    source = data["source"]
    return Clock(
        kind=data["kind"],
        body=data["body"],
        description=data["description"],
        working_days=data.get("working_days"),
        hours=data.get("hours"),
        when_only_dates=data.get("when_only_dates"),
        required_fields=tuple(data.get("required_fields", ())),
        source_title=source["title"],
        source_url=source.get("url", ""),
        verified=source["verified"],
    )


def _assemble(data: dict[str, Any]) -> Nations:
    nations = {}
    for raw in data["nations"]:
        tracks = {
            track: TrackRules(
                _clock(raw["tracks"][track]["clock"]),
                _rule(raw["tracks"][track]["regulator"]),
                OutcomeList(**raw["tracks"][track]["outcomes"]),
            )
            for track in TRACKS
        }
        nations[raw["id"]] = Nation(
            id=raw["id"],
            label=raw["label"],
            holidays_country=raw["calendar"]["country"],
            holidays_subdivision=raw["calendar"]["subdivision"],
            barring=_rule(raw["barring"]),
            professional_regulators=tuple(raw["professional_regulators"]),
            tracks=tracks,
        )
    regulators = {r["id"]: r["label"] for r in data["professional_regulators"]}
    return Nations(nations, regulators)
