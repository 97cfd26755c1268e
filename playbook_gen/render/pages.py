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
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup

from ..authoring import cms
from . import calendar, i18n
from .i18n import N_

from . import diagrams
from ..history.digest import CHANGES_SHOWN, Update, as_markdown
from . import method, routes, sitemap
from .listings import Pager, by_name, first_related, more_of
from ..content.kinds import KINDS, Column, Kind
from ..content.model import RaciActivity
from ..content.walker import choices, fields_by_name, shape_of
from ..content.catalogue import shown_path
from ..content.model import Playbook
from ..problems import Location, Problem
from ..content.pipeline import paused_gc
from ..content.relations import Relations, relate
from ..text import (
    anchor,
    code,
    front_matter_title,
    inline_markdown,
    markdown,
    plain,
    url,
)

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"

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
    #: abbreviations, which every door's Markdown explains on hover.
    edit_base: str | None = None
    abbreviations: dict[str, str] = field(default_factory=dict)
    #: The pages of collection entries (not their index pages).
    entry_pages: set[str] = field(default_factory=set)
    #: Hand-written pages shown in a translation: page -> its translation (both relative to
    #: pages/), and every translation file of pages/, which is never a page of its own.
    translated_pages: dict[str, str] = field(default_factory=dict)
    translation_files: set[str] = field(default_factory=set)


def entry_path(collection: str, entry_id: str) -> str:
    return KINDS[collection].entry_page(entry_id)


def make_environment(templates_dir: Path | None, language: str | None = None) -> jinja2.Environment:
    search = [str(templates_dir)] if templates_dir and templates_dir.is_dir() else []
    overrides = tuple(sorted(os.listdir(templates_dir))) if search else ()
    return _environment(tuple(search), overrides, language)


@functools.lru_cache(maxsize=8)
def _environment(
    search: tuple[str, ...], overrides: tuple[str, ...], language: str | None
) -> jinja2.Environment:
    # One environment per template folder, set of overrides and language for the whole process
    # (a new override must not be hidden by the shipped template cached before it). The loader
    # notices edited templates by their modification time; compiled ones are kept, as they are
    # between processes by the bytecode cache.
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
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
    # The generator's own words, from the language's catalogue: `_("...")`, `ngettext(...)`.
    words = i18n.words(language)
    env.install_gettext_callables(words.gettext, words.ngettext, newstyle=False)
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
        language: str | None = None,
    ) -> None:
        self.playbook = playbook = playbook.in_language(language)
        self.language = language
        self.history = history
        self.relations: Relations = relate(playbook)
        self.routes = plan_routes(playbook)
        self.env = make_environment(templates_dir, language)
        self.words = i18n.words(language)
        self.templates: dict[str, jinja2.Template] = {}
        self.filled_columns: dict[str, tuple[Column, ...]] = {}
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
            "next_date": lambda t: _next_date(
                calendar.next_occurrence(t, self.build_date), self.words
            ),
            # A date in the language's way: 'lundi 15 décembre 2026' (ISO in English).
            "date": self.words.date,
            "in_sentence": self.words.in_sentence,
            "how_often": lambda touchpoint: how_often(touchpoint, self.words.gettext),
            # An allowed value (a cadence, a vehicle...) in words: 'community of practice'.
            "word": lambda value: value_word(value, self.words),
            "reach": ways_to_reach,
            **method.template_helpers(pb, self.relations, self.words),
            "entries": lambda folder, ids: [pb.collection(folder)[i] for i in ids],
            # Ids of a kind's entries in reading order, by what readers call them.
            "by_title": lambda folder, ids: sorted(
                ids, key=lambda i: KINDS[folder].title_of(pb.collection(folder)[i]).casefold()
            ),
            "all_calendar": sitemap.CALENDAR_FILE,
            "audience_calendar": sitemap.audience_calendar,
            "hierarchy_file": sitemap.HIERARCHY_FILE,
            "hierarchy_alt": self.words.gettext(
                N_(
                    "Diagram of the PMOs of %(organisation)s; the same hierarchy is written out below."
                ),
                organisation=pb.settings.organisation,
            ),
            "network_file": sitemap.NETWORK_FILE,
            "network_alt": self.words.gettext(
                N_(
                    "Network map: the %(pmo)s in the middle, its audiences around it grouped by "
                    "%(connections)s connection; the same groups are listed below."
                ),
                pmo=pb.settings.pmo_name,
                connections=_in_words(
                    [
                        value_word(v, self.words)
                        for v in choices(KINDS["audiences"].cls, "connection")
                    ],
                    self.words,
                ),
            ),
            "allowed": lambda folder, name: choices(KINDS[folder].cls, name),
            "office_tree": self.office_tree(),
            "indent": lambda depth: Markup("    " * depth),  # nests Markdown lists
            "shown": first_related,
            "more": lambda items, what, target: more_of(items, what, target, self.words),
            "page_suffix": lambda pager: pager.suffix_in(self.words),
            "kinds": KINDS,
            # Kinds with a listing in this site (an optional kind without entries has none).
            "listed": {
                folder for folder, kind in KINDS.items() if kind.shown(pb.collection(folder))
            },
            "listing_columns": self.columns_of,
            "listing_filters": self.listing_filters,
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
            children = self.relations.referrers("offices", office_id, "offices")
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

    def listing_filters(self, kind: Kind) -> list[tuple[str, str, int, list[str]]]:
        """(label, name in the address, column counted from 1, choices) of a listing's filters:
        a field's allowed values from the model in words, as its cells say them, or the names of
        the entries it names."""
        found = []
        for number, column in enumerate(self.columns_of(kind), start=1):
            if not column.filter:
                continue
            ref = _ref_of(kind.cls, column.field)
            if ref:
                named = self.relations.named_by(kind.folder, ref)
                target = KINDS[ref]
                values = sorted(target.title_of(self.playbook.collection(ref)[i]) for i in named)
            else:
                values = [str(value_word(v, self.words)) for v in choices(kind.cls, column.field)]
            found.append((self.words.gettext(column.heading), column.filter, number, values))
        return found

    def table(self, here: str, kind: Kind, rows: list) -> Markup:
        """A kind's listing table: its declared columns, a row per entry (built here rather
        than in the template: a listing has thousands of cells)."""
        columns = self.columns_of(kind)
        lines = [
            "| " + " | ".join(self.words.gettext(column.heading) for column in columns) + " |",
            "|" + " --- |" * len(columns),
            *(
                "| " + " | ".join(self.cell(here, kind, entry, column) for column in columns) + " |"
                for entry in rows
            ),
        ]
        return Markup("\n".join(lines))

    def columns_of(self, kind: Kind) -> tuple[Column, ...]:
        """The listing's columns that some entry fills: an empty column says nothing."""
        if kind.folder not in self.filled_columns:
            entries = self.playbook.collection(kind.folder).values()
            self.filled_columns[kind.folder] = tuple(
                column
                for column in listing_columns(kind)
                if column.field == kind.title_field
                or any(getattr(entry, column.field) not in (None, "", []) for entry in entries)
            )
        return self.filled_columns[kind.folder]

    def cell(self, here: str, kind: Kind, entry: object, column: Column) -> Markup:
        """One cell of a listing: a link to the entry, links to the entries a field names, an
        allowed value in words (as its filter offers it), or the field's text."""
        if column.field == kind.title_field:
            return self.link(here, kind.folder, entry.id)
        value = getattr(entry, column.field)
        ref = _ref_of(kind.cls, column.field)
        items = value if isinstance(value, list) else [] if value is None else [value]
        # Every piece is Markup already: joined as text, wrapped once.
        if ref:
            return Markup(", ".join([self.link(here, ref, item) for item in items]))
        if _has_choices(kind.cls, column.field):
            return Markup(", ".join([plain(value_word(item, self.words)) for item in items]))
        text = inline_markdown if _is_markdown(kind.cls, column.field) else plain
        return Markup(", ".join([text(item) for item in items]))

    def _has_unlisted_links(self, kind: Kind, entry: object) -> bool:
        """Whether entries of a kind the entry's template does not list name this entry."""
        found = self.relations.referring_kinds(kind.folder, entry.id)
        return any(other not in kind.lists_related for other in found)

    def link(self, here: str, collection: str, entry_id: str, text: str | None = None) -> Markup:
        kind = KINDS[collection]
        label = text or kind.title_of(self.playbook.collections[collection][entry_id])
        return Markup(f"[{plain(label)}]({relative(here, kind.entry_page(entry_id))})")

    # -- the pages ------------------------------------------------------------------------------

    def render(self) -> GeneratedSite:
        pb = self.playbook
        for fixed in sitemap.FIXED_PAGES:
            source = pb.files[fixed.source] if fixed.source else None
            reviewed = pb.files[fixed.reviewed or fixed.source] if fixed.source else None
            self.page(fixed.path, fixed.template, source, reviewed, history=self.history)
        for folder, kind in KINDS.items():
            if not kind.shown(pb.collection(folder)):
                continue
            rows = by_name(pb.collection(folder), kind.sort_key)
            apart = [entry for entry in rows if kind.apart and kind.apart(entry)]
            if apart:
                apart_ids = {entry.id for entry in apart}
                rows = [entry for entry in rows if entry.id not in apart_ids]
            self.listing(kind, rows, apart)
            for entry in pb.collection(folder).values():
                path = kind.entry_page(entry.id)
                self.page(path, kind.template, entry, entry, entry=entry, kind=kind)
                self.site.entry_pages.add(path)

        def word(value: str) -> str:  # an allowed value in words, as plain text
            return str(value_word(value, self.words))

        for path, data in {
            **diagrams.render_all(pb, self.relations, self.words, word),
            **calendar.render_all(pb, word),
        }.items():
            self.routes.expect(path)
            self.site.files[path] = data
        self.site.nav = self.navigation()
        self.site.edit_base = edit_url(pb, "")
        self.site.abbreviations = self.abbreviations
        translations = pb.translations.pages if pb.translations else {}
        self.site.translated_pages = {
            page: relative
            for page, (relative, _shown) in translations.get(self.language, {}).items()
        }
        self.site.translation_files = {
            relative for pages in translations.values() for relative, _shown in pages.values()
        }
        for path, shown in pb.pages.items():
            if path in self.site.translated_pages:
                shown = translations[self.language][path][1]
            self.site.sources.setdefault(path, PageSource(shown))
        return self.site

    def page(self, path: str, template: str, source, reviewable, **extra: object) -> None:
        """Render one page; `source` is the record whose file the footer links to."""
        self.routes.expect(path)
        context = {
            **self.shared,
            "here": path,
            "link": lambda collection, entry_id, text=None: self.link(
                path, collection, entry_id, text
            ),
            "relative": lambda target: relative(path, target),
            "cell": lambda entry, column: self.cell(path, extra["kind"], entry, column),
            "table": lambda rows: self.table(path, extra["kind"], rows),
            "filtered": lambda listing, name, value: Markup(
                relative(path, listing) + "?" + urlencode({name: value}, quote_via=quote)
            ),
            **extra,
        }
        text = self.template(template).render(context)
        if extra.get("entry") is not None:
            # Past the navigation's limit an entry's title would come from its heading, which
            # engines print unescaped: the title is given in front matter instead, where the
            # output pass makes it safe (output/safety.py, output/tree.py, the plugin).
            title = front_matter_title(extra["kind"].title_of(extra["entry"]))
            text = title + text
            if self._has_unlisted_links(extra["kind"], extra["entry"]):
                text += self.template("_related.md.j2").render(context)
        if source is not None:
            shown = source.source.path
            text += self.footer(path, shown, reviewable)
            self.site.sources[path] = PageSource(
                shown, getattr(reviewable, "owner", None), getattr(reviewable, "reviewed", None)
            )
        self.site.pages[path] = text

    def listing(self, kind: Kind, rows: list, apart: list) -> None:
        """A kind's listing of `rows`; past `per_page` of them it goes on at `…/page/2.md`.
        The entries shown `apart` are given to its first page."""
        first = kind.index
        per_page = kind.per_page or max(len(rows), 1)
        base = first.removesuffix(".md").removesuffix("/index")
        chunks = [rows[start : start + per_page] for start in range(0, len(rows), per_page)]
        chunks = chunks or [[]]
        paths = (first, *(f"{base}/page/{number}.md" for number in range(2, len(chunks) + 1)))
        for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
            offset = (number - 1) * per_page
            pager = Pager(number, paths, offset + 1, offset + len(chunk), len(rows))
            shown_apart = apart if number == 1 else []
            self.page(
                path,
                kind.listing,
                None,
                None,
                rows=chunk,
                apart=shown_apart,
                pager=pager,
                kind=kind,
            )

    def template(self, name: str) -> jinja2.Template:
        # Looked up once per render: Jinja checks the file on disk at every lookup otherwise.
        if name not in self.templates:
            try:
                self.templates[name] = self.env.get_template(name)
            except UnicodeDecodeError:
                raise jinja2.TemplateSyntaxError(
                    "the template is not UTF-8 text; save it as UTF-8",
                    1,
                    name,
                    _file_of(self.env, name),
                ) from None
        return self.templates[name]

    def footer(self, here: str, source: str, reviewable) -> str:
        return self.template("_footer.md.j2").render(
            pb=self.playbook,
            source=source,
            owner=getattr(reviewable, "owner", None),
            reviewed=getattr(reviewable, "reviewed", None),
            edit_url=edit_url(self.playbook, source),
            date=self.words.date,
        )

    def navigation(self) -> list:
        """The navigation of `sitemap.NAVIGATION`, its titles made safe to print as HTML."""
        pb = self.playbook

        def _(title: str) -> str:  # plain text: the navigation is written into mkdocs.yml too
            return str(self.words.gettext(title))

        fixed = {page.path: _(page.title) for page in sitemap.FIXED_PAGES}
        placed = {item.kind for item in _flatten(sitemap.NAVIGATION) if hasattr(item, "kind")}

        def entries(kind: Kind) -> list:
            # Material prints the open section's entries on every page of it, so listing a large
            # collection makes each page grow with it and the build grow with its square. Past
            # the limit, the section's listing (which names every entry) stands in for them.
            found = by_name(pb.collection(kind.folder), kind.sort_key)
            if len(found) > NAV_ENTRY_LIMIT:
                return []
            return [{kind.title_of(entry): kind.entry_page(entry.id)} for entry in found]

        def items(declared: list) -> list:
            made: list = []
            for item in declared:
                if isinstance(item, sitemap.Entries):
                    made += entries(KINDS[item.kind])
                elif isinstance(item, sitemap.Listing):
                    if not KINDS[item.kind].shown(pb.collection(item.kind)):
                        continue
                    path = KINDS[item.kind].index
                    title = _(item.title) if item.title else None
                    made.append({title: path} if title else path)
                elif item == sitemap.OTHER_KINDS:
                    for folder, kind in KINDS.items():
                        if folder not in placed and kind.shown(pb.collection(folder)):
                            made.append({_(kind.title): [kind.index, *entries(kind)]})
                elif item == sitemap.HANDWRITTEN:
                    made += sorted(path for path in pb.pages if path.endswith(".md"))
                elif isinstance(item, tuple):
                    title, inner = item
                    if section := items(inner):
                        made.append({_(title): section})
                else:
                    made.append({fixed[item]: item})
            return made

        return items(sitemap.NAVIGATION)


def _flatten(items: list):
    for item in items:
        if isinstance(item, tuple):
            yield from _flatten(item[1])
        else:
            yield item


#: Above this many entries, a collection's entries are reached from its index page, not the nav.
NAV_ENTRY_LIMIT = 15


RACI_WORDS = dict(
    zip(
        choices(RaciActivity, "assignments"),
        (N_("responsible"), N_("accountable"), N_("consulted"), N_("informed")),
        strict=True,
    )
)
RACI_MEANING = dict(
    zip(
        choices(RaciActivity, "assignments"),
        (
            N_("does the work"),
            N_("owns the outcome and signs it off; exactly one per activity"),
            N_("is asked for input before the work is done"),
            N_("is told about the result"),
        ),
        strict=True,
    )
)


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


def _abbreviations(playbook: Playbook) -> dict[str, str]:
    """Abbreviation -> the term, explained on hover on every page (see output/safe_markdown)."""
    return {term.abbreviation: term.term for term in playbook.glossary.terms if term.abbreviation}


def render_site(
    playbook: Playbook,
    templates_dir: Path | None = None,
    build_date: dt.date | None = None,
    history: list[Update] | None = None,
    language: str | None = None,
) -> GeneratedSite:
    """The site's pages; `history` (from `digest.history`) feeds the 'What changed' page, and
    `language` (theme.language) chooses the catalogue of the generator's own words."""
    with paused_gc():
        return Renderer(playbook, templates_dir, build_date, history, language).render()


def plan_routes(playbook: Playbook) -> routes.RouteTable:
    """The route table of a checked playbook (which has no collisions left)."""
    ids = {
        folder: {entry.id: entry.path for entry in playbook.collection(folder).values()}
        for folder in KINDS
    }
    return routes.plan(ids, playbook.pages)


def missing_templates(env: jinja2.Environment) -> list[Problem]:
    """A registered kind whose entry page or listing has no template: an error, never a gap."""
    problems = []
    for folder, kind in KINDS.items():
        for name, what in ((kind.template, "entry pages"), (kind.listing, "listing")):
            try:
                env.get_template(name)
            except UnicodeDecodeError:
                problems.append(
                    Problem.at(
                        Location(_file_of(env, name)),
                        "template",
                        "the template is not UTF-8 text; save it as UTF-8",
                    )
                )
            except jinja2.TemplateNotFound:
                problems.append(
                    Problem.at(
                        Location(f"templates/{name}"),
                        "missing-template",
                        f"the content kind '{folder}' needs the template {name} for its {what}; "
                        "add it to templates/",
                    )
                )
    return problems


def render_checked(
    playbook: Playbook,
    templates_dir: Path,
    root: Path,
    history: list[Update] | None = None,
    content_dir: Path | None = None,
    language: str | None = None,
) -> tuple[GeneratedSite | None, list[Problem]]:
    """Render the pages; a missing or broken template becomes a problem located in it.

    With editing in the browser on (playbook.yml's `editing`), the site gets its admin/ pages,
    whose forms edit `content_dir` (relative to `root`, the repository's top).
    """
    try:
        missing = missing_templates(make_environment(templates_dir, language))
        if missing:
            return None, missing
        generated = render_site(playbook, templates_dir, history=history, language=language)
    except jinja2.TemplateError as error:
        return None, [_template_problem(error, root)]
    except TEMPLATE_FAILURES as error:
        # Raised while a template ran (a division by zero, a wrong type, including itself):
        # the template's frame says where. Anywhere else it is our own bug, not the editor's.
        if not _template_frames(error):
            raise
        return None, [_template_problem(error, root)]
    editing = playbook.settings.editing
    if editing and editing.in_site:
        try:
            generated.files.update(
                cms.admin_files(
                    playbook.settings,
                    content_dir or root / "content",
                    root,
                    language,
                    i18n.words(language).text,
                )
            )
        except cms.CmsError as error:
            return None, [Problem.at(playbook.settings.where("editing"), "cms", str(error))]
    return generated, []


#: What a template's own code can raise while it runs.
TEMPLATE_FAILURES = (
    ArithmeticError,
    AttributeError,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    RecursionError,
)


def _template_frames(error: BaseException) -> list[traceback.FrameSummary]:
    return [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.endswith(".j2")
    ]


def _template_problem(error: Exception, root: Path) -> Problem:
    filename = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if filename is None:  # a runtime error: Jinja2 puts the template's frame in the traceback
        frames = _template_frames(error)
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    path = shown_path(Path(filename), root) if filename else "templates"
    if isinstance(error, RecursionError):
        message = "it includes or extends itself, without end"
    else:
        message = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
    return Problem(path, line or 1, 1, "error", "template", f"the template failed: {message}")


def ways_to_reach(contact: object) -> Markup:
    """Every way a contact gives to reach them, on one line; e-mail and web pages as links."""
    ways = []
    email, web = getattr(contact, "email", None), getattr(contact, "web", None)
    if email:
        ways.append(f"[{plain(email)}]({url('mailto:' + email)})")
    if web:
        ways.append(f"[{plain(web)}]({url(web)})")
    for other in ("phone", "chat", "location"):
        if getattr(contact, other, None):
            ways.append(plain(getattr(contact, other)))
    return Markup(", ".join(ways))


#: How the cadences without dates read in a sentence.
#: The allowed values of choices that pages print, in words, marked for the catalogues: cadences,
#: vehicles, connections, efforts, office types, service kinds, document types.
VALUE_WORDS = {
    "daily": N_("daily"),
    "weekly": N_("weekly"),
    "fortnightly": N_("fortnightly"),
    "monthly": N_("monthly"),
    "quarterly": N_("quarterly"),
    "half-yearly": N_("half-yearly"),
    "yearly": N_("yearly"),
    "event-driven": N_("when something calls for it"),
    "on-request": N_("on request"),
    "meeting": N_("meeting"),
    "forum": N_("forum"),
    "workshop": N_("workshop"),
    "newsletter": N_("newsletter"),
    "e-mail": N_("e-mail"),
    "report": N_("report"),
    "dashboard": N_("dashboard"),
    "community-of-practice": N_("community of practice"),
    "training": N_("training"),
    "one-to-one": N_("one-to-one"),
    "intranet": N_("intranet"),
    "event": N_("event"),
    "operational": N_("operational"),
    "personal": N_("personal"),
    "strategic": N_("strategic"),
    "low": N_("low"),
    "medium": N_("medium"),
    "high": N_("high"),
    "enterprise": N_("enterprise"),
    "departmental": N_("departmental"),
    "project": N_("project"),
    "mandatory": N_("mandatory"),
    "self-service": N_("self-service"),
    "template": N_("template"),
    "standard": N_("standard"),
    "guide": N_("guide"),
    "checklist": N_("checklist"),
    "form": N_("form"),
    "example": N_("example"),
}


def value_word(value: str, words: i18n.Words) -> Markup:
    """An allowed value (a cadence, a vehicle...) in words: 'community of practice'."""
    return words.gettext(VALUE_WORDS.get(value, value))


def how_often(touchpoint: object, gettext: Callable[[str], str]) -> str:
    """A touchpoint's cadence in words, with what changes it: 'quarterly (monthly while
    off target)'."""
    words = str(gettext(VALUE_WORDS[touchpoint.cadence]))
    return f"{words} ({touchpoint.cadence_note})" if touchpoint.cadence_note else words


def _next_date(day: dt.date | None, words: i18n.Words) -> str:
    # Said when the content gives no start or no fixed cadence: no date is made up.
    return words.date(day, weekday=True) if day else str(words.gettext(N_("no fixed date")))


def listing_columns(kind: Kind) -> tuple[Column, ...]:
    """The columns a kind's listing shows: as declared, else its name and summary."""
    if kind.columns:
        return kind.columns
    declared = fields_by_name(kind.cls)
    return (
        Column(kind.singular.capitalize(), kind.title_field),
        *((Column("In short", "summary"),) if "summary" in declared else ()),
    )


@functools.cache
def _is_markdown(cls: type, name: str) -> bool:
    shape = shape_of(fields_by_name(cls)[name][1])
    return (shape.item if shape.kind == "list" else shape).markdown


@functools.cache
def _has_choices(cls: type, name: str) -> bool:
    return bool(choices(cls, name))


@functools.cache
def _ref_of(cls: type, name: str) -> str | None:
    """The collection a field names entries of (itself or as a list), if it does."""
    shape = shape_of(fields_by_name(cls)[name][1])
    return shape.ref or (shape.item.ref if shape.kind == "list" else None)


def _in_words(values: list[Markup], words: i18n.Words) -> Markup:
    """'a, b and c', in the language of `words`."""
    if len(values) < 2:
        return Markup("").join(values)
    return words.gettext(
        N_("%(items)s and %(last)s"), items=Markup(", ").join(values[:-1]), last=values[-1]
    )


def _file_of(env: jinja2.Environment, name: str) -> str:
    """The file a template name is read from: the playbook's override, or the package's own."""
    for folder in env.loader.searchpath:
        if (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    return name
