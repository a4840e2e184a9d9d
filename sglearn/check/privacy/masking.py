"""Mask what a detector flags in any message, whichever check wrote it.

A schema error repeats the value it rejects, a YAML syntax error quotes the line, a rule
names a field's content: every problem passes through :func:`mask_problem` on its way to
text, GitHub or JSON output, so no format ever prints an identifier in full.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from sglearn.check.privacy.names import NO_NAMES, NamesList, load_names
from sglearn.check.privacy.scan import findings
from sglearn.read.problems import Problem


def mask_text(text: str, names: NamesList = NO_NAMES) -> str:
    """``text`` with every finding replaced by its masked form (longest span first)."""
    spans = sorted(findings(text, names), key=lambda f: (f.start, -(f.end - f.start)))
    out: list[str] = []
    at = 0
    for finding in spans:
        if finding.start < at:
            continue
        out.append(text[at : finding.start])
        out.append(finding.masked)
        at = finding.end
    out.append(text[at:])
    return "".join(out)


@lru_cache(maxsize=4)
def _names_for(root: str) -> NamesList:
    return load_names(Path(root), os.environ)[0]


def run_names() -> NamesList:
    """The names list of the repository the command runs in (empty when there is none)."""
    from sglearn.read.project import find_project

    return _names_for(str(find_project(Path.cwd()).root))


def mask_problem(problem: Problem, names: NamesList | None = None) -> Problem:
    listed = run_names() if names is None else names
    message, hint = mask_text(problem.message, listed), mask_text(problem.hint, listed)
    if message == problem.message and hint == problem.hint:
        return problem
    return replace(problem, message=message, hint=hint)


def mask_problems(problems: list[Problem], names: NamesList | None = None) -> list[Problem]:
    listed = run_names() if names is None else names
    return [mask_problem(p, listed) for p in problems]
