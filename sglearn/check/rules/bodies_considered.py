"""Every body that cases of this kind should consider has a recorded decision.

A reader must be able to see that each referral was considered, even when none was made.
The bodies come from the case's nation (schemas/nations.yaml): the body its allegation
clock names, the police, the barring body and the regulator. In England, for children: the
LADO, the police and the DBS, and Ofsted when the setting is a children's home; for adults:
the PiPoT lead or local authority safeguarding, the police, the DBS and CQC. In Wales: the
Designated Officer, the police, the DBS and CIW; in Scotland: the lead agency, the police,
Disclosure Scotland and the Care Inspectorate; in Northern Ireland: the trust's designated
officer, the police, the DBS and RQIA.
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

# Without a nations file: England's bodies per track; a tuple is satisfied by any one body.
_EXPECTED: dict[str, tuple[tuple[str, ...], ...]] = {
    "children": (("lado",), ("police",), ("dbs",)),
    "adults": (("pipot", "local-authority"), ("police",), ("dbs",), ("cqc",)),
}
_CHILDRENS_HOME_EXTRA = (("ofsted",),)
_EITHER = {"pipot": ("pipot", "local-authority")}
"""An adults' allegation in England may go to the PiPoT lead or to s42 safeguarding."""
_OFSTED_SETTINGS = frozenset({"childrens-home", "dual-registered-home"})


def expected_bodies(context: CaseContext) -> tuple[tuple[str, ...], ...]:
    """The nation's bodies for the track: the allegation clock's body, the police, the
    barring body and the regulator (Ofsted only for children's homes in England)."""
    data = context.data
    track, jurisdiction = str(data["track"]), str(data["jurisdiction"])
    nations = context.vocabularies.nations
    if nations is None or jurisdiction not in nations.nations:
        england = _EXPECTED.get(track, ())
        if track == "children" and data["setting"] == "childrens-home":
            england += _CHILDRENS_HOME_EXTRA
        return england
    nation = nations.nations[jurisdiction]
    rules = nation.tracks.get(track)
    if rules is None:
        return ()
    clock = rules.clock.body
    expected: list[tuple[str, ...]] = [
        _EITHER.get(clock, (clock,)),
        ("police",),
        (nation.barring.body,),
    ]
    regulator = rules.regulator.body
    if regulator != "ofsted" or data["setting"] in _OFSTED_SETTINGS:
        expected.append((regulator,))
    known = context.vocabularies.referral_bodies
    return tuple(bodies for bodies in expected if all(b in known for b in bodies))


def check(context: CaseContext) -> Iterator[Problem]:
    data = context.data
    if data["case_type"] == "low-level-concern":
        return
    recorded = {referral["body"] for referral in data["referrals"]}
    for bodies in expected_bodies(context):
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
