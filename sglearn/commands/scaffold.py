"""Start a new learning review: the next free id and a case file with every section present.

The file's guidance comments are taken from the case schema's descriptions, so the help a
lead reads in the new file is the same text the editor shows on hover and CI quotes in its
errors. Placeholders (``TODO``, ``""``, ``YYYY-MM-DD``) deliberately fail validation, so
an unfinished review cannot pass the check on its pull request.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from sglearn.check.case_schema import read_case_schema
from sglearn.read.project import Project
from sglearn.review.vocabulary import Vocabularies

TEMPLATE = "new-case.yaml.j2"
TRACKS = ("adults", "children")
CASE_TYPES = ("allegation", "low-level-concern")
PLACEHOLDER = "TODO"
_ID_IN_NAME = re.compile(r"LR-([0-9]{4})-([0-9]{3,4})")
_ID_LINE = re.compile(r"^id:\s*['\"]?(LR-[0-9]{4}-[0-9]{3,4})\b", re.MULTILINE)
_COMMENT_WIDTH = 96
_MAX_SCAN_BYTES = 1_000_000


class ScaffoldError(Exception):
    """The new case cannot be started as asked; the message says what to change."""


@dataclass(frozen=True)
class NewCase:
    """What the lead told us about the new review; everything else is a placeholder."""

    received: date
    service: str
    track: str
    case_type: str | None = None
    title: str | None = None


def used_ids(cases_dir: Path) -> set[str]:
    """Ids already taken: from file names and from ``id:`` lines (a misnamed copy counts too)."""
    taken: set[str] = set()
    if not cases_dir.is_dir():
        return taken
    for file in cases_dir.iterdir():
        if file.suffix not in (".yaml", ".yml"):
            continue
        match = _ID_IN_NAME.fullmatch(file.stem)
        if match:
            taken.add(file.stem)
        try:
            with file.open("r", encoding="utf-8", errors="replace") as handle:
                text = handle.read(_MAX_SCAN_BYTES)
        except OSError:
            continue
        taken.update(_ID_LINE.findall(text))
    return taken


def next_case_id(cases_dir: Path, year: int) -> str:
    """One more than the highest number used in ``year``.

    Gaps are never filled: an id may already be quoted in minutes or a pull request for a
    review that was withdrawn, and must never come to mean a different review.
    """
    numbers = [
        int(match.group(2))
        for taken in used_ids(cases_dir)
        if (match := _ID_IN_NAME.fullmatch(taken)) and int(match.group(1)) == year
    ]
    number = max(numbers, default=0) + 1
    if number > 9999:
        raise ScaffoldError(f"every case id for {year} is used (LR-{year}-9999 reached)")
    return f"LR-{year}-{number:03d}"


def service_track(vocabularies: Vocabularies, service: str) -> str | None:
    """The track a service works in, when its vocabulary entry says."""
    term = vocabularies.services.get(service)
    track = term.extra.get("track") if term else None
    return str(track) if track in TRACKS else None


def check_answers(vocabularies: Vocabularies, answers: NewCase) -> None:
    """Refuse answers that would start the review on the wrong footing."""
    if answers.service not in vocabularies.services:
        known = ", ".join(vocabularies.services)
        raise ScaffoldError(
            f"'{answers.service}' is not a service in schemas/vocabularies/services.yaml "
            f"(known services: {known})"
        )
    if answers.track not in TRACKS:
        raise ScaffoldError(f"the track must be adults or children, not '{answers.track}'")
    own = service_track(vocabularies, answers.service)
    if own and own != answers.track:
        raise ScaffoldError(
            f"{answers.service} is a service for {own} (schemas/vocabularies/services.yaml), "
            f"so the track cannot be {answers.track}"
        )
    if answers.case_type is not None and answers.case_type not in CASE_TYPES:
        raise ScaffoldError(
            f"the case type must be allegation or low-level-concern, not '{answers.case_type}'"
        )


def render_case(
    project: Project, vocabularies: Vocabularies, answers: NewCase, case_id: str
) -> str:
    """The text of the new case file."""
    check_answers(vocabularies, answers)
    schema = read_case_schema(project)
    term = vocabularies.services[answers.service]
    setting = term.extra.get("setting") or PLACEHOLDER
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("sglearn.commands", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is YAML; every user value goes through _yaml_text
    )
    environment.globals["guide"] = lambda path, indent=0: guide(schema, path, indent)
    template = environment.get_template(TEMPLATE)
    categories = [c for c, t in vocabularies.abuse_categories.items() if answers.track in t.tracks]
    return template.render(
        case_id=case_id,
        title=_yaml_text(answers.title) if answers.title else '""  # TODO',
        case_type=answers.case_type or PLACEHOLDER,
        track=answers.track,
        route=_route(answers),
        service=answers.service,
        setting=setting,
        received=answers.received.isoformat(),
        categories=", ".join(categories),
        outcome_lists=_outcome_lists(vocabularies, answers.track),
        bodies=[
            {"id": body, "label": vocabularies.referral_bodies[body].label}
            for body in _bodies(answers, str(setting))
            if body in vocabularies.referral_bodies
        ],
    )


def write_case(cases_dir: Path, case_id: str, text: str) -> Path:
    """Write the new file; never replace one that exists (mode "x" makes that atomic)."""
    cases_dir.mkdir(parents=True, exist_ok=True)
    path = cases_dir / f"{case_id}.yaml"
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; sglearn new never replaces a file") from None
    except OSError as error:
        raise ScaffoldError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def guide(schema: dict[str, Any], path: str, indent: int = 0) -> str:
    """The schema's title and description for ``path`` (``a.b``, ``a[].b``) as YAML comments."""
    node = _property(schema, path)
    title = str(node.get("title", "")).strip()
    description = str(node.get("description", "")).strip()
    text = f"{title}: {description}" if title and description else title or description
    if not text:
        return ""
    lines = textwrap.wrap(text, width=_COMMENT_WIDTH - indent - 2, break_on_hyphens=False)
    return ("\n" + " " * indent).join(f"# {line}" for line in lines)


def _property(schema: dict[str, Any], path: str) -> dict[str, Any]:
    node: dict[str, Any] = schema
    for step in path.split("."):
        items = step.endswith("[]")
        name = step.removesuffix("[]")
        node = _resolve(schema, node).get("properties", {}).get(name, {})
        if items:
            node = _resolve(schema, node).get("items", {})
    merged = dict(_resolve(schema, node))
    merged.update(node)
    return merged


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = str(node.get("$ref", ""))
    if ref.startswith("#/$defs/"):
        resolved: dict[str, Any] = schema["$defs"][ref.removeprefix("#/$defs/")]
        return resolved
    return node


def _yaml_text(value: str) -> str:
    """A JSON string is a valid YAML double-quoted scalar: no injection of keys or comments."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def _route(answers: NewCase) -> str:
    if answers.case_type == "low-level-concern":
        return "internal"
    if answers.track == "children" and answers.case_type == "allegation":
        return "lado"
    return PLACEHOLDER


def _bodies(answers: NewCase, setting: str) -> Iterable[str]:
    """The bodies the referral rules expect a decision for, started in the file."""
    first = "lado" if answers.track == "children" else "pipot"
    if answers.case_type == "low-level-concern":
        return (first,)
    last = "ofsted" if answers.track == "children" and setting == "childrens-home" else "cqc"
    return (first, "police", "dbs", "regulator", last)


def _outcome_lists(vocabularies: Vocabularies, track: str) -> list[str]:
    return [
        f"{jurisdiction}: {', '.join(terms)}"
        for (jurisdiction, list_track), terms in sorted(vocabularies.outcomes.items())
        if list_track == track
    ]
