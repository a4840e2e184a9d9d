"""From validated cases to site pages, and onto disk without ever leaving a half-written folder.

Both front ends share this: the MkDocs plugin hands the generated pages to MkDocs in memory,
``sglearn render`` writes them as files. Nothing here imports mkdocs (only
``sglearn.publish.mkdocs_plugin`` does), so a second publisher would reuse all of it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sglearn.check.validation import Report, validate
from sglearn.read.problems import Problem
from sglearn.read.project import Project

if TYPE_CHECKING:
    from sglearn.site.render import GeneratedFile

# A previous build is recognised by these files before it is replaced, so that a mistyped
# --site-dir can never wipe a folder of somebody's own files.
SITE_MARKERS = ("index.html", "sitemap.xml")


class PublishError(Exception):
    """The output folder cannot be used, or a generated path is unsafe."""


@dataclass
class Generation:
    """What one run produced: the validation report and, when it had no errors, the pages."""

    report: Report
    files: list[GeneratedFile] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report.errors == 0 and self.report.vocabularies is not None


def generate_site(project: Project, as_of: date, report: Report | None = None) -> Generation:
    """Validate (unless a report is given), then render every page; no pages if anything failed."""
    report = report if report is not None else validate(project, as_of)
    generation = Generation(report)
    if not generation.ok:
        return generation
    # Imported here: the page generator is the heavy part and `sglearn validate` never needs it.
    from sglearn.review.model import cases_from_documents
    from sglearn.site.render import GeneratedFile, render_site
    from sglearn.site.render.checks import PATH as CHECKS_PATH
    from sglearn.site.render.checks import render_checks_page

    assert report.vocabularies is not None
    cases = cases_from_documents(report.documents)
    generation.files = render_site(cases, report.vocabularies, as_of)
    # The checks reference comes from the rule registry, not the cases: it is the same for
    # every build and lets a lead look up any rule id that `sglearn validate` printed.
    generation.files.append(GeneratedFile(CHECKS_PATH, render_checks_page(), None))
    for generated in generation.files:
        check_relative(generated.path)
    return generation


def error_lines(problems: list[Problem]) -> list[str]:
    """``file:line:col: message [rule]`` for each error, the form editors and CI jump to."""
    lines = []
    for p in problems:
        if not p.is_error:
            continue
        where = f"{p.path}:{p.line}:{p.column}" if p.line else p.path
        lines.append(f"{where}: {p.message} [{p.rule}]")
    return lines


def check_relative(path: str) -> PurePosixPath:
    """A generated path must stay inside the output folder, whatever a case id contains."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or ".." in pure.parts or "\\" in path:
        raise PublishError(f"generated path {path!r} would leave the output folder")
    return pure


def write_files(files: list[GeneratedFile], folder: Path) -> None:
    """Write generated pages under ``folder`` (which must exist), in a stable order."""
    for generated in sorted(files, key=lambda f: f.path):
        target = folder.joinpath(*check_relative(generated.path).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        # newline="" keeps the bytes the renderer made on every platform.
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(generated.content)


def check_target(target: Path, project: Project, *, previous_marker: bool) -> None:
    """Refuse output folders whose replacement would destroy the repository or user files.

    ``previous_marker``: a non-empty existing folder must look like an earlier build.
    """
    target = target.resolve()
    root = project.root.resolve()
    protected = [root / "cases", root / "schemas", root / "docs", root / ".git"]
    for precious, what in ((root, "the repository"), (Path.cwd(), "the current folder")):
        if target == precious or target in precious.parents:
            raise PublishError(f"{target} holds {what}; choose a folder of its own")
    if target == Path.home() or len(target.parts) <= 2:
        raise PublishError(f"{target} is too general a place; choose a folder of its own")
    for folder in protected:
        if target == folder or folder in target.parents:
            raise PublishError(f"{target} is inside {folder.name}/; choose another folder")
    if target.exists() and not target.is_dir():
        raise PublishError(f"{target} is a file, not a folder")
    looks_built = all((target / marker).is_file() for marker in SITE_MARKERS)
    if previous_marker and target.is_dir() and any(target.iterdir()) and not looks_built:
        raise PublishError(
            f"{target} has files but is not a site sglearn or MkDocs built; "
            "choose an empty or new folder"
        )


def replace_atomically(
    target: Path, fill: Callable[[Path], None], *, project: Project | None = None
) -> None:
    """Fill a fresh folder beside ``target``, then swap it in; on any failure keep the old one.

    The fresh folder sits in the same parent so the swap is a rename on one file system.
    Between the two renames the target is briefly absent, never half-written.
    """
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        _make_shareable(fresh)
        fill(fresh)
        _refuse_personal_data(fresh, project)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if not target.exists():
        os.replace(fresh, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()
    os.replace(target, old)
    try:
        os.replace(fresh, target)
    except BaseException:
        os.replace(old, target)
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _refuse_personal_data(fresh: Path, project: Project | None) -> None:
    """The output gate: a finding in the built folder stops the swap (the old site is kept).

    ``project`` gives the reviewed values and the names list (default: the current folder's).
    """
    from sglearn.check.privacy import refusal, scan_published_site
    from sglearn.read.project import find_project

    root = (project or find_project(Path.cwd())).root
    problems = scan_published_site(fresh, root)
    if problems:
        raise PublishError(refusal(problems))


def _make_shareable(folder: Path) -> None:
    """mkdtemp makes 0700 folders; a published site must be readable like any other folder."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
