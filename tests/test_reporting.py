"""Reporters: the same problems as plain text, GitHub annotations and JSON."""

from __future__ import annotations

import json

from sglearn.check import formats as reporting
from sglearn.read.problems import Level, Problem

PROBLEMS = [
    Problem(
        "cases/LR-2026-004.yaml",
        23,
        5,
        "schema/format",
        "'due' must be a date like 2026-05-31, not \"end of May\"",
        "Write the date as year-month-day with dashes, for example 2026-05-31.",
    ),
    Problem(
        "cases/LR-2026-004.yaml",
        40,
        7,
        "actions/overdue",
        "action A2 is 12 days overdue",
        "",
        Level.WARNING,
    ),
]


def test_text_report_reads_file_line_column_level_message_rule() -> None:
    out = reporting.format_text(PROBLEMS, 3)
    assert out.splitlines()[0] == (
        "cases/LR-2026-004.yaml:23:5: error: 'due' must be a date like 2026-05-31, "
        'not "end of May" [schema/format]'
    )
    assert "    hint: Write the date as year-month-day" in out
    assert out.rstrip().endswith("3 case files checked: 1 error, 1 warning.")


def test_text_report_says_clean_when_clean() -> None:
    assert reporting.format_text([], 1) == "1 case file checked: no problems found.\n"


def test_text_report_colours_only_when_asked() -> None:
    assert "\033[" not in reporting.format_text(PROBLEMS, 1)
    assert "\033[31merror" in reporting.format_text(PROBLEMS, 1, colour=True)


def test_colour_respects_no_color_and_pipes() -> None:
    assert reporting.wants_colour(True, {"TERM": "xterm"})
    assert not reporting.wants_colour(True, {"NO_COLOR": "1"})
    assert not reporting.wants_colour(False, {})


def test_github_report_annotates_each_problem_grouped_by_file() -> None:
    lines = reporting.format_github(PROBLEMS, 1).splitlines()
    assert lines[0] == "::group::cases/LR-2026-004.yaml"
    assert lines[1].startswith(
        "::error file=cases/LR-2026-004.yaml,line=23,col=5,title=schema/format::'due' must be"
    )
    assert lines[2].startswith("::warning file=cases/LR-2026-004.yaml,line=40,col=7,")
    assert lines[3] == "::endgroup::"


def test_github_report_escapes_so_text_cannot_inject_commands() -> None:
    hostile = Problem("cases/a,b:c%.yaml", 1, 1, "r", "bad\n::error::forged 100%", "")
    line = reporting.format_github([hostile], 1).splitlines()[1]
    assert "file=cases/a%2Cb%3Ac%25.yaml," in line
    assert line.endswith("::bad%0A::error::forged 100%25")
    assert "\n" not in line


def test_auto_format_picks_github_under_actions() -> None:
    assert reporting.pick_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert reporting.pick_format("auto", {}) == "text"
    assert reporting.pick_format("json", {"GITHUB_ACTIONS": "true"}) == "json"


def test_json_report_lists_every_field() -> None:
    payload = json.loads(reporting.format_json(PROBLEMS, 2))
    assert payload["files_checked"] == 2
    assert (payload["errors"], payload["warnings"]) == (1, 1)
    assert payload["problems"][0] == {
        "path": "cases/LR-2026-004.yaml",
        "line": 23,
        "column": 5,
        "level": "error",
        "rule": "schema/format",
        "message": "'due' must be a date like 2026-05-31, not \"end of May\"",
        "hint": "Write the date as year-month-day with dashes, for example 2026-05-31.",
    }


def test_step_summary_table_escapes_markdown() -> None:
    hostile = Problem("cases/x.yaml", 1, 1, "r", "a | <script>", "")
    table = reporting.github_step_summary([hostile], 1)
    assert "a \\| \\<script\\>" in table
