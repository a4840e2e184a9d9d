"""A theme's trace page follows the issue from its first signals to the evidence."""

from __future__ import annotations

from datetime import date

from sglearn.review.vocabulary import Vocabularies
from tests.site.builders import MakeCase, render_pages

AS_OF = date(2026, 11, 27)


def test_trace_orders_every_step_of_every_review_in_time(
    make_case: MakeCase, vocabularies: Vocabularies
) -> None:
    finding = [
        {
            "id": "F1",
            "theme": "staffing-pressure",
            "system_level": "team",
            "description": "Rota gaps.",
        }
    ]
    early = make_case(
        "LR-2025-001",
        findings=finding,
        warning_signals=[
            {
                "date": "2024-11",
                "kind": "complaint",
                "acted_on": False,
                "description": "Short calls.",
            }
        ],
    )
    later = make_case(
        "LR-2026-001",
        dates={"concern_received": "2026-05-04", "investigation_concluded": "2026-06-01"},
        findings=finding,
    )
    other = make_case("LR-2026-002")  # a different theme: not on this trace
    pages = render_pages([early, later, other], vocabularies, AS_OF)
    trace = pages["trace/staffing-pressure.md"].content
    rows = [line for line in trace.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows[0].startswith("| November 2024 | Warning signal | Short calls.")
    assert "Not acted on" in rows[0]
    received = [r for r in rows if "| Concern received |" in r]
    assert [("LR-2025-001" in r, "LR-2026-001" in r) for r in received] == [
        (True, False),
        (False, True),
    ]
    assert "LR-2026-002" not in trace
    theme_page = pages["themes/staffing-pressure.md"].content
    assert "](../trace/staffing-pressure.md)" in theme_page
