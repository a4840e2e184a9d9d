"""The validation pipeline: find case files, load, check the schema, run the rules.

Every problem in every file is collected in one pass; nothing here prints or exits. The
privacy scan runs on every file that loads, whether or not it passes the schema: personal
data must be caught in a half-written case too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from sglearn.check.id_index import check_named, fast_path_applies
from sglearn.check.parallel import Checked, check_files
from sglearn.check.rules import CaseSummary, corpus_rules
from sglearn.check.validator import Validator
from sglearn.read.loading import Document
from sglearn.read.problems import Level, Problem, sort_problems
from sglearn.read.project import Project
from sglearn.review.model import UnsafeIdError, safe_term_id
from sglearn.review.vocabulary import Vocabularies, VocabularyError, load_vocabularies

MAX_CASE_FILES = 50_000
"""More files than this in one run is refused: a provider group keeps tens of thousands at most."""

FAST_PATH_MAX_FILES = 50
"""Up to this many named files are checked with the single-file fast path (id_index)."""

Progress = Callable[[int, int], None]


class Checks(Protocol):
    """What a run checks with its validator; `sglearn serve` passes one that keeps results."""

    def check_files(self, validator: Validator, files: Sequence[Path]) -> list[Checked]:
        """Each case file's outcome, documents kept, in file order."""

    def check_pages(self, validator: Validator) -> list[Problem]:
        """The privacy problems of the hand-written pages, schemas and mkdocs.yml."""


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
                elif not entry.name.startswith("."):
                    problems.extend(_not_read(project.display(entry), entry))
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
    *,
    keep_documents: bool = True,
    locations: bool = True,
    checks: Checks | None = None,
) -> Report:
    """Check the cases; ``keep_documents=False`` (the CLI) keeps only problems and summaries.

    ``locations=False`` (a build) keeps each document's values but not where each value was
    written: the node trees take several times the memory of the values. ``checks`` checks
    the case files and pages instead of the validator (keeping documents, as it chooses).
    """
    report = Report()
    try:
        vocabularies = load_vocabularies(project)
    except VocabularyError as broken:
        report.problems = sort_problems(broken.problems)
        return report
    unsafe = _unsafe_vocabulary_ids(project, vocabularies)
    if unsafe:
        report.problems = unsafe
        return report
    report.vocabularies = vocabularies
    explicit = list(paths or [])
    files, report.problems = discover(project, explicit or [project.cases_dir])
    validator = Validator(project, vocabularies, as_of)
    report.problems.extend(validator.setup_problems)
    if not explicit:
        pages = checks.check_pages(validator) if checks else validator.check_pages()
        report.problems.extend(pages)
    if explicit and not keep_documents and _only_case_files(project, files, explicit):
        # A pull request's few files: the cross-file rules read only what they need of the
        # other files (see id_index); the problems are those a full run reports for them.
        every, _ = discover(project, [project.cases_dir])
        named, _ = check_named(project, vocabularies, as_of, files, every)
        report.problems.extend(named)
        report.files_checked = len(files)
        report.problems = sort_problems(report.problems)
        return report
    summaries: list[CaseSummary] = []
    checked = (
        checks.check_files(validator, files)
        if checks is not None
        else check_files(
            project,
            vocabularies,
            as_of,
            files,
            progress=progress,
            keep_documents=keep_documents,
            validator=validator,
            locations=locations,
        )
    )
    for item in checked:
        report.problems.extend(item.problems)
        if item.document is not None:
            report.documents.append(item.document)
        if item.summary is not None:
            summaries.append(item.summary)
    for rule in corpus_rules():
        report.problems.extend(rule.check(summaries))
    report.files_checked = len(files)
    report.problems = sort_problems(report.problems)
    report.documents.sort(key=lambda d: d.path)
    return report


def _only_case_files(project: Project, files: list[Path], explicit: list[Path]) -> bool:
    """A few named files inside cases/, and ids/unique the only cross-file rule."""
    cases = project.cases_dir.resolve()
    return (
        0 < len(files) <= FAST_PATH_MAX_FILES
        and all(path.is_file() for path in explicit)
        and all(path.resolve().parent == cases for path in files)
        and fast_path_applies()
    )


_VOCABULARY_FILES = {
    "themes": "themes.yaml",
    "services": "services.yaml",
    "abuse_categories": "abuse-categories.yaml",
    "referral_bodies": "referral-bodies.yaml",
}


def _unsafe_vocabulary_ids(project: Project, vocabularies: Vocabularies) -> list[Problem]:
    """Ids that become page names (themes/ID.md) must be safe ones, or the build would fail."""
    problems = []
    for field_name, file_name in _VOCABULARY_FILES.items():
        for term_id in getattr(vocabularies, field_name):
            try:
                safe_term_id(term_id)
            except UnsafeIdError:
                shown = project.display(project.schema_file(f"vocabularies/{file_name}"))
                problems.append(
                    _whole_file(
                        shown,
                        "vocabulary/unsafe-id",
                        f"the id {term_id!r} cannot name a page (it is reserved, such as "
                        "'index', or holds characters other than a-z, 0-9 and '-')",
                        "Choose another id of lower-case letters, digits and dashes.",
                    )
                )
    return problems


def _not_read(shown: str, entry: Path) -> list[Problem]:
    """A warning for what looks like a case but is skipped: a lead thinks it was checked."""
    lowered = entry.name.lower()
    if entry.is_dir() and not entry.is_symlink():
        return [
            _whole_file(
                shown,
                "io/not-read",
                "this folder inside cases/ is not read: case files must sit in cases/ itself",
                "Move the case files up into cases/, or the folder out of cases/.",
                Level.WARNING,
            )
        ]
    if ".yaml" in lowered or ".yml" in lowered:
        stem = entry.name[: lowered.index(".y")]
        return [
            _whole_file(
                shown,
                "io/not-read",
                "this file is not read: only names ending exactly in .yaml are case files",
                f"Rename it to {stem}.yaml if it is a case, or move it out of cases/.",
                Level.WARNING,
            )
        ]
    return []


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _whole_file(
    shown: str, rule: str, message: str, hint: str, level: Level = Level.ERROR
) -> Problem:
    return Problem(shown, 0, 0, rule, message, hint, level)
