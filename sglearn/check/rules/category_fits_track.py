"""Each category of abuse is one used on the case's track.

Adults' and children's guidance name the categories differently: for adults, the Care Act
guidance (for example psychological, financial, organisational); for children, Working
Together (for example emotional, exploitation). A category from the other track usually
means the wrong word was picked, or the wrong track. Low-level concerns are checked too.

Passes:

    track: children
    abuse_categories:
      - emotional

Fails:

    track: children
    abuse_categories:
      - psychological
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.hints import category_choices, whose
from sglearn.check.rules.context import CaseContext
from sglearn.read.choices import one_of
from sglearn.read.problems import Level, Problem
from sglearn.review.vocabulary import Term

ID = "vocabulary/abuse-category"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]

_COMMON_WORDS = frozenset({"abuse", "and", "or", "of", "acts"})


def check(context: CaseContext) -> Iterator[Problem]:
    track = str(context.data["track"])
    terms = context.vocabularies.abuse_categories
    choices = category_choices(context.vocabularies, track)
    for index, category in enumerate(context.data["abuse_categories"]):
        term = terms.get(category)
        if term is None or track in term.tracks:
            continue  # an unknown category is the schema's to report
        used_for = " and ".join(whose(t) for t in term.tracks)
        alike = _similar(term, [terms[c] for c in choices.ids()])
        hint = f"Did you mean '{alike}'? " if alike else ""
        yield context.problem(
            _RULE,
            ("abuse_categories", index),
            f"'{category}' ({term.label}) is a category for {used_for} cases, but this case "
            f"is on the {track} track",
            hint + one_of(choices),
        )


def _similar(term: Term, candidates: list[Term]) -> str:
    """A category on the right track whose name shares a word, e.g. psychological -> emotional."""
    words = set(term.label.lower().split()) - _COMMON_WORDS
    for candidate in candidates:
        if words & set(candidate.label.lower().split()):
            return candidate.id
    return ""
