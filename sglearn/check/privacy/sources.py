"""What the output gate reports: each finding as a problem naming the input it came from."""

from __future__ import annotations

from pathlib import Path

from sglearn.check.privacy.detectors import WHAT, Finding
from sglearn.check.privacy.names import NamesList
from sglearn.check.privacy.normalise import fold
from sglearn.read.problems import Level, Problem


class Sources:
    """Which input file has an identifier, compared as folded text without spaces."""

    def __init__(self, root: Path, names: NamesList) -> None:
        self.root = root
        self.texts: list[tuple[str, str]] = []
        candidates: list[Path] = [root / "mkdocs.yml"]
        for sub in ("cases", "docs", "schemas", "overrides", "templates"):
            if (root / sub).is_dir():
                candidates += sorted(p for p in (root / sub).rglob("*") if p.is_file())
        for file in candidates:
            try:
                raw = file.read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            self.texts.append((file.relative_to(root).as_posix(), compact(raw)))

    def source_of(self, value: str) -> str:
        needle = compact(value)
        for shown, text in self.texts:
            if needle and needle in text:
                return f"it comes from {shown}"
        return (
            "no input file has it as written: it came through a template, a theme override, "
            "a generated label or a route the input scan does not read"
        )


def compact(text: str) -> str:
    return "".join(fold(text, strip_markup=True).text.split()).casefold()


def finding_problem(shown: str, line: int, finding: Finding, source: str) -> Problem:
    return Problem(
        shown,
        line,
        0,
        finding.rule,
        f"{WHAT[finding.rule]} ({finding.masked}) is in the built site; {source}",
        "Remove it at its source and build again; the previous site is kept until then.",
        Level.ERROR,
    )


def binary_problem(shown: str) -> Problem:
    return Problem(
        shown,
        0,
        0,
        "privacy/binary-file",
        "a binary file in the built site is neither a theme file nor a reviewed docs/ file",
        "List it under binary_files in privacy-allow.yaml with a reason and reviewed_by.",
        Level.ERROR,
    )
