"""Render the model into Markdown pages with Jinja2 templates, plus the files pages link to.

Templates are looked up first in the repository's `templates/` folder (to override one page kind)
and then in the package's own. Content values reach templates as data only: they are never parsed
as templates, and any string a template prints is escaped unless a filter marked it safe.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup

from . import calendar

from . import diagrams
from ..history.digest import CHANGES_SHOWN, Update, as_markdown
from .listings import CHALLENGES_PER_PAGE, LISTING_ROWS, Pager, by_name, first_related, more_of
from ..content.model import Playbook, entry_name
from ..content.pipeline import paused_gc
from ..content.relations import Relations, relate
from ..text import anchor, code, inline_markdown, markdown, plain, url

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"

#: Where each collection's entry pages live in the generated tree.
ENTRY_FOLDERS = {
    "offices": "offices",
    "roles": "roles",
    "services": "services",
    "audiences": "for-you",
    "touchpoints": "engagement/touchpoints",
    "tactics": "engagement/tactics",
    "challenges": "challenges",
}

#: The most offices the overview's tree lists before it leaves out its deepest level.
OFFICE_TREE_LIMIT = 40


@dataclass
class PageSource:
    """The content file a generated page came from, for the 'edit the source' link."""

    path: str
    owner: str | None = None
    reviewed: dt.date | None = None


@dataclass
class GeneratedSite:
    """The generated tree: Markdown pages and other files by path, and the navigation."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    sources: dict[str, PageSource] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    #: Prefix of 'edit the source' links (None without a repository URL), and the glossary's
    #: abbreviation definitions, which the plugin appends to hand-written pages too.
    edit_base: str | None = None
    abbreviations: str = ""
    #: The pages of collection entries (not their index pages).
    entry_pages: set[str] = field(default_factory=set)


def entry_path(collection: str, entry_id: str) -> str:
    return f"{ENTRY_FOLDERS[collection]}/{entry_id}.md"


def make_environment(templates_dir: Path | None) -> jinja2.Environment:
    search = [str(templates_dir)] if templates_dir and templates_dir.is_dir() else []
    overrides = tuple(sorted(os.listdir(templates_dir))) if search else ()
    return _environment(tuple(search), overrides)


@functools.lru_cache(maxsize=8)
def _environment(search: tuple[str, ...], overrides: tuple[str, ...]) -> jinja2.Environment:
    # One environment per template folder and set of overrides for the whole process (a new
    # override must not be hidden by the shipped template cached before it). The loader notices
    # edited templates by their modification time; compiled ones are kept, as they are between
    # processes by the bytecode cache.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(PACKAGE_TEMPLATES)]),
        bytecode_cache=_bytecode_cache(),
        autoescape=False,  # the output is Markdown; `finalize` escapes for Markdown instead
        finalize=_escape_unless_safe,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=markdown, cell=inline_markdown, plain=plain, anchor=anchor, url=url, code=code
    )
    env.globals.update(zip_longest=itertools.zip_longest)
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates in the user's own cache folder (not a shared temporary one)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "pmo-playbook" / f"jinja2-{jinja2.__version__}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _escape_unless_safe(value: object) -> object:
    if type(value) is str:  # the common case first: every plain text a template prints
        return plain(value)
    if value is None:
        return ""
    if isinstance(value, Markup) or isinstance(value, (int, float)):
        return value
    return plain(value)


class Renderer:
    """Renders every page of one playbook."""

    def __init__(
        self,
        playbook: Playbook,
        templates_dir: Path | None = None,
        build_date: dt.date | None = None,
        history: list[Update] | None = None,
    ) -> None:
        self.playbook = playbook
        self.history = history
        self.relations: Relations = relate(playbook)
        self.env = make_environment(templates_dir)
        self.templates: dict[str, jinja2.Template] = {}
        self.site = GeneratedSite()
        self.abbreviations = _abbreviations(playbook)
        self.build_date = build_date or build_day()
        self.shared = self.shared_context()

    def shared_context(self) -> dict[str, object]:
        """Values and helpers every template may use, besides the page's own."""
        pb = self.playbook
        return {
            "pb": pb,
            "rel": self.relations,
            "entry_path": entry_path,
            "current_priorities": current_priorities(pb),
            "build_date": self.build_date,
            "next_occurrence": lambda t: calendar.next_occurrence(t, self.build_date),
            "all_calendar": calendar.ALL_FILE,
            "audience_calendar": calendar.audience_file,
            "hierarchy_file": diagrams.HIERARCHY_FILE,
            "hierarchy_alt": f"Diagram of the PMOs of {pb.settings.organisation}; "
            "the same hierarchy is written out below.",
            "network_file": diagrams.NETWORK_FILE,
            "network_alt": f"Network map: the {pb.settings.pmo_name} in the middle, its audiences "
            "around it grouped by operational, personal and strategic connection; "
            "the same groups are listed below.",
            "office_tree": self.office_tree(),
            "indent": lambda depth: Markup("    " * depth),  # nests Markdown lists
            "shown": first_related,
            "more": more_of,
            "raci_words": RACI_WORDS,
            "raci_meaning": RACI_MEANING,
            "raci_for_role": self.raci_for_role,
            "changes_markdown": lambda changes: Markup(as_markdown(changes, CHANGES_SHOWN)),
        }

    def office_tree(self) -> list[tuple[int, str]]:
        """(depth, office id) in reading order: each office followed by those under it."""
        offices = self.playbook.offices
        roots = [o.id for o in offices.values() if not o.parent or o.parent not in offices]
        order: list[tuple[int, str]] = []

        def visit(office_id: str, depth: int) -> None:
            order.append((depth, office_id))
            children = self.relations.get("children_of_office", office_id)
            for child in sorted(children, key=lambda c: offices[c].name):
                visit(child, depth + 1)

        for root in sorted(roots, key=lambda r: offices[r].name):
            visit(root, 0)
        # A large tree is cut at the deepest level that keeps it short; the offices below it
        # are listed on the page of the office they belong to.
        depth = max((depth for depth, _ in order), default=0)
        while depth > 0 and sum(1 for d, _ in order if d <= depth) > OFFICE_TREE_LIMIT:
            depth -= 1
        return [(d, office_id) for d, office_id in order if d <= depth]

    def raci_for_role(self, role_id: str) -> list[tuple[object, str]]:
        return [
            (activity, activity.assignments[role_id])
            for activity in self.playbook.raci.activities.values()
            if role_id in activity.assignments
        ]

    # -- helpers templates call ----------------------------------------------------------------

    def link(self, here: str, collection: str, entry_id: str, text: str | None = None) -> Markup:
        entry = self.playbook.collection(collection)[entry_id]
        label = text or entry_name(entry)
        return Markup(f"[{plain(label)}]({relative(here, entry_path(collection, entry_id))})")

    # -- the pages ------------------------------------------------------------------------------

    def render(self) -> GeneratedSite:
        pb = self.playbook
        self.page("index.md", "home.md.j2", "content/playbook.yml", pb.mandate)
        self.page("mandate.md", "mandate.md.j2", "content/mandate.yml", pb.mandate)
        self.page("offices/index.md", "offices.md.j2", None, None)
        # Roles in the PMO first, so each page of a long listing groups them the same way.
        self.listing(
            "roles/index.md", "roles.md.j2", by_name(pb.roles, lambda r: (not r.in_pmo, r.name))
        )
        self.page(
            "roles/pmo-and-project-manager.md", "pmo-vs-pm.md.j2", "content/mandate.yml", pb.mandate
        )
        self.page("roles/raci.md", "raci.md.j2", "content/raci.yml", pb.raci)
        self.listing("services/index.md", "services.md.j2", by_name(pb.services))
        self.page(
            "services/what-we-do-not-do.md", "not-our-job.md.j2", "content/mandate.yml", pb.mandate
        )
        self.page("for-you/index.md", "audiences.md.j2", None, None)
        self.page("engagement/index.md", "network.md.j2", None, None)
        self.listing("engagement/calendar.md", "calendar.md.j2", by_name(pb.touchpoints))
        self.listing("engagement/tactics/index.md", "tactics.md.j2", by_name(pb.tactics))
        self.listing(
            "challenges/index.md",
            "challenges.md.j2",
            by_name(pb.challenges, lambda c: c.question),
            per_page=CHALLENGES_PER_PAGE,
        )
        self.page("glossary.md", "glossary.md.j2", "content/glossary.yml", pb.glossary)
        self.page("what-changed.md", "what-changed.md.j2", None, None, history=self.history)
        for collection, template in (
            ("offices", "office.md.j2"),
            ("roles", "role.md.j2"),
            ("services", "service.md.j2"),
            ("audiences", "audience.md.j2"),
            ("touchpoints", "touchpoint.md.j2"),
            ("tactics", "tactic.md.j2"),
            ("challenges", "challenge.md.j2"),
        ):
            for entry in pb.collection(collection).values():
                path = entry_path(collection, entry.id)
                self.page(path, template, entry.path, entry, entry=entry)
                self.site.entry_pages.add(path)

        self.site.files.update(diagrams.render_all(pb, self.relations))
        self.site.files.update(calendar.render_all(pb))
        self.site.nav = self.navigation()
        self.site.edit_base = edit_url(pb, "")
        self.site.abbreviations = self.abbreviations
        for path, shown in pb.pages.items():
            self.site.sources.setdefault(path, PageSource(shown))
        return self.site

    def page(
        self, path: str, template: str, source: str | None, reviewable, **extra: object
    ) -> None:
        context = {
            **self.shared,
            "here": path,
            "link": lambda collection, entry_id, text=None: self.link(
                path, collection, entry_id, text
            ),
            "relative": lambda target: relative(path, target),
            "filtered": lambda listing, name, value: Markup(
                relative(path, listing) + "?" + urlencode({name: value}, quote_via=quote)
            ),
            **extra,
        }
        text = self.template(template).render(context)
        if source:
            text += self.footer(path, source, reviewable)
            self.site.sources[path] = PageSource(
                source, getattr(reviewable, "owner", None), getattr(reviewable, "reviewed", None)
            )
        self.site.pages[path] = text + self.abbreviations

    def listing(self, first: str, template: str, rows: list, per_page: int = LISTING_ROWS) -> None:
        """A page listing `rows`; past `per_page` of them it goes on at `…/page/2.md` and so on."""
        base = first.removesuffix(".md").removesuffix("/index")
        chunks = [rows[start : start + per_page] for start in range(0, len(rows), per_page)]
        chunks = chunks or [[]]
        paths = (first, *(f"{base}/page/{number}.md" for number in range(2, len(chunks) + 1)))
        for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
            offset = (number - 1) * per_page
            pager = Pager(number, paths, offset + 1, offset + len(chunk), len(rows))
            self.page(path, template, None, None, rows=chunk, pager=pager)

    def template(self, name: str) -> jinja2.Template:
        # Looked up once per render: Jinja checks the file on disk at every lookup otherwise.
        if name not in self.templates:
            self.templates[name] = self.env.get_template(name)
        return self.templates[name]

    def footer(self, here: str, source: str, reviewable) -> str:
        return self.template("_footer.md.j2").render(
            pb=self.playbook,
            source=source,
            owner=getattr(reviewable, "owner", None),
            reviewed=getattr(reviewable, "reviewed", None),
            edit_url=edit_url(self.playbook, source),
        )

    def navigation(self) -> list:
        pb = self.playbook

        def entries(collection: str, key=lambda entry: entry.name) -> list:
            # Material prints the open section's entries on every page of it, so listing a large
            # collection makes each page grow with it and the build grow with its square. Past
            # the limit, the section's listing (which names every entry) stands in for them.
            found = by_name(pb.collection(collection), key)
            if len(found) > NAV_ENTRY_LIMIT:
                return []
            return [{key(entry): entry_path(collection, entry.id)} for entry in found]

        return [
            {"Home": "index.md"},
            {"Mandate": "mandate.md"},
            {"PMO types and offices": ["offices/index.md", *entries("offices")]},
            {
                "Roles": [
                    "roles/index.md",
                    {"The PMO and the project manager": "roles/pmo-and-project-manager.md"},
                    {"Who does what (RACI)": "roles/raci.md"},
                    *entries("roles"),
                ]
            },
            {
                "Services": [
                    "services/index.md",
                    {"What we do not do": "services/what-we-do-not-do.md"},
                    *entries("services"),
                ]
            },
            {"For you": ["for-you/index.md", *entries("audiences")]},
            {
                "Engagement": [
                    "engagement/index.md",
                    {"Calendar": "engagement/calendar.md"},
                    {"Tactics": ["engagement/tactics/index.md", *entries("tactics")]},
                    # Touchpoints have no index of their own: the calendar lists them all.
                    *(
                        [{"Touchpoints": touchpoints}]
                        if (touchpoints := entries("touchpoints"))
                        else []
                    ),
                ]
            },
            {"Challenges": ["challenges/index.md", *entries("challenges", lambda c: c.question)]},
            {"What changed": "what-changed.md"},
            {"Glossary": "glossary.md"},
            *sorted(path for path in pb.pages if path.endswith(".md")),
        ]


#: Above this many entries, a collection's entries are reached from its index page, not the nav.
NAV_ENTRY_LIMIT = 15


RACI_WORDS = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}
RACI_MEANING = {
    "R": "does the work",
    "A": "owns the outcome and signs it off; exactly one per activity",
    "C": "is asked for input before the work is done",
    "I": "is told about the result",
}


def build_day() -> dt.date:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def relative(here: str, target: str) -> str:
    """The link from one page of the tree to another; both are paths relative to its root."""
    return _relative_from_folder(here.rpartition("/")[0], target)


@functools.lru_cache(maxsize=65536)  # pages of one folder link to the same targets
def _relative_from_folder(folder: str, target: str) -> str:
    start = folder.split("/") if folder else []
    parts = target.split("/")
    common = 0
    while common < min(len(start), len(parts) - 1) and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


def edit_url(playbook: Playbook, source: str) -> str | None:
    base = playbook.settings.repository_url
    if not base:
        return None
    return f"{base.rstrip('/')}/{playbook.settings.edit_uri.strip('/')}/{source}"


def current_priorities(playbook: Playbook):
    periods = sorted(playbook.mandate.priorities, key=lambda period: period.starts, reverse=True)
    return periods[0] if periods else None


def _abbreviations(playbook: Playbook) -> str:
    """Definitions Python-Markdown's abbr extension turns into hover titles on every page."""
    lines = [
        f"*[{term.abbreviation}]: {' '.join(term.term.split())}"
        for term in sorted(playbook.glossary.terms, key=lambda t: t.abbreviation or "")
        if term.abbreviation and "]" not in term.abbreviation
    ]
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


def render_site(
    playbook: Playbook,
    templates_dir: Path | None = None,
    build_date: dt.date | None = None,
    history: list[Update] | None = None,
) -> GeneratedSite:
    """The site's pages; `history` (from `digest.history`) feeds the 'What changed' page."""
    with paused_gc():
        return Renderer(playbook, templates_dir, build_date, history).render()
