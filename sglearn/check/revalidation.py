"""Validation again after one case is saved, re-checking only the files whose bytes changed.

``sglearn serve`` validates on every save. Checking a case file (loading, the schema, the
rules, the privacy scan) depends only on its bytes and on what a run compiles once: the
vocabularies and schema, the as-of date, the names list and the privacy allow file. So the
serve process keeps each file's outcome and checks again only a file whose bytes differ;
everything else (discovery, the pages scan, the cross-file rules) runs as in a full
:func:`~sglearn.check.validation.validate`, which makes the report the same as a full run's.
When any input but the case files changes, every kept outcome is dropped.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sglearn.check.parallel import Checked
from sglearn.check.privacy.allow import ALLOW_FILE
from sglearn.check.privacy.names import DEFAULT_NAMES_FILE, NAMES_ENV
from sglearn.check.rules import summarise
from sglearn.check.validation import Report, validate
from sglearn.check.validator import Validator
from sglearn.read.problems import Problem
from sglearn.read.project import Project


class KeptChecks:
    """Each case file's bytes and outcome from the last run, for the next run to reuse."""

    def __init__(self) -> None:
        self._inputs = ""
        self._kept: dict[Path, tuple[bytes, Checked]] = {}
        self._pages: tuple[str, list[Problem]] = ("", [])
        self.rechecked: list[Path] = []
        """The files the last run checked again (new or changed bytes)."""

    def validate(self, project: Project, as_of: date) -> Report:
        """The report a full :func:`validate` of the project gives, checking only changes."""
        inputs = _inputs_digest(project, as_of)
        if inputs != self._inputs:
            self._inputs, self._kept, self._pages = inputs, {}, ("", [])
        return validate(project, as_of, checks=self)

    def check_pages(self, validator: Validator) -> list[Problem]:
        """The pages' privacy problems, scanned again only when docs/ or mkdocs.yml changed."""
        root = validator.project.root
        docs = root / "docs"
        files = sorted(p for p in docs.rglob("*") if p.is_file()) if docs.is_dir() else []
        key = _digest([*files, root / "mkdocs.yml"], self._inputs)
        if self._pages[0] != key:
            self._pages = (key, validator.check_pages())
        return list(self._pages[1])

    def check_files(self, validator: Validator, files: Sequence[Path]) -> list[Checked]:
        kept: dict[Path, tuple[bytes, Checked]] = {}
        results: list[Checked] = []
        self.rechecked = []
        for file in files:
            try:
                data: bytes | None = file.read_bytes()
            except OSError:
                data = None
            earlier = self._kept.get(file)
            if data is not None and earlier is not None and earlier[0] == data:
                checked = earlier[1]
            else:
                document, problems = validator.check_file(file)
                summary = summarise(document) if document is not None else None
                # Kept between saves: the values only, as a build keeps them (the problems
                # already say where each was written).
                kept_document = document.values_only() if document is not None else None
                checked = Checked(problems, summary, kept_document)
                self.rechecked.append(file)
            if data is not None:
                kept[file] = (data, checked)
            results.append(checked)
        self._kept = kept
        return results


def _inputs_digest(project: Project, as_of: date) -> str:
    """What a file's outcome depends on besides its bytes: schemas, date, names, allow file."""
    named = os.environ.get(NAMES_ENV, "").strip()
    names = Path(named) if named else project.root / DEFAULT_NAMES_FILE
    schemas = project.root / "schemas"
    found = sorted(p for p in schemas.rglob("*") if p.is_file()) if schemas.is_dir() else []
    return _digest([project.root / ALLOW_FILE, names, *found], as_of.isoformat())


def _digest(files: list[Path], start: str) -> str:
    digest = hashlib.sha256(start.encode())
    for file in files:
        digest.update(str(file).encode() + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"\1absent")
    return digest.hexdigest()
