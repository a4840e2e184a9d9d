"""The referral fields a nation's protection notification asks for are on record.

In Scotland, since April 2025, the Care Inspectorate's protection notification must say
whether a protection referral was made to the lead agency; if it was, by whom (sglearn
records the role, never a name); if not, why. Which fields a nation asks for is data:
``required_fields`` of the clock in schemas/nations.yaml. The decision is the referral
entry for the clock's body (``lead-agency``): ``referred`` or ``not-referred`` answers
whether; ``by_role`` says who (``not-known`` when the record does not say); the
``rationale`` of a decision not to refer says why (``referrals/decision`` reports a
missing one). No clock is judged. This is a warning: the record should hold what the
notification said, but a lead never has to invent it.

Passes:

    jurisdiction: scotland
    referrals:
      - body: lead-agency
        required: true
        decision: referred
        date: 2026-02-03
        by_role: registered manager

Fails:

    jurisdiction: scotland
    referrals:
      - body: lead-agency
        required: true
        decision: referred
        date: 2026-02-03
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem

ID = "referrals/protection-notification"
LEVEL = Level.WARNING

_RULE = sys.modules[__name__]

_ANSWERS = frozenset({"referred", "not-referred"})


def check(context: CaseContext) -> Iterator[Problem]:
    data = context.data
    nations = context.vocabularies.nations
    if nations is None or data["jurisdiction"] not in nations.nations:
        return
    rules = nations.nations[str(data["jurisdiction"])].tracks.get(str(data["track"]))
    if rules is None or rules.clock.kind != "notification" or not rules.clock.required_fields:
        return
    asked = frozenset(rules.clock.required_fields)
    body = rules.clock.body
    label = context.body_label(body)
    regulator = rules.regulator.label
    for index, referral in enumerate(data["referrals"]):
        if referral["body"] != body:
            continue
        decision = referral["decision"]
        if "referral_made" in asked and decision not in _ANSWERS:
            yield context.problem(
                _RULE,
                ("referrals", index, "decision"),
                f"the {regulator} protection notification must say whether a referral was made "
                f"to the {label}, and this entry's decision is '{decision}'",
                "If the record says, change 'decision' to referred or not-referred. If it does "
                "not, leave 'not-known': the review then shows the answer as not known.",
            )
        elif "referred_by_role" in asked and decision == "referred" and "by_role" not in referral:
            yield context.problem(
                _RULE,
                ("referrals", index, "decision"),
                f"the {regulator} protection notification must say who made the referral to "
                f"the {label}, and this entry has no 'by_role'",
                "Add 'by_role:' with the role of the person who made it (for example "
                "registered manager), never a name; write 'by_role: not-known' if the record "
                "does not say.",
            )
