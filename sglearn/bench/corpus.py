"""A deterministic synthetic corpus: N realistic, valid case files for the benchmark.

Benchmarks only mean something on files the size and shape of real reviews (about 90-130
lines: findings, actions, measures, referrals, governance), and valid ones, since a file that
fails the schema skips the rules and would flatter the validator. Every choice comes from one
seeded ``random.Random``, so the same seed always writes the same bytes.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import yaml

from sglearn.bench.corpus_case import AS_OF, FIRST_YEAR, HEADER, Flow, FlowList, make_case
from sglearn.read.project import Project, packaged_schemas

__all__ = ["AS_OF", "FIRST_YEAR", "HEADER", "dump", "make_case", "make_project", "write_corpus"]


def services(project: Project) -> list[dict[str, Any]]:
    """The services a case may name, with the track and setting each one fixes."""
    text = project.schema_file("vocabularies/services.yaml").read_text(encoding="utf-8")
    terms: list[dict[str, Any]] = yaml.safe_load(text)["terms"]
    return terms


def make_project(root: Path) -> Project:
    """An empty repository at ``root`` with its own copy of the shipped schemas."""
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "schemas").exists():
        shutil.copytree(packaged_schemas(), root / "schemas")
    (root / "cases").mkdir(exist_ok=True)
    return Project(root)


def write_corpus(project: Project, count: int, seed: int = 2026) -> list[Path]:
    """Write ``count`` valid case files into ``project.cases_dir``; returns them in order."""
    rng = random.Random(seed)
    known = services(project)
    per_year = -(-count // (AS_OF.year - FIRST_YEAR + 1))
    files: list[Path] = []
    for index in range(count):
        year = FIRST_YEAR + index // per_year
        number = index % per_year + 1
        case_id = f"LR-{year}-{number:04d}" if per_year > 999 else f"LR-{year}-{number:03d}"
        data = make_case(rng, case_id, year, rng.choice(known))
        path = project.cases_dir / f"{case_id}.yaml"
        path.write_text(HEADER + dump(data), encoding="utf-8")
        files.append(path)
    return files


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style, except the short mappings and lists marked for one line."""


_Dumper.add_representer(
    Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)
_Dumper.add_representer(
    FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)


def dump(data: dict[str, Any]) -> str:
    """YAML as a lead would write it: block style, fields in schema order, long text wrapped."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return text
