"""Each framework tag belongs to a framework that applies to the case's nation and setting.

Regulators differ by nation and by kind of service: an English children's home is
inspected by Ofsted against the Children's Homes Regulations' quality standards, a Welsh
service by Care Inspectorate Wales, a Scottish one by the Care Inspectorate. Each framework
file in schemas/frameworks/ names its ``nations`` and ``settings``; a tag from a framework
that does not cover the case is reported with the item it stands for in a framework that
does: through sglearn's crosswalk where one links them, else the closest title. Frameworks
the settings name for the inspectors page are offered first, and a draft last.
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
    # 'cqc-2023:safeguarding' does not fit a children's home in England, which Ofsted
    # inspects: did you mean 'ofsted-sccif-childrens-homes:protection-of-children'?
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterator

from sglearn.check.rules.context import CaseContext
from sglearn.read.problems import Level, Problem
from sglearn.review.frameworks import Catalogue, FrameworkVersion
from sglearn.review.vocabulary import Vocabularies

ID = "vocabulary/framework-fit"
LEVEL = Level.WARNING

_RULE = sys.modules[__name__]
_SHOWN = 3
"""Suggestions named in one message at most."""


def check(context: CaseContext) -> Iterator[Problem]:
    nation = str(context.data.get("jurisdiction", ""))
    setting = str(context.data.get("setting", ""))
    catalogue = context.vocabularies.catalogue
    fitting = fitting_frameworks(context.vocabularies, nation, setting)
    for index, tag in enumerate(context.data.get("framework_tags", [])):
        framework_id, _, item = str(tag).partition(":")
        framework = catalogue.frameworks.get(framework_id)
        if framework is None or not framework.nations or framework.fits(nation, setting):
            continue  # unknown tags are the schema's to report; old files name no nations
        where = _where(nation, setting)
        if not fitting:
            yield context.problem(
                _RULE,
                ("framework_tags", index),
                f"'{tag}' does not fit {where}: {framework.label} does not cover it",
                f"sglearn has no framework for {where} yet; keep the tag or remove it, and ask "
                "whoever looks after sglearn's settings to add one under schemas/frameworks/.",
            )
            continue
        inspectors = " and ".join(dict.fromkeys(f.inspected_by for f in fitting))
        suggested, hint = _suggest(catalogue, str(tag), framework, item, fitting)
        shown = " or ".join(f"'{s}'" for s in suggested[:_SHOWN])
        yield context.problem(
            _RULE,
            ("framework_tags", index),
            f"'{tag}' does not fit {where}, which {inspectors} inspects"
            + (f": did you mean {shown}?" if shown else ""),
            hint,
        )


def fitting_frameworks(v: Vocabularies, nation: str, setting: str) -> list[FrameworkVersion]:
    """The frameworks covering a case: those the settings name first, drafts last."""
    named = v.settings.view_frameworks(nation, setting)
    fitting = [f for f in v.catalogue.frameworks.values() if f.fits(nation, setting)]
    rank = {framework_id: index for index, framework_id in enumerate(named)}
    return sorted(fitting, key=lambda f: (rank.get(f.id, len(rank)), f.is_draft, f.id))


def _suggest(
    catalogue: Catalogue,
    tag: str,
    framework: FrameworkVersion,
    item: str,
    fitting: list[FrameworkVersion],
) -> tuple[list[str], str]:
    """Tags to use instead, and a hint saying where they come from."""
    names = ", ".join(f.id for f in fitting)
    for other in fitting:
        relabelled = catalogue.relabel([tag], framework.id, other.id)
        if relabelled.tags:
            reasons = sorted({r for via in relabelled.via.values() for _, r in via})
            return list(relabelled.tags), (
                f"Tag the items of {other.id} ({other.label}) instead. sglearn's crosswalk "
                f"reads this tag there ({'; '.join(reasons)}); it is a reading of where the "
                "topics meet, so choose the item that matches what the review found."
            )
    label = framework.items[item].label if item in framework.items else item
    choices: dict[str, str] = {}
    for other in fitting:
        for other_item, entry in other.items.items():
            choices.setdefault(other_item.lower(), f"{other.id}:{other_item}")
            choices.setdefault(entry.label.lower(), f"{other.id}:{other_item}")
    close = difflib.get_close_matches(label.lower(), list(choices), n=1, cutoff=0.6)
    close = close or difflib.get_close_matches(item.lower(), list(choices), n=1, cutoff=0.6)
    if close:
        return [choices[close[0]]], f"Use a tag from {names}; this one has the closest title."
    first = fitting[0]
    shown = ", ".join(list(first.items)[:9]) + (", ..." if len(first.items) > 9 else "")
    return [], f"Use a tag from {names}, such as {first.id}: followed by one of {shown}."


def _where(nation: str, setting: str) -> str:
    """'a children's home in England', 'a home care service in Wales'."""
    what = setting.replace("childrens", "children's").replace("-", " ")
    kinds = ("home", "service", "hospital", "unit", "school")
    if what.split()[-1:][0] not in kinds and not what.startswith("care home"):
        what += " service"
    article = "an" if what[:1] in "aeiou" else "a"
    place = " ".join(w.capitalize() for w in nation.split("-"))
    return f"{article} {what} in {place}"
