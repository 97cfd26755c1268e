"""The route table: every path of the site is claimed once, before anything is rendered.

Generated pages, listing pages, entry pages, calendar files, diagrams, the site's own assets,
the theme's files and hand-written pages all claim their place here first. A second claim on
the same place — an entry whose id is a generated page's name, a hand-written page where a
listing goes — is a located error at the file that makes it, naming what it would replace.
Pages are compared by the address they get (`roles/raci.md` and `roles/raci/index.md` are both
`roles/raci/`), regardless of case, since some file systems ignore it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.kinds import KINDS
from ..problems import Location, Problem
from . import sitemap
from ..authoring.cms import ADMIN
from .assets import ASSET_FILES

#: Paths the theme writes into every site (Material's scripts, styles and search index).
THEME_PATHS = ("assets/javascripts/", "assets/stylesheets/", "search/", "404.html", "sitemap.xml")


@dataclass(frozen=True)
class Claim:
    what: str  # for messages: "the RACI matrix", "the service 'Risk review'"
    where: Location  # the file that asks for it (the package's own for generated pages)


class RouteError(Exception):
    """A renderer wrote a path nobody claimed: a template or kind author's mistake."""


class RouteTable:
    """Claims on the site's places; the first claim wins, later ones become problems."""

    def __init__(self) -> None:
        self.places: dict[str, Claim] = {}
        self.paths: set[str] = set()  # the claimed paths as written, for `expect`
        self.folders: dict[str, Claim] = {}  # whole folders, e.g. a listing's page/N/ pages
        self.problems: list[Problem] = []

    def claim(self, path: str, what: str, where: Location, advice: str) -> None:
        place = address(path)
        taken = self.places.get(place) or self._folder_of(place)
        if taken:
            if not path.endswith(".md"):
                generated = "the file"
            else:
                generated = "the generated page" if taken.where.path == PACKAGE else "the page"
            self.problems.append(
                Problem.at(
                    where,
                    "route-taken",
                    f"{what} would replace {generated} {shown_place(path)} ({taken.what}); {advice}",
                )
            )
        else:
            self.places[place] = Claim(what, where)
            self.paths.add(path)

    def claim_folder(self, folder: str, what: str, where: Location) -> None:
        self.folders[address(folder).rstrip("/") + "/"] = Claim(what, where)

    def _folder_of(self, place: str) -> Claim | None:
        for folder, claim in self.folders.items():
            if place.startswith(folder):
                return claim
        return None

    def expect(self, path: str) -> None:
        """Raise RouteError unless the path was claimed (every rendered file must be)."""
        if path in self.paths:
            return
        place = address(path)
        if place not in self.places and self._folder_of(place) is None:
            raise RouteError(f"{path} was rendered without a claim in the route table")


def address(path: str) -> str:
    """Where a page ends up (`a/b.md` and `a/b/index.md` -> `a/b/`); files keep their path."""
    folded = path.casefold()
    if folded.endswith(".md"):
        folded = folded.removesuffix(".md").removesuffix("index").rstrip("/")
        return f"{folded}/" if folded else ""
    return folded


def shown_place(path: str) -> str:
    place = address(path)
    return place if place else "the home page"


#: Where the generator's own claims come from, in messages.
PACKAGE = "playbook_gen"


def plan(ids: dict[str, dict[str, str]], pages: dict[str, str]) -> RouteTable:
    """Claim every path the site will have: `ids` (kind -> id -> entry file) and `pages`
    (hand-written: path in the site -> its file) as the content folder holds them."""
    routes = RouteTable()
    ours = Location(PACKAGE)
    for path in THEME_PATHS:
        if path.endswith("/"):
            routes.claim_folder(path, "the theme's own files", ours)
        else:
            routes.claim(path, "a file of the theme", ours, "")
    for page in sitemap.FIXED_PAGES:
        routes.claim(page.path, page.what, ours, "")
    for kind in KINDS.values():
        routes.claim(kind.index, f"the {kind.title.lower()} listing", ours, "")
        routes.claim_folder(
            f"{address(kind.index)}page/",
            f"the further pages of the {kind.title.lower()} listing",
            ours,
        )
    for path in [*ASSET_FILES, *sitemap.DIAGRAMS, sitemap.CALENDAR_FILE]:
        routes.claim(path, "a file the generator writes", ours, "")
    routes.claim_folder(sitemap.LIFECYCLE_DIAGRAMS, "the life cycle diagrams", ours)
    routes.claim_folder(ADMIN, "the editing pages (Decap CMS)", ours)
    for folder, kind in KINDS.items():
        for entry_id, source in sorted(ids.get(folder, {}).items()):
            routes.claim(
                kind.entry_page(entry_id),
                f"the id '{entry_id}'",
                Location(source),
                "choose another id",
            )
    for audience_id, source in sorted(ids.get("audiences", {}).items()):
        routes.claim(
            sitemap.audience_calendar(audience_id),
            f"the calendar file of the id '{audience_id}'",
            Location(source),
            "choose another id",
        )
    for path, source in sorted(pages.items()):
        routes.claim(path, "this hand-written page", Location(source), "rename or move it")
    return routes
