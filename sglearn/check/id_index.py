"""Validate a few named files in a large repository without re-checking every other file.

A pull request usually touches one case, but ids must be unique across the repository, and
checking all 10,000 files fully takes many seconds. The only cross-file rule is ``ids/unique``
and it needs, from every other file, only the id of files that load and pass the schema.

Why scanning bytes is enough (and still exact): a file can contribute an id ``X`` to the
cross-file rule only if its ``id`` value, after YAML parsing, is the text ``X``. Case ids are
plain letters, digits and dashes, so that value appears literally in the file's bytes unless
a double-quoted escape (a backslash) spells it. So every other file whose bytes contain
none of the named files' ids and no backslash cannot share an id with them and is skipped
after one ``bytes`` search. The few that remain (a copy of the case, a case that mentions the
id in its text) are checked fully, exactly as a full run checks them. A copy under another
id (``ids/same-review``) has the named file's fingerprint, a function of the values alone:
a file holding the summary's opening words is read, and checked fully only if its values
give that fingerprint. The cross-file rules
then run on the named files plus those, and only the named files' problems are kept:
the same problems, at the same lines, as a full run reports for those files.

When a new cross-file rule is added, :func:`fast_path_applies` turns this off until this
module learns what that rule needs.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from pathlib import Path

from sglearn.check.parallel import check_files
from sglearn.check.rules import CaseSummary, corpus_rules, summarise
from sglearn.read.files import read_regular_file
from sglearn.read.loading import MAX_FILE_BYTES, Document, load_bytes
from sglearn.read.problems import Problem, sort_problems
from sglearn.read.project import Project
from sglearn.review.vocabulary import Vocabularies

UNDERSTOOD_CORPUS_RULES = frozenset({"ids/unique", "ids/same-review"})
"""Cross-file rules whose needs this module knows: ids of files that pass the schema."""


def fast_path_applies() -> bool:
    """True while ids/unique is the only cross-file rule (it needs nothing but ids)."""
    return {rule.ID for rule in corpus_rules()} <= UNDERSTOOD_CORPUS_RULES


def may_share_id(raw: bytes, ids: Iterable[str]) -> bool:
    """Could this file's parsed ``id`` be one of ``ids``? False only when it certainly cannot."""
    if b"\\" in raw or len(raw) > MAX_FILE_BYTES:
        return True  # an escape could spell an id; an oversized file is checked the slow way
    return any(_twin(case_id).search(raw) for case_id in ids)


def _twin(case_id: str) -> re.Pattern[bytes]:
    """The id however its number is padded (ids/unique treats LR-2026-0004 as LR-2026-004)."""
    match = re.fullmatch(r"(LR-[0-9]{4}-)([0-9]+)", case_id)
    if match is None:
        return re.compile(re.escape(case_id.encode("utf-8")))
    prefix, number = match.group(1).encode(), int(match.group(2))
    return re.compile(re.escape(prefix) + rb"0*" + str(number).encode() + rb"(?![0-9])")


def candidates(
    others: Iterable[Path],
    ids: Sequence[str],
    openings: Sequence[str] = (),
    fingerprints: Collection[str] = (),
) -> list[Path]:
    """The other files that must be checked fully: they could share a named file's id, or be
    a copy of it (their text holds the opening words of its summary, and their content, read,
    has one of the named files' ``fingerprints``; with none given, the words alone decide)."""
    wanted = [o.encode("utf-8") for o in openings if len(o) >= 20]
    found: list[Path] = []
    for path in others:
        try:
            raw = read_regular_file(path, MAX_FILE_BYTES)  # a FIFO must not hang the run
        except OSError:
            continue  # unreadable: a full run reports it on that file, never on a named one
        if may_share_id(raw, ids) or (
            any(o in raw for o in wanted) and _may_be_copy(raw, path, fingerprints)
        ):
            found.append(path)
    return found


def _may_be_copy(raw: bytes, path: Path, fingerprints: Collection[str]) -> bool:
    """A copy has a named file's fingerprint, a function of the values alone: reading the
    values (not checking them) tells. Reviews written from one template share their opening
    words, and checking each fully took seconds at 10,000 cases."""
    if not fingerprints:
        return True
    loaded = load_bytes(raw, path.name)
    if not isinstance(loaded, Document):
        return True  # it will not load in a full run either; checking it costs little
    return summarise(loaded).fingerprint in fingerprints


def check_named(
    project: Project,
    vocabularies: Vocabularies,
    as_of: date,
    named: Sequence[Path],
    every: Sequence[Path],
) -> tuple[list[Problem], list[CaseSummary]]:
    """Problems of the ``named`` files as a full run over ``every`` file would report them.

    ``every`` is what a full run would check (``discover`` over ``cases/``) and must include
    the named files. Returns the named files' problems, sorted, and the summaries used.
    """
    named_keys = {path.resolve() for path in named}
    checked = check_files(project, vocabularies, as_of, list(named), keep_documents=False)
    named_problems = [p for item in checked for p in item.problems]
    summaries = [item.summary for item in checked if item.summary is not None]
    ids = sorted({s.id for s in summaries if s.id})
    # A summary's first words stand on its first line as written, unless folded before them.
    openings = sorted({s.opening.split("  ")[0][:24] for s in summaries if s.opening})
    if ids or openings:
        others = [path for path in every if path.resolve() not in named_keys]
        fingerprints = {s.fingerprint for s in summaries if s.fingerprint}
        found = candidates(others, ids, openings, fingerprints)
        extra = check_files(project, vocabularies, as_of, found, keep_documents=False)
        summaries += [item.summary for item in extra if item.summary is not None]
    shown = {project.display(path) for path in named}
    for rule in corpus_rules():
        named_problems.extend(p for p in rule.check(summaries) if p.path in shown)
    return sort_problems(named_problems), summaries
