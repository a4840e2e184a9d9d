"""Every body that cases of this kind should consider has a recorded decision.

A reader must be able to see that each referral was considered, even when none was made.
For an allegation about someone working with children: the LADO, the police and the DBS,
and Ofsted when the setting is a children's home. For an allegation about someone working
with adults: the PiPoT lead or local authority safeguarding, the police, the DBS and CQC.
Low-level concerns are not checked. This is a warning: record the body with
``required: false`` and a decision rather than leaving it out.

Passes:

    case_type: allegation
    track: adults
    referrals:
      - {body: pipot, required: true, decision: referred, date: 2026-03-09}
      - {body: police, required: false, decision: not-referred, rationale: No crime indicated.}
      - {body: dbs, required: false, decision: not-referred, rationale: Threshold not met.}
      - {body: cqc, required: true, decision: referred, date: 2026-03-06}

Fails:

    case_type: allegation
    track: adults
    referrals:
      - {body: pipot, required: true, decision: referred, date: 2026-03-09}
      - {body: cqc, required: true, decision: referred, date: 2026-03-06}
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "referrals/considered"
LEVEL = Level.WARNING

_RULE = sys.modules[__name__]

# Per track, the bodies to consider; a tuple is satisfied by any one of its bodies.
_EXPECTED: dict[str, tuple[tuple[str, ...], ...]] = {
    "children": (("lado",), ("police",), ("dbs",)),
    "adults": (("pipot", "local-authority"), ("police",), ("dbs",), ("cqc",)),
}
_CHILDRENS_HOME_EXTRA = (("ofsted",),)


def check(context: CaseContext) -> Iterator[Problem]:
    data = context.data
    if data["case_type"] == "low-level-concern":
        return
    expected = _EXPECTED.get(str(data["track"]), ())
    if data["track"] == "children" and data["setting"] == "childrens-home":
        expected += _CHILDRENS_HOME_EXTRA
    recorded = {referral["body"] for referral in data["referrals"]}
    for bodies in expected:
        if recorded.intersection(bodies):
            continue
        names = " or ".join(context.body_label(body) for body in bodies)
        yield context.problem(
            _RULE,
            ("referrals",),
            f"there is no decision recorded for {names}",
            f"Add an entry for '{bodies[0]}' to referrals even if no referral was needed, with "
            "required, decision and (if not referred) a rationale, so a reader can see it was "
            "considered.",
            key=True,
        )
