"""From validated cases to site pages, and onto disk without ever leaving a half-written folder.

Both front ends share this: the MkDocs plugin hands the generated pages to MkDocs in memory,
``sglearn render`` writes them as files. Nothing here imports mkdocs (only
``sglearn.publish.mkdocs_adapter.plugin`` does), so a second publisher would reuse all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sglearn.check.validation import Report, validate
from sglearn.publish.gate import OutputGate, OutputRefused, check_output
from sglearn.publish.ownership import PublishError, PublishIOError, check_target, write_marker
from sglearn.publish.swap import replace_atomically
from sglearn.read.problems import Problem
from sglearn.read.project import Project

if TYPE_CHECKING:
    from sglearn.review.audiences import Audience
    from sglearn.site.render import GeneratedFile
    from sglearn.site.render.page_memo import PageMemo


@dataclass
class Generation:
    """What one run produced: the validation report and, when it had no errors, the pages."""

    report: Report
    files: list[GeneratedFile] = field(default_factory=list)
    audience: Audience | None = None
    """Whose build this is (schemas/audiences.yaml); None is the staff site, all of it."""
    abbreviations: str = ""
    """Markdown abbreviation lines (from the glossary) a host appends to every page."""

    @property
    def ok(self) -> bool:
        return self.report.errors == 0 and self.report.vocabularies is not None

    def page_filter(self) -> Callable[[str], bool]:
        """Whether this build holds a page (a path under docs/ or generated): every generated
        file it made, and the hand-written pages its audience reads. The filter does not hold
        this object: a host keeps it through its build, and it must not keep the report
        (every case's values) alive while the pages are rendered."""
        made = frozenset(f.path for f in self.files)
        audience = self.audience
        return lambda page: page in made or audience is None or audience.allows_doc(page)


def generate_site(
    project: Project,
    as_of: date,
    report: Report | None = None,
    audience: str | None = None,
    memo: PageMemo | None = None,
) -> Generation:
    """Validate (unless a report is given), then render every page; no pages if anything failed.

    ``audience`` names an audience in schemas/audiences.yaml: its build holds only what its
    policy lists. None builds the staff site. ``memo`` keeps case pages from one generation
    for the next in the same process (`sglearn serve`).
    """
    # The pages need the values only: node trees would take several times their memory.
    report = report if report is not None else validate(project, as_of, locations=False)
    generation = Generation(report, audience=_audience(project, audience))
    if not generation.ok:
        return generation
    # Imported here: the page generator is the heavy part and `sglearn validate` never needs it.
    from sglearn.review.glossary import GlossaryError, load_glossary
    from sglearn.review.model import cases_from_documents
    from sglearn.site.glossary_page import GLOSSARY_PATH, abbreviations, glossary_page
    from sglearn.site.render import GeneratedFile, render_site
    from sglearn.site.render.checks import PATH as CHECKS_PATH
    from sglearn.site.render.checks import render_checks_page

    assert report.vocabularies is not None
    documents = report.documents
    cases = memo.models(documents) if memo is not None else cases_from_documents(documents)
    chosen = generation.audience
    generation.files = render_site(cases, report.vocabularies, as_of, chosen, memo)
    # The checks reference comes from the rule registry, not the cases: it is the same for
    # every build and lets a lead look up any rule id that `sglearn validate` printed.
    if chosen is None or chosen.allows_page("checks"):
        generation.files.append(GeneratedFile(CHECKS_PATH, render_checks_page(), None))
    # The glossary explains every term of art once; its abbreviations expand on every page.
    try:
        terms = load_glossary(project)
    except GlossaryError as broken:
        shown = "\n  ".join(error_lines(broken.problems))
        raise PublishError(f"the glossary cannot be used:\n  {shown}") from None
    if chosen is None or chosen.allows_page("glossary"):
        generation.files.append(GeneratedFile(GLOSSARY_PATH, glossary_page(terms), None))
    generation.abbreviations = abbreviations(terms)
    if chosen is not None:  # the checks and glossary pages link to hand-written pages too
        generation.files = _within_build(generation)
    for generated in generation.files:
        check_relative(generated.path)
    return generation


def _within_build(generation: Generation) -> list[GeneratedFile]:
    """Links from the generated pages to pages this audience's build does not hold, as text."""
    from sglearn.site.render import GeneratedFile

    keeps = generation.page_filter()
    anchors = page_anchors(generation.files)
    return [
        GeneratedFile(
            f.path,
            within_build(f.content, f.path, anchors, keeps)
            if f.path.endswith(".md")
            else f.content,
            f.source,
        )
        for f in generation.files
    ]


def page_anchors(generated: Iterable[GeneratedFile]) -> dict[str, frozenset[str]]:
    """Each generated page's heading ids, made once per build for :func:`within_build`
    (every hand-written page asks; 10,000 case pages are not read again for each)."""
    from sglearn.site.render.audience_view import heading_ids

    return {f.path: heading_ids(f.content) for f in generated if f.path.endswith(".md")}


def within_build(
    markdown: str,
    path: str,
    anchors: Mapping[str, frozenset[str]],
    keeps: Callable[[str], bool],
) -> str:
    """``markdown`` (the page at ``path``) with links to pages outside the build as text;
    ``anchors`` is :func:`page_anchors` of the build's generated pages."""
    from sglearn.site.render.audience_view import unlink_absent

    return unlink_absent(markdown, path, anchors, keeps)


def _audience(project: Project, audience: str | None) -> Audience | None:
    if audience is None:
        return None
    from sglearn.review.audiences import AudiencesError, load_audiences

    try:
        audiences = load_audiences(project)
    except AudiencesError as broken:
        shown = "\n  ".join(error_lines(broken.problems))
        raise PublishError(f"schemas/audiences.yaml cannot be used:\n  {shown}") from None
    if audience not in audiences.ids:
        raise PublishError(
            f"there is no audience {audience!r}; schemas/audiences.yaml names "
            + ", ".join(audiences.ids)
        )
    return audiences.get(audience)


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


__all__ = [
    "Generation",
    "OutputGate",
    "OutputRefused",
    "PublishError",
    "PublishIOError",
    "check_output",
    "check_relative",
    "check_target",
    "error_lines",
    "generate_site",
    "replace_atomically",
    "within_build",
    "write_files",
    "write_marker",
]
