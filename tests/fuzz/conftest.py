"""Report how many fuzz examples ran, so a CI log shows the suite was not silently skipped."""

from __future__ import annotations

import contextlib
import warnings

import pytest

# When a hypothesis test fails, its pytest plugin imports libcst to suggest a patch; libcst
# imports a deprecated mypy_extensions name, and with filterwarnings=error that warning
# becomes an INTERNALERROR that hides the real failure. Import it once here, quietly.
with warnings.catch_warnings(), contextlib.suppress(ImportError):  # libcst is optional
    warnings.simplefilter("ignore", DeprecationWarning)
    import hypothesis.extra._patching  # noqa: F401

from tests.fuzz.support import EXAMPLES, TRIED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TRIED:
        return
    terminalreporter.section("fuzz examples tried")
    for test, count in sorted(TRIED.items()):
        terminalreporter.write_line(f"{test}: {count}")
    terminalreporter.write_line(
        f"total: {sum(TRIED.values())} examples in {len(TRIED)} tests "
        f"(profile sglearn-ci, max {EXAMPLES} per test)"
    )
