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


# Advance widths in ems, generous: a label must fit in the widest common sans-serif face
# (DejaVu Sans, where system-ui falls back on Linux), so it fits in narrower faces too.
_NARROW, _WIDE, _CAPS = set("fijlrtI!|.,:;'()[] -/"), set("mwMW@%"), 0.74
_SPACE_EM, _LOWER_EM, _NARROW_EM, _WIDE_EM, _DIGIT_EM = 0.32, 0.62, 0.36, 1.0, 0.64
LINE = 1.25  # line height, in ems


def text_width(text: str, size: int) -> int:
    """An upper estimate of ``text``'s width in pixels at ``size``: labels wrap by it."""
    ems = 0.0
    for char in text:
        if char == " ":
            ems += _SPACE_EM
        elif char in _NARROW:
            ems += _NARROW_EM
        elif char in _WIDE:
            ems += _WIDE_EM
        elif char.isdigit():
            ems += _DIGIT_EM
        elif char.isupper():
            ems += _CAPS
        else:
            ems += _LOWER_EM
    return int(ems * size) + 1


def wrap(label: str, room: int, size: int) -> list[str]:
    """``label`` in lines of at most ``room`` pixels, broken at spaces; never cut short.

    A single word wider than ``room`` keeps a line of its own: the chart grows to fit it.
    """
    lines: list[str] = []
    for word in label.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def widest(lines: Sequence[str], size: int) -> int:
    return max((text_width(line, size) for line in lines), default=0)


def _lines(x: int, y: int, lines: Sequence[str], size: int, attrs: str) -> str:
    """One <text> of several lines, the first on baseline ``y``."""
    step = round(size * LINE)
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else step}">{_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}" {attrs}>{spans}</text>'


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
    left, top, plot_height = 40, 24, 180
    others = [wrap(label, 52, 11) for label in labels if not _QUARTER.fullmatch(label)]
    slot = max([56] + [widest(lines, 11) + 8 for lines in others])
    label_lines = max([2] + [len(lines) for lines in others])
    width = left + slot * max(len(labels), 1) + 16
    height = top + plot_height + 14 + round(11 * LINE) * label_lines + 4
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
            attrs = f'text-anchor="middle" fill="{INK}" font-size="11"'
            parts.append(_lines(middle, base + 17, wrap(label, slot - 8, 11), 11, attrs))
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
    plot_width, top, step = 300, 12, round(12 * LINE)
    wrapped = [wrap(label, 220, 12) for label, _, _ in rows]
    label_width = max([120] + [widest(lines, 12) for lines in wrapped]) + 16
    heights = [max(28, step * len(lines) + 13) for lines in wrapped]
    peak = max((value for _, value, _ in rows), default=0) or 1
    width = label_width + plot_width + 16 + max([0] + [text_width(str(v), 12) for _, v, _ in rows])
    height = top * 2 + (sum(heights) if rows else 28)
    parts = _open(width, height, title, desc)
    y = top
    for (_, value, tone), lines, row_height in zip(rows, wrapped, heights, strict=True):
        bar = round(plot_width * value / peak)
        fill = TONE_FILL.get(tone, TONE_FILL["neutral"])
        middle = y + row_height // 2
        first = middle + 4 - step * (len(lines) - 1) // 2
        attrs = f'text-anchor="end" fill="{INK}"'
        parts.append(_lines(label_width - 8, first, lines, 12, attrs))
        parts.append(
            f'<rect x="{label_width}" y="{middle - 9}" width="{bar}" height="18" fill="{fill}"/>'
        )
        parts.append(
            f'<text x="{label_width + bar + 6}" y="{middle + 4}" fill="{INK}">{value}</text>'
        )
        y += row_height
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
    step = round(12 * LINE)
    heads = [wrap(label, 86, 12) for label in column_labels]
    cell_w = max([92] + [widest(lines, 12) + 10 for lines in heads])
    header = step * max([1] + [len(lines) for lines in heads]) + 16
    names = [wrap(label, 260, 12) for label in row_labels]
    label_width = max([120] + [widest(lines, 12) for lines in names]) + 16
    heights = [max(26, step * len(lines) + 10) for lines in names]
    width = label_width + cell_w * max(len(column_labels), 1) + 8
    height = header + (sum(heights) if row_labels else 26) + 8
    peak = max((v for row in values for v in row), default=0) or 1
    parts = _open(width, height, title, desc)
    for col, lines in enumerate(heads):
        x = label_width + cell_w * col + cell_w // 2
        first = header - 10 - step * (len(lines) - 1)
        parts.append(_lines(x, first, lines, 12, f'text-anchor="middle" fill="{INK}"'))
    y = header
    for row, (lines, cell_h) in enumerate(zip(names, heights, strict=True)):
        middle = y + cell_h // 2
        first = middle + 4 - step * (len(lines) - 1) // 2
        parts.append(_lines(label_width - 8, first, lines, 12, f'text-anchor="end" fill="{INK}"'))
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
                f'<text x="{x + cell_w // 2}" y="{middle + 4}" text-anchor="middle" '
                f'fill="{INK}">{value}</text>'
            )
        y += cell_h
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
