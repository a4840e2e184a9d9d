"""What `sglearn serve` keeps from one generation of the pages for the next: each case's model
and its page.

A case page is made from its own case, the vocabularies, the as-of date, the figure rules of
its build and the titles of the reviews its text names (:meth:`SitePages.case`). When none of
these changed since the last save, the page and the figures it printed are last time's. A
save changes one case, so at 1,000 cases 999 case pages come from here instead of Jinja.
The model of a case is kept for as long as validation keeps the same document for its file.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sglearn.review.model import Case
from sglearn.site.manifest import Figure


class TitlesRead(Mapping[str, str]):
    """The published reviews' titles by id, noting each id a page looked up."""

    def __init__(self, titles: Mapping[str, str]) -> None:
        self._titles = titles
        self.read: dict[str, str | None] = {}

    def __getitem__(self, case_id: str) -> str:
        title = self._titles.get(case_id)
        self.read[case_id] = title
        if title is None:
            raise KeyError(case_id)
        return title

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles)

    def __len__(self) -> int:
        return len(self._titles)


@dataclass(frozen=True)
class KeptPage:
    """A case page as rendered, with the figures it printed (and where) and the titles it read."""

    page: Any
    figures: list[Figure]
    sections: list[str | None]
    titles: dict[str, str | None]


class PageMemo:
    """Case models and case pages from the last generation, kept by the serve process."""

    def __init__(self) -> None:
        # Keyed on the document's identity; the value holds the document, so the identity
        # cannot pass to another object while the entry lives.
        self._models: dict[tuple[int, str], tuple[object, Case]] = {}
        self._pages: dict[tuple[int, Hashable], tuple[Case, KeptPage]] = {}
        self._models_used: dict[tuple[int, str], tuple[object, Case]] = {}
        self._pages_used: dict[tuple[int, Hashable], tuple[Case, KeptPage]] = {}
        self._made_with: tuple[object, object] | None = None

    def begin(self, vocabularies: object, as_of: object) -> None:
        """A generation starts: pages made with other vocabularies or another date are gone."""
        if self._made_with is None or self._made_with != (vocabularies, as_of):
            self._pages = {}
        self._made_with = (vocabularies, as_of)

    def models(self, documents: Iterable[Any]) -> list[Case]:
        """Each document's case, sorted by id; a document seen last time gives the same case."""
        cases = []
        for document in documents:
            key = (id(document.data), str(document.path))
            kept = self._models.get(key) or (
                document.data,
                Case.from_data(document.data, document.path),
            )
            self._models_used[key] = kept
            cases.append(kept[1])
        self._models, self._models_used = self._models_used, {}
        return sorted(cases, key=lambda c: c.id)

    def page(self, case: Case, context: Hashable, titles: Mapping[str, str]) -> KeptPage | None:
        """The case's page from last time, if made in the same context with the same titles."""
        kept = self._pages.get((id(case), context))
        if kept is None or kept[0] is not case:
            return None
        page = kept[1]
        if any(titles.get(case_id) != title for case_id, title in page.titles.items()):
            return None
        return page

    def keep(self, case: Case, context: Hashable, page: KeptPage) -> None:
        """The page this generation shows for ``case``, taken from here or rendered anew."""
        self._pages_used[(id(case), context)] = (case, page)

    def generation_done(self) -> None:
        """Forget the pages this generation did not ask for (cases removed or changed)."""
        self._pages, self._pages_used = self._pages_used, {}
