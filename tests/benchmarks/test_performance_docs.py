"""docs/performance.md shows what the benchmark measured and no figure typed by hand."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "docs" / "performance.md"
TABLE = REPO / "docs" / "snippets" / "performance-table.md"

# A measured figure: seconds, milliseconds, sizes, or a ratio such as 1.18x.
FIGURE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:s|ms|MB|GB|KB|x)\b")


def _site_markdown() -> markdown.Markdown:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


def test_performance_page_includes_the_benchmark_table_unchanged() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert '--8<-- "performance-table.md"' in text
    html = _site_markdown().convert(text)
    first = TABLE.read_text(encoding="utf-8").splitlines()[0]
    assert "Written by `sglearn bench" in first
    assert "sglearn bench" in html and "<table>" in html


def test_performance_page_types_no_figure_by_hand() -> None:
    prose = re.sub(r"```.*?```", "", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert FIGURE.findall(prose) == []
    assert "(issue" not in prose.lower()


def test_the_include_reads_that_one_file_and_no_other() -> None:
    with pytest.raises(Exception, match="could not be found"):
        _site_markdown().convert('--8<-- "../../mkdocs.yml"\n')
    with pytest.raises(Exception, match="could not be found"):
        _site_markdown().convert('--8<-- "../performance.md"\n')


def test_the_table_names_its_command_commit_and_machine() -> None:
    first = TABLE.read_text(encoding="utf-8").splitlines()[0]
    command = re.search(r"Written by `(sglearn bench [^`]*)`", first)
    assert command and "--out docs/snippets/performance-table.md" in command.group(1)
    for part in ("commit `", " cores", " memory", "Python ", "load average"):
        assert part in first, part
