"""The glossary: words of art explained once, in data (schemas/glossary.yaml).

Pages take their explanations and abbreviation expansions from here, so one idea has one
name and one explanation everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sglearn.read.loading import Document, load_file
from sglearn.read.problems import Problem
from sglearn.read.project import Project
from sglearn.read.schema import SchemaChecker

GLOSSARY_FILE = "glossary.yaml"
META_SCHEMA = "meta/glossary.schema.json"


class GlossaryError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("the glossary cannot be used")
        self.problems = problems


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    abbreviation: bool
    expansion: str
    explanation: str

    @property
    def anchor(self) -> str:
        """The id of the term's entry on the glossary page."""
        return "term-" + "-".join(self.term.casefold().replace("'", "").split())


def load_glossary(project: Project) -> tuple[GlossaryTerm, ...]:
    """Every term, sorted as a reader looks them up (case-insensitive)."""
    path = project.schema_file(GLOSSARY_FILE)
    loaded = load_file(path, project.display(path))
    if not isinstance(loaded, Document):
        raise GlossaryError(loaded)
    meta = json.loads(project.schema_file(META_SCHEMA).read_text(encoding="utf-8"))
    problems = SchemaChecker(meta).check(loaded)
    if problems:
        raise GlossaryError(problems)
    terms = [
        GlossaryTerm(
            str(t["term"]), bool(t["abbreviation"]), str(t["expansion"]), str(t["explanation"])
        )
        for t in loaded.data["terms"]
    ]
    seen: set[str] = set()
    for index, term in enumerate(terms):
        key = term.term.casefold()
        if key in seen:
            line, column = loaded.locate(("terms", index, "term"))
            raise GlossaryError(
                [
                    Problem(
                        loaded.path,
                        line,
                        column,
                        "glossary/duplicate",
                        f"'{term.term}' is explained twice",
                        "Keep one entry per term: one idea, one explanation.",
                    )
                ]
            )
        seen.add(key)
    return tuple(sorted(terms, key=lambda t: t.term.casefold()))
