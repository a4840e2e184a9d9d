"""Static SVG charts: accessible, self-contained, stable."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sglearn.site.charts import bar_chart, column_chart, grid_chart, text_width, wrap

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_charts_have_title_and_desc_for_screen_readers() -> None:
    for svg in (
        column_chart("Reviews per quarter", "Counts.", ["2025 Q1", "2025 Q2"], [1, 3]),
        bar_chart("Actions", "By status.", [("Overdue", 2, "alert"), ("Open", 0, "info")]),
        grid_chart("Themes by service", "Counts.", ["Theme A"], ["Home 1", "Home 2"], [[1, 0]]),
    ):
        root = _parse(svg)
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == "chart-title chart-desc"
        assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None


def test_charts_write_every_value_as_text() -> None:
    root = _parse(column_chart("T", "D", ["2025 Q1", "2025 Q2", "2025 Q3"], [4, 0, 7]))
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert {"4", "0", "7"} <= set(texts)
    # Quarter labels are short ("Q1"), with the year written once where it starts.
    labels = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("font-size")]
    assert labels == ["Q12025", "Q2", "Q3"]


def test_quarter_labels_name_each_new_year_once() -> None:
    root = _parse(column_chart("T", "D", ["2025 Q4", "2026 Q1", "2026 Q2"], [1, 2, 3]))
    years = [t.text for t in root.iter(f"{SVG}tspan") if t.text and len(t.text) == 4]
    assert years == ["2025", "2026"]
    assert 'font-size="11"' in ET.tostring(root, encoding="unicode")


def _words(svg: str) -> list[str]:
    root = _parse(svg)
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}tspan")).split()


def test_other_column_labels_wrap_and_keep_every_word() -> None:
    svg = column_chart("T", "D", ["A label far too long"], [1])
    assert _words(svg) == ["A", "label", "far", "too", "long"] and "…" not in svg


def test_charts_make_no_request_and_run_no_script() -> None:
    svg = bar_chart("T", "D", [("A", 1, "alert")])
    assert "<script" not in svg and "href" not in svg and "@import" not in svg
    assert svg.count("http") == 1  # the SVG namespace, which is a name, not a request


def test_charts_escape_labels() -> None:
    svg = grid_chart('<b>"T"</b>', "D & more", ["<script>"], ["A&B"], [[2]])
    root = _parse(svg)
    assert root.find(f"{SVG}title").text == '<b>"T"</b>'  # type: ignore[union-attr]
    assert "<script>" not in svg


def test_charts_are_stable_and_handle_empty_data() -> None:
    args = ("T", "D", ["2025 Q1"], [0])
    assert column_chart(*args) == column_chart(*args)
    _parse(column_chart("T", "D", [], []))
    _parse(bar_chart("T", "D", []))
    _parse(grid_chart("T", "D", [], [], []))


def test_charts_long_labels_wrap_and_the_chart_grows() -> None:
    label = "A very long label that goes on and on and on and on and on forever"
    short = _parse(bar_chart("T", "D", [("Short", 3, "info")]))
    svg = bar_chart("T", "D", [(label, 3, "info")])
    assert " ".join(_words(svg)) == label and "…" not in svg
    assert int(_parse(svg).get("height", "0")) > int(short.get("height", "0"))


def test_grid_labels_wrap_and_cells_widen_for_a_long_word() -> None:
    svg = grid_chart("T", "D", ["Whistleblowing not heard or acted on"], ["Riverside Lodge"], [[2]])
    words = _words(svg)
    assert "Whistleblowing" in words and "Riverside" in words and "Lodge" in words
    assert "…" not in svg


def test_text_width_estimate_grows_with_the_text() -> None:
    assert text_width("Riverside Lodge", 12) > text_width("Riverside", 12) > 0
    assert wrap("one two three", 10_000, 12) == ["one two three"]
    assert wrap("one two three", 1, 12) == ["one", "two", "three"]
