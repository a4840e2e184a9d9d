"""Every detector is linear in its input. Measured by growth in one run, not by the clock:
the best of three runs at n and at 4n characters of adversarial text. Linear work gives a
ratio of about 4 and quadratic about 16; the bound of 8 leaves room for a shared machine's
noise and cache effects (comparing n with 2n at these sizes proved too noisy)."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable

import pytest

from sglearn.check.privacy.timing import (
    ADVERSARIAL,
    adversarial,
    detector_seconds,
    detectors,
    seconds,
)

SIZE = 20_000


@pytest.mark.parametrize("name", sorted(detectors()))
def test_detector_time_grows_linearly_on_adversarial_text(name: str) -> None:
    run = detectors()[name]
    for unit_name, unit in ADVERSARIAL.items():
        assert grows_linearly(run, unit), (name, unit_name)


def grows_linearly(
    run: Callable[[str], None], unit: str, attempts: int = 3, size: int = SIZE
) -> bool:
    """True if one of a few attempts shows linear growth: noise only ever adds time, so a
    quadratic detector never passes, and a linear one is not failed by a busy machine."""
    small_text, large_text = adversarial(unit, size), adversarial(unit, 4 * size)
    for _ in range(attempts):
        small = seconds(run, small_text, repeat=3)
        large = seconds(run, large_text, repeat=3)
        if large < 8 * small + 0.001:
            return True
    return False


def test_growth_measure_catches_the_quadratic_email_pattern_it_replaced() -> None:
    """The pattern this replaces started at every letter after a '%' and ran to the end."""
    old = re.compile(
        r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.([A-Za-z]{2,})(?![\w-])"
    )
    assert not grows_linearly(
        lambda text: deque(old.finditer(text), maxlen=0) and None, "%a", size=3000
    )


def test_detector_seconds_reports_every_detector() -> None:
    timings = detector_seconds(size=4096)
    assert set(timings) == set(detectors())
    assert all(t >= 0 for t in timings.values())


def test_email_detector_is_not_quadratic_on_a_long_word() -> None:
    """The old pattern took about a minute on a 450 KB summary of letters and dots."""
    run = detectors()["email"]
    assert (
        seconds(run, adversarial("a.", 450_000))
        < 5 * seconds(run, adversarial("a.", 90_000)) + 0.01
    )
