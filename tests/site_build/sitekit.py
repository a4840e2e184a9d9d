"""Helpers for the site tests: throwaway governance repositories, builds, file trees."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from sglearn.commands.cli import main

REPO = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 27)
SAMPLE_CASE = "LR-2025-001"


def make_project(root: Path) -> Path:
    """A copy of this repository's cases, schemas, docs and mkdocs.yml at ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("cases", "schemas", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def read_case(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def write_case(path: Path, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")


def build(project: Path, site: Path, *extra: str, as_of: date = AS_OF) -> int:
    """``sglearn build`` in-process, the way a lead runs it."""
    return main(
        [
            "build",
            "--project",
            str(project),
            "--site-dir",
            str(site),
            "--as-of",
            as_of.isoformat(),
            *extra,
        ]
    )


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path: two equal results mean identical sites."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def epoch_of(day: date) -> str:
    """SOURCE_DATE_EPOCH for midnight UTC at the start of ``day``."""
    return str(int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()))


HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
    '{{ 7*7 }} {% raw %} {: onclick="alert(1)"}'
)
# The title has a 120-character limit: no link (every other field has one), but an attempt to
# close the page's <title> element, where the theme prints the title.
HOSTILE_TITLE = "</title>" + HOSTILE.replace("[x](javascript:alert(1)) ", "")

# Every free-text field of the case format (the schema's plain strings), as dotted paths;
# "[]" marks a list whose every item is visited.
FREE_TEXT = (
    "summary",
    "staff_role",
    "referrals[].rationale",
    "review.participants[]",
    "review.lead_reviewer_role",
    "warning_signals[].description",
    "findings[].description",
    "learning.context",
    "learning.support_approach",
    "learning.day_to_day",
    "learning.evidence_of_effectiveness",
    "actions[].description",
    "actions[].owner_role",
    "actions[].evidence",
    "measures[].measure",
    "measures[].unit",
    "measures[].verified_by",
    "learning_reached[].description",
    "governance[].decision",
)


def poison(data: dict[str, Any]) -> dict[str, str]:
    """Put numbered hostile text in every free-text field: {marker: the text after it}."""
    markers: dict[str, str] = {}

    def hostile(text: str = HOSTILE) -> str:
        marker = f"Zq{len(markers):02d}"
        markers[marker] = text
        return f"{marker} {text}"

    def visit(node: Any, steps: list[str]) -> None:
        step, rest = steps[0], steps[1:]
        if step.endswith("[]"):
            items = node.get(step[:-2]) or []
            for index, item in enumerate(items):
                if rest:
                    if isinstance(item, dict) and rest[0] in item:
                        visit(item, rest)
                else:
                    items[index] = hostile()
        elif rest:
            visit(node[step], rest)
        elif step in node:
            node[step] = hostile()

    data["title"] = hostile(HOSTILE_TITLE)
    for path in FREE_TEXT:
        visit(data, path.split("."))
    return markers
