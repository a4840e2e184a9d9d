"""The checks of one case file: load, schema, rules and personal data, compiled once per run.

Every worker process builds one :class:`Validator`; the pipeline in ``validation`` drives it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from sglearn.check.case_schema import case_checker
from sglearn.check.privacy import AllowList, load_names, scan_case, scan_pages
from sglearn.check.rules import CaseContext, case_rules
from sglearn.read.loading import Document, load_file
from sglearn.read.problems import Problem
from sglearn.read.project import Project
from sglearn.read.schema import SchemaChecker
from sglearn.review.vocabulary import Vocabularies


class Validator:
    """Holds what is compiled once per run: the vocabularies, the schema, the rules and the
    names list (``setup_problems`` says if the names list asked for cannot be used)."""

    def __init__(
        self,
        project: Project,
        vocabularies: Vocabularies,
        as_of: date,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.project = project
        self.vocabularies = vocabularies
        self.as_of = as_of
        self.checker: SchemaChecker = case_checker(project, vocabularies)
        self.rules = case_rules()
        self.names, self.setup_problems = load_names(
            project.root, os.environ if environ is None else environ
        )
        self.allowed = AllowList.load(project.root)[0].values

    def check_file(self, file: Path) -> tuple[Document | None, list[Problem]]:
        """Problems of one file; the document too when the rules could run on it."""
        loaded = load_file(file, self.project.display(file))
        if not isinstance(loaded, Document):
            shown = self.project.display(file)
            return None, loaded + scan_case(file, shown, None, self.names, self.allowed)
        privacy = scan_case(file, loaded.path, loaded, self.names, self.allowed)
        problems = self.checker.check(loaded)
        if problems:
            return None, problems + privacy
        context = CaseContext(loaded, self.vocabularies, self.as_of)
        for rule in self.rules:
            problems.extend(rule.check(context))
        return loaded, problems + privacy

    def check_pages(self) -> list[Problem]:
        """The hand-written pages in docs/ get the same privacy checks as cases."""
        return scan_pages(self.project.root, self.names)
