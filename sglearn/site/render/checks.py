"""The checks reference page: every rule id a lead can meet, in the lead's words.

The per-case and cross-file rules document themselves in their docstrings, so the page is
built from the registry and cannot drift from the code; the loader, schema, file and privacy
checks, which are not rule modules, are described here.
"""

from __future__ import annotations

import inspect
from types import ModuleType

from sglearn.check.rules import case_rules, corpus_rules
from sglearn.review import verdicts

PATH = "checks.md"

# Checks that live outside sglearn/rules: (rule id, what it means, how to fix it).
FILE_CHECKS = [
    (
        "io/missing",
        "A file or folder named on the command line does not exist.",
        "Check the path; case files live in cases/.",
    ),
    ("io/unreadable", "A file or folder cannot be read.", "Check its permissions."),
    (
        "io/not-a-file",
        "A case path is a named pipe, a device or a socket, not a file.",
        "Remove or rename it; case files are ordinary text files.",
    ),
    (
        "vocabulary/unsafe-id",
        "A vocabulary id cannot name a page (reserved, like `index`, or unsafe characters).",
        "Choose another id of lower-case letters, digits and dashes.",
    ),
    ("io/too-slow", "A file could not be read within 10 seconds.", "Check the disk or share."),
    (
        "io/not-read",
        "Under cases/, a file or folder looks like a case but is not read (a warning).",
        "Rename it to end exactly in .yaml and sit in cases/ itself, or move it out.",
    ),
    ("io/file-extension", "A case file ends in .yml.", "Rename it to end in .yaml."),
    (
        "io/outside-repository",
        "A link points outside the repository.",
        "Copy the file into cases/ instead of linking to it.",
    ),
    (
        "io/symlink",
        "A page in docs/ is a symbolic link, which sglearn does not follow.",
        "Replace the link with the page itself.",
    ),
    ("io/too-large", "A page in docs/ is larger than 1 MiB.", "Split the page."),
    ("io/too-many-files", "More than 50,000 files in one run.", "Validate one folder at a time."),
]
YAML_CHECKS = [
    (
        "yaml/syntax",
        "The file is not valid YAML at this line.",
        "Check the indentation, that every quote is closed, and that text containing ': ' is "
        "in quotes.",
    ),
    ("yaml/encoding", "The file is not saved as UTF-8 text.", "Save it with UTF-8 encoding."),
    (
        "yaml/control-character",
        "An invisible control character, usually from pasted text.",
        "Delete and retype the text around this position.",
    ),
    ("yaml/empty", "The file is empty.", "Start from `sglearn new`."),
    (
        "yaml/not-a-mapping",
        "The top level is a list or a single value.",
        "Start the file with `id: LR-YYYY-NNN` and the other fields.",
    ),
    (
        "yaml/multiple-documents",
        "The file holds more than one document (`---`).",
        "Keep one learning review per file.",
    ),
    (
        "yaml/duplicate-key",
        "A field appears twice in the same place; YAML would silently keep only the last.",
        "Keep one of them.",
    ),
    ("yaml/tag", "A YAML tag (`!something`) is used.", "Remove the tag."),
    (
        "yaml/alias",
        "An anchor and alias (`&name` / `*name`) is used.",
        "Write the value out in full.",
    ),
    ("yaml/merge-key", "A `<<` merge key is used.", "Write the fields out in full."),
    ("yaml/complex-key", "A field name is not plain text.", "Use a single word such as `title:`."),
    (
        "yaml/too-large",
        "The file is larger than 1 MiB.",
        "Move attachments out of the file and refer to them.",
    ),
    (
        "yaml/too-deep",
        "Lists and fields are nested more than 20 levels deep.",
        "Check the structure; a case needs about six levels.",
    ),
    ("yaml/symlink", "The case file is a symbolic link.", "Replace the link with the file."),
]
SCHEMA_CHECKS = [
    (
        "schema/required",
        "A field the format needs is missing.",
        "Add it; the hint quotes the field's description and an example.",
    ),
    (
        "schema/unknown-field",
        "A field the format does not know, often a typo.",
        "Correct the spelling; the hint suggests the nearest field.",
    ),
    (
        "schema/unknown-value",
        "A value that is not on the allowed list.",
        "Use one of the values the hint lists, or the one it suggests.",
    ),
    (
        "schema/type",
        "A value of the wrong kind: text where true/false or a number is needed.",
        "Write true or false, or the number without quotes.",
    ),
    (
        "schema/format",
        "A date or id not written in the expected form, or a day that does not exist.",
        "Write a date as exactly as the record gives it: a day (2026-05-31), a month "
        "(2026-05), a year (2026) or not-known. Case ids are LR-2026-004.",
    ),
    (
        "schema/version",
        "A field that belongs to the other version of the case format.",
        "Add 'schema_version: 2' (or run 'sglearn migrate --write'), or move the value to "
        "the version 2 field the hint names.",
    ),
    ("schema/empty", "A field or list that must not be empty.", "Fill it in."),
    ("schema/too-long", "Text longer than the field allows.", "Shorten it."),
    ("schema/duplicate-item", "The same value twice in a list.", "Remove the repeat."),
    (
        "schema/follow-up",
        "A measure needs either a follow-up figure or a reason why there is none yet, not both.",
        "Add follow_up, or no_follow_up_reason.",
    ),
    (
        "schema/one-of",
        "An entry that must have one of two fields has both, or neither (a warning signal's "
        "date or period, say).",
        "Keep the one the record supports and remove the other.",
    ),
]
PRIVACY_CHECKS = [
    ("privacy/nhs-number", "An NHS number (its check digit is valid)."),
    ("privacy/ni-number", "A National Insurance number."),
    ("privacy/postcode", "A UK postcode."),
    ("privacy/phone", "A UK phone number."),
    ("privacy/email", "An e-mail address."),
    ("privacy/date-of-birth", "A date next to words such as 'born' or 'DOB'."),
    ("privacy/name", "A name from the organisation's names list."),
    ("privacy/title-name", "A title followed by a name, such as 'Mrs' and a capitalised word."),
    ("privacy/address", "A street address: a house number and a street."),
    ("privacy/binary-file", "A binary file under docs/ or in the built site not reviewed."),
    ("privacy/names-file", "SGLEARN_NAMES_FILE names a file that cannot be used."),
]


def render_checks_page() -> str:
    """Markdown for the checks reference; only developer-written text, so no escaping needed."""
    out = [
        "# What each check means",
        "",
        "`sglearn validate` prints every problem as "
        "`FILE:LINE:COLUMN: error: message [rule]` with a hint. This page explains each "
        "rule id. Errors stop a pull request; warnings are shown but only fail with "
        "`--strict`. See [Writing a learning review](writing-a-review.md) for the format "
        "and [Keeping personal data out](privacy.md) for the privacy checks.",
        "",
    ]
    out += _table("Files", FILE_CHECKS)
    out += _table("YAML", YAML_CHECKS)
    out += _table("The case format", SCHEMA_CHECKS)
    out += ["## Personal data", "", "| rule | finds |", "| --- | --- |"]
    out += [f"| `{rule}` | {finds} |" for rule, finds in PRIVACY_CHECKS]
    out += ["", *_verdict_section()]
    out += ["## Rules across fields and files", ""]
    for module in [*case_rules(), *corpus_rules()]:
        out += _rule_section(module)
    return "\n".join(out).rstrip() + "\n"


def _verdict_section() -> list[str]:
    """The edge cases the verdict engine settles, from its own docstring (so they cannot drift)."""
    doc = inspect.cleandoc(verdicts.__doc__ or "")
    settled = doc.partition("listed on the checks page:")[2].strip()
    return [
        "## How late, overdue and verified are judged",
        "",
        "One set of verdicts is used by `sglearn validate`, every page of the site, the "
        "downloads and `sglearn report`, so they always agree. The edge cases:",
        "",
        settled,
        "",
    ]


def rule_ids() -> list[str]:
    """Every rule id the page documents, for the drift test."""
    listed = [r for r, *_ in FILE_CHECKS + YAML_CHECKS + SCHEMA_CHECKS + PRIVACY_CHECKS]
    return listed + [m.ID for m in [*case_rules(), *corpus_rules()]]


def _table(title: str, rows: list[tuple[str, str, str]]) -> list[str]:
    lines = [f"## {title}", "", "| rule | what it means | how to fix it |", "| --- | --- | --- |"]
    lines += [f"| `{rule}` | {means} | {fix} |" for rule, means, fix in rows]
    return [*lines, ""]


def _rule_section(module: ModuleType) -> list[str]:
    doc = inspect.cleandoc(module.__doc__ or "")
    summary, _, body = doc.partition("\n")
    level = module.LEVEL.value
    lines = [f"### `{module.ID}`", "", f"*{level}* — {summary.strip()}", ""]
    in_example = False
    for line in body.strip().splitlines():
        if line.strip() in ("Passes:", "Fails:"):
            if in_example:
                lines.append("```")
            lines += [f"**{line.strip()[:-1]}**", "", "```yaml"]
            in_example = True
        elif in_example and line and not line.startswith("    "):
            lines += ["```", "", line]
            in_example = False
        else:
            lines.append(line[4:] if in_example else line)
    if in_example:
        while lines and not lines[-1].strip():
            lines.pop()
        lines.append("```")
    return [*lines, ""]
