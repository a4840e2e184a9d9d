"""The meeting's figures, as of one date, from the site's aggregation and the verdict engine."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sglearn.review.model import Case, quarter_of, quarter_start
from sglearn.review.verdicts import action_state, days_overdue, measure_result
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import Casebook, build_casebook


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
        for item, waiting in _awaiting_evidence(c, as_of)
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


def _awaiting_evidence(case: Case, as_of: date) -> list[tuple[str, str]]:
    """What an open review still owes as evidence that its actions worked.

    An action is finished when its effect is verified, not when it is done: a done action
    needs a measure with a follow-up figure checked by someone (``verified_by``).
    """
    waiting: list[tuple[str, str]] = []
    for measure in sorted(case.measures, key=lambda m: int(m.id[1:])):
        result = measure_result(measure)
        if result == "not-yet-measured":
            reason = measure.no_follow_up_reason or "no reason given"
            waiting.append((f"{measure.id} ({measure.action})", f"follow-up figure: {reason}"))
        elif result == "unverified":
            waiting.append(
                (
                    f"{measure.id} ({measure.action})",
                    "follow-up figure not yet checked (verified_by)",
                )
            )
    for action in sorted(case.actions, key=lambda a: int(a.id[1:])):
        if action_state(case, action, as_of, 0) != "done":
            continue  # open, cancelled, or its effect is verified
        if all(
            measure_result(m) == "not-yet-measured" for m in case.measures if m.action == action.id
        ):
            waiting.append((action.id, "done, but no measure with a follow-up figure"))
    return waiting


def _amount(number: int | None, unit: str) -> str:
    if number is None:
        return ""
    return f"{number} {unit.replace('days', 'day', 1) if number == 1 else unit}"


def _body_label(vocabularies: Vocabularies, body: str) -> str:
    term = vocabularies.referral_bodies.get(body)
    return term.label if term else body
