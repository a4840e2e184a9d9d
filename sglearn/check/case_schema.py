"""The case schema: the public contract, kept in step with the vocabulary files.

Editors read ``schemas/case.schema.json`` for completion, so its vocabulary ``$defs`` list
every theme, service and framework id. sglearn validates with the lists taken from the
vocabulary files themselves, so a new service works at once; ``sglearn schema --write``
copies the lists into the file for editors, and ``--check`` (run in CI) reports drift.
"""

from __future__ import annotations

import json
from typing import Any

from sglearn.check.hints import case_advisor
from sglearn.read.project import CASE_SCHEMA, Project
from sglearn.read.schema import SchemaChecker
from sglearn.review.vocabulary import Vocabularies


def read_case_schema(project: Project) -> dict[str, Any]:
    text = (project.schemas_dir / CASE_SCHEMA).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def case_checker(project: Project, vocabularies: Vocabularies) -> SchemaChecker:
    """The case schema with the vocabularies' values; its hints offer the values that fit."""
    return SchemaChecker(
        read_case_schema(project), vocabularies.enums(), advisor=case_advisor(vocabularies)
    )


def synced_case_schema_text(project: Project, vocabularies: Vocabularies) -> str:
    """The case schema file as it should read, with the vocabulary lists filled in."""
    schema = read_case_schema(project)
    for name, values in vocabularies.enums().items():
        schema["$defs"][name]["enum"] = values
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
