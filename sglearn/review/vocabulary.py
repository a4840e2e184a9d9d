"""Controlled vocabularies, frameworks and settings: data files, each checked by its own schema."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sglearn.read.loading import Document, load_file
from sglearn.read.problems import Problem
from sglearn.read.project import Project
from sglearn.read.schema import SchemaChecker
from sglearn.review.calendar import WorkingCalendar
from sglearn.review.frameworks import Catalogue
from sglearn.review.frameworks_check import check_catalogue, settings_problems
from sglearn.review.nations import NATIONS_FILE, Nations, check_nations
from sglearn.review.settings_calendars import calendar_problems, contradictions

# file (under schemas/) -> meta-schema (under schemas/meta/)
VOCABULARY_FILES = {
    "vocabularies/themes.yaml": "vocabulary.schema.json",
    "vocabularies/services.yaml": "vocabulary.schema.json",
    "vocabularies/abuse-categories.yaml": "vocabulary.schema.json",
    "vocabularies/referral-bodies.yaml": "vocabulary.schema.json",
    "vocabularies/review-methods.yaml": "vocabulary.schema.json",
    "vocabularies/action-types.yaml": "vocabulary.schema.json",
    "vocabularies/outcomes.yaml": "outcomes.schema.json",
    "settings.yaml": "settings.schema.json",
}


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def tracks(self) -> tuple[str, ...]:
        return tuple(self.extra.get("tracks", ("adults", "children")))


@dataclass(frozen=True)
class Framework:
    id: str
    label: str
    status: str
    statements: dict[str, Term]
    evidence_categories: dict[str, str]
    key_questions: dict[str, str]
    crosswalk: dict[str, tuple[str, ...]]
    nations: tuple[str, ...] = ()  # where it applies; empty in files older than 2026
    settings: tuple[str, ...] = ()  # the kinds of service (a case's setting) it applies to


@dataclass(frozen=True)
class Settings:
    organisation: str
    lado_working_days: int
    due_soon_days: int
    small_count_threshold: int
    current_framework: str
    calendars: dict[str, str] = field(default_factory=dict)
    """Jurisdiction -> its bank-holiday calendar, e.g. ``england`` -> ``GB-ENG``."""
    closure_days: frozenset[date] = frozenset()
    inspector_frameworks: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    """Nation -> setting (or ``default``) -> the frameworks the inspectors page reads those
    reviews through. Empty in settings files that name one ``current_framework`` for all."""

    def calendar(self, jurisdiction: str) -> WorkingCalendar:
        """The working days of a jurisdiction: weekends, its bank holidays, closure days."""
        return WorkingCalendar(self.calendars.get(jurisdiction), self.closure_days)

    def view_frameworks(self, nation: str, setting: str) -> tuple[str, ...]:
        """The frameworks a case from ``nation`` at a ``setting`` service is shown under.

        A line for the setting wins over the nation's ``default``; a nation the settings do
        not name gets none. Older settings name one framework for every case.
        """
        if not self.inspector_frameworks:
            return (self.current_framework,) if self.current_framework else ()
        per_nation = self.inspector_frameworks.get(nation, {})
        return per_nation.get(setting, per_nation.get("default", ()))

    def view_order(self) -> tuple[str, ...]:
        """Every framework the settings name for the inspectors page, first-named first."""
        if not self.inspector_frameworks:
            return (self.current_framework,) if self.current_framework else ()
        named = (
            f for lines in self.inspector_frameworks.values() for fs in lines.values() for f in fs
        )
        return tuple(dict.fromkeys(named))


@dataclass
class Vocabularies:
    themes: dict[str, Term]
    services: dict[str, Term]
    abuse_categories: dict[str, Term]
    referral_bodies: dict[str, Term]
    review_methods: dict[str, Term]
    action_types: dict[str, Term]
    outcomes: dict[tuple[str, str], dict[str, Term]]
    frameworks: dict[str, Framework]
    settings: Settings
    nations: Nations | None = None
    """What differs by nation (schemas/nations.yaml): clocks, bodies, calendars."""
    catalogue: Catalogue = field(default_factory=lambda: Catalogue({}, {}))

    def calendar(self, jurisdiction: str) -> WorkingCalendar:
        """A jurisdiction's working days: its nation's bank holidays (schemas/nations.yaml;
        an older settings' ``jurisdictions`` line for one that file does not list), weekends
        and the closure days in settings."""
        nations = self.nations
        if nations is not None and jurisdiction in nations.nations:
            calendar_id = nations.nations[jurisdiction].calendar_id
            return WorkingCalendar(calendar_id, self.settings.closure_days)
        return self.settings.calendar(jurisdiction)

    """The frameworks with their crosswalks, for reading a tag under another framework."""

    def outcomes_for(self, jurisdiction: str, track: str) -> dict[str, Term]:
        """The allegation outcomes of a nation and track: its own list where it has one,
        else the list schemas/nations.yaml names (the adults' list, with partially
        substantiated and not known, for a nation with no national list)."""
        own = self.outcomes.get((jurisdiction, track))
        if own is not None:
            return own
        if self.nations is not None and jurisdiction in self.nations.nations:
            rules = self.nations.nations[jurisdiction].tracks.get(track)
            if rules is not None:
                borrowed = (rules.outcomes.jurisdiction, rules.outcomes.track)
                return self.outcomes.get(borrowed, {})
        return {}

    def framework_tags(self) -> dict[str, Term]:
        """Every taggable quality statement, keyed ``framework:statement``."""
        return {
            f"{framework.id}:{statement_id}": term
            for framework in self.frameworks.values()
            for statement_id, term in framework.statements.items()
        }

    def enums(self) -> dict[str, list[str]]:
        """The values the case schema's vocabulary ``$defs`` must list, for editors and CI."""
        return {
            "theme": list(self.themes),
            "service": list(self.services),
            "abuse_category": list(self.abuse_categories),
            "allegation_outcome": sorted({o for terms in self.outcomes.values() for o in terms}),
            "referral_body": list(self.referral_bodies),
            "review_method": list(self.review_methods),
            "action_type": list(self.action_types),
            "framework_tag": list(self.framework_tags()),
        }


class VocabularyError(Exception):
    """The vocabulary files themselves are broken; nothing else can be checked until fixed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the vocabulary files")
        self.problems = problems


def load_vocabularies(project: Project) -> Vocabularies:
    """Load and check every vocabulary file; raise VocabularyError listing all problems."""
    problems: list[Problem] = []
    documents: dict[str, dict[str, Any]] = {}
    checkers: dict[str, SchemaChecker] = {}
    framework_files = sorted((project.schemas_dir / "frameworks").glob("*.yaml"))
    settings_document: Document | None = None
    wanted = dict(VOCABULARY_FILES)
    for file in framework_files:
        wanted[f"frameworks/{file.name}"] = "framework.schema.json"
    for relative, meta in wanted.items():
        path = project.schema_file(relative)
        if meta not in checkers:
            checkers[meta] = SchemaChecker(_read_json(project.schema_file(f"meta/{meta}")))
        loaded = load_file(path, project.display(path))
        if not isinstance(loaded, Document):
            problems.extend(loaded)
            continue
        found = checkers[meta].check(loaded)
        if not found and relative == "settings.yaml":
            found = calendar_problems(loaded)
            settings_document = loaded
        problems.extend(found)
        if not found:
            documents[relative] = loaded.data
    nations = None
    if project.schema_file(NATIONS_FILE).is_file():
        nations, nation_problems = check_nations(project)
        problems.extend(nation_problems)
        problems.extend(contradictions(settings_document, nations))
    if problems:
        raise VocabularyError(problems)
    catalogue, problems, _ = check_catalogue(project)
    problems.extend(settings_problems(settings_document, catalogue))
    if problems:
        raise VocabularyError(problems)
    vocabularies = _assemble(documents)
    vocabularies.catalogue = catalogue
    vocabularies.nations = nations
    return vocabularies


def _read_json(path: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return result


def _terms(items: list[dict[str, Any]]) -> dict[str, Term]:
    basics = {"id", "label", "description"}
    return {
        str(item["id"]): Term(
            str(item["id"]),
            str(item["label"]),
            str(item.get("description", "")),
            {key: value for key, value in item.items() if key not in basics},
        )
        for item in items
    }


def _assemble(documents: dict[str, dict[str, Any]]) -> Vocabularies:
    def vocabulary(name: str) -> dict[str, Term]:
        return _terms(documents[f"vocabularies/{name}.yaml"]["terms"])

    frameworks = {}
    for relative, data in sorted(documents.items()):
        if relative.startswith("frameworks/"):
            frameworks[data["framework"]] = Framework(
                id=data["framework"],
                label=data["label"],
                status=data["status"],
                statements=_terms([{"description": "", **s} for s in data["statements"]]),
                evidence_categories={c["id"]: c["label"] for c in data["evidence_categories"]},
                key_questions={s["id"]: s.get("key_question", "") for s in data["statements"]},
                crosswalk={c["from"]: tuple(c["to"]) for c in data["crosswalk"]},
                nations=tuple(data.get("nations", ())),
                settings=tuple(data.get("settings", ())),
            )
    raw = documents["settings.yaml"]
    settings = Settings(
        organisation=raw["organisation"],
        lado_working_days=raw["deadlines"]["lado_working_days"],
        due_soon_days=raw["deadlines"]["due_soon_days"],
        small_count_threshold=raw["publication"]["small_count_threshold"],
        current_framework=_main_framework(raw["publication"]),
        calendars={
            str(k): str(v["bank_holidays"]) for k, v in raw.get("jurisdictions", {}).items()
        },
        closure_days=frozenset(date.fromisoformat(d) for d in raw.get("extra_closure_days") or []),
        inspector_frameworks={
            str(nation): {str(setting): tuple(ids) for setting, ids in lines.items()}
            for nation, lines in raw["publication"].get("inspector_frameworks", {}).items()
        },
    )
    outcomes = {
        (item["jurisdiction"], item["track"]): _terms(item["terms"])
        for item in documents["vocabularies/outcomes.yaml"]["lists"]
    }
    return Vocabularies(
        themes=vocabulary("themes"),
        services=vocabulary("services"),
        abuse_categories=vocabulary("abuse-categories"),
        referral_bodies=vocabulary("referral-bodies"),
        review_methods=vocabulary("review-methods"),
        action_types=vocabulary("action-types"),
        outcomes=outcomes,
        frameworks=frameworks,
        settings=settings,
    )


def _main_framework(publication: dict[str, Any]) -> str:
    """``current_framework`` when given (older files), else the first framework named."""
    if "current_framework" in publication:
        return str(publication["current_framework"])
    lines = publication.get("inspector_frameworks", {})
    return next((str(f) for line in lines.values() for fs in line.values() for f in fs), "")
