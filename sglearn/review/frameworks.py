"""Regulatory frameworks as versioned data, and crosswalks that re-label tags between them.

A case tags framework items (``cqc-2023:safeguarding``) and is never edited when a framework
changes: the same tags are shown under another version, or another nation's framework,
through the crosswalk files in ``schemas/crosswalks/``. Loading returns problems as values
(file, line, hint) so ``sglearn frameworks check`` can report every one in a single run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sglearn.read.problems import Problem


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    parent: str
    wording: str
    evidence_categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrameworkVersion:
    """One framework file: who uses it, where, for which services, and its items in order."""

    id: str
    label: str
    regulator: str
    nations: tuple[str, ...]
    settings: tuple[str, ...]
    status: str
    valid_from: str | None
    valid_to: str | None
    source_title: str
    source_url: str
    source_note: str
    item_kind: str
    parent_kind: str
    parents: dict[str, str]
    items: dict[str, Item]
    evidence_categories: dict[str, str]
    rating_scale: tuple[str, ...]
    regulator_name: str = ""

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def inspected_by(self) -> str:
        """The regulator's name for messages and pages; its id when the file gives none."""
        return self.regulator_name or self.regulator.upper()

    def fits(self, nation: str, setting: str) -> bool:
        """Whether a case in ``nation`` at a service of kind ``setting`` may tag this framework."""
        return nation in self.nations and setting in self.settings


@dataclass(frozen=True)
class Link:
    source: tuple[str, ...]
    target: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Crosswalk:
    id: str
    source: str
    target: str
    kind: str
    links: tuple[Link, ...]
    unmapped: dict[str, str]

    def steps(self, reverse: bool = False) -> dict[str, list[tuple[str, str]]]:
        """item -> [(item on the other side, reason)], read in either direction."""
        out: dict[str, list[tuple[str, str]]] = {}
        for link in self.links:
            starts, ends = (link.target, link.source) if reverse else (link.source, link.target)
            for start in starts:
                out.setdefault(start, []).extend((end, link.reason) for end in ends)
        return out


@dataclass(frozen=True)
class Relabelled:
    """A case's tags read under another framework: nothing in the case is changed."""

    tags: tuple[str, ...]
    via: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    unmapped: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FrameworkView:
    """Cases placed on every item of one framework; ``gaps`` are items no case reaches."""

    framework: FrameworkVersion
    items: dict[str, list[str]]
    gaps: tuple[str, ...]
    unplaced: dict[str, dict[str, str]]


class FrameworkError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the framework files")
        self.problems = problems


@dataclass
class Catalogue:
    frameworks: dict[str, FrameworkVersion]
    crosswalks: dict[str, Crosswalk]

    def item_label(self, tag: str) -> str:
        framework_id, _, item = tag.partition(":")
        framework = self.frameworks.get(framework_id)
        return framework.items[item].label if framework and item in framework.items else tag

    def fitting(self, nation: str, setting: str) -> list[FrameworkVersion]:
        return [f for f in self.frameworks.values() if f.fits(nation, setting)]

    def _route(self, start: str, goal: str) -> list[tuple[Crosswalk, bool]] | None:
        """The shortest chain of crosswalks from one framework to another (versions one way)."""
        queue: deque[tuple[str, list[tuple[Crosswalk, bool]]]] = deque([(start, [])])
        seen = {start}
        while queue:
            here, path = queue.popleft()
            if here == goal:
                return path
            for walk in sorted(self.crosswalks.values(), key=lambda w: w.id):
                for reverse, there in ((False, walk.target), (True, walk.source)):
                    if (walk.source, walk.target)[reverse] != here or there in seen:
                        continue
                    if reverse and walk.kind == "version":
                        continue  # a newer version is not read back onto an older one
                    seen.add(there)
                    queue.append((there, [*path, (walk, reverse)]))
        return None

    def relabel(self, tags: Iterable[str], from_version: str, to_version: str) -> Relabelled:
        """``from_version`` tags as ``to_version`` tags, with the reason of every link used."""
        route = self._route(from_version, to_version)
        found: dict[str, None] = {}
        via: dict[str, tuple[tuple[str, str], ...]] = {}
        unmapped: dict[str, str] = {}
        for tag in tags:
            framework_id, _, item = tag.partition(":")
            if framework_id == to_version:
                found[tag] = None
                continue
            if framework_id != from_version:
                continue
            if route is None:
                unmapped[tag] = f"no crosswalk leads from {from_version} to {to_version}"
                continue
            reached, why = self._walk(item, route)
            if not reached:
                unmapped[tag] = why or f"{item} has no counterpart in {to_version}"
            for end, reason in reached:
                target = f"{to_version}:{end}"
                found[target] = None
                via[target] = (*via.get(target, ()), (tag, reason))
        return Relabelled(tuple(found), via, unmapped)

    def _walk(
        self, item: str, route: list[tuple[Crosswalk, bool]]
    ) -> tuple[list[tuple[str, str]], str]:
        current = [(item, "")]
        for walk, reverse in route:
            steps = walk.steps(reverse)
            nxt = [(e, r) for here, _ in current for e, r in steps.get(here, [])]
            if not nxt:
                return [], walk.unmapped.get(item, "") if not reverse else ""
            current = list(dict.fromkeys(nxt))
        return current, ""

    def view(self, cases_tags: Mapping[str, Iterable[str]], framework_id: str) -> FrameworkView:
        """Every item of ``framework_id`` with the ids of the cases that reach it."""
        framework = self.frameworks[framework_id]
        items: dict[str, list[str]] = {item: [] for item in framework.items}
        unplaced: dict[str, dict[str, str]] = {}
        for case_id, tags in sorted(cases_tags.items()):
            tags = list(tags)
            for source in dict.fromkeys(t.partition(":")[0] for t in tags):
                result = self.relabel(tags, source, framework_id)
                for tag in result.tags:
                    item = tag.partition(":")[2]
                    if item in items and case_id not in items[item]:
                        items[item].append(case_id)
                if result.unmapped:
                    unplaced.setdefault(case_id, {}).update(result.unmapped)
        gaps = tuple(item for item, cases in items.items() if not cases)
        return FrameworkView(framework, items, gaps, unplaced)


def relabel(
    catalogue: Catalogue, tags: Iterable[str], from_version: str, to_version: str
) -> Relabelled:
    return catalogue.relabel(tags, from_version, to_version)


def framework_view(
    catalogue: Catalogue, cases_tags: Mapping[str, Iterable[str]], framework_id: str
) -> FrameworkView:
    return catalogue.view(cases_tags, framework_id)


def parse_framework(data: dict[str, Any]) -> FrameworkVersion:
    source = data.get("source", {})
    wording = str(source.get("wording", "paraphrased"))
    return FrameworkVersion(
        id=data["framework"],
        label=data["label"],
        regulator=str(data.get("regulator", "")),
        nations=tuple(data.get("nations", ())),
        settings=tuple(data.get("settings", ())),
        status={"current": "in-force", "superseded": "withdrawn"}.get(
            data["status"], data["status"]
        ),
        valid_from=data.get("valid_from"),
        valid_to=data.get("valid_to"),
        source_title=str(source.get("title", "")),
        source_url=str(source.get("url", "")),
        source_note=str(source.get("note", "")),
        item_kind=str(data.get("item_kind", "quality statement")),
        parent_kind=str(data.get("parent_kind", "key question")),
        parents={p["id"]: p["label"] for p in data.get("key_questions", [])},
        items={
            s["id"]: Item(
                s["id"],
                s["label"],
                s.get("key_question", ""),
                s.get("wording", wording),
                tuple(s.get("evidence_categories", ())),
            )
            for s in data["statements"]
        },
        evidence_categories={c["id"]: c["label"] for c in data["evidence_categories"]},
        rating_scale=tuple(data.get("rating_scale", ())),
        regulator_name=str(data.get("regulator_name", "")),
    )


def parse_crosswalk(data: dict[str, Any]) -> Crosswalk:
    return Crosswalk(
        id=data["crosswalk"],
        source=data["from"],
        target=data["to"],
        kind=data["kind"],
        links=tuple(Link(tuple(x["from"]), tuple(x["to"]), x["reason"]) for x in data["links"]),
        unmapped={u["item"]: u["reason"] for u in data.get("unmapped", [])},
    )
