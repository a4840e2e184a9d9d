"""Static SVG charts drawn in Python: no JavaScript, no fonts or files from anywhere else.

Each chart carries a <title> and <desc> and is always shown next to a table of the same
figures, so nobody depends on seeing it. Values are written on the bars (colour is never the
only carrier of meaning), and a white background keeps it readable on the dark palette.
Coordinates are whole numbers, so the same figures always give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

_QUARTER = re.compile(r"(\d{4}) Q([1-4])")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
INK, MUTED, GRID, BAR = "#1f2937", "#4b5563", "#d1d5db", "#3949ab"
TONE_FILL = {
    "alert": "#b3261e",
    "warning": "#a15c00",
    "info": "#3949ab",
    "success": "#1b6e3a",
    "neutral": "#5f6368",
}


def _text(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _open(width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="chart-title chart-desc" '
        f'font-family="{_text(FONT)}" font-size="12">',
        f'<title id="chart-title">{_text(title)}</title>',
        f'<desc id="chart-desc">{_text(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _nice_top(largest: int) -> int:
    """A round axis maximum at or above ``largest`` (at least 1)."""
    if largest <= 5:
        return max(largest, 1)
    step = 1
    while largest > step * 10:
        step *= 10
    for multiple in (1, 2, 5, 10):
        if largest <= step * multiple:
            return step * multiple
    return largest  # pragma: no cover - the loop always returns


def column_chart(title: str, desc: str, labels: Sequence[str], values: Sequence[int]) -> str:
    """Vertical bars, one per label (quarters, say), with the value above each bar."""
    slot, left, top, plot_height = 56, 40, 24, 180
    width = left + slot * max(len(labels), 1) + 16
    height = top + plot_height + 44
    peak = _nice_top(max(values, default=0))
    parts = _open(width, height, title, desc)
    base = top + plot_height
    shown_year = ""
    for tick in sorted({0, peak // 2, peak}):
        y = base - round(plot_height * tick / peak)
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - 8}" y2="{y}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" fill="{MUTED}">{tick}</text>'
        )
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + slot * index + 10
        bar = round(plot_height * value / peak)
        parts.append(
            f'<rect x="{x}" y="{base - bar}" width="{slot - 20}" height="{bar}" fill="{BAR}"/>'
        )
        middle = x + (slot - 20) // 2
        parts.append(
            f'<text x="{middle}" y="{base - bar - 5}" text-anchor="middle" fill="{INK}">'
            f"{value}</text>"
        )
        quarter = _QUARTER.fullmatch(label)
        if quarter is None:
            parts.append(
                f'<text x="{middle}" y="{base + 18}" text-anchor="middle" fill="{INK}" '
                f'font-size="11">{_text(_clip(label, 7))}</text>'
            )
            continue
        # "2025 Q1" reads as "Q1" over the bar and the year once below, where it starts.
        year, number = quarter.groups()
        parts.append(
            f'<text x="{middle}" y="{base + 17}" text-anchor="middle" fill="{INK}" '
            f'font-size="11"><tspan>Q{number}</tspan>'
            + (
                f'<tspan x="{middle}" dy="15" fill="{MUTED}">{year}</tspan>'
                if index == 0 or year != shown_year
                else ""
            )
            + "</text>"
        )
        shown_year = year
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def bar_chart(
    title: str,
    desc: str,
    rows: Sequence[tuple[str, int, str]],
) -> str:
    """Horizontal bars: (label, value, tone) per row, value written after the bar."""
    label_width, plot_width, row_height, top = 220, 300, 28, 12
    width = label_width + plot_width + 60
    height = top * 2 + row_height * max(len(rows), 1)
    peak = max((value for _, value, _ in rows), default=0) or 1
    parts = _open(width, height, title, desc)
    for index, (label, value, tone) in enumerate(rows):
        y = top + row_height * index
        bar = round(plot_width * value / peak)
        fill = TONE_FILL.get(tone, TONE_FILL["neutral"])
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end" fill="{INK}">'
            f"{_text(_clip(label, 34))}</text>"
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 5}" width="{bar}" height="{row_height - 10}" '
            f'fill="{fill}"/>'
        )
        parts.append(f'<text x="{label_width + bar + 6}" y="{y + 18}" fill="{INK}">{value}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def grid_chart(
    title: str,
    desc: str,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[int]],
) -> str:
    """A table-like grid (themes by service): shaded cells with the count written in each."""
    label_width, cell_w, cell_h, header = 260, 92, 26, 40
    width = label_width + cell_w * max(len(column_labels), 1) + 8
    height = header + cell_h * max(len(row_labels), 1) + 8
    peak = max((v for row in values for v in row), default=0) or 1
    parts = _open(width, height, title, desc)
    for col, label in enumerate(column_labels):
        x = label_width + cell_w * col + cell_w // 2
        parts.append(
            f'<text x="{x}" y="{header - 12}" text-anchor="middle" fill="{INK}">'
            f"{_text(_clip(label, 13))}</text>"
        )
    for row, label in enumerate(row_labels):
        y = header + cell_h * row
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" fill="{INK}">'
            f"{_text(_clip(label, 40))}</text>"
        )
        for col, value in enumerate(values[row]):
            x = label_width + cell_w * col
            # Five shades of one hue; the number, not the shade, carries the value.
            shade = 0 if value == 0 else 1 + min(3, (value * 4 - 1) // peak)
            fill = ("#ffffff", "#e8eaf6", "#c5cae9", "#9fa8da", "#7986cb")[shade]
            parts.append(
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{cell_h - 4}" '
                f'fill="{fill}" stroke="{GRID}"/>'
            )
            parts.append(
                f'<text x="{x + cell_w // 2}" y="{y + 17}" text-anchor="middle" '
                f'fill="{INK}">{value}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
