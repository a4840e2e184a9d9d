"""Check framework and crosswalk files: meta-schema, ids that exist, versions fully mapped.

Kept apart from ``frameworks`` (the data and re-labelling) so that module stays small; every
problem is a value with the file and line, reported together by ``sglearn frameworks check``.
"""

from __future__ import annotations

import json
from pathlib import Path

from sglearn.read.loading import Document, load_file
from sglearn.read.problems import Problem
from sglearn.read.project import Project
from sglearn.read.schema import SchemaChecker
from sglearn.review.frameworks import (
    Catalogue,
    Crosswalk,
    FrameworkError,
    FrameworkVersion,
    parse_crosswalk,
    parse_framework,
)


def framework_files(project: Project) -> tuple[list[Path], list[Path]]:
    root = project.schemas_dir
    return sorted((root / "frameworks").glob("*.yaml")), sorted(
        (root / "crosswalks").glob("*.yaml")
    )


def check_catalogue(project: Project) -> tuple[Catalogue, list[Problem], int]:
    """Load every framework and crosswalk file; the problems found; how many files were read."""
    framework_paths, crosswalk_paths = framework_files(project)
    problems: list[Problem] = []
    frameworks: dict[str, FrameworkVersion] = {}
    crosswalks: dict[str, Crosswalk] = {}
    broken: set[str] = set()  # frameworks whose own file has a problem, named by file
    for path in framework_paths:
        document = _load(project, path, "framework.schema.json", problems)
        if document is None:
            broken.add(path.stem)
        else:
            framework = parse_framework(document.data)
            frameworks[framework.id] = framework
            problems.extend(_framework_problems(document, framework, path))
    documents = [(p, _load(project, p, "crosswalk.schema.json", problems)) for p in crosswalk_paths]
    for path, document in documents:
        if document is None or {document.data["from"], document.data["to"]} & broken:
            continue  # a crosswalk onto a broken framework is checked once that file is fixed
        found = _crosswalk_problems(document, frameworks, path)
        problems.extend(found)
        if not found:
            walk = parse_crosswalk(document.data)
            crosswalks[walk.id] = walk
    return Catalogue(frameworks, crosswalks), problems, len(framework_paths) + len(crosswalk_paths)


def load_catalogue(project: Project) -> Catalogue:
    catalogue, problems, _ = check_catalogue(project)
    if problems:
        raise FrameworkError(problems)
    return catalogue


_CHECKERS: dict[Path, SchemaChecker] = {}


def _load(project: Project, path: Path, meta: str, problems: list[Problem]) -> Document | None:
    meta_path = project.schema_file(f"meta/{meta}")
    if meta_path not in _CHECKERS:
        _CHECKERS[meta_path] = SchemaChecker(json.loads(meta_path.read_text(encoding="utf-8")))
    loaded = load_file(path, project.display(path))
    if not isinstance(loaded, Document):
        problems.extend(loaded)
        return None
    found = _CHECKERS[meta_path].check(loaded)
    problems.extend(found)
    return None if found else loaded


def _at(
    document: Document, where: tuple[str | int, ...], rule: str, message: str, hint: str
) -> Problem:
    line, column = document.locate(where)
    return Problem(document.path, line, column, rule, message, hint)


def _framework_problems(
    document: Document, framework: FrameworkVersion, path: Path
) -> list[Problem]:
    problems = []
    if path.stem != framework.id:
        problems.append(
            _at(
                document,
                ("framework",),
                "frameworks/file-name",
                f"the framework id '{framework.id}' does not match the file name '{path.name}'",
                f"Rename the file to {framework.id}.yaml, or fix the id.",
            )
        )
    seen: set[str] = set()
    for index, statement in enumerate(document.data["statements"]):
        item = statement["id"]
        if item in seen:
            problems.append(
                _at(
                    document,
                    ("statements", index, "id"),
                    "frameworks/duplicate-id",
                    f"the item id '{item}' appears twice",
                    "Give each item its own id.",
                )
            )
        seen.add(item)
        parent = statement.get("key_question")
        if framework.parents and parent is not None and parent not in framework.parents:
            problems.append(
                _at(
                    document,
                    ("statements", index, "key_question"),
                    "frameworks/unknown-id",
                    f"'{parent}' is not one of this framework's key_questions",
                    "Use one of: " + ", ".join(framework.parents) + ".",
                )
            )
        for category in statement.get("evidence_categories", []):
            if category not in framework.evidence_categories:
                problems.append(
                    _at(
                        document,
                        ("statements", index),
                        "frameworks/unknown-id",
                        f"'{category}' is not one of this framework's evidence_categories",
                        "Add it to evidence_categories, or remove it from the item.",
                    )
                )
    if framework.status == "withdrawn" and framework.valid_to is None:
        problems.append(
            _at(
                document,
                ("status",),
                "frameworks/dates",
                "a withdrawn framework needs valid_to",
                "Add valid_to: YYYY-MM-DD, the last day the regulator used it.",
            )
        )
    return problems


def _crosswalk_problems(
    document: Document, frameworks: dict[str, FrameworkVersion], path: Path
) -> list[Problem]:
    data = document.data
    problems: list[Problem] = []
    if path.stem != data["crosswalk"]:
        problems.append(
            _at(
                document,
                ("crosswalk",),
                "frameworks/file-name",
                f"the crosswalk id '{data['crosswalk']}' does not match the file name "
                f"'{path.name}'",
                f"Rename the file to {data['crosswalk']}.yaml, or fix the id.",
            )
        )
    ends = {}
    for side in ("from", "to"):
        framework = frameworks.get(data[side])
        if framework is None:
            problems.append(
                _at(
                    document,
                    (side,),
                    "frameworks/unknown-framework",
                    f"there is no framework '{data[side]}' in schemas/frameworks/",
                    _did_you_mean(data[side], list(frameworks), "Known frameworks"),
                )
            )
        else:
            ends[side] = framework
    if len(ends) < 2:
        return problems
    for index, link in enumerate(data["links"]):
        for side in ("from", "to"):
            for position, item in enumerate(link[side]):
                if item not in ends[side].items:
                    problems.append(
                        _unknown_item(document, ("links", index, side, position), item, ends[side])
                    )
    for index, entry in enumerate(data.get("unmapped", [])):
        if entry["item"] not in ends["from"].items:
            problems.append(
                _unknown_item(document, ("unmapped", index, "item"), entry["item"], ends["from"])
            )
    if data["kind"] == "version":
        placed = {i for link in data["links"] for i in link["from"]}
        placed |= {u["item"] for u in data.get("unmapped", [])}
        for item in ends["from"].items:
            if item not in placed:
                problems.append(
                    _at(
                        document,
                        ("links",),
                        "frameworks/not-mapped",
                        f"{data['from']}:{item} is neither mapped to {data['to']} "
                        "nor listed as unmapped",
                        f"Add a link from {item} with a reason, or add it under unmapped: with the "
                        "reason nothing covers it.",
                    )
                )
    return problems


def settings_problems(settings: Document | None, catalogue: Catalogue) -> list[Problem]:
    """Every framework the settings name for the inspectors page exists and covers its line."""
    if settings is None:
        return []
    publication = settings.data.get("publication", {})
    known = list(catalogue.frameworks)
    problems = []
    if "current_framework" in publication and publication["current_framework"] not in known:
        problems.append(
            _at(
                settings,
                ("publication", "current_framework"),
                "settings/framework",
                f"there is no framework '{publication['current_framework']}' in "
                "schemas/frameworks/",
                _did_you_mean(publication["current_framework"], known, "Known frameworks"),
            )
        )
    for nation, lines in publication.get("inspector_frameworks", {}).items():
        for setting, ids in lines.items():
            for index, framework_id in enumerate(ids):
                where = ("publication", "inspector_frameworks", nation, setting, index)
                framework = catalogue.frameworks.get(framework_id)
                if framework is None:
                    message = f"there is no framework '{framework_id}' in schemas/frameworks/"
                    hint = _did_you_mean(framework_id, known, "Known frameworks")
                elif nation not in framework.nations or (
                    setting != "default" and setting not in framework.settings
                ):
                    covers = f"{', '.join(framework.nations)} ({', '.join(framework.settings)})"
                    message = f"{framework_id} does not cover {setting} services in {nation}"
                    hint = f"Its file says it covers {covers}. " + _fitting(
                        catalogue, nation, setting
                    )
                else:
                    continue
                problems.append(_at(settings, where, "settings/framework", message, hint))
    return problems


def _fitting(catalogue: Catalogue, nation: str, setting: str) -> str:
    fitting = sorted(
        f.id
        for f in catalogue.frameworks.values()
        if nation in f.nations and (setting == "default" or setting in f.settings)
    )
    if not fitting:
        return "No framework file covers it yet; add one under schemas/frameworks/."
    return "Use one of: " + ", ".join(fitting) + "."


def _unknown_item(
    document: Document, where: tuple[str | int, ...], item: str, framework: FrameworkVersion
) -> Problem:
    return _at(
        document,
        where,
        "frameworks/unknown-id",
        f"'{item}' is not an item of {framework.id}",
        _did_you_mean(item, list(framework.items), f"Items of {framework.id}"),
    )


def _did_you_mean(value: str, known: list[str], what: str) -> str:
    import difflib

    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        return f"Did you mean '{close[0]}'?"
    return f"{what}: {', '.join(known)}."
