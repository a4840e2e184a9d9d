"""Each generated page: which template, at which path, with which figures.

Page paths are fixed so the MkDocs plugin can list them. A case page is rendered from its
own case, the vocabularies and the as-of date only, so its size never depends on how many
other cases there are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import Environment

from sglearn.review.model import Case, safe_case_id, safe_term_id
from sglearn.review.verdicts import (
    ACTION_STATES,
    action_state,
    referral_timeliness,
    within_last_year,
)
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import Casebook, MeasureRow
from sglearn.site.exports import DOWNLOADS, export_files
from sglearn.site.render import labels
from sglearn.site.render.chart_pages import chart_files
from sglearn.site.render.environment import make_environment
from sglearn.site.render.inspectors import framework_sections, referral_summary, signal_summary
from sglearn.site.render.markdown import Markdown

TOP = 5
"""How many themes, reviews and improvements the dashboard lists."""
LEARNING_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Training", ("training-programme", "induction")),
    ("Supervision", ("supervision",)),
    ("Operations", ("team-meeting", "policy", "leadership-oversight", "handover")),
)
"""Where learning went, in the three groups commissioners ask about."""
INSPECTOR_DETAIL = 10
"""Reviews and figures listed per quality statement, so the page stays readable at scale."""
NEEDS_ATTENTION = 10
"""How many overdue actions the dashboard lists; the tracker has every one."""


def _newest(case: Case) -> tuple[date, str]:
    return case.dates.concern_received, case.id


def _measure_recency(row: MeasureRow) -> tuple[date, str, int]:
    m = row.measure
    latest = m.follow_up.period.end if m.follow_up else m.baseline.period.end
    return latest, row.case.id, int(m.id[1:])


@dataclass(frozen=True)
class Page:
    path: str
    content: str
    source: str | None = None


class SitePages:
    def __init__(self, book: Casebook, vocabularies: Vocabularies, as_of: date) -> None:
        self.book = book
        self.v = vocabularies
        self.as_of = as_of
        self.env: Environment = make_environment(vocabularies, as_of)
        self.base: dict[str, Any] = {
            "as_of": as_of,
            "as_of_long": labels.long_date(as_of),
            "organisation": vocabularies.settings.organisation,
            "due_soon_days": vocabularies.settings.due_soon_days,
        }

    def _page(self, template: str, path: str, source: str | None = None, **context: Any) -> Page:
        root = Markdown("../" * path.count("/"))
        text = self.env.get_template(template).render(**self.base, root=root, **context)
        return Page(path, text, source)

    def all(self) -> Iterator[Page]:
        yield self.dashboard()
        yield self._page("learning-log.md.j2", "learning-log.md", book=self.book)
        for case in self.book.cases:
            yield self.case(case)
        yield self._page("themes.md.j2", "themes/index.md", book=self.book, v=self.v)
        for theme_id in self.v.themes:
            yield self.theme(theme_id)
        yield self.services()
        for service_id in self.v.services:
            yield self.service(service_id)
        yield self._page(
            "actions.md.j2", "actions.md", book=self.book, v=self.v, states=ACTION_STATES
        )
        yield self.inspectors()
        yield self.commissioners()
        yield self._page("downloads.md.j2", "downloads.md", downloads=DOWNLOADS)
        for path, text in export_files(self.book, self.v).items():
            yield Page(path, text)
        yield from self.charts()

    def dashboard(self) -> Page:
        book = self.book
        overdue = [t for t in book.actions if t.state == "overdue"]
        improvements = sorted(
            book.verified_improvements,
            key=lambda r: (
                r.measure.follow_up.period.end if r.measure.follow_up else date.min,
                r.case.id,
                r.measure.id,
            ),
            reverse=True,
        )
        return self._page(
            "dashboard.md.j2",
            "index.md",
            book=book,
            overdue=overdue,
            overdue_shown=overdue[:NEEDS_ATTENTION],
            top_themes=list(book.themes_this_year.items())[:TOP],
            improvements=improvements[:TOP],
            recent=book.newest_first[:TOP],
            trend=[(q, len(book.by_quarter.get(q, ()))) for q in book.trend_quarters],
        )

    def case(self, case: Case) -> Page:
        timeliness = [referral_timeliness(case, r, self.v, self.as_of) for r in case.referrals]
        not_acted = sum(1 for s in case.warning_signals if not s.acted_on)
        return self._page(
            "case.md.j2",
            f"cases/{safe_case_id(case.id)}.md",
            case.source,
            case=case,
            referrals=list(zip(case.referrals, timeliness, strict=True)),
            actions=[
                (a, action_state(case, a, self.as_of, self.v.settings.due_soon_days))
                for a in case.actions
            ],
            signals=sorted(case.warning_signals, key=lambda s: (s.date, s.kind, s.description)),
            not_acted=not_acted,
            summary=case.summary or case.learning.day_to_day,
        )

    def theme(self, theme_id: str) -> Page:
        book = self.book
        quarters = book.theme_quarters.get(theme_id, {})
        return self._page(
            "theme.md.j2",
            f"themes/{safe_term_id(theme_id)}.md",
            term=self.v.themes[theme_id],
            cases=book.by_theme.get(theme_id, ()),
            actions=book.actions_by_theme.get(theme_id, ()),
            measures=[r for r in book.measures if r.action and r.action.theme == theme_id],
            recurrences=[r for r in book.recurrences if r.theme == theme_id],
            trend=[(q, quarters.get(q, 0)) for q in book.trend_quarters],
        )

    def services(self) -> Page:
        book = self.book
        services = [s for s in self.v.services if s in book.by_service]
        themes = [t for t in self.v.themes if t in book.by_theme]
        grid = {
            "columns": [self.v.services[s].label for s in services],
            "rows": [
                (t, [book.service_themes.get(s, {}).get(t, 0) for s in services]) for t in themes
            ],
        }
        return self._page("services.md.j2", "services/index.md", book=book, v=self.v, grid=grid)

    def commissioners(self) -> Page:
        by_channel = self.book.learning_by_channel

        def entries(channels: tuple[str, ...]) -> list[Any]:
            merged = [e for c in channels for e in by_channel.get(c, ())]
            return sorted(
                merged,
                key=lambda e: (e.date, e.channel, e.description, [c.id for c in e.cases]),
                reverse=True,
            )

        return self._page(
            "commissioners.md.j2",
            "commissioners.md",
            book=self.book,
            learning_groups=LEARNING_GROUPS,
            learning_entries=entries,
        )

    def service(self, service_id: str) -> Page:
        book = self.book
        return self._page(
            "service.md.j2",
            f"services/{safe_term_id(service_id)}.md",
            term=self.v.services[service_id],
            cases=book.by_service.get(service_id, ()),
            themes=sorted(
                book.service_themes.get(service_id, {}).items(), key=lambda kv: (-kv[1], kv[0])
            ),
            actions=[t for t in book.actions if t.case.service == service_id],
            measures=[r for r in book.measures if r.case.service == service_id],
            recurrences=[r for r in book.recurrences if r.service == service_id],
        )

    def inspectors(self) -> Page:
        sections, uncovered = framework_sections(self.book, self.v)
        return self._page(
            "inspectors.md.j2",
            "inspectors.md",
            book=self.book,
            sections=sections,
            uncovered=uncovered,
            bodies=referral_summary(self.book, self.v),
            detail_limit=INSPECTOR_DETAIL,
            newest=lambda cases: sorted(cases, key=_newest, reverse=True)[:INSPECTOR_DETAIL],
            recent_rows=lambda rows: sorted(rows, key=_measure_recency, reverse=True)[
                :INSPECTOR_DETAIL
            ],
            governance=[s for s in self.book.governance if within_last_year(s.date, self.as_of)],
            signals=signal_summary(self.book),
            referral_gaps=self.book.recent_referral_gaps,
        )

    def charts(self) -> Iterator[Page]:
        for path, svg in chart_files(self.book, self.v, self.as_of):
            yield Page(path, svg)
