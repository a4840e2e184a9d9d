"""The validation pipeline: find case files, load, check the schema, run the rules.

Every problem in every file is collected in one pass; nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sglearn.case_schema import case_checker
from sglearn.loading import Document, load_file
from sglearn.problems import Level, Problem, sort_problems
from sglearn.project import Project
from sglearn.rules import CaseContext, CaseSummary, case_rules, corpus_rules, summarise
from sglearn.schema import SchemaChecker
from sglearn.vocabulary import Vocabularies, VocabularyError, load_vocabularies

MAX_CASE_FILES = 50_000
"""More files than this in one run is refused: a provider group keeps tens of thousands at most."""

Progress = Callable[[int, int], None]


@dataclass
class Report:
    """What a run found: the problems, and the cases that passed the schema (for building)."""

    problems: list[Problem] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    files_checked: int = 0
    vocabularies: Vocabularies | None = None

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.level is Level.WARNING)


class Validator:
    """Holds what is compiled once per run: the vocabularies, the schema and the rules."""

    def __init__(self, project: Project, vocabularies: Vocabularies, as_of: date) -> None:
        self.project = project
        self.vocabularies = vocabularies
        self.as_of = as_of
        self.checker: SchemaChecker = case_checker(project, vocabularies)
        self.rules = case_rules()

    def check_file(self, file: Path) -> tuple[Document | None, list[Problem]]:
        """Problems of one file; the document too when the rules could run on it."""
        loaded = load_file(file, self.project.display(file))
        if not isinstance(loaded, Document):
            return None, loaded
        problems = self.checker.check(loaded)
        if problems:
            return None, problems
        context = CaseContext(loaded, self.vocabularies, self.as_of)
        for rule in self.rules:
            problems.extend(rule.check(context))
        return loaded, problems


def discover(project: Project, paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Case files named on the command line, or every ``*.yaml`` in the folders named."""
    files: list[Path] = []
    problems: list[Problem] = []
    root = project.root.resolve()
    for given in paths:
        shown = project.display(given)
        if given.is_symlink() and not _inside(given.resolve(), root):
            problems.append(
                _whole_file(
                    shown,
                    "io/outside-repository",
                    "this is a link to a place outside the repository",
                    "Copy the case file into cases/ instead of linking to it.",
                )
            )
            continue
        if given.is_dir():
            try:
                entries = sorted(given.iterdir())
            except OSError as error:
                problems.append(
                    _whole_file(
                        shown,
                        "io/unreadable",
                        f"the folder cannot be read ({error.strerror or error})",
                        "Check the folder's permissions.",
                    )
                )
                continue
            for entry in entries:
                if entry.suffix == ".yml":
                    problems.append(
                        _whole_file(
                            project.display(entry),
                            "io/file-extension",
                            "case files must end in .yaml, not .yml",
                            f"Rename the file to {entry.stem}.yaml.",
                        )
                    )
                elif entry.suffix == ".yaml" and not entry.name.startswith("."):
                    files.append(entry)
        elif given.exists() or given.is_symlink():
            files.append(given)
        else:
            problems.append(
                _whole_file(
                    shown,
                    "io/missing",
                    "there is no such file or folder",
                    "Check the path; case files live in cases/.",
                )
            )
        if len(files) > MAX_CASE_FILES:
            problems.append(
                _whole_file(
                    shown,
                    "io/too-many-files",
                    f"more than {MAX_CASE_FILES} case files in one run",
                    "Validate one folder at a time.",
                )
            )
            return [], problems
    return files, problems


def validate(
    project: Project,
    as_of: date,
    paths: Iterable[Path] | None = None,
    progress: Progress | None = None,
) -> Report:
    report = Report()
    try:
        vocabularies = load_vocabularies(project)
    except VocabularyError as broken:
        report.problems = sort_problems(broken.problems)
        return report
    report.vocabularies = vocabularies
    files, report.problems = discover(project, paths or [project.cases_dir])
    validator = Validator(project, vocabularies, as_of)
    summaries: list[CaseSummary] = []
    for done, file in enumerate(files, start=1):
        document, problems = validator.check_file(file)
        report.problems.extend(problems)
        if document is not None:
            report.documents.append(document)
            summaries.append(summarise(document))
        if progress:
            progress(done, len(files))
    for rule in corpus_rules():
        report.problems.extend(rule.check(summaries))
    report.files_checked = len(files)
    report.problems = sort_problems(report.problems)
    report.documents.sort(key=lambda d: d.path)
    return report


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _whole_file(shown: str, rule: str, message: str, hint: str) -> Problem:
    return Problem(shown, 0, 0, rule, message, hint)
