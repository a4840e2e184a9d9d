"""Rules that need more than the schema: cross-field, cross-file and date-dependent checks.

Each rule is a small module with ``ID``, ``LEVEL``, a docstring that is its user
documentation (what it checks, a passing and a failing example) and a ``check()`` generator.
The registry below is explicit so the order of output and the documentation are stable.
"""

from __future__ import annotations

from types import ModuleType

from sglearn.check.rules.context import (
    CaseCheck,
    CaseContext,
    CaseSummary,
    CorpusCheck,
    parse_date,
    summarise,
)
from sglearn.read.problems import Level, Problem

__all__ = [
    "CaseCheck",
    "CaseContext",
    "CaseSummary",
    "CorpusCheck",
    "Level",
    "Problem",
    "case_rules",
    "corpus_rules",
    "parse_date",
    "summarise",
]


def case_rules() -> list[ModuleType]:
    """Per-file rules, in the order their problems are documented."""
    from sglearn.check.rules import (
        action_due,
        action_evidence,
        action_overdue,
        action_verified,
        bodies_considered,
        category_fits_track,
        closed_verified,
        date_order,
        date_window,
        employment_in_text,
        file_name,
        framework_fits,
        hidden_characters,
        lado_clock,
        local_ids,
        measure_values,
        notification_delay,
        outcome_fits,
        protection_notification,
        references,
        referral_record,
        status_fields,
    )

    return [
        file_name,
        local_ids,
        references,
        outcome_fits,
        category_fits_track,
        date_order,
        status_fields,
        referral_record,
        bodies_considered,
        protection_notification,
        lado_clock,
        notification_delay,
        action_due,
        action_evidence,
        action_overdue,
        action_verified,
        closed_verified,
        measure_values,
        date_window,
        hidden_characters,
        employment_in_text,
        framework_fits,
    ]


def corpus_rules() -> list[ModuleType]:
    """Rules that compare files with each other."""
    from sglearn.check.rules import same_review, unique_ids

    return [unique_ids, same_review]
