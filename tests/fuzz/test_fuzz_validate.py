"""``sglearn validate`` on any case file or page: exit 0, 1 or 2, JSON out, no traceback."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sglearn.check.privacy import compile_names, findings, mask, scan_text
from sglearn.commands.cli import main
from tests.conftest import REPO
from tests.fuzz.support import FUZZ, case_like, dump, mutated, tried

SAMPLE = (REPO / "cases" / "LR-2025-001.yaml").read_bytes()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One project reused by every example (function-scoped fixtures do not reset per example)."""
    root = tmp_path_factory.mktemp("fuzz-project")
    shutil.copytree(REPO / "schemas", root / "schemas")
    (root / "cases").mkdir()
    (root / "docs").mkdir()
    yield root


def run_validate(root: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["validate", "--project", str(root), "--format", "json"])
    return status, out.getvalue(), err.getvalue()


def check_run(root: Path) -> None:
    status, out, err = run_validate(root)
    assert status in (0, 1, 2)
    assert "Traceback" not in out + err
    if status != 2:
        report = json.loads(out)
        assert report["files_checked"] == 1
        for problem in report["problems"]:
            assert problem["line"] >= 0 and problem["column"] >= 0


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=2000),
        mutated(st.builds(dump, case_like, st.booleans())),
        mutated(st.just(SAMPLE)),
    )
)
def test_fuzz_validate_any_case_file(project: Path, raw: bytes) -> None:
    tried("validate: case file")
    case = project / "cases" / "LR-2025-001.yaml"
    case.write_bytes(raw)
    check_run(project)
    assert case.read_bytes() == raw, "validate must never change a case file"


@FUZZ
@given(st.text(max_size=2000) | st.binary(max_size=2000).map(lambda b: b.decode("latin-1")))
def test_fuzz_validate_any_docs_page(project: Path, text: str) -> None:
    tried("validate: docs page")
    (project / "cases" / "LR-2025-001.yaml").write_bytes(SAMPLE)
    page = project / "docs" / "page.md"
    page.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        check_run(project)
    finally:
        page.unlink()


@FUZZ
@given(st.text(max_size=500), st.lists(st.text(min_size=1, max_size=15), max_size=5))
def test_fuzz_privacy_scan_positions_stay_in_the_text(text: str, names: list[str]) -> None:
    tried("privacy: scan_text")
    lines = text.split("\n")
    for problem in scan_text(text, "docs/x.md", compile_names(names)):
        assert 1 <= problem.line <= len(lines)
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1


def _nhs(prefix: str) -> str | None:
    check = 11 - sum(int(d) * w for d, w in zip(prefix, range(10, 1, -1), strict=True)) % 11
    check = 0 if check == 11 else check
    return None if check == 10 else prefix + str(check)


@FUZZ
@given(
    st.text(st.characters(codec="ascii"), max_size=30).map(lambda s: s + " "),
    st.from_regex(r"[0-9]{9}", fullmatch=True),
    st.sampled_from(["", " ", "-"]),
)
def test_fuzz_valid_nhs_numbers_are_always_found_and_masked(
    before: str, prefix: str, sep: str
) -> None:
    tried("privacy: NHS numbers")
    number = _nhs(prefix)
    if number is None:
        return
    shown = f"{number[:3]}{sep}{number[3:6]}{sep}{number[6:]}"
    found = [f for f in findings(before + shown + " end") if f.rule == "privacy/nhs-number"]
    assert any(f.masked == mask(shown, 3) for f in found)
    assert all(shown not in f.masked for f in found)
