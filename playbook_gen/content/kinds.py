"""The registry of content kinds: each kind is declared once, beside its model class.

A collection kind (`@collection(...)` on an `Entry` class) says where its files live, what one
entry is called, where its pages go, which templates draw them, and what its listing shows.
Everything else follows from the declaration and from the class's `Ref` fields: loading,
validation, the JSON Schema, `new`, the change digest's wording, the pages, the listing, the
navigation, search and the links back from the entries it names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


#: Rows on one page of a listing: enough to scan, few enough to keep the page under 30 KB.
LISTING_ROWS = 20


@dataclass(frozen=True)
class Column:
    """A column of a kind's listing table, read from one field of each entry.

    The title field links to the entry; a `Ref` field links to each entry it names; any other
    field prints its text. With `filter`, readers can narrow the listing by this column's values,
    and the filter's choice is kept in the address under that name (`services/?for=...`).
    """

    heading: str
    field: str
    filter: str | None = None


@dataclass(frozen=True)
class Kind:
    """A collection: one YAML file per entry in `content/<folder>/`, one page per entry."""

    folder: str  # content/<folder>/, and the kind's name everywhere else
    cls: type
    singular: str  # what one entry is called in messages and pages: "service"
    title: str  # the listing's title and the navigation section's: "Services"
    pages: str  # the folder of its pages in the site: "services", "for-you"
    template: str  # the entry page's template
    listing: str = "_listing.md.j2"  # the listing's template
    listing_page: str | None = None  # default: <pages>/index.md
    title_field: str = "name"  # the field that names an entry
    columns: tuple[Column, ...] = ()
    #: Rows on a page of the listing; None keeps the listing on one page.
    per_page: int | None = LISTING_ROWS
    #: Reading order of the listing and the navigation (default: by the title field).
    order: Callable | None = None
    #: Kinds whose links to an entry of this kind its template lists itself; links from any
    #: other kind are listed by the shared 'related' section.
    lists_related: tuple[str, ...] = ()
    #: Entries the listing's first page shows in a section of their own, out of its table
    #: (say, the controls every project goes through, apart from the services you ask for).
    apart: Callable | None = None
    #: A kind a playbook may do without: with no entries it has no listing and no place in the
    #: navigation (rather than an empty page stating nothing).
    optional: bool = False

    def shown(self, entries: dict) -> bool:
        """Whether the site has a listing of this kind, given its entries."""
        return bool(entries) or not self.optional

    @property
    def slug(self) -> str:
        """The singular as one word, for commands and file names: 'life-cycle'."""
        return self.singular.replace(" ", "-")

    @property
    def index(self) -> str:
        return self.listing_page or f"{self.pages}/index.md"

    def entry_page(self, entry_id: str) -> str:
        return f"{self.pages}/{entry_id}.md"

    def title_of(self, entry: object) -> str:
        return getattr(entry, self.title_field)

    def sort_key(self, entry: object) -> object:
        return self.order(entry) if self.order else self.title_of(entry)


@dataclass(frozen=True)
class FileKind:
    """A single file at the top of content/, such as mandate.yml."""

    name: str  # content/<name>.yml
    cls: type
    title: str  # how a reader names it: "Mandate"
    attribute: str = ""  # its name on the Playbook (default: the file's name)

    def __post_init__(self) -> None:
        if not self.attribute:
            object.__setattr__(self, "attribute", self.name)


#: Every collection kind, in the order of the navigation: folder -> Kind.
KINDS: dict[str, Kind] = {}
#: Every single file, in reading order: file name -> FileKind.
FILES: dict[str, FileKind] = {}

#: What a reference may name besides an entry: an activity of raci.yml, or a new id.
#: target -> (what one is called, where they are declared)
OTHER_TARGETS = {
    "raci-activities": ("RACI activity", "raci.yml"),
    "measures": ("measure", "playbook.yml"),
    "_id": ("id", ""),
}


def collection(**declaration: object) -> Callable[[type], type]:
    """Register the decorated Entry class as a collection kind."""

    def register(cls: type) -> type:
        kind = Kind(cls=cls, **declaration)  # type: ignore[arg-type]
        KINDS[kind.folder] = kind
        return cls

    return register


def single_file(**declaration: object) -> Callable[[type], type]:
    """Register the decorated class as a single file at the top of content/."""

    def register(cls: type) -> type:
        kind = FileKind(cls=cls, **declaration)  # type: ignore[arg-type]
        FILES[kind.name] = kind
        return cls

    return register


def kind_of(entry: object) -> Kind:
    """The kind an entry belongs to."""
    return next(kind for kind in KINDS.values() if type(entry) is kind.cls)


def singular(target: str) -> str:
    """What one entry of a collection (or another reference target) is called."""
    return KINDS[target].singular if target in KINDS else OTHER_TARGETS[target][0]


def declared_in(target: str) -> str:
    """Where the entries a reference may name are declared: 'services/' or 'raci.yml'."""
    return f"{target}/" if target in KINDS else OTHER_TARGETS[target][1]
