"""Every input whose text can reach the site: case files as written (comments and keys
too), ``schemas/`` (vocabularies, frameworks, settings), ``mkdocs.yml`` and every file under
``docs/`` of any type. Binary files under ``docs/`` are refused unless the allow file lists
them with a reason and a reviewer: nobody can read a picture for a name.
"""

from __future__ import annotations

import os
from pathlib import Path

from sglearn.check.privacy import pages
from sglearn.check.privacy.allow import ALLOW_FILE, AllowList
from sglearn.check.privacy.names import NO_NAMES, NamesList
from sglearn.check.privacy.scan import Allowed, scan_text
from sglearn.read.files import read_regular_file
from sglearn.read.loading import MAX_FILE_BYTES
from sglearn.read.problems import Problem

DOCS_DIR = "docs"
MAX_FILES = 50_000
MARKDOWN = frozenset({".md", ".markdown", ".mdown", ".mkd"})
HTML = frozenset({".html", ".htm", ".svg", ".xml", ".xhtml"})


def kind_of(path: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    return "markdown" if suffix in MARKDOWN else "html" if suffix in HTML else "text"


class TooLarge(Exception):
    """The file is larger than the limit every input has."""


def read_text(file: Path) -> str | None:
    """The file as UTF-8 text, or None if it is binary (a NUL byte, or not UTF-8)."""
    raw = read_regular_file(file, MAX_FILE_BYTES)  # a FIFO is an error, never a hang
    if len(raw) > MAX_FILE_BYTES:
        raise TooLarge
    if b"\0" in raw:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def scan_file(
    file: Path, shown: str, names: NamesList, extra: Allowed, allow: AllowList, where: str
) -> list[Problem]:
    """One input file: its text scanned, or refused as binary unless allowed."""
    try:
        if file.is_symlink():
            return [
                _whole(
                    shown,
                    "io/symlink",
                    "the file is a symbolic link, which sglearn does not follow",
                    "Replace the link with the file itself.",
                )
            ]
        text = read_text(file)
    except TooLarge:
        return [
            _whole(
                shown,
                "io/too-large",
                f"the file is larger than the {MAX_FILE_BYTES // 1024} KiB limit",
                "Split it; a hand-written page is a few kilobytes.",
            )
        ]
    except OSError as error:
        return [
            _whole(
                shown,
                "io/unreadable",
                f"the file cannot be read ({error.strerror or type(error).__name__})",
                "Check its permissions.",
            )
        ]
    if text is None:
        if allow.binary_allowed(shown):
            return []
        return [
            _whole(
                shown,
                "privacy/binary-file",
                "a binary file (a picture, a PDF) cannot be checked for personal data",
                f"Check it by eye, then list it under binary_files in {ALLOW_FILE} with a "
                "reason and reviewed_by; or remove it.",
            )
        ]
    return scan_text(text, shown, names, kind=kind_of(shown), extra=extra, where=where)


def scan_pages(root: Path, names: NamesList = NO_NAMES) -> list[Problem]:
    """Privacy problems in every published input: each file under docs/ (any type),
    schemas/ and mkdocs.yml."""
    return scan_inputs(root, names)


def scan_inputs(root: Path, names: NamesList = NO_NAMES, *, cases: bool = False) -> list[Problem]:
    """Every file under docs/ and schemas/, and mkdocs.yml (case files too if ``cases``)."""
    allow, problems = AllowList.load(root)
    extra = allow.values
    targets: list[tuple[Path, str]] = []
    folders = [(DOCS_DIR, "published page"), ("schemas", "file whose text is published")]
    if cases:
        folders.append(("cases", "case file"))
    for folder, where in folders:
        base = root / folder
        if not base.is_dir() or base.is_symlink():
            continue
        files = _walk(base, problems, root)
        if folder == DOCS_DIR and len(files) > pages.MAX_PAGES:
            problems.append(
                _whole(
                    DOCS_DIR,
                    "io/too-many-files",
                    f"more than {pages.MAX_PAGES} files under docs/",
                    "Keep generated pages out of docs/; sglearn adds them at build time.",
                )
            )
            continue
        for file in files:
            # schemas/: the vocabularies, frameworks and settings (YAML) carry published
            # labels; the JSON schemas are the contract for editors and are not published.
            if folder != "schemas" or file.suffix in (".yaml", ".yml"):
                targets.append((file, where))
    config = root / "mkdocs.yml"
    if config.is_file():
        targets.append((config, "file whose text is published"))
    for file, where in targets[:MAX_FILES]:
        shown = file.relative_to(root).as_posix()
        problems.extend(scan_file(file, shown, names, extra, allow, where))
    return problems


def _walk(base: Path, problems: list[Problem], root: Path) -> list[Path]:
    found: list[Path] = []

    def note(error: OSError) -> None:
        where = Path(error.filename) if error.filename else base
        try:
            shown = where.relative_to(root).as_posix()
        except ValueError:
            shown = where.as_posix()
        problems.append(
            _whole(
                shown,
                "io/unreadable",
                "the folder cannot be read",
                "Check the folder's permissions.",
            )
        )

    for folder, subfolders, files in os.walk(base, onerror=note, followlinks=False):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        found.extend(Path(folder, name) for name in sorted(files) if not name.startswith("."))
        if len(found) > MAX_FILES:
            break
    return found


def _whole(shown: str, rule: str, message: str, hint: str) -> Problem:
    return Problem(shown, 0, 0, rule, message, hint)
