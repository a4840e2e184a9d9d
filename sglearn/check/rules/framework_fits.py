"""Each framework tag belongs to a framework that applies to the case's nation and setting.

Regulators differ by nation and by kind of service: an English children's home is
inspected by Ofsted against the Children's Homes Regulations' quality standards, a Welsh
service by Care Inspectorate Wales, a Scottish one by the Care Inspectorate. Each framework
file in schemas/frameworks/ names its ``nations`` and ``settings``; a tag from a framework
that does not cover the case is reported, with the closest item of a framework that does.
It is a warning, not an error: cases tagged before sglearn carried a nation's framework stay
valid, and ``sglearn validate --strict`` makes it fail in CI.

Passes:

    jurisdiction: england
    setting: childrens-home
    framework_tags: [ofsted-sccif-childrens-homes:protection-of-children]

Fails:

    jurisdiction: england
    setting: childrens-home
    framework_tags: [cqc-2023:safeguarding]
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem
from sglearn.review.vocabulary import Framework

ID = "vocabulary/framework-fit"
LEVEL = Level.WARNING

_RULE = sys.modules[__name__]


def check(context: CaseContext) -> Iterator[Problem]:
    nation = str(context.data.get("jurisdiction", ""))
    setting = str(context.data.get("setting", ""))
    frameworks = context.vocabularies.frameworks
    fitting = [f for f in frameworks.values() if nation in f.nations and setting in f.settings]
    for index, tag in enumerate(context.data.get("framework_tags", [])):
        framework_id, _, item = str(tag).partition(":")
        framework = frameworks.get(framework_id)
        if framework is None or not framework.nations or _fits(framework, nation, setting):
            continue  # unknown tags are the schema's to report; old files name no nations
        where = f"a {setting} service in {nation.replace('-', ' ').title()}"
        yield context.problem(
            _RULE,
            ("framework_tags", index),
            f"'{tag}' is from {framework.label}, which does not apply to {where}",
            _hint(framework, item, fitting, where),
        )


def _fits(framework: Framework, nation: str, setting: str) -> bool:
    return nation in framework.nations and setting in framework.settings


def _hint(framework: Framework, item: str, fitting: list[Framework], where: str) -> str:
    if not fitting:
        return (
            f"sglearn has no framework for {where} yet; keep the tag or remove it, and ask "
            "whoever looks after sglearn's settings to add one under schemas/frameworks/."
        )
    names = ", ".join(f.id for f in fitting)
    label = framework.statements[item].label if item in framework.statements else item
    choices: dict[str, str] = {}
    for other in fitting:
        for other_item, term in other.statements.items():
            tag = f"{other.id}:{other_item}"
            choices[other_item.lower()] = tag
            choices[term.label.lower()] = tag
    close = difflib.get_close_matches(label.lower(), list(choices), n=1, cutoff=0.6)
    close = close or difflib.get_close_matches(item.lower(), list(choices), n=1, cutoff=0.6)
    if close:
        return f"Use a tag from {names}. Did you mean '{choices[close[0]]}'?"
    first = fitting[0]
    shown = ", ".join(list(first.statements)[:9]) + (", ..." if len(first.statements) > 9 else "")
    return f"Use a tag from {names}, such as {first.id}: followed by one of {shown}."
