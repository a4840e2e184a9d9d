"""The values that fit one field of one case, and how to suggest one of them.

A lead writes what the site shows ("Inconsistent supervision") as often as the id the file
needs (``supervision-inconsistent``), and a list of every value of every nation and track
sends them round in circles. So a hint offers only the values that fit this case, each with
its name, and matches a mistyped value against names as well as ids.

The read layer cannot know what a vocabulary means: an :data:`Advisor` (built in the check
layer from the vocabularies) says which values fit; this module only phrases them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

LIST_AT_MOST = 16
"""A hint lists the fitting values when there are at most this many; else it names the file."""


@dataclass(frozen=True)
class Choice:
    id: str
    label: str = ""


@dataclass(frozen=True)
class Choices:
    """The values that fit a field here; ``scope`` says for what: "for adults' cases"."""

    fitting: tuple[Choice, ...]
    scope: str = ""
    source: str = ""
    """Where the full list and the meaning of each value are kept (a file under schemas/)."""

    def ids(self) -> list[str]:
        return [choice.id for choice in self.fitting]


Advisor = Callable[[str, Mapping[str, Any]], "Choices | None"]
"""Given a vocabulary (the schema's ``$defs`` name) and the case's data, the values that fit."""


def _plain(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


def suggestion(value: str, choices: Sequence[Choice]) -> str:
    """'Did you mean ...?' from ids and names, or '' when nothing is close."""
    wanted = _plain(value)
    if not wanted:
        return ""
    for choice in choices:
        if choice.label and _plain(choice.label) == wanted and choice.id != value:
            return (
                f"'{value}' is the name shown on the site; the file needs its id: "
                f"write {choice.id}."
            )
        if _plain(choice.id) == wanted and choice.id != value:
            return f"Did you mean '{choice.id}'?"
    names: dict[str, Choice] = {}
    for choice in choices:
        names.setdefault(_plain(choice.id), choice)
        if choice.label:
            names.setdefault(_plain(choice.label), choice)
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    if not close:
        # A word of the value inside a name: "supervision" finds "Inconsistent supervision".
        words = {w for w in wanted.split() if len(w) > 3}
        close = [name for name in names if words & set(name.split())][:1]
    if not close:
        return ""
    return f"Did you mean '{names[close[0]].id}'{_named(names[close[0]])}?"


def _named(choice: Choice) -> str:
    """' (Inconsistent supervision)', or '' when the name only repeats the id."""
    if not choice.label or _plain(choice.label) == _plain(choice.id):
        return ""
    return f" ({choice.label})"


def one_of(choices: Choices) -> str:
    """'For adults' cases in England use one of: a, b (B) or c.' or where to look."""
    scope = f"{choices.scope[0].upper()}{choices.scope[1:]} use" if choices.scope else "Use"
    if not choices.fitting:
        return f"There is no value for this case in {choices.source or 'the vocabulary'}."
    if len(choices.fitting) > LIST_AT_MOST:
        shown = ", ".join(c.id for c in choices.fitting[:6])
        return f"{scope} a value from {choices.source}, such as {shown}."
    listed = [f"{c.id}{_named(c)}" for c in choices.fitting]
    text = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " or " + listed[-1]
    where = f" What each one means is in {choices.source}." if choices.source else ""
    return f"{scope} one of: {text}.{where}"


def advise(value: object, choices: Choices) -> str:
    """The hint for a value that is not allowed: the closest fitting value, then the list."""
    close = suggestion(str(value), choices.fitting) if isinstance(value, str) else ""
    return f"{close} {one_of(choices)}".strip()
