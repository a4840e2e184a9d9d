"""The GitHub workflows, pull request template and code owners: linted and held to policy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"uses:\s*(\S+)@(\S+)(.*)$", re.MULTILINE)


def test_there_are_validate_and_publish_workflows() -> None:
    assert {w.name for w in WORKFLOWS} >= {"validate.yml", "publish.yml"}


# The test extra installs actionlint into this environment's own bin folder: no PATH needed.
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def test_workflows_pass_actionlint() -> None:
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_match_the_github_workflow_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
        + [str(w) for w in WORKFLOWS],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_the_version_named(workflow: Path) -> None:
    uses = USES.findall(workflow.read_text(encoding="utf-8"))
    assert uses
    for action, ref, comment in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action} is not pinned to a commit"
        assert re.search(r"#\s*v[0-9]+\.[0-9]+\.[0-9]+", comment), f"{action} has no version"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_ask_for_least_privilege(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data["permissions"] == {"contents": "read"}
    assert "concurrency" in data
    for job in data["jobs"].values():
        granted = job.get("permissions", {})
        assert set(granted.values()) <= {"read", "write"}
        writes = {k for k, v in granted.items() if v == "write"}
        assert writes <= {"pages", "id-token"}


def test_pull_requests_show_problems_inline_and_attach_the_site() -> None:
    text = (REPO / ".github/workflows/validate.yml").read_text(encoding="utf-8")
    assert "pull_request" in yaml.safe_load(text)[True]  # YAML 1.1 reads "on" as true
    for step in (
        "sglearn validate --format github",
        "sglearn schema --check",
        "sglearn build --all-audiences --site-dir site",
        "actions/upload-artifact@",
    ):
        assert step in text


AUDIENCES = ("staff", "inspector", "commissioner", "public")


@pytest.mark.parametrize("name", ["validate.yml", "publish.yml"])
def test_each_audiences_site_is_an_artifact_of_its_own(name: str) -> None:
    data = yaml.safe_load((REPO / ".github/workflows" / name).read_text(encoding="utf-8"))
    uploads = {
        step["with"]["name"]: step["with"]["path"]
        for job in data["jobs"].values()
        for step in job["steps"]
        if step.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads == {f"site-{a}": f"site/{a}/" for a in AUDIENCES}


def test_pages_can_be_configured_in_a_private_repository() -> None:
    """configure-pages reads the Pages settings: a private repository needs pages: read."""
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        for job in data["jobs"].values():
            if any("configure-pages@" in step.get("uses", "") for step in job["steps"]):
                assert job["permissions"].get("pages") in ("read", "write"), workflow.name


def test_pages_serves_the_staff_site_unless_the_provider_chooses_another() -> None:
    data = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    build = data["jobs"]["build"]
    assert build["env"]["PAGES_AUDIENCE"] == "${{ vars.PAGES_AUDIENCE || 'staff' }}"
    (pages,) = [s for s in build["steps"] if "upload-pages-artifact@" in s.get("uses", "")]
    assert pages["with"]["path"] == "site/${{ env.PAGES_AUDIENCE }}/"


def test_main_is_published_with_the_official_pages_actions() -> None:
    text = (REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert f"actions/{action}@" in text
    assert "branches: [main]" in text


def test_case_and_schema_changes_need_the_safeguarding_leads() -> None:
    rules = [
        line.split()
        for line in (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    owners = {pattern: names for pattern, *names in rules}
    assert "@example-care-group/safeguarding-leads" in owners["/cases/"]
    assert "@example-care-group/safeguarding-leads" in owners["/schemas/"]


def test_pull_request_template_has_the_reviewers_checklist() -> None:
    text = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8").lower()
    for point in ("anonymised", "roles, not names", "owner", "due date", "evidence", "baseline"):
        assert point in text


def test_ci_run_runs_the_readme_test_command_in_fresh_environments() -> None:
    script = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    command = re.search(r'^TEST_COMMAND="([^"]+)"', script, re.M)
    assert command is not None and f"\n{command.group(1)}\n" in readme
    assert script.count("python3 -m venv") == 2, "newest and lowest versions, each fresh"
    assert '-m "not browser"' in script and "-eq 5" in script
