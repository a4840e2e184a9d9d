"""The local names list: people's names that must never appear in a case or a page.

The list lives outside git (``SGLEARN_NAMES_FILE``, else ``.sglearn-names.txt`` at the
repository root, which ``.gitignore`` lists). One name per line; blank lines and lines
starting with ``#`` are ignored. It is read once per run and compiled into one regular
expression; no message, report or page ever prints a name from it in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sglearn.check.privacy.detectors import NAME, Finding
from sglearn.check.privacy.normalise import fold
from sglearn.read.files import read_regular_file
from sglearn.read.loading import MAX_FILE_BYTES
from sglearn.read.problems import Problem

NAMES_ENV = "SGLEARN_NAMES_FILE"
DEFAULT_NAMES_FILE = ".sglearn-names.txt"
MIN_NAME_LENGTH = 2
"""Shorter entries would match single letters everywhere, so they are ignored."""
MAX_NAME_LENGTH = 200
"""Longer lines are not names (and would make the compiled pattern needlessly deep)."""


@dataclass(frozen=True)
class NamesList:
    """A compiled names list; ``count`` is safe to show, the names are not."""

    pattern: re.Pattern[str] | None
    count: int = 0

    def find(self, text: str) -> Iterator[Finding]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            found = match.group()
            yield Finding(match.start(), match.end(), NAME, f"{found[0]}***")


NO_NAMES = NamesList(None)


def compile_names(names: list[str]) -> NamesList:
    """One case-insensitive regex on word boundaries; the longest name wins.

    Names are folded like the text they are matched against (accents, look-alike letters,
    invisible characters), and a plural or possessive ending still matches ("Smiths",
    "Smith's", "Jones'").
    """
    folded = (
        " ".join(fold(name).text.split())
        for name in names
        if MIN_NAME_LENGTH <= len(name.strip()) <= MAX_NAME_LENGTH
    )
    # A name that folds to (almost) nothing, such as a line of accents, would match
    # everywhere, or at an empty place: it is not a name.
    cleaned = sorted({name for name in folded if len(name) >= MIN_NAME_LENGTH})
    if not cleaned:
        return NO_NAMES
    trie: _Trie = {}
    for name in cleaned:
        node = trie
        for char in name.lower():
            node = node.setdefault(char, {})
        node[""] = {}
    pattern = re.compile(
        r"(?<!\w)" + _trie_pattern(trie) + r"(?:['\u2019]s|s['\u2019]|es|s|['\u2019])?(?!\w)",
        re.IGNORECASE,
    )
    return NamesList(pattern, len(cleaned))


_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie) -> str:
    """A prefix tree as one regex: thousands of names cost about as much as a few.

    A flat ``a|b|c`` alternation tries every name at every word; the tree shares prefixes.
    Any run of spaces (a line break in folded text) counts as the space inside a name.
    """
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


def parse_names(text: str) -> list[str]:
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def load_names(root: Path, environ: Mapping[str, str]) -> tuple[NamesList, list[Problem]]:
    """The names list for a run, and a problem if a file that was asked for cannot be used.

    A missing default file simply means no names list. A file named by ``SGLEARN_NAMES_FILE``
    that is missing or unreadable is an error, so a CI secret that failed to arrive cannot
    pass silently.
    """
    configured = environ.get(NAMES_ENV, "").strip()
    file = Path(configured) if configured else root / DEFAULT_NAMES_FILE
    if not configured and not file.is_file():
        return NO_NAMES, []
    where = NAMES_ENV if configured else DEFAULT_NAMES_FILE
    try:
        raw = read_regular_file(file, MAX_FILE_BYTES)
    except OSError as error:
        return NO_NAMES, [
            _names_problem(
                where,
                f"the names list cannot be read ({error.strerror or type(error).__name__})",
                f"Check that {NAMES_ENV} points at a readable file, or unset it.",
            )
        ]
    if len(raw) > MAX_FILE_BYTES:
        return NO_NAMES, [
            _names_problem(
                where,
                f"the names list is larger than the {MAX_FILE_BYTES // 1024} KiB limit",
                "Keep one name per line; the list should be a few kilobytes.",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return NO_NAMES, [
            _names_problem(
                where, "the names list is not UTF-8 text", "Save the names list as UTF-8."
            )
        ]
    return compile_names(parse_names(text)), []


def _names_problem(where: str, message: str, hint: str) -> Problem:
    # The path shown is the variable's name or the default file name, never its content.
    return Problem(where, 0, 0, "privacy/names-file", message, hint)
