"""The glossary page and the abbreviations every page expands (Markdown's abbr extension)."""

from __future__ import annotations

from collections.abc import Iterable

from sglearn.review.glossary import GlossaryTerm

GLOSSARY_PATH = "glossary.md"


def glossary_page(terms: Iterable[GlossaryTerm]) -> str:
    """A definition list, one entry per term; developer-reviewed data, escaped all the same."""
    out = [
        "# Glossary",
        "",
        "The words of art this site uses, in plain words. Abbreviations are also explained "
        "where they appear: hover over them, or tap them on a phone.",
        "",
    ]
    for term in terms:
        name = _text(term.term)
        if term.abbreviation and term.expansion:
            name += f" ({_text(term.expansion)})"
        out += [f'<dl id="{term.anchor}" markdown>', f"<dt><strong>{name}</strong></dt>"]
        out += [f"<dd>{_text(term.explanation)}</dd>", "</dl>", ""]
    return "\n".join(out)


def abbreviations(terms: Iterable[GlossaryTerm]) -> str:
    """The ``*[CQC]: Care Quality Commission`` lines appended to every page's Markdown."""
    lines = [
        f"*[{term.term}]: {_text(term.expansion)}"
        for term in terms
        if term.abbreviation and term.expansion
    ]
    return "\n".join(["", *lines, ""]) if lines else ""


def _text(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
