"""No command prints a traceback, whatever its options, dates, ids or vocabulary values.

Each example runs ``sglearn.commands.cli.main`` in this process: an exception escaping it is
exactly what a lead would see as a traceback, so any exception fails the test. The exit
status must be one the README documents: 0, 1 or 2.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sglearn.commands.cli import main
from tests.fuzz.support import EXAMPLES, FUZZ, tried

# Each example runs whole commands (render writes a site's pages): fewer than the unit fuzzers.
CLI_FUZZ = settings(FUZZ, max_examples=min(EXAMPLES, 50))

REPO = Path(__file__).resolve().parents[2]
_COUNTER = itertools.count()

DATES = st.one_of(
    st.dates().map(date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "1949-12-31", "2106-02-08", "2026-02-29"]),
    st.text(max_size=12),
)
IDS = st.one_of(
    st.sampled_from(["index", "LR-2026-001\n", " LR-2026-001", "LR-2026-0001", "../x", ""]),
    st.text(max_size=20),
)


def copy_repository(root: Path) -> Path:
    for part in ("cases", "schemas", "docs"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared by the fuzz examples (``new`` adds case files to it as it goes)."""
    return copy_repository(tmp_path_factory.mktemp("cli") / "repo")


def run(argv: list[str]) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as stop:  # argparse: --help, or an option it refuses
            status = stop.code if isinstance(stop.code, int) else 2
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return status


@CLI_FUZZ
@given(
    command=st.sampled_from(["validate", "report", "render", "new", "schema"]),
    as_of=DATES,
    extra=st.lists(
        st.sampled_from(["--strict", "--force", "--check", "--format=json"]), max_size=2
    ),
)
def test_cli_any_options_and_dates_exit_0_1_or_2(
    project: Path, command: str, as_of: str, extra: list[str]
) -> None:
    tried("cli: options and dates")
    argv = [command, "--project", str(project)]
    if command == "new":
        argv += ["--service", "maple-court", "--received", as_of]
    elif command != "schema":
        argv += ["--as-of", as_of]
    if command == "render":
        argv += ["--out", str(project.parent / f"out-{next(_COUNTER)}")]
    assert run(argv + extra) in (0, 1, 2)


@CLI_FUZZ
@given(case_id=IDS, service=IDS, title=IDS)
def test_cli_any_id_or_vocabulary_value_exits_0_1_or_2(
    project: Path, case_id: str, service: str, title: str
) -> None:
    tried("cli: ids and vocabulary values")
    case = project / "cases" / "LR-2025-001.yaml"
    original = case.read_bytes()
    data = yaml.safe_load(original)
    data.update(id=case_id, service=service, title=title)
    try:
        case.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        out = project.parent / f"ids-{next(_COUNTER)}"
        for argv in (["validate"], ["report"], ["render", "--out", str(out)]):
            status = run([*argv, "--project", str(project), "--as-of", "2026-11-27"])
            assert status in (0, 1, 2)
    finally:
        case.write_bytes(original)


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_build_at_the_ends_of_the_calendar_never_crashes(tmp_path: Path, as_of: str) -> None:
    project = copy_repository(tmp_path / "repo")
    site = tmp_path / "site"
    status = run(["build", "--project", str(project), "--as-of", as_of, "--site-dir", str(site)])
    assert status == (2 if as_of.startswith("0001") else 0)
