"""Print problems for people (text), for GitHub (annotations) and for programs (JSON).

Every format masks what a personal-data detector flags in a message or hint, whichever
check wrote it (schema, YAML syntax, rules, privacy): see ``sglearn.check.privacy.masking``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from itertools import groupby

from sglearn.check.privacy.masking import mask_problems
from sglearn.read.problems import Level, Problem

FORMATS = ("auto", "text", "github", "json")


def pick_format(requested: str, environ: Mapping[str, str]) -> str:
    if requested != "auto":
        return requested
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def format_text(problems: list[Problem], files_checked: int, *, colour: bool = False) -> str:
    problems = mask_problems(problems)
    lines: list[str] = []
    for problem in problems:
        level = problem.level.value
        if colour:
            level = ("\033[31m" if problem.is_error else "\033[33m") + level + "\033[0m"
        lines.append(f"{_where(problem)}: {level}: {problem.message} [{problem.rule}]")
        if problem.hint:
            lines.append(f"    hint: {problem.hint}")
    lines.append(summary_line(problems, files_checked))
    return "\n".join(lines) + "\n"


def summary_line(problems: list[Problem], files_checked: int) -> str:
    errors = sum(1 for p in problems if p.level is Level.ERROR)
    warnings = len(problems) - errors
    files = f"{files_checked} case file{'' if files_checked == 1 else 's'} checked"
    if not problems:
        return f"{files}: no problems found."
    return f"{files}: {_count(errors, 'error')}, {_count(warnings, 'warning')}."


def format_github(problems: list[Problem], files_checked: int) -> str:
    """Workflow commands, grouped per file, escaped so no message can inject another command."""
    problems = mask_problems(problems)
    lines: list[str] = []
    for path, group in groupby(problems, key=lambda p: p.path):
        lines.append(f"::group::{_escape_data(path)}")
        for p in group:
            props = [f"file={_escape_property(p.path)}"]
            if p.line:
                props += [f"line={p.line}", f"col={p.column}"]
            props.append(f"title={_escape_property(p.rule)}")
            text = p.message + (f" Hint: {p.hint}" if p.hint else "")
            lines.append(f"::{p.level.value} {','.join(props)}::{_escape_data(text)}")
        lines.append("::endgroup::")
    lines.append(summary_line(problems, files_checked))
    return "\n".join(lines) + "\n"


def github_step_summary(problems: list[Problem], files_checked: int) -> str:
    """A Markdown table for ``$GITHUB_STEP_SUMMARY``; cells are escaped as Markdown text."""
    problems = mask_problems(problems)
    rows = ["## sglearn validation", "", summary_line(problems, files_checked), ""]
    if problems:
        rows += ["| File | Line | Level | Problem | Rule |", "| --- | --- | --- | --- | --- |"]
        for p in problems:
            cells = [p.path, str(p.line), p.level.value, p.message, p.rule]
            rows.append("| " + " | ".join(_escape_cell(c) for c in cells) + " |")
    return "\n".join(rows) + "\n"


def format_json(problems: list[Problem], files_checked: int) -> str:
    problems = mask_problems(problems)
    payload = {
        "files_checked": files_checked,
        "errors": sum(1 for p in problems if p.level is Level.ERROR),
        "warnings": sum(1 for p in problems if p.level is Level.WARNING),
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "level": p.level.value,
                "rule": p.rule,
                "message": p.message,
                "hint": p.hint,
            }
            for p in problems
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def render(fmt: str, problems: list[Problem], files_checked: int, *, colour: bool = False) -> str:
    if fmt == "github":
        return format_github(problems, files_checked)
    if fmt == "json":
        return format_json(problems, files_checked)
    return format_text(problems, files_checked, colour=colour)


def wants_colour(stream_is_tty: bool, environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return stream_is_tty and "NO_COLOR" not in env and env.get("TERM") != "dumb"


def _where(problem: Problem) -> str:
    if not problem.line:
        return problem.path
    return f"{problem.path}:{problem.line}:{problem.column}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _escape_cell(text: str) -> str:
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for char in "<>`*_[]":
        out = out.replace(char, "\\" + char)
    return out
