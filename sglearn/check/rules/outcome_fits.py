"""The allegation outcome is one used for the case's nation and track.

The words for the outcome of an allegation depend on where and for whom: English guidance
for children uses substantiated, false, malicious, unsubstantiated and unfounded; Wales uses
"unfounded" with a different meaning; adult services have no national list and often use
"partially substantiated". The lists are in schemas/vocabularies/outcomes.yaml.

Passes:

    jurisdiction: england
    track: adults
    outcomes:
      allegation: partially-substantiated

Fails:

    jurisdiction: england
    track: children
    outcomes:
      allegation: partially-substantiated
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.hints import nation_name, outcome_choices, whose
from sglearn.check.rules.context import CaseContext
from sglearn.read.choices import advise
from sglearn.read.problems import Level, Problem

ID = "vocabulary/outcome"
LEVEL = Level.ERROR

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    jurisdiction = str(context.data["jurisdiction"])
    track = str(context.data["track"])
    outcome = str(context.data["outcomes"]["allegation"])
    nation = nation_name(jurisdiction)
    choices = outcome_choices(context.vocabularies, jurisdiction, track)
    if choices is None:
        yield context.problem(
            _RULE,
            ("outcomes", "allegation"),
            f"there is no list of allegation outcomes for {whose(track)} cases in {nation}",
            f"Ask whoever looks after sglearn's settings to add a list for jurisdiction "
            f"{jurisdiction} and track {track} to schemas/vocabularies/outcomes.yaml.",
        )
    elif outcome not in choices.ids():
        yield context.problem(
            _RULE,
            ("outcomes", "allegation"),
            f"'{outcome}' is not an allegation outcome used {choices.scope}",
            advise(outcome, choices),
        )
