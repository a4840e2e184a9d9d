"""The Jinja2 environment: Markdown templates where every printed value is escaped by default.

Autoescape is off (the output is Markdown, not HTML); instead ``finalize`` runs every
``{{ }}`` through the Markdown escaper unless the value is ``Markdown`` that sglearn built.
Links are built only from ids that were validated when the case was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context

from sglearn.review.ids import CASE_ID
from sglearn.review.model import (
    safe_case_id,
    safe_term_id,
)
from sglearn.review.verdicts import days_overdue
from sglearn.review.vocabulary import Term, Vocabularies
from sglearn.site.aggregate import NOT_STATED_OWNER, suppress
from sglearn.site.recurrence import Recurrence
from sglearn.site.render import labels
from sglearn.site.render.cells import (
    action_note,
    badge,
    change,
    count,
    due,
    figure_and_period,
    follow_up,
    join,
    known,
    owner,
    referral_decision,
    result,
    signal_when,
    timeliness,
    verified,
)
from sglearn.site.render.markdown import (
    Markdown,
    block,
    finalize,
    front_matter_text,
    inline,
    link,
    listing,
    plain,
)


class _CompiledTemplates(BytecodeCache):
    """Each template compiled once per process, not once per build: `sglearn serve` makes
    a new environment on every save. Jinja keys an entry on the template's name and checks
    its source, so an edited template is compiled again; every environment sharing this
    cache is made below, with the same options."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def make_environment(
    vocabularies: Vocabularies, as_of: date, published: Mapping[str, str] | None = None
) -> Environment:
    """``published`` are the reviews in this build, id to title: the only ones text may link."""
    titles: Mapping[str, str] = published or {}
    env = Environment(
        loader=PackageLoader("sglearn.site", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    terms = _Terms(vocabularies)
    threshold = vocabularies.settings.small_count_threshold
    env.filters.update(
        md=pass_context(
            lambda ctx, text: (
                text
                if isinstance(text, Markdown)
                else _linked_ids(block(text), str(ctx["root"]), titles)
            )
        ),
        cell=pass_context(
            lambda ctx, text: (
                inline(text)
                if isinstance(text, Markdown)
                else _linked_ids(inline(text), str(ctx["root"]), titles)
            )
        ),
        date=labels.short_date,
        long_date=labels.long_date,
        at=lambda moment: plain(f", {moment:%H:%M}") if moment is not None else Markdown(""),
        words=labels.words,
        case_status=lambda code: labels.CASE_STATUS.get(code, labels.words(code)),
        action_state=lambda code: labels.ACTION_STATE.get(code, labels.words(code)),
        number=labels.number,
        tag=lambda text: Markdown(front_matter_text(text)),
        theme=terms.theme_link,
        service=terms.service_link,
        case=_case_link,
        outside=pass_context(
            lambda ctx, count: str(suppress(count, threshold)) if ctx["outside"] else str(count)
        ),
        period=lambda p: labels.period(p.start, p.end),
        due=due,
        known=known,
        count=count,
        figure=lambda fig, unit: labels.figure(fig.value, unit),
        plural=labels.plural,
    )
    env.globals.update(
        badge=badge,
        terms=terms,
        signals_not_joined_up=labels.SIGNALS_NOT_JOINED_UP,
        movement=labels.movement,
        trace_state=labels.trace_state,
        threshold=threshold,
        join=join,
        listing=listing,
        as_of_line=lambda: Markdown(
            f'<span class="sg-asof">As of {labels.long_date(as_of)}.</span>'
        ),
        internal_note=pass_context(
            lambda ctx: (
                Markdown(
                    "\n\n" + _outside_note(vocabularies.settings.organisation, ctx["fig"].threshold)
                )
                if ctx["outside"]
                else _INTERNAL_NOTE
            )
        ),
        outside_note=pass_context(
            lambda ctx: (
                _outside_note(vocabularies.settings.organisation, ctx["fig"].threshold)
                if ctx["outside"]
                else _INTERNAL_NOTE
            )
        ),
        themes_of=pass_context(
            lambda ctx, case: [terms.theme_link_for(t, str(ctx["root"])) for t in case.themes]
        ),
        owner=owner,
        owner_group=lambda name: badge("not-stated", name) if name == NOT_STATED_OWNER else name,
        action_note=action_note,
        baseline=lambda m: figure_and_period(m.baseline, m.unit),
        follow_up=follow_up,
        result=result,
        verified=verified,
        change=change,
        timeliness=timeliness,
        referral_decision=referral_decision,
        earlier=earlier,
        days_overdue=lambda action: days_overdue(action, as_of),
        signal_when=signal_when,
        file_link=lambda name, ext: link(f"{name}.{ext}", f"downloads/{name}.{ext}"),
    )
    return env


_INTERNAL_NOTE = Markdown("This page is for staff and governance: it shows exact numbers.")


def _outside_note(organisation: str, threshold: int) -> Markdown:
    """The admonition outside-audience pages open with: which counts are suppressed."""
    if threshold <= 1:
        return Markdown(
            '!!! note "Small numbers"\n'
            "    Counts are shown in full: the small-count threshold is switched off in settings."
        )
    return Markdown(
        '!!! note "Small numbers are not shown"\n'
        f"    This page is for readers outside {plain(organisation)}. To protect the people "
        f"behind small groups, counts from 1 to {threshold - 1} are shown as "
        f'"fewer than {threshold}". A 0 is shown as 0: it marks a gap.'
    )


@pass_context
def earlier(context: Context, recurrence: Recurrence) -> Markdown:
    """The latest completed action the theme came back after, and how many there were."""
    day, case, action = recurrence.last
    text = Markdown(f"{plain(action.id)} of {_case_link(context, case)} ({labels.short_date(day)})")
    if recurrence.completed_before > 1:
        more = recurrence.completed_before - 1
        text = Markdown(f"{text}, after {more} earlier {'action' if more == 1 else 'actions'}")
    return text


@pass_context
def _case_link(context: Context, case: Any) -> Markdown:
    """Words first: the review's title as the link, its id beside it for cross-reference."""
    case_id = safe_case_id(case.id)
    title = link(str(case.title), f"{context['root']}cases/{case_id}.md")
    return Markdown(f"{title} ({case_id})")


def _linked_ids(text: Markdown, root: str, published: Mapping[str, str]) -> Markdown:
    """Case ids in a lead's text ("see LR-2025-005") become links, but only to reviews in
    this build: a held or absent review stays plain text, so no link points nowhere. Words
    first, as everywhere: the review's title is the link and its id follows."""

    def swap(match: re.Match[str]) -> str:
        case_id = match.group(0)
        title = published.get(case_id)
        if title is None:
            return case_id
        return f"{link(title, f'{root}cases/{case_id}.md')} ({case_id})"

    return Markdown(_CASE_ID_IN_TEXT.sub(swap, text))


_CASE_ID_IN_TEXT = re.compile(r"(?<![\w-])" + CASE_ID.pattern + r"(?![\w-])")


class _Terms:
    """Labels and links for vocabulary ids, falling back to readable words."""

    def __init__(self, vocabularies: Vocabularies) -> None:
        self.v = vocabularies
        self.current = vocabularies.frameworks.get(vocabularies.settings.current_framework)

    def _term(self, table: dict[str, Term], key: str) -> str:
        term = table.get(key)
        return term.label if term is not None else labels.words(key)

    def theme(self, key: str) -> str:
        return self._term(self.v.themes, key)

    def service(self, key: str) -> str:
        return self._term(self.v.services, key)

    def abuse(self, key: str) -> str:
        return self._term(self.v.abuse_categories, key)

    def abuses(self, keys: Iterable[str]) -> list[str]:
        return [self.abuse(k) for k in keys]

    def body(self, key: str) -> str:
        return self._term(self.v.referral_bodies, key)

    def method(self, key: str) -> str:
        return self._term(self.v.review_methods, key)

    def action_type(self, key: str) -> str:
        return self._term(self.v.action_types, key)

    def outcome(self, jurisdiction: str, track: str, key: str) -> str:
        return self._term(self.v.outcomes_for(jurisdiction, track), key)

    def statement(self, key: str) -> str:
        """The label of a framework tag's quality statement (the tag itself if unknown)."""
        framework_id, _, statement = key.partition(":")
        framework = self.v.frameworks.get(framework_id)
        if framework is None or statement not in framework.statements:
            return key
        return framework.statements[statement].label

    def framework(self, key: str) -> str:
        framework = self.v.frameworks.get(key.partition(":")[0])
        return framework.label if framework is not None else key.partition(":")[0]

    def evidence_category(self, key: str | None) -> str:
        if key is None:
            return "Not stated"
        if self.current is not None and key in self.current.evidence_categories:
            return self.current.evidence_categories[key]
        return labels.words(key)

    @pass_context
    def theme_link(self, context: Context, key: str) -> Markdown:
        return self.theme_link_for(key, str(context["root"]))

    def theme_link_for(self, key: str, root: str) -> Markdown:
        safe = safe_term_id(key)
        return link(self.theme(safe), f"{root}themes/{safe}.md")

    @pass_context
    def service_link(self, context: Context, key: str) -> Markdown:
        safe = safe_term_id(key)
        return link(self.service(safe), f"{context['root']}services/{safe}.md")
