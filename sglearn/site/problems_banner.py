"""While `sglearn serve` keeps the last good site, every page says what is broken and where."""

from __future__ import annotations

import html

from sglearn.check.privacy.scan import findings
from sglearn.read.problems import Problem


def masked(text: str) -> str:
    """``text`` with every identifier the privacy scan knows replaced by its masked form."""
    for found in sorted(findings(text), key=lambda f: f.start, reverse=True):
        text = text[: found.start] + found.masked + text[found.end :]
    return text


def problem_lines(problems: list[Problem]) -> list[str]:
    """``file:line: message [rule]`` for each error, masked."""
    return [masked(f"{p.path}:{p.line}: {p.message} [{p.rule}]") for p in problems if p.is_error]


def with_banner(page: str, lines: list[str]) -> str:
    """Put an alert listing ``lines`` at the top of the page body."""
    if not lines:
        return page
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    banner = (
        '<div role="alert" class="admonition failure sglearn-problems">'
        '<p class="admonition-title">The case files have errors; this is the last good '
        f"site. Fix these and save:</p><ul>{items}</ul></div>"
    )
    start = page.find("<body")
    if start == -1:
        return banner + page
    end = page.find(">", start) + 1
    return page[:end] + banner + page[end:]
