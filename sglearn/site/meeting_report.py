"""What a safeguarding governance meeting needs, as of one date: the agenda's figures.

Built on the site's aggregation (``sglearn.site.aggregate``), so the meeting and the published
dashboards never disagree about what is overdue or late. Internal: cases held from
publication are counted too, and counts are not suppressed. Same cases and as-of date give
byte-identical output.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sglearn.review.model import Case, quarter_of, quarter_start
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import build_casebook

FORMATS = ("markdown", "csv", "json")


@dataclass(frozen=True)
class ActionLine:
    case: str
    title: str
    service: str
    action: str
    description: str
    owner: str
    due: str
    days: int
    """Days overdue, or days left until due."""


@dataclass(frozen=True)
class EvidenceLine:
    case: str
    title: str
    service: str
    status: str
    item: str
    waiting_for: str


@dataclass(frozen=True)
class ThemeLine:
    theme: str
    label: str
    this_quarter: int
    last_quarter: int

    @property
    def change(self) -> int:
        return self.this_quarter - self.last_quarter


@dataclass(frozen=True)
class ReferralLine:
    case: str
    title: str
    service: str
    body: str
    state: str
    received: str
    made: str
    taken: str
    allowed: str
    rationale: str


@dataclass(frozen=True)
class MeetingReport:
    as_of: date
    organisation: str
    due_soon_days: int
    this_quarter: str
    last_quarter: str
    cases: int
    open_cases: int
    not_included: tuple[str, ...]
    overdue: tuple[ActionLine, ...]
    due_soon: tuple[ActionLine, ...]
    awaiting_evidence: tuple[EvidenceLine, ...]
    themes: tuple[ThemeLine, ...]
    late_referrals: tuple[ReferralLine, ...]


_STATE_WORDS = {
    "late": "made late",
    "overdue": "pending, past its deadline",
    "not-made": "required, not made",
    "made-undated": "made, date not recorded",
}


def build_meeting_report(
    cases: Iterable[Case],
    vocabularies: Vocabularies,
    as_of: date,
    not_included: Iterable[str] = (),
) -> MeetingReport:
    """The figures for the meeting. ``not_included`` names case files that failed validation."""
    book = build_casebook(cases, vocabularies, as_of)
    services = vocabularies.services

    def service(case: Case) -> str:
        term = services.get(case.service)
        return term.label if term else case.service

    def action_line(t: Any, days: int) -> ActionLine:
        return ActionLine(
            t.case.id,
            t.case.title,
            service(t.case),
            t.action.id,
            t.action.description,
            t.action.owner_role,
            t.action.due.isoformat(),
            days,
        )

    overdue = tuple(
        action_line(t, (as_of - t.action.due).days) for t in book.actions if t.state == "overdue"
    )
    due_soon = tuple(
        action_line(t, (t.action.due - as_of).days) for t in book.actions if t.state == "due-soon"
    )
    awaiting = tuple(
        EvidenceLine(c.id, c.title, service(c), c.status, item, waiting)
        for c in book.cases
        if c.is_open
        for item, waiting in _awaiting_evidence(c)
    )
    this_q = quarter_of(as_of)
    last_q = quarter_of(quarter_start(this_q) - timedelta(days=1))
    themes = tuple(
        sorted(
            (
                ThemeLine(
                    theme,
                    vocabularies.themes[theme].label if theme in vocabularies.themes else theme,
                    counts.get(this_q, 0),
                    counts.get(last_q, 0),
                )
                for theme, counts in book.theme_quarters.items()
                if counts.get(this_q, 0) or counts.get(last_q, 0)
            ),
            key=lambda t: (-t.this_quarter, -t.last_quarter, t.label),
        )
    )
    late = tuple(
        ReferralLine(
            row.case.id,
            row.case.title,
            service(row.case),
            _body_label(vocabularies, row.referral.body),
            _STATE_WORDS[row.timeliness.state],
            row.case.dates.concern_received.isoformat(),
            row.referral.date.isoformat() if row.referral.date else "",
            _amount(row.timeliness.taken, row.timeliness.unit),
            _amount(row.timeliness.allowed, row.timeliness.unit),
            row.referral.rationale or "",
        )
        for row in book.referrals
        if row.case.is_open and row.timeliness.is_gap
    )
    return MeetingReport(
        as_of=as_of,
        organisation=vocabularies.settings.organisation,
        due_soon_days=book.due_soon_days,
        this_quarter=this_q,
        last_quarter=last_q,
        cases=len(book.cases),
        open_cases=len(book.open_cases),
        not_included=tuple(sorted(set(not_included))),
        overdue=overdue,
        due_soon=due_soon,
        awaiting_evidence=awaiting,
        themes=themes,
        late_referrals=late,
    )


def _awaiting_evidence(case: Case) -> list[tuple[str, str]]:
    """What an open review still owes as evidence that its actions worked.

    An action is finished when its effect is verified, not when it is done: a done action
    needs a measure with a follow-up figure checked by someone (``verified_by``).
    """
    waiting: list[tuple[str, str]] = []
    for measure in sorted(case.measures, key=lambda m: int(m.id[1:])):
        if measure.follow_up is None:
            reason = measure.no_follow_up_reason or "no reason given"
            waiting.append((f"{measure.id} ({measure.action})", f"follow-up figure: {reason}"))
        elif measure.verified_by is None:
            waiting.append(
                (
                    f"{measure.id} ({measure.action})",
                    "follow-up figure not yet checked (verified_by)",
                )
            )
    for action in sorted(case.actions, key=lambda a: int(a.id[1:])):
        if action.status != "done":
            continue
        if not any(m.action == action.id and m.follow_up is not None for m in case.measures):
            waiting.append((action.id, "done, but no measure with a follow-up figure"))
    return waiting


def _amount(number: int | None, unit: str) -> str:
    if number is None:
        return ""
    return f"{number} {unit.replace('days', 'day', 1) if number == 1 else unit}"


def _body_label(vocabularies: Vocabularies, body: str) -> str:
    term = vocabularies.referral_bodies.get(body)
    return term.label if term else body


# -- output ------------------------------------------------------------------------------------


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
    out += ["", f"## Reviews awaiting evidence of effectiveness ({cases_waiting})", ""]
    out += (
        _table(
            ["Case", "Status", "Item", "Waiting for"],
            [[e.case, e.status, e.item, e.waiting_for] for e in r.awaiting_evidence],
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
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
