"""The MkDocs adapter: `plugins: [playbook]` turns content/ into pages during `mkdocs build`/`serve`.

Only event hooks live here; loading, checking and rendering are the core's (pipeline, render).
"""

from __future__ import annotations

import logging
import os

import click
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from ..render.assets import ASSET_FILES, CSS, JAVASCRIPT
from ..output.compact import compact_html
from ..history.digest import content_history
from .incremental import ChangeTracker, GeneratedFile, handwritten_title, remove_outputs, title_of
from ..output.site_folder import UnsafeSiteFolder, check_site_folder
from ..pipeline import check_playbook
from . import handoff
from .config import ENGINE_NAMES
from ..render.pages import render_checked
from .serve import error_page, error_site
from ..problems import Problem, report, sort_problems, write_details
from ..render.pages import GeneratedSite
from ..output.safe_markdown import required_extensions
from ..output.safety import safe_nav, safe_title
from .searchindex import lead_of

log = logging.getLogger("mkdocs.plugins.playbook")

#: Template partials that override Material's.
THEME_DIR = Path(__file__).parent / "theme"


class PlaybookConfig(Config):
    content_dir = config_options.Type(str, default="content")
    templates_dir = config_options.Type(str, default="templates")
    #: With more entries than this, search indexes entry pages by title and lead only.
    search_full_text_limit = config_options.Type(int, default=300)
    #: Drop the indentation of the theme's HTML (a quarter of each page's weight).
    compact_html = config_options.Type(bool, default=True)
    #: The engine `playbook-gen build` runs (this plugin runs in MkDocs and ProperDocs).
    engine = config_options.Choice(ENGINE_NAMES, default="mkdocs")


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.generated: GeneratedSite | None = None
        self.root = Path.cwd()
        # While serving, errors are shown on the pages instead of stopping the server; the
        # plugin object lives across rebuilds (it has on_startup), so it keeps the last good site.
        self.serving = False
        self.last_good: GeneratedSite | None = None
        self.errors: list[Problem] = []
        # In a dirty build (the preview) only pages whose generated text changed are rendered.
        self.dirty = False
        self.tracker = ChangeTracker()
        self.to_render: set[str] | None = None
        self.lead_only: set[str] = set()
        self.full_content: str | None = None
        self.language: str | None = None  # theme.language: the words of the error page too

    def on_startup(self, *, command, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config):
        """Check and render the playbook. An unexpected error is one plain line naming the file
        with its details (as on the command line), and MkDocs stops before writing anything."""
        try:
            return self._configure(config)
        except (PluginError, click.ClickException):
            raise
        except Exception as error:
            if os.environ.get("PLAYBOOK_GEN_DEBUG"):
                raise
            details = write_details(error)
            raise PluginError(
                "internal error: the playbook plugin stopped on an unexpected "
                f"{type(error).__name__}; nothing was written. The details are in {details}: "
                "please report them."
            ) from None

    def _configure(self, config):
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        self.root = config_file.parent
        content_dir = self.root / self.config.content_dir
        guarded = {
            "the content folder": content_dir,
            "the templates folder": self.root / self.config.templates_dir,
            "the folder of hand-written pages (docs_dir)": Path(config.docs_dir),
        }
        try:
            # Before MkDocs empties the site folder: `mkdocs build` must not destroy the playbook.
            check_site_folder(Path(config.site_dir), config_file, guarded)
        except UnsafeSiteFolder as error:
            raise click.UsageError(str(error)) from None  # MkDocs' command line exits 2
        checked = handoff.take(content_dir) or check_playbook(content_dir, self.root)
        self.language = config.theme["language"] if "language" in config.theme else None
        errors = [p for p in checked.problems if p.severity == "error"]
        if checked.ok:
            templates = self.root / self.config.templates_dir
            history = content_history(self.root / self.config.content_dir)
            language = self.language
            self.generated, errors = render_checked(
                checked.playbook, templates, self.root, history, content_dir, language
            )
        problems = sort_problems(checked.problems + errors)
        if errors and not self.serving:
            raise PluginError("the playbook content has errors:\n" + report(problems))
        # Warnings are logged as information: MkDocs' --strict would fail a build on them.
        for problem in problems:
            (log.error if problem.severity == "error" else log.info)(problem.as_text())
        if errors:
            log.error("the preview shows these errors on every page until they are fixed")
            self.generated = error_site(self.last_good)
        elif self.errors:
            log.info("the errors are fixed; the preview shows the site again")
        self.errors = errors
        if not errors:
            self.last_good = self.generated
        if self.dirty:
            config_file = Path(config.config_file_path or "mkdocs.yml")
            self.to_render = self.tracker.compare(self.generated, config_file, bool(errors))
            if self.to_render is not None:
                total = len(self.generated.pages) + len(self.generated.files)
                log.info(
                    f"playbook: {len(self.to_render)} of {total} generated pages and files "
                    "changed; only those are rendered again"
                )
        entries = self.generated.entry_pages
        self.lead_only = entries if len(entries) > self.config.search_full_text_limit else set()
        if not config.nav:
            config.nav = safe_nav(self.generated.nav)
        for extension, options in required_extensions(self.generated.abbreviations).items():
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
            if options:
                config.mdx_configs[extension] = options
        _add_theme_overrides(config)
        config.extra_css = [CSS, *config.extra_css]
        config.extra_javascript = [JAVASCRIPT, *config.extra_javascript]
        return config

    def on_files(self, files: Files, config) -> Files:
        assert self.generated is not None
        if self.dirty and self.to_render is None:
            # Everything is rendered again: hand-written pages too, though their files did not change.
            for file in list(files.documentation_pages()):
                _replace(files, self._file(config, file.src_uri, abs_src_path=file.abs_src_path))
        # A hand-written page's translations are not pages: the language's site shows its own
        # in the page's place.
        for relative in self.generated.translation_files:
            found = files.get_file_from_path(relative)
            if found is not None:
                files.remove(found)
        for page, relative in self.generated.translated_pages.items():
            source = os.path.join(config.docs_dir, relative)
            _replace(files, self._file(config, page, abs_src_path=source))
        for path, text in self.generated.pages.items():
            _replace(files, self._file(config, path, content=text))
        for path, data in self.generated.files.items():
            _replace(files, self._file(config, path, content=data))
        for path, data in ASSET_FILES.items():
            _replace(files, File.generated(config, path, content=data))
        return files

    def _file(self, config, path: str, **source) -> GeneratedFile:
        file = GeneratedFile.generated(config, path, **source)
        file.changed = self.to_render is None or path in self.to_render
        return file

    def on_nav(self, nav, config, files):
        # Pages that are not rendered again are not read either, so MkDocs does not know the
        # titles the navigation did not give, and on_page_content does not make them safe; the
        # navigation printed on the pages that are rendered needs both.
        if self.dirty and self.to_render is not None:
            for page in nav.pages:
                if page.file.is_modified():
                    continue
                title = page.title
                if title is None:
                    text = self.generated.pages.get(page.file.src_uri)
                    title = title_of(text) if text is not None else handwritten_title(page.file)
                if title:
                    page.title = safe_title(title)
        return nav

    def on_post_build(self, config) -> None:
        if self.dirty and self.tracker.removed:
            remove_outputs(
                [File.generated(config, path, content="") for path in self.tracker.removed]
            )

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        assert self.generated is not None
        if self.errors:
            return error_page(self.errors, self.language)
        source = self.generated.sources.get(page.file.src_uri)
        if source and self.generated.edit_base:
            page.edit_url = self.generated.edit_base + source.path
        return markdown

    @event_priority(-100)  # last, after every other plugin changed the HTML
    def on_page_content(self, html: str, page, config, files) -> str:
        # The page's HTML was sanitised by the Markdown pass every engine runs
        # (output/safe_markdown.py). Every page's content is rendered before any page's
        # template, so each title is made safe here before the navigation prints it anywhere.
        if page.title:
            page.title = safe_title(page.title)
        if "title" in page.meta:
            page.meta["title"] = safe_title(str(page.meta["title"]))
        return html

    @event_priority(100)  # before Material's search plugin reads the page
    def _index_lead_only(self, context, page, config, nav):
        if page.file.src_uri in self.lead_only and page.content:
            self.full_content, page.content = page.content, lead_of(page.content)
        return context

    @event_priority(-100)  # after it, before the page's template is rendered
    def _restore_content(self, context, page, config, nav):
        if self.full_content is not None:
            page.content, self.full_content = self.full_content, None
        return context

    on_page_context = CombinedEvent(_index_lead_only, _restore_content)

    @event_priority(-100)  # after other plugins, which may look for the theme's markup
    def on_post_page(self, output: str, page, config) -> str:
        return compact_html(output) if self.config.compact_html else output

    def on_serve(self, server, config, builder):
        for folder in (self.config.content_dir, self.config.templates_dir):
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _add_theme_overrides(config) -> None:
    """Put the playbook's few partials just before Material's own, so a site's custom_dir still wins."""
    dirs = config.theme.dirs
    if str(THEME_DIR) in dirs:
        return
    material = next(
        (i for i, d in enumerate(dirs) if Path(d).name == "templates" and "material" in d), 0
    )
    dirs.insert(material, str(THEME_DIR))
