"""The inspectors page's figures: evidence by quality statement, referral timeliness, signals."""

from __future__ import annotations

from dataclasses import dataclass

from sglearn.review.model import Case
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import Casebook, MeasureRow


@dataclass(frozen=True)
class StatementEvidence:
    """One quality statement: the reviews tagged with it and their figures by category."""

    key: str
    label: str
    key_question: str
    cases: tuple[Case, ...]
    counts: dict[str, int]
    rows: tuple[MeasureRow, ...]


def signal_summary(book: Casebook) -> list[tuple[str, int, int]]:
    """Per kind of warning signal: how many were recorded and how many not acted on."""
    recorded: dict[str, list[bool | None]] = {}
    for case in book.cases:
        for signal in case.warning_signals:
            recorded.setdefault(signal.kind, []).append(signal.acted_on)
    return [
        (kind, len(acted), sum(1 for a in acted if a is False))
        for kind, acted in sorted(recorded.items())
    ]


def statement_evidence(
    book: Casebook, v: Vocabularies, categories: dict[str, str]
) -> list[StatementEvidence]:
    """Every statement of the current framework, tagged reviews mapped through crosswalks."""
    current_id = v.settings.current_framework
    framework = v.frameworks.get(current_id)
    if framework is None:
        return []
    tagged: dict[str, list[Case]] = {s: [] for s in framework.statements}
    for case in book.cases:
        for statement in sorted({s for t in case.framework_tags for s in _current(v, t)}):
            tagged[statement].append(case)
    result = []
    for statement, term in framework.statements.items():
        cases = tuple(tagged[statement])
        ids = {c.id for c in cases}
        rows = tuple(r for r in book.measures if r.case.id in ids)
        counts = {k: sum(1 for r in rows if r.measure.evidence_category == k) for k in categories}
        result.append(
            StatementEvidence(
                f"{current_id}:{statement}",
                term.label,
                framework.key_questions.get(statement, ""),
                cases,
                counts,
                rows,
            )
        )
    return result


def _current(v: Vocabularies, tag: str) -> tuple[str, ...]:
    """The current framework's statement ids for a tag, through a crosswalk if needed."""
    current_id = v.settings.current_framework
    framework_id, _, statement = tag.partition(":")
    if framework_id == current_id:
        return (statement,)
    older = v.frameworks.get(framework_id)
    mapped = older.crosswalk.get(statement, ()) if older else ()
    prefix = current_id + ":"
    return tuple(m.removeprefix(prefix) for m in mapped if ":" not in m or m.startswith(prefix))


def referral_summary(book: Casebook, v: Vocabularies) -> list[tuple[str, dict[str, int]]]:
    """Per body: required, on time, late, not made or overdue, pending."""
    summary: dict[str, dict[str, int]] = {}
    for row in book.referrals:
        if not row.referral.required:
            continue
        counts = summary.setdefault(
            row.referral.body,
            {"required": 0, "on-time": 0, "late": 0, "missing": 0, "pending": 0},
        )
        counts["required"] += 1
        state = row.timeliness.state
        key = {"overdue": "missing", "not-made": "missing"}.get(state, state)
        if key in counts:
            counts[key] += 1
    order = list(v.referral_bodies)
    rank = {body: index for index, body in enumerate(order)}
    return sorted(summary.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
