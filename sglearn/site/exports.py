"""CSV and JSON downloads for a commissioner's analyst: public fields only, stable order.

Downloads go outside the organisation, so counts below the small-count threshold are
suppressed, and a text cell that a spreadsheet would run as a formula is defused.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from sglearn.review.model import RecordDate
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import Casebook
from sglearn.site.figures import FigureBook
from sglearn.site.render.labels import ACTION_STATE, CASE_STATUS, words

Row = dict[str, Any]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def case_rows(book: Casebook, vocabularies: Vocabularies) -> list[Row]:
    """One row per published review; never the staff role or employment outcome."""
    return [
        {
            "id": c.id,
            "title": c.title,
            "summary": c.summary,
            "case_type": c.case_type,
            "status": c.status,
            "status_label": CASE_STATUS.get(c.status, words(c.status)),
            "service": c.service,
            "service_label": _label(vocabularies.services, c.service),
            "other_services": list(c.other_services),
            "setting": c.setting,
            "setting_label": words(c.setting),
            "track": c.track,
            "route": c.route,
            "jurisdiction": c.jurisdiction,
            "received": c.dates.concern_received.iso(),
            "quarter_received": c.quarter,
            "abuse_categories": list(c.abuse_categories),
            "abuse_category_labels": [
                _label(vocabularies.abuse_categories, a) for a in c.abuse_categories
            ],
            "allegation_outcome": c.allegation_outcome,
            "safeguarding_outcome": c.safeguarding_outcome,
            "themes": list(c.themes),
            "theme_labels": [_label(vocabularies.themes, t) for t in c.themes],
            "review_method": c.review.method,
            "review_method_label": _label(vocabularies.review_methods, c.review.method),
            "learning_review_held": _iso(c.dates.learning_review_held),
            "closed": _iso(c.dates.closed),
            "framework_tags": list(c.framework_tags),
        }
        for c in book.cases
    ]


def action_rows(book: Casebook, vocabularies: Vocabularies) -> list[Row]:
    """The provider's own actions; recommendations to other bodies are a download of their own."""
    return [
        {
            "case_id": t.case.id,
            "action_id": t.action.id,
            "service": t.case.service,
            "service_label": _label(vocabularies.services, t.case.service),
            "theme": t.action.theme,
            "theme_label": _label(vocabularies.themes, t.action.theme),
            "type": t.action.type,
            "type_label": _label(vocabularies.action_types, t.action.type),
            "description": t.action.description,
            "owner_role": t.action.owner_role,
            "due": "not-set" if t.action.due is None else t.action.due.iso(),
            "status": t.action.status,
            "state_as_of": t.state,
            "state_label": ACTION_STATE.get(t.state, words(t.state)),
            "completed": _iso(t.action.completed),
            "evidence": t.action.evidence or "",
        }
        for t in sorted(book.actions, key=lambda t: (t.case.id, int(t.action.id[1:])))
    ]


def theme_rows(book: Casebook, vocabularies: Vocabularies, figures: FigureBook) -> list[Row]:
    """Counts per theme, through the build's figure book: the same figures, shown the same
    way, as the themes page (suppressed where the build is for readers outside)."""
    year = book.as_of.year
    rows = []
    for theme_id, term in vocabularies.themes.items():
        actions = book.actions_by_theme.get(theme_id, ())
        recurrences = sum(1 for r in book.recurrences if r.theme == theme_id)
        rows.append(
            {
                "theme": theme_id,
                "label": term.label,
                "reviews": _number(
                    figures.count("cases", len(book.by_theme.get(theme_id, ())), theme=theme_id)
                ),
                "reviews_this_year": _number(
                    figures.count(
                        "cases", book.themes_this_year.get(theme_id, 0), theme=theme_id, year=year
                    )
                ),
                "open_actions": _number(
                    figures.count(
                        "actions",
                        sum(1 for t in actions if t.action.is_open),
                        theme=theme_id,
                        open="yes",
                    )
                ),
                "back_after_action": _number(
                    figures.count("recurrences", recurrences, theme=theme_id)
                ),
            }
        )
    return rows


def _number(shown: str) -> int | str:
    return int(shown) if shown.isdigit() else shown


def measure_rows(book: Casebook, vocabularies: Vocabularies) -> list[Row]:
    rows = []
    for row in book.measures:
        m = row.measure
        rows.append(
            {
                "case_id": row.case.id,
                "measure_id": m.id,
                "action_id": m.action,
                "service": row.case.service,
                "service_label": _label(vocabularies.services, row.case.service),
                "theme": row.action.theme if row.action else "",
                "theme_label": _label(vocabularies.themes, row.action.theme) if row.action else "",
                "measure": m.measure,
                "unit": m.unit or "",
                "better": m.better,
                "source": m.source,
                "source_label": words(m.source),
                "evidence_category": m.evidence_category or "",
                "evidence_category_label": _category(vocabularies, m.evidence_category),
                "baseline_value": m.baseline.value,
                "baseline_from": m.baseline.period.start.iso(),
                "baseline_to": m.baseline.period.end.iso(),
                "follow_up_value": m.follow_up.value if m.follow_up else None,
                "follow_up_from": _iso(m.follow_up.period.start if m.follow_up else None),
                "follow_up_to": _iso(m.follow_up.period.end if m.follow_up else None),
                "result": row.result,
                "result_label": words(row.result),
                "no_follow_up_reason": m.no_follow_up_reason or "",
                "verified_by": m.verified_by or "",
            }
        )
    return rows


DOWNLOADS: tuple[tuple[str, str], ...] = (
    ("cases", "Published learning reviews: one row each, public fields only."),
    ("actions", "Every action with its owner role, due date, status and state on the as-of date."),
    ("themes", "Reviews, open actions and recurrences per theme (small counts suppressed)."),
    ("measures", "Every measure of effectiveness: baseline, follow-up and the result."),
    (
        "recommendations",
        "Recommendations reviews made to other bodies, with the response as known; never "
        "counted as the provider's actions.",
    ),
)


def export_files(
    book: Casebook, vocabularies: Vocabularies, figures: FigureBook | None = None
) -> dict[str, str]:
    """``downloads/<name>.csv`` and ``.json`` → text, for every download."""
    tables = {
        "cases": case_rows(book, vocabularies),
        "actions": action_rows(book, vocabularies),
        "themes": theme_rows(
            book,
            vocabularies,
            figures or FigureBook("staff", False, vocabularies.settings.small_count_threshold),
        ),
        "measures": measure_rows(book, vocabularies),
        "recommendations": recommendation_rows(book, vocabularies),
    }
    threshold = vocabularies.settings.small_count_threshold
    files = {}
    for name, _ in DOWNLOADS:
        rows = tables[name]
        files[f"downloads/{name}.csv"] = to_csv(rows)
        files[f"downloads/{name}.json"] = to_json(
            {
                "as_of": book.as_of.isoformat(),
                "organisation": vocabularies.settings.organisation,
                "small_count_threshold": threshold,
                "rows": rows,
            }
        )
    return files


def to_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = list(rows[0])
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return out.getvalue()


def to_json(document: Mapping[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    """Lists joined with '; '; text a spreadsheet would run as a formula starts with '."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return str(value)


def _iso(day: RecordDate | None) -> str | None:
    """As written in the case file: a day, a month, a year or not-known (None when unset)."""
    return None if day is None else day.iso()


def recommendation_rows(book: Casebook, vocabularies: Vocabularies) -> list[Row]:
    return [
        {
            "case_id": row.case.id,
            "recommendation_id": r.id,
            "recommendation": r.recommendation,
            "addressed_to": r.addressed_to,
            "addressee_kind": r.addressee_kind,
            "addressee_kind_label": words(r.addressee_kind),
            "made_by": r.made_by,
            "made": r.made.iso(),
            "theme": r.theme or "",
            "theme_label": _label(vocabularies.themes, r.theme) if r.theme else "",
            "response": r.response_status,
            "response_label": words(r.response_status),
            "response_date": _iso(r.response_date),
        }
        for row in book.recommendations
        for r in (row.recommendation,)
    ]


def _category(vocabularies: Vocabularies, key: str | None) -> str:
    """An evidence category's label in whichever framework defines it."""
    if key is None:
        return ""
    for framework in vocabularies.frameworks.values():
        if key in framework.evidence_categories:
            return framework.evidence_categories[key]
    return words(key)


def _label(terms: Mapping[str, Any], key: str) -> str:
    term = terms.get(key)
    return str(term.label) if term is not None else key
