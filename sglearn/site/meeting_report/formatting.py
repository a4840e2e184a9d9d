"""The meeting report as Markdown to paste into minutes, CSV for a spreadsheet, or JSON."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from sglearn.site.meeting_report.figures import MeetingReport
from sglearn.site.render.labels import CASE_STATUS

FORMATS = ("markdown", "csv", "json")


def render(report: MeetingReport, fmt: str) -> str:
    if fmt == "markdown":
        return render_markdown(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "json":
        return render_json(report)
    raise ValueError(f"unknown format {fmt!r}")


def _cell(value: object) -> str:
    """Table cells stay on one line and cannot open a new column."""
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|") or "-"


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render_markdown(r: MeetingReport) -> str:
    out = [
        f"# Safeguarding governance report, as of {r.as_of.isoformat()}",
        "",
        f"{r.organisation}. {_plural(r.cases, 'learning review')} counted, {r.open_cases} still "
        "open. Internal: includes reviews held from publication.",
        "",
    ]
    if r.not_included:
        out += [
            "**Not included** (these case files do not pass `sglearn validate`): "
            + ", ".join(r.not_included),
            "",
        ]
    out += [f"## Overdue actions ({len(r.overdue)})", ""]
    out += (
        _table(
            ["Case", "Action", "What", "Owner", "Due", "Days overdue"],
            [[a.case, a.action, a.description, a.owner, a.due, a.days] for a in r.overdue],
        )
        if r.overdue
        else ["None."]
    )
    out += ["", f"## Actions due in the next {r.due_soon_days} days ({len(r.due_soon)})", ""]
    out += (
        _table(
            ["Case", "Action", "What", "Owner", "Due", "Days left"],
            [[a.case, a.action, a.description, a.owner, a.due, a.days] for a in r.due_soon],
        )
        if r.due_soon
        else ["None."]
    )
    cases_waiting = len({e.case for e in r.awaiting_evidence})
    items = _plural(len(r.awaiting_evidence), "item")
    out += [
        "",
        f"## Reviews awaiting evidence of effectiveness "
        f"({_plural(cases_waiting, 'review')}, {items})",
        "",
    ]
    out += (
        _table(
            ["Case", "Status", "Item", "Waiting for"],
            [
                [e.case, CASE_STATUS.get(e.status, e.status), e.item, e.waiting_for]
                for e in r.awaiting_evidence
            ],
        )
        if r.awaiting_evidence
        else ["None."]
    )
    out += [
        "",
        f"## Themes: {r.this_quarter} (to {r.as_of.isoformat()}) against {r.last_quarter}",
        "",
        "Reviews whose concern was received in the quarter, counted once per theme found.",
        "",
    ]
    out += (
        _table(
            ["Theme", r.this_quarter, r.last_quarter, "Change"],
            [
                [t.label, t.this_quarter, t.last_quarter, f"{t.change:+d}" if t.change else "0"]
                for t in r.themes
            ],
        )
        if r.themes
        else ["No reviews received in either quarter."]
    )
    out += [
        "",
        f"## Late or missing referrals and notifications, open reviews ({len(r.late_referrals)})",
        "",
    ]
    out += (
        _table(
            ["Case", "Body", "What", "Received", "Made", "Took", "Allowed", "Reason recorded"],
            [
                [x.case, x.body, x.state, x.received, x.made, x.taken, x.allowed, x.rationale]
                for x in r.late_referrals
            ],
        )
        if r.late_referrals
        else ["None."]
    )
    out += [
        "",
        f"## Not known or not exact, open reviews ({len(r.not_judged)})",
        "",
        "The record does not give an exact day or a decision here, so no verdict (on time, "
        "late, overdue) is given; settle each or record why it cannot be known.",
        "",
    ]
    out += (
        _table(
            ["Case", "Item", "What the record does not say"],
            [[g.case, g.item, g.what] for g in r.not_judged],
        )
        if r.not_judged
        else ["None."]
    )
    return "\n".join(out) + "\n"


CSV_COLUMNS = (
    "section",
    "case",
    "service",
    "item",
    "description",
    "owner",
    "date",
    "days",
    "this_quarter",
    "last_quarter",
    "detail",
)


def render_csv(r: MeetingReport) -> str:
    """One flat table, a row per line of the report, for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()

    def row(**values: object) -> None:
        writer.writerow({c: values.get(c, "") for c in CSV_COLUMNS})

    for section, lines in (("overdue", r.overdue), ("due-soon", r.due_soon)):
        for a in lines:
            row(
                section=section,
                case=a.case,
                service=a.service,
                item=a.action,
                description=a.description,
                owner=a.owner,
                date=a.due,
                days=a.days,
            )
    for e in r.awaiting_evidence:
        row(
            section="awaiting-evidence",
            case=e.case,
            service=e.service,
            item=e.item,
            description=e.waiting_for,
            detail=e.status,
        )
    for t in r.themes:
        row(
            section="themes",
            item=t.theme,
            description=t.label,
            this_quarter=t.this_quarter,
            last_quarter=t.last_quarter,
        )
    for x in r.late_referrals:
        row(
            section="late-referrals",
            case=x.case,
            service=x.service,
            item=x.body,
            description=x.state,
            date=x.made,
            days=x.taken,
            detail=x.rationale,
        )
    for g in r.not_judged:
        row(section="not-judged", case=g.case, service=g.service, item=g.item, description=g.what)
    for path in r.not_included:
        row(section="not-included", item=path)
    return buffer.getvalue()


def render_json(r: MeetingReport) -> str:
    data: dict[str, Any] = {
        "as_of": r.as_of.isoformat(),
        "organisation": r.organisation,
        "due_soon_days": r.due_soon_days,
        "this_quarter": r.this_quarter,
        "last_quarter": r.last_quarter,
        "cases": r.cases,
        "open_cases": r.open_cases,
        "not_included": list(r.not_included),
        "overdue_actions": [asdict(a) for a in r.overdue],
        "due_soon_actions": [asdict(a) for a in r.due_soon],
        "awaiting_evidence": [asdict(e) for e in r.awaiting_evidence],
        "themes": [{**asdict(t), "change": t.change} for t in r.themes],
        "late_referrals": [asdict(x) for x in r.late_referrals],
        "not_judged": [asdict(g) for g in r.not_judged],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
