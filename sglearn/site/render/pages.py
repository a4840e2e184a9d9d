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

from sglearn.review.audiences import Audience
from sglearn.review.model import Case, safe_case_id, safe_term_id
from sglearn.review.verdicts import (
    action_state,
    referral_timeliness,
    within_last_year,
)
from sglearn.review.vocabulary import Vocabularies
from sglearn.site.aggregate import Casebook, MeasureRow
from sglearn.site.exports import DOWNLOADS, export_files
from sglearn.site.figures import FigureBook
from sglearn.site.gaps import case_unknowns
from sglearn.site.render import labels
from sglearn.site.render.audience_view import TEMPLATE_KINDS, view
from sglearn.site.render.chart_pages import chart_files
from sglearn.site.render.environment import make_environment
from sglearn.site.render.inspectors import framework_sections, referral_summary, signal_summary
from sglearn.site.render.markdown import Markdown, figures_out_of_search
from sglearn.site.render.page_context import (
    actions_context,
    dashboard_context,
    rollups_context,
)
from sglearn.site.render.page_memo import KeptPage, PageMemo, TitlesRead
from sglearn.site.trace import theme_trace
from sglearn.site.trends import periods, theme_changes

LEARNING_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Training", ("training-programme", "induction")),
    ("Supervision", ("supervision",)),
    ("Operations", ("team-meeting", "policy", "leadership-oversight", "handover")),
)
"""Where learning went, in the three groups commissioners ask about."""
INSPECTOR_DETAIL = 10
"""Reviews and figures listed per quality statement, so the page stays readable at scale."""


def _newest(case: Case) -> tuple[tuple[date, int], str]:
    return case.dates.concern_received.sort_key, case.id


def _measure_recency(row: MeasureRow) -> tuple[tuple[date, int], str, int]:
    m = row.measure
    latest = m.follow_up.period.end if m.follow_up else m.baseline.period.end
    return latest.sort_key, row.case.id, int(m.id[1:])


def _staff_words(case: Case) -> str:
    """'1', '10 in 3 groups', or 'Not known (at least 4, in 2 groups)'."""
    groups = len(case.staff_groups)
    known = sum(c for c in case.staff_groups if c is not None)
    in_groups = f" in {groups} groups" if groups > 1 else ""
    if case.staff_count is None:
        return f"Not known{f' (at least {known}{in_groups})' if known else ''}"
    return f"{case.staff_count}{in_groups}"


@dataclass(frozen=True)
class Page:
    path: str
    content: str
    source: str | None = None
    kind: str | None = None
    """The kind of page in schemas/audiences.yaml; None for a download or a chart."""


class SitePages:
    def __init__(
        self,
        book: Casebook,
        vocabularies: Vocabularies,
        as_of: date,
        held: int | None = None,
        audience: Audience | None = None,
        figures: FigureBook | None = None,
        memo: PageMemo | None = None,
    ) -> None:
        """``held`` is how many reviews are held from publication: shown only where the
        audience may know it (the staff site); None leaves it out. ``audience`` limits the
        pages and sections to its policy; None is the staff site, everything in full.
        ``memo`` holds case pages from the last generation in this process (serve)."""
        self.book = book
        self.held = held
        self.audience = audience
        threshold = vocabularies.settings.small_count_threshold
        self.figures = figures or FigureBook("staff", suppressed=False, threshold=threshold)
        self.v = vocabularies
        self.as_of = as_of
        self.published = {c.id: str(c.title) for c in book.cases}
        self.titles = TitlesRead(self.published)
        self.env: Environment = make_environment(vocabularies, as_of, self.titles)
        self.memo = memo
        f = self.figures
        # What a case page is made from besides its case, the titles it reads, and the
        # vocabularies and date (the same for the whole memo: see PageMemo.begin).
        self.case_context = (audience, f.suppressed, f.threshold, f.forced)
        self.env.globals.update(
            fig=self.figures,
            outside=self.figures.suppressed,
            section=lambda name: Markdown(self.figures.section(name)),
            shows=lambda kind: audience is None or audience.allows_page(kind),
        )
        self.base: dict[str, Any] = {
            "as_of": as_of,
            "as_of_long": labels.long_date(as_of),
            "organisation": vocabularies.settings.organisation,
            "due_soon_days": vocabularies.settings.due_soon_days,
        }

    def _page(self, template: str, path: str, source: str | None = None, **context: Any) -> Page:
        root = Markdown("../" * path.count("/"))
        kind = TEMPLATE_KINDS[template]
        start = self.figures.start_page()
        text = self.env.get_template(template).render(**self.base, root=root, **context)
        text = figures_out_of_search(text)
        audience = self.audience
        if audience is not None:
            shown = audience.allows_page(kind)
            self.figures.keep_only(
                start, lambda where: shown and (where is None or audience.allows(kind, where))
            )
        return Page(path, view(text, kind, audience), source, kind)

    def all(self) -> Iterator[Page]:
        yield self.dashboard()
        yield self._page("learning-log.md.j2", "learning-log.md", book=self.book)
        for case in self.book.cases:
            yield self.case(case)
        yield self._page(
            "themes.md.j2",
            "themes/index.md",
            book=self.book,
            v=self.v,
            changes=theme_changes(self.book),
            compared=periods(self.as_of),
        )
        for theme_id in self.v.themes:
            yield self.theme(theme_id)
            yield self._page(
                "trace.md.j2",
                f"trace/{safe_term_id(theme_id)}.md",
                term=self.v.themes[theme_id],
                steps=theme_trace(self.book, theme_id),
            )
        yield self.services()
        for service_id in self.v.services:
            yield self.service(service_id)
        yield self.actions()
        yield self._page("recommendations.md.j2", "recommendations.md", book=self.book)
        yield self._page("gaps.md.j2", "gaps.md", book=self.book)
        yield self.inspectors()
        yield self.commissioners()
        downloads = [d for d in DOWNLOADS if self._allows("downloads", d[0])]
        yield self._page("downloads.md.j2", "downloads.md", downloads=downloads)
        start = self.figures.start_page()
        files = export_files(self.book, self.v, self.figures)
        if self.audience is not None and not self.audience.allows("downloads", "themes"):
            self.figures.keep_only(start, lambda _where: False)
        for path, text in files.items():
            yield Page(path, text)
        yield from self.charts()

    def _allows(self, kind: str, section: str) -> bool:
        return self.audience is None or self.audience.allows(kind, section)

    def dashboard(self) -> Page:
        context = dashboard_context(self.book, self.as_of)
        return self._page("dashboard.md.j2", "index.md", held=self.held, **context)

    def case(self, case: Case) -> Page:
        if self.memo is None:
            return self._case(case)
        kept = self.memo.page(case, self.case_context, self.published)
        if kept is not None:
            self.figures.start_page()
            self.figures.replay(kept.figures, kept.sections)
        else:
            self.titles.read.clear()
            start = self.figures.start_page()
            rendered = self._case(case)
            figures, sections = self.figures.since(start)
            kept = KeptPage(rendered, figures, sections, dict(self.titles.read))
        self.memo.keep(case, self.case_context, kept)
        page: Page = kept.page
        return page

    def _case(self, case: Case) -> Page:
        timeliness = [referral_timeliness(case, r, self.v, self.as_of) for r in case.referrals]
        not_acted = sum(1 for s in case.warning_signals if s.acted_on is False)
        referrals = list(zip(case.referrals, timeliness, strict=True))
        actions = [
            (a, action_state(case, a, self.as_of, self.v.settings.due_soon_days))
            for a in case.actions
        ]
        return self._page(
            "case.md.j2",
            f"cases/{safe_case_id(case.id)}.md",
            case.source,
            case=case,
            referrals=referrals,
            actions=actions,
            unknowns=case_unknowns(case, referrals, actions, self._body_label),
            staff=_staff_words(case),
            signals=sorted(case.warning_signals, key=lambda s: (s.when, s.kind, s.description)),
            not_acted=not_acted,
            summary=case.summary or case.learning.day_to_day,
        )

    def _body_label(self, body: str) -> str:
        term = self.v.referral_bodies.get(body)
        return term.label if term is not None else labels.words(body)

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
                (t, [(s, book.service_themes.get(s, {}).get(t, 0)) for s in services])
                for t in themes
            ],
        }
        return self._page("services.md.j2", "services/index.md", book=book, v=self.v, grid=grid)

    def actions(self) -> Page:
        return self._page("actions.md.j2", "actions.md", v=self.v, **actions_context(self.book))

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
            **rollups_context(self.book, self.v),
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
