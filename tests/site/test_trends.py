"""Themes rising and falling: one calculation for the dashboard, the themes index and the report."""

from __future__ import annotations

from datetime import date

from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import build_casebook
from sglearn.site.meeting_report import build_meeting_report
from sglearn.site.trends import theme_changes
from tests.site.builders import MakeCase, render_pages, to_case

AS_OF = date(2026, 11, 27)


def _finding(theme: str) -> list[dict[str, str]]:
    return [{"id": "F1", "theme": theme, "system_level": "team", "description": "Found."}]


def _corpus(make_case: MakeCase) -> list[dict[str, object]]:
    def case(number: int, received: str, theme: str) -> dict[str, object]:
        dates = {"concern_received": received, "investigation_concluded": "2026-11-20"}
        return make_case(f"LR-2026-{number:03d}", dates=dates, findings=_finding(theme))

    return [
        case(1, "2026-10-05", "staffing-pressure"),  # this quarter
        case(2, "2026-11-02", "staffing-pressure"),  # this quarter
        case(3, "2026-08-14", "record-oversight"),  # last quarter
        case(4, "2025-03-01", "record-oversight"),  # last year
        case(5, "2026", "record-oversight"),  # this year, quarter not known
    ]


def test_trends_count_each_period_and_say_the_movement(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    book = build_casebook([to_case(c) for c in _corpus(make_case)], vocabularies, AS_OF)
    changes = {c.theme: c for c in theme_changes(book)}
    staffing, records = changes["staffing-pressure"], changes["record-oversight"]
    assert (staffing.this_quarter, staffing.last_quarter, staffing.quarter_change) == (2, 0, 2)
    assert (records.this_quarter, records.last_quarter) == (0, 1)
    assert (records.this_year, records.last_year) == (2, 1)  # the year-only review counts


def test_trends_dashboard_themes_index_and_report_agree(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    corpus = _corpus(make_case)
    pages = render_pages(corpus, vocabularies, AS_OF)
    row = "| 2 | 0 | Up 2 | 2 | 0 | Up 2 |"
    for path in ("index.md", "themes/index.md"):
        content = pages[path].content
        line = next(
            x for x in content.splitlines() if "themes/staffing-pressure.md" in x and "Up" in x
        )
        assert line.endswith(row), (path, line)
    report = build_meeting_report([to_case(c) for c in corpus], vocabularies, AS_OF)
    line = next(t for t in report.themes if t.theme == "staffing-pressure")
    assert (line.this_quarter, line.last_quarter) == (2, 0)
