"""Every detector is linear in its input: doubling an adversarial text at most about doubles
the time. Measured by growth in one run (best of three at n and 2n), not by the clock."""

from __future__ import annotations

import pytest

from sglearn.check.privacy.timing import (
    ADVERSARIAL,
    adversarial,
    detector_seconds,
    detectors,
    seconds,
)

SIZE = 40_000


@pytest.mark.parametrize("name", sorted(detectors()))
def test_detector_time_grows_linearly_on_adversarial_text(name: str) -> None:
    run = detectors()[name]
    for unit_name, unit in ADVERSARIAL.items():
        small = seconds(run, adversarial(unit, SIZE), repeat=3)
        large = seconds(run, adversarial(unit, 2 * SIZE), repeat=3)
        # A quadratic detector gives about 4; linear about 2 (3 leaves room for noise).
        assert large < 3 * small + 0.002, (name, unit_name, small, large)


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
