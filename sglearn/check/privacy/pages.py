"""The hand-written Markdown pages in ``docs/`` get the same privacy checks as case files.

Pages are read with the limits case files have (size, number of files) and symbolic links
are not followed, so a page cannot pull text from outside the repository into the site.
"""

from __future__ import annotations

import os
from pathlib import Path

from sglearn.check.privacy.names import NO_NAMES, NamesList
from sglearn.check.privacy.scan import scan_text
from sglearn.read.files import read_regular_file
from sglearn.read.loading import MAX_FILE_BYTES
from sglearn.read.problems import Problem

DOCS_DIR = "docs"
MAX_PAGES = 50_000
"""More Markdown pages than this under docs/ are refused, like too many case files."""


def markdown_pages(docs: Path) -> tuple[list[Path], list[str]]:
    """``*.md`` files under ``docs``, sorted; hidden folders and links are skipped.

    Returns the pages and the folders that could not be read.
    """
    pages: list[Path] = []
    unreadable: list[str] = []

    def note(error: OSError) -> None:
        unreadable.append(str(error.filename or docs))

    for folder, subfolders, files in os.walk(docs, onerror=note, followlinks=False):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        pages.extend(Path(folder, name) for name in sorted(files) if name.endswith(".md"))
        if len(pages) > MAX_PAGES:
            break
    return pages, unreadable


def scan_markdown_pages(root: Path, names: NamesList = NO_NAMES) -> list[Problem]:
    """Privacy problems in every Markdown page under ``root/docs`` only."""
    docs = root / DOCS_DIR
    if not docs.is_dir() or docs.is_symlink():
        return []
    pages, unreadable = markdown_pages(docs)
    problems = [
        _page_problem(
            _shown(root, Path(folder)),
            "io/unreadable",
            "the folder cannot be read",
            "Check the folder's permissions.",
        )
        for folder in unreadable
    ]
    if len(pages) > MAX_PAGES:
        problems.append(
            _page_problem(
                DOCS_DIR,
                "io/too-many-files",
                f"more than {MAX_PAGES} Markdown pages under docs/",
                "Keep generated pages out of docs/; sglearn adds them at build time.",
            )
        )
        return problems
    for page in pages:
        problems.extend(scan_page(page, _shown(root, page), names))
    return problems


def scan_page(page: Path, shown: str, names: NamesList = NO_NAMES) -> list[Problem]:
    """One page: read within the size limit, decoded as UTF-8, then scanned."""
    try:
        if page.is_symlink():
            return [
                _page_problem(
                    shown,
                    "io/symlink",
                    "the page is a symbolic link, which sglearn does not follow",
                    "Replace the link with the page itself.",
                )
            ]
        raw = read_regular_file(page, MAX_FILE_BYTES)  # a FIFO is an error, never a hang
    except OSError as error:
        return [
            _page_problem(
                shown,
                "io/unreadable",
                f"the page cannot be read ({error.strerror or type(error).__name__})",
                "Check that you have permission to read it.",
            )
        ]
    if len(raw) > MAX_FILE_BYTES:
        return [
            _page_problem(
                shown,
                "io/too-large",
                f"the page is larger than the {MAX_FILE_BYTES // 1024} KiB limit",
                "Split the page; a hand-written page is a few kilobytes.",
            )
        ]
    text = raw.decode("utf-8-sig", errors="replace")
    return scan_text(text, shown, names)


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _page_problem(shown: str, rule: str, message: str, hint: str) -> Problem:
    return Problem(shown, 0, 0, rule, message, hint)
