"""Long lists kept short: listings run over pages, and related lists link to the rest.

Material prints every page whole, so a page listing a whole large collection grows with it (a
services index of 1,500 rows weighs almost 1 MB). A listing shows LISTING_ROWS rows a page, and
an entry page names the first few of a long list of related entries, then links to the listing.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from . import i18n
from .i18n import Words

from ..content.kinds import LISTING_ROWS

__all__ = ["LISTING_ROWS", "Pager", "by_name", "first_related", "more_of"]

#: An entry page lists up to RELATED_LIMIT related entries of a kind; of a longer list, it shows
#: the first RELATED_SHOWN and links to the listing of them all.
RELATED_LIMIT = 12
RELATED_SHOWN = 8


@dataclass(frozen=True)
class Pager:
    """Where one page of a listing stands among the listing's pages."""

    number: int
    paths: tuple[str, ...]
    first_row: int
    last_row: int
    total_rows: int

    @property
    def title_suffix(self) -> Markup:
        """The suffix in English (templates written before the catalogues read this)."""
        return self.suffix_in(None)

    def suffix_in(self, words: Words | None) -> Markup:
        """Told after the title of every page but the first, so search results tell them apart."""
        if self.number == 1:
            return Markup("")
        said = (words or i18n.words(None)).gettext(
            "(page %(number)d of %(count)d)", number=self.number, count=len(self.paths)
        )
        return Markup(" ") + said


def first_related(items: list) -> list:
    """The related entries an entry page lists: all of a short list, the first few of a long one."""
    return items if len(items) <= RELATED_LIMIT else items[:RELATED_SHOWN]


def more_of(items: list, what: str, target: str, words: Words) -> Markup:
    """After the first few of a long list: how many more there are, and where to see them all."""
    if len(items) <= RELATED_LIMIT:
        return Markup("")
    rest = len(items) - RELATED_SHOWN
    sentence = words.ngettext(
        "…and %(num)d more: see [all %(what)s](%(target)s).",
        "…and %(num)d more: see [all %(what)s](%(target)s).",
        rest,
        what=what,
        target=Markup(target),
    )
    return Markup("\n") + sentence + Markup("\n")


def by_name(entries: dict, key=lambda entry: entry.name) -> list:
    """Entries in reading order: by name regardless of case, then by id."""
    return sorted(entries.values(), key=lambda entry: (_folded(key(entry)), entry.id))


def _folded(value):
    if isinstance(value, tuple):
        return tuple(_folded(part) for part in value)
    return value.casefold() if isinstance(value, str) else value
