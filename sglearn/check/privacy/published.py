"""The output gate: the built site is scanned before it replaces the published one.

Input rules know the routes they were written for; the gate knows none and needs none. It
reads what a visitor can get: the visible text of every HTML page (and the attributes a
reader meets), the search index, the sitemap, SVG charts, CSV and JSON downloads and every
other text file, with the same detectors and folding as the input scan. Files of the theme
(Material's scripts, stylesheets, fonts) are recognised by the SHA-256 of the installed
theme's files and skipped. Reviewed values are honoured: the allow file and every
``privacy_reviewed`` list of the repository's cases and pages.

A finding names the published file and line, and the input file whose text has the same
identifier, or says that no input has it as written (a template, a theme override, a
generated label).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from sglearn.check.privacy.allow import AllowList
from sglearn.check.privacy.detectors import Finding
from sglearn.check.privacy.inputs import kind_of
from sglearn.check.privacy.memo import HtmlPieceMemo, PieceMemo
from sglearn.check.privacy.names import NamesList, load_names
from sglearn.check.privacy.scan import _FRONT_MATTER, Allowed, allowed_values
from sglearn.check.privacy.sources import Sources, binary_problem, finding_problem
from sglearn.check.privacy.visible import html_pieces, markdown_pieces
from sglearn.read.loading import Document, load_bytes
from sglearn.read.problems import Problem

GATE_RULE_PREFIX = "published/"
_THEME_PACKAGES = ("material", "mkdocs", "properdocs", "zensical")


@lru_cache(maxsize=1)
def theme_hashes() -> frozenset[str]:
    """SHA-256 of every file the installed themes ship (found without importing them)."""
    digests: set[str] = set()
    for package in _THEME_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        for location in spec.submodule_search_locations:
            for folder, _, files in os.walk(location):
                for name in files:
                    if not name.endswith((".py", ".pyc", ".html")):
                        digests.add(digest(Path(folder, name).read_bytes()))
    return frozenset(digests)


def digest(data: bytes) -> str:
    """The SHA-256 the gate knows a file's bytes by."""
    return hashlib.sha256(data).hexdigest()


def reviewed_values(
    root: Path, cases: Iterable[Document] | None = None
) -> tuple[Allowed, AllowList]:
    """The allow file's values and every ``privacy_reviewed`` value in cases/ and docs/
    (``cases``: the case files already loaded, not read again)."""
    allow, _ = AllowList.load(root)
    values: set[tuple[str, str]] = set(allow.values)
    for case in cases or ():
        values |= allowed_values(case.data)
    for folder in ("docs",) if cases is not None else ("cases", "docs"):
        base = root / folder
        if not base.is_dir():
            continue
        for file in sorted(base.rglob("*")):
            if file.suffix not in (".yaml", ".md", ".markdown") or file.is_symlink():
                continue
            try:
                raw = file.read_bytes()
            except OSError:
                continue
            if file.suffix != ".yaml":
                front = _FRONT_MATTER.match(raw.decode("utf-8", "replace"))
                if not (front and front.group(1)):
                    continue
                raw = front.group(1).encode("utf-8")
            loaded = load_bytes(raw, file.name)
            if isinstance(loaded, Document):
                values |= allowed_values(loaded.data)
    return frozenset(values), allow


def scan_published_site(folder: Path, root: Path, names: NamesList | None = None) -> list[Problem]:
    """Privacy problems in every published file under ``folder`` (paths relative to it)."""
    return scan_published_files(folder, published_files(folder), root, names)


def published_files(folder: Path) -> list[Path]:
    """Every file the gate reads, in the order it reads them."""
    return sorted(p for p in folder.rglob("*") if p.is_file())


def scan_published_files(
    folder: Path,
    files: list[Path],
    root: Path,
    names: NamesList | None = None,
    *,
    cases: Iterable[Document] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Privacy problems in the given files of the site in ``folder``: those a rebuild of
    some pages rewrote (``sglearn serve``), or all of them.

    ``cases``: the case files, already loaded, whose reviewed values count (else cases/ is
    read again); ``texts``: more published text by the name it is shown under, such as the
    search entries of the rewritten pages (the whole index is too big to scan on each save).
    """
    scanner = SiteScanner(root, names, cases)
    scans = [scanner.scan_bytes(f.relative_to(folder).as_posix(), f.read_bytes()) for f in files]
    scans += [scanner.scan_text(shown, text) for shown, text in (texts or {}).items()]
    return scanner.problems(scans)


Found = tuple[str, int, Finding, str]
"""A finding in a published file: the file as shown, its line, the finding, the value."""


LineFinding = tuple[int, Finding, str]


class Helper(Protocol):
    """Another process that scans a big file's text as written (the longest single scan)
    while this one scans its visible pieces."""

    least: int
    """Texts shorter than this are not worth sending."""

    def ask(self, shown: str, text: str) -> Callable[[], list[LineFinding]]:
        """Start; the returned call waits for ``findings(text, shown, pieces=False)``."""
        ...


class Text(NamedTuple):
    """A published file's text, under the name it is read as (sitemap.xml for its .gz)."""

    shown: str
    text: str


class FileScan(NamedTuple):
    """What one published file holds: a binary-file problem, or the identifiers found."""

    binary: Problem | None = None
    found: tuple[Found, ...] = ()


class SiteScanner:
    """Scans published files one at a time, each on its own: a file's findings depend on its
    name and bytes alone, so a scan made while the site was being written stays right as
    long as the file's bytes are the same (``sglearn.check.privacy.ahead``)."""

    def __init__(
        self, root: Path, names: NamesList | None = None, cases: Iterable[Document] | None = None
    ) -> None:
        self.root = root
        self.names = names if names is not None else load_names(root, os.environ)[0]
        self.allowed, self.allow = reviewed_values(root, cases)
        self.theme = theme_hashes()
        self.memo = PieceMemo(self.names)
        self.html = HtmlPieceMemo()

    def scan_bytes(
        self, shown: str, data: bytes, sha256: str | None = None, helper: Helper | None = None
    ) -> FileScan:
        """The file published as ``shown`` with these bytes (``sha256``: their digest)."""
        read = self.readable(shown, data, sha256)
        return read if isinstance(read, FileScan) else self.scan_text(*read, helper)

    def readable(self, shown: str, data: bytes, sha256: str | None = None) -> FileScan | Text:
        """The text to scan (and the name it is read under), or the whole answer: nothing
        for a theme's file, a problem for a binary one. The bytes are not needed after."""
        if (sha256 or digest(data)) in self.theme:
            return FileScan()
        if shown.endswith(".gz"):  # sitemap.xml.gz: what a crawler reads
            try:
                data = gzip.decompress(data)
                shown = shown[:-3]
            except (OSError, EOFError, zlib.error):  # not gzip after all: read as it is
                pass
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        if text is None or "\0" in text:
            allowed = self.allow.binary_allowed(f"docs/{shown}")
            return FileScan(None if allowed else binary_problem(shown))
        return Text(shown, text)

    def scan_text(self, shown: str, text: str, helper: Helper | None = None) -> FileScan:
        """``helper``: another process that scans a big file as written meanwhile."""
        if helper is None or len(text) < helper.least:
            found = list(self.findings(text, shown))
        else:
            answer = helper.ask(shown, text)
            rest = list(self.findings(text, shown, whole=False))
            found = list(_first_per_line([*answer(), *rest]))
        return FileScan(None, tuple((shown, line, f, value) for line, f, value in found))

    def findings(
        self, text: str, shown: str, *, whole: bool = True, pieces: bool = True
    ) -> Iterator[LineFinding]:
        """The first finding of each rule on each line: of the text as written (``whole``)
        and of its visible pieces (``pieces``). The two parts can be scanned apart and
        joined, as written first, by ``_first_per_line``."""
        found = _file_findings(text, shown, self, whole=whole, pieces=pieces)
        return _first_per_line(found)

    def problems(self, scans: Iterable[FileScan]) -> list[Problem]:
        """The problems of these scans, each finding naming the input it came from."""
        problems: list[Problem] = []
        found: list[Found] = []
        for scan in scans:
            if scan.binary is not None:
                problems.append(scan.binary)
            found += scan.found
        sources = Sources(self.root, self.names) if found else None
        for shown, line, finding, value in found:
            assert sources is not None
            problems.append(finding_problem(shown, line, finding, sources.source_of(value)))
        return sorted(set(problems), key=lambda p: (p.path, p.line, p.rule, p.message))


def _file_findings(
    text: str, shown: str, scanner: SiteScanner, *, whole: bool, pieces: bool
) -> Iterator[LineFinding]:
    kind = kind_of(shown)
    json_file = shown.endswith(".json")
    # The whole file as written (number 0) is folded only; its visible pieces also have
    # emphasis and tags removed. So is any other text file as written, what its reader
    # sees. A JSON file's pieces are its strings, read that way, or if it does not parse,
    # the whole text read that way: so the scan as written never needs to parse it (the
    # search index's strings are 85 MB at 10,000 cases).
    whole_read = kind == "text" and not json_file
    strings = _json_strings(text) if json_file and pieces else None
    pieces_of = _pieces(text, kind, scanner.html, strings, json_file)
    for number, (start_line, piece) in enumerate(pieces_of):
        if number == 0 and not whole:
            continue
        reader = number > 0 or whole_read
        for finding in scanner.memo.kept(piece, reader, scanner.allowed):
            line = start_line + piece.count("\n", 0, finding.start)
            yield line, finding, piece[finding.start : finding.end]
        if not pieces:
            break  # before the visible pieces are even made


def _first_per_line(found: Iterable[LineFinding]) -> Iterator[LineFinding]:
    seen: set[tuple[int, str]] = set()
    for line, finding, value in found:
        if (line, finding.rule) not in seen:
            seen.add((line, finding.rule))
            yield line, finding, value


def _pieces(
    text: str, kind: str, html: HtmlPieceMemo, strings: list[str] | None, json_file: bool
) -> Iterator[tuple[int, str]]:
    """The whole file as written, then its visible pieces, one at a time (a search index
    holds every page's text: its pieces are never all in memory at once). ``strings``:
    those of a JSON file that parses."""
    yield 1, text
    if kind == "html":
        yield from html.pieces(text)
    elif kind == "markdown":
        yield from markdown_pieces(text)
    elif json_file and strings is None:
        yield 1, text  # JSON that does not parse: read as any other text
    elif strings is not None:
        yield from ((1, s) for s in strings)
        for string in strings:
            if "<" in string:
                yield from html_pieces(string)


def _json_strings(text: str) -> list[str] | None:
    """Every string (keys too) of a JSON document; None if it does not parse."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    out: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


def refusal(problems: list[Problem], site: str = "site") -> str:
    """One message naming every published file with a finding (already masked)."""
    lines = [f"personal data in {len(problems)} place(s) of the built {site}; not published:"]
    for p in problems:
        where = f"{p.path}:{p.line}" if p.line else p.path
        lines.append(f"  {where}: {p.message} [{p.rule}]")
    return "\n".join(lines)
