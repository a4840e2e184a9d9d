"""The meeting's figures, as of one date, from the site's aggregation and the verdict engine."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sglearn.review.model import Case
from sglearn.review.verdicts import days_overdue
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import Casebook, build_casebook
from sglearn.site.evidence import awaiting_evidence
from sglearn.site.render import labels
from sglearn.site.trends import periods, theme_changes


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
class GapLine:
    """Something an open review's record does not say, so no verdict on it can be given."""

    case: str
    title: str
    service: str
    item: str
    what: str


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
    not_judged: tuple[GapLine, ...] = ()
    """Open reviews' actions and referrals whose dates or decisions are not known or exact."""


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
            t.action.owner_role if t.action.owner_stated else "Not known",
            "not-set" if t.action.due is None else t.action.due.iso(),
            days,
        )

    overdue = tuple(
        action_line(t, days_overdue(t.action, as_of) or 0)
        for t in book.actions
        if t.state == "overdue"
    )
    due_soon = tuple(
        action_line(t, -(days_overdue(t.action, as_of) or 0))
        for t in book.actions
        if t.state == "due-soon"
    )
    awaiting = tuple(
        EvidenceLine(c.id, c.title, service(c), c.status, item, waiting)
        for c in book.cases
        if c.is_open
        for item, waiting in awaiting_evidence(c, as_of)
    )
    compared = periods(as_of)
    this_q, last_q = compared.this_quarter, compared.last_quarter
    themes = tuple(
        sorted(
            (
                ThemeLine(
                    change.theme,
                    _theme_label(vocabularies, change.theme),
                    change.this_quarter,
                    change.last_quarter,
                )
                for change in theme_changes(book)
                if change.this_quarter or change.last_quarter
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
            row.case.dates.concern_received.iso(),
            row.referral.date.iso() if row.referral.date else "",
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
        not_judged=_not_judged(book, service, vocabularies),
    )


_ACTION_GAP_WORDS = {
    "due-not-exact": "due date not an exact day: overdue cannot be judged",
    "no-due-date": "no due date agreed",
    "not-known": "status not known",
}


def _not_judged(
    book: Casebook, service: Callable[[Case], str], vocabularies: Vocabularies
) -> tuple[GapLine, ...]:
    """The gaps of open reviews, from the same lists the site's gaps page shows."""
    gaps = book.gaps
    lines = [
        GapLine(t.case.id, t.case.title, service(t.case), t.action.id, _ACTION_GAP_WORDS[t.state])
        for t in gaps.actions_not_judged
        if t.case.is_open
    ]
    lines += [
        GapLine(
            r.case.id,
            r.case.title,
            service(r.case),
            _body_label(vocabularies, r.referral.body),
            "decision (or whether one was required) not known",
        )
        for r in gaps.referrals_not_known
        if r.case.is_open
    ]
    lines += [
        GapLine(
            r.case.id,
            r.case.title,
            service(r.case),
            _body_label(vocabularies, r.referral.body),
            f"timeliness cannot be judged: {r.timeliness.reason}",
        )
        for r in gaps.referrals_not_judged
        if r.case.is_open
    ]
    return tuple(sorted(lines, key=lambda g: (g.case, g.item, g.what)))


def _theme_label(vocabularies: Vocabularies, theme: str) -> str:
    term = vocabularies.themes.get(theme)
    return term.label if term is not None else theme


def _amount(number: int | None, unit: str) -> str:
    if number is None:
        return ""
    return labels.elapsed(number, unit)


def _body_label(vocabularies: Vocabularies, body: str) -> str:
    term = vocabularies.referral_bodies.get(body)
    return term.label if term else body
