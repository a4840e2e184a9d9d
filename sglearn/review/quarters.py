"""Calendar quarters as the site shows them, e.g. ``2025 Q3`` (they sort as text)."""

from __future__ import annotations

from datetime import date, timedelta


def quarter_of(day: date) -> str:
    """The calendar quarter as shown on the site, e.g. ``2025 Q3`` (sorts as text)."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def quarter_start(label: str) -> date:
    year, q = label.split(" Q")
    return date(int(year), (int(q) - 1) * 3 + 1, 1)


def quarters_ending(last: date, count: int) -> tuple[str, ...]:
    """``count`` consecutive quarter labels, the last being the quarter of ``last``."""
    labels: list[str] = []
    day = quarter_start(quarter_of(last))
    for _ in range(count):
        labels.append(quarter_of(day))
        day = quarter_start(quarter_of(day - timedelta(days=1)))
    return tuple(reversed(labels))
