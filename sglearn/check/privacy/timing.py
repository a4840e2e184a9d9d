"""Each detector's time on adversarial text, for the benchmark and the linear-time test.

Adversarial inputs are the near misses a backtracking pattern chokes on: long runs of
characters that could start an identifier but never finish one.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator

from sglearn.check.privacy.detectors import DETECTORS, Finding
from sglearn.check.privacy.names import compile_names
from sglearn.check.privacy.normalise import fold

ADVERSARIAL: dict[str, str] = {
    "letters": "a",
    "local-part": "a.",
    "percent-runs": "%a",
    "at-signs": "a@",
    "digits": "1",
    "spaced-digits": "1 ",
    "dotted-digits": "1.",
    "birth-words": "born ",
    "titles": "Mr ",
    "house-numbers": "12 Acacia ",
    "spelled-email": "jo at ",
    "invisible": "9\u200b",
    "markup": "*4&amp;",
}
"""Name → a unit repeated to the wanted size."""

_NAMES = compile_names(["Jane Doe", "Smith", "Anne-Marie Jones"])


def detectors() -> dict[str, Callable[[str], None]]:
    """Each detector (and the folding every scan starts with) as a function that runs it
    over a whole text."""

    def consume(detector: Callable[[str], Iterator[Finding]]) -> Callable[[str], None]:
        def run(text: str) -> None:
            deque(detector(text), maxlen=0)

        return run

    named = {d.__name__: consume(d) for d in DETECTORS}
    named["names"] = consume(_NAMES.find)

    def fold_all(text: str) -> None:
        fold(text, strip_markup=True)

    named["fold"] = fold_all
    return named


def adversarial(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def seconds(run: Callable[[str], None], text: str, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()  # CPU time: other work on a shared machine adds none
        run(text)
        best = min(best, time.process_time() - started)
    return best


def detector_seconds(size: int = 1 << 20) -> dict[str, float]:
    """The worst time of each detector (and of folding) over the adversarial inputs of
    ``size`` characters (1 MiB by default); the benchmark reports it (target: under 1 s)."""
    texts = [adversarial(unit, size) for unit in ADVERSARIAL.values()]
    return {name: max(seconds(run, text) for text in texts) for name, run in detectors().items()}
