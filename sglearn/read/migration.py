"""Moving a case file from version 1 of the format to version 2, keeping comments and layout.

ruamel.yaml's round-trip mode is made for this: it keeps the lead's comments, key order,
flow style and quoting, so the pull request shows only what changed. Nothing is written
unless the caller asks; the command prints the difference otherwise.

What changes, and why:
- ``schema_version: 2`` is added after ``id``;
- ``staff_role`` and ``outcomes.employment`` become one ``staff_involved`` entry (version 2
  records groups of staff, each with a count and its own employment outcome);
- an action owner of "not stated" becomes ``not-known``, and a referral outcome of
  ``unknown`` becomes ``not-known``: one spelling for "the record does not say".
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

NOT_KNOWN = "not-known"
CURRENT_VERSION = 2


class MigrationError(ValueError):
    """The file cannot be migrated as it stands (fix what ``sglearn validate`` reports first)."""


@dataclass(frozen=True)
class Migration:
    before: str
    after: str
    changes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self, name: str) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"{name} (version 1)",
                tofile=f"{name} (version 2)",
            )
        )


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a lead's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def migrate_text(text: str) -> Migration:
    """The version 2 text of a case file; unchanged when it is already version 2."""
    try:
        data = _yaml().load(text)
    except YAMLError:
        raise MigrationError(
            "the file is not valid YAML; run 'sglearn validate' on it to see the line to fix"
        ) from None
    if not isinstance(data, CommentedMap):
        raise MigrationError("the file is not a case (its top level is not a mapping)")
    version = data.get("schema_version", 1)
    if version == CURRENT_VERSION:
        return Migration(text, text, ())
    if version != 1:
        raise MigrationError(f"schema_version {version!r} is not a version sglearn knows")
    changes: list[str] = []
    _insert_after(data, "id", "schema_version", CURRENT_VERSION)
    changes.append("added schema_version: 2")
    _staff(data, changes)
    for action in _items(data.get("actions")):
        owner = action.get("owner_role")
        if isinstance(owner, str) and " ".join(owner.split()).casefold() == "not stated":
            action["owner_role"] = NOT_KNOWN
            changes.append(f"action {action.get('id')}: owner 'not stated' is now not-known")
    for referral in _items(data.get("referrals")):
        if referral.get("outcome") == "unknown":
            referral["outcome"] = NOT_KNOWN
            changes.append(f"referral to {referral.get('body')}: outcome unknown is now not-known")
    out = io.StringIO()
    _yaml().dump(data, out)
    return Migration(text, _keep_header(text, out.getvalue()), tuple(changes))


def _staff(data: CommentedMap, changes: list[str]) -> None:
    if "staff_role" not in data:
        return
    outcomes = data.get("outcomes")
    employment = NOT_KNOWN
    if isinstance(outcomes, CommentedMap) and "employment" in outcomes:
        employment = outcomes.pop("employment")
    entry = CommentedMap()
    entry["role"] = data["staff_role"]
    entry["count"] = 1
    entry["employment_outcome"] = employment
    group = CommentedSeq([entry])
    position = list(data).index("staff_role")
    del data["staff_role"]
    data.insert(position, "staff_involved", group)
    changes.append("staff_role and outcomes.employment are now one staff_involved entry")


def _items(value: Any) -> list[CommentedMap]:
    return [v for v in value if isinstance(v, CommentedMap)] if isinstance(value, list) else []


def _insert_after(data: CommentedMap, after: str, key: str, value: Any) -> None:
    keys = list(data)
    position = keys.index(after) + 1 if after in keys else 0
    data.insert(position, key, value)


def _keep_header(before: str, after: str) -> str:
    """ruamel keeps comments, but a file's first comment lines can drift: put them back."""
    header = []
    for line in before.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        header.append(line)
    lead = "".join(header)
    return after if after.startswith(lead) else lead + after
