"""The checks reference documents every rule id sglearn can print."""

from __future__ import annotations

import re
from pathlib import Path

from sglearn.site.render.checks import render_checks_page, rule_ids

PACKAGE = Path(__file__).resolve().parent.parent.parent / "sglearn"
RULE_ID = re.compile(
    r'"((?:yaml|io|schema|privacy|ids|dates|referrals|actions|case|vocabulary)/[a-z-]+)"'
)


def test_every_rule_id_in_the_code_is_on_the_checks_page() -> None:
    in_code = {m for file in PACKAGE.rglob("*.py") for m in RULE_ID.findall(file.read_text())}
    page = render_checks_page()
    missing = sorted(rule for rule in in_code if f"`{rule}`" not in page)
    assert not missing, f"document these on the checks page: {missing}"
    assert len(set(rule_ids())) == len(rule_ids())


def test_each_rule_shows_a_passing_and_a_failing_example() -> None:
    page = render_checks_page()
    sections = page.split("### ")[1:]
    assert sections
    for section in sections:
        assert "**Passes**" in section and "**Fails**" in section, section.splitlines()[0]
        assert section.count("```yaml") == 2 and section.count("```") == 4, section[:60]
