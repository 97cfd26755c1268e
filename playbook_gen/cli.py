"""The command line: parse options, call the core, print. Exit 0 ok, 1 bad content, 2 misuse."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path

import click

from . import __version__
from .content.kinds import KINDS
from .content.pipeline import Checked
from .pipeline import check_playbook
from .problems import REPORTERS, Problem, has_errors, report, write_details

FORMATS = click.Choice(list(REPORTERS))

# Options several commands share.
CONFIG_FILE = click.option(
    "-f",
    "--config-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The playbook's MkDocs configuration.",
)
SITE_DIR = click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The site's folder (default: site_dir of mkdocs.yml, i.e. site/).",
)
CONTENT_DIR = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default=Path("content"),
    show_default=True,
    help="The content folder.",
)


def _print_problems(checked: Checked, format: str) -> None:
    """Text for people on standard error, errors and warnings in one stream, in order; json and
    github for machines on standard output."""
    if format == "text":
        if checked.problems:
            click.echo(report(checked.problems), err=True)
    elif checked.problems or format == "json":
        click.echo(report(checked.problems, format))


def _check_or_exit(content: Path, format: str = "text") -> Checked:
    checked = check_playbook(content, Path.cwd())
    _print_problems(checked, format)
    if has_errors(checked.problems):
        sys.exit(1)
    return checked


class _LastLineOfDefence(click.Group):
    """An unexpected exception is a bug, not the editor's fault: one plain line says what was
    being done and where the details are, and the command exits 1. Nothing was written: the
    site is swapped into place only after a whole build succeeded. With PLAYBOOK_GEN_DEBUG set
    (as the test suite sets it), the exception is raised as it is, so a test cannot pass on it.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:  # noqa: BLE001 - the last line of defence
            if os.environ.get("PLAYBOOK_GEN_DEBUG"):
                raise
            details = write_details(error)
            command = ctx.invoked_subcommand or "playbook-gen"
            click.echo(
                f"internal error: 'playbook-gen {command}' stopped on an unexpected "
                f"{type(error).__name__}; nothing was written. The details are in {details}: "
                "please report them.",
                err=True,
            )
            sys.exit(1)


@click.group(cls=_LastLineOfDefence, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook-gen")
def main() -> None:
    """Turn the PMO's YAML content into a MkDocs Material site.

    Run from the playbook repository's root, where mkdocs.yml is.
    """


@main.command()
@CONTENT_DIR
@click.option(
    "--format",
    "format",
    type=FORMATS,
    default="text",
    show_default=True,
    help="text: PATH:LINE:COL lines; json: a list of objects; github: workflow annotations.",
)
def validate(content_dir: Path, format: str) -> None:
    """Check all content; exit 1 if anything is wrong."""
    checked = _check_or_exit(content_dir, format)
    if format == "text" and checked.ok and not checked.problems:
        click.echo(f"{content_dir}: the content is valid", err=True)


@main.command()
@CONFIG_FILE
@SITE_DIR
@click.option(
    "--strict",
    is_flag=True,
    help="Fail on engine warnings, and on any internal link or anchor that leads nowhere.",
)
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "properdocs", "zensical"]),
    default=None,
    help="The engine that builds the site (default: the playbook plugin's 'engine' option in "
    "mkdocs.yml, else mkdocs).",
)
def build(config_file: Path, site_dir: Path | None, strict: bool, engine: str | None) -> None:
    """Validate, generate and build the site; on any error leave the earlier site as it was."""
    from .engine.build import EngineError
    from .engine.engines import build_with

    config = _config_or_exit(config_file)
    target = _site_folder(config, site_dir)
    checked = _check_or_exit(config.content_dir)
    try:
        built = build_with(engine or config.options["engine"], config, target, strict, checked)
    except EngineError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"Site built in {os.path.relpath(built)}", err=True)


@main.command()
@click.option(
    "--docs-dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Where to write the Markdown tree.",
)
@CONFIG_FILE
def export(docs_dir: Path, config_file: Path) -> None:
    """Write the generated Markdown tree and an mkdocs.yml beside it, for any engine."""
    from .engine.config import default_config
    from .engine.export import ExportError, export_languages
    from .output.site_folder import UnsafeSiteFolder, check_site_folder

    config = _config_or_exit(config_file) if config_file.is_file() else default_config(config_file)
    try:
        check_site_folder(docs_dir, config.file, config.guarded(), "the export folder")
    except UnsafeSiteFolder as error:
        raise click.UsageError(str(error)) from None
    checked = _check_or_exit(config.content_dir)
    try:
        written = export_languages(checked.playbook, config, docs_dir)
    except ExportError as error:
        click.echo(report(error.problems), err=True)
        sys.exit(1)
    commands = "; ".join(f"mkdocs build -f {file}" for file in written)
    click.echo(f"Markdown written to {docs_dir}; build it with: {commands}", err=True)


@main.command()
@CONFIG_FILE
@SITE_DIR
def cms(config_file: Path, site_dir: Path | None) -> None:
    """Write the editing pages (Decap CMS, its forms generated from the model) into admin/."""
    from .authoring.cms import ADMIN, CmsError, admin_files, write_admin
    from .render.i18n import words

    config = _config_or_exit(config_file)
    target = _site_folder(config, site_dir)
    checked = _check_or_exit(config.content_dir)
    settings = checked.playbook.settings
    # A playbook of several languages has a site, and editing pages, per language.
    languages = checked.playbook.languages
    sites = {language: target / language for language in languages} or {config.language: target}
    try:
        written = {
            folder: admin_files(
                settings, config.content_dir, config.root, language, words(language).text
            )
            for language, folder in sites.items()
        }
    except CmsError as error:
        click.echo(report([Problem.at(settings.where("editing"), "cms", str(error))]), err=True)
        sys.exit(1)
    for folder, files in written.items():
        write_admin(folder, files)
        click.echo(f"Editing pages written to {os.path.relpath(folder / ADMIN)}", err=True)


@main.command()
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("schema"),
    show_default=True,
    help="Where to write the schemas.",
)
def schema(out: Path) -> None:
    """Write the JSON Schema of every content file, for editor completion and checking."""
    from .authoring.schema import write_schemas

    written = write_schemas(out)
    click.echo(f"{len(written)} schemas written to {out}", err=True)


@main.command()
@click.argument("kind", type=click.Choice([kind.slug for kind in KINDS.values()]))
@click.argument("entry_id", metavar="ID")
@CONTENT_DIR
@click.option(
    "--language",
    metavar="CODE",
    default=None,
    help="Start a translation of the existing entry ID into this language instead "
    "(ID.CODE.yml beside it, holding its texts to write over).",
)
def new(kind: str, entry_id: str, content_dir: Path, language: str | None) -> None:
    """Write a commented example KIND entry named ID, ready to fill in.

    An id that is malformed or already taken is refused (exit 2).
    """
    import datetime as dt

    from .authoring.scaffold import ScaffoldError, create_entry, create_translation

    if not content_dir.is_dir():
        raise click.UsageError(f"{content_dir} not found; run from the playbook's root")
    try:
        if language:
            path = create_translation(kind, entry_id, language, content_dir)
            click.echo(
                f"Wrote {path.as_posix()}: write its texts in '{language}', then run "
                "'playbook-gen validate'",
                err=True,
            )
            return
        path = create_entry(kind, entry_id, content_dir, dt.date.today())
    except ScaffoldError as error:
        raise click.BadParameter(str(error), param_hint="ID") from None
    click.echo(
        f"Wrote {path.as_posix()}: replace its TODO placeholders, then run 'playbook-gen validate'",
        err=True,
    )


@main.command()
@CONFIG_FILE
@click.option(
    "-a",
    "--dev-addr",
    metavar="HOST:PORT",
    default=None,
    help="Where to serve the preview (default: dev_addr of mkdocs.yml, localhost:8000).",
)
@click.option(
    "--no-livereload",
    "livereload",
    flag_value=False,
    default=True,
    help="Do not reload the page in the browser after a change.",
)
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "properdocs"]),
    default=None,
    help="The engine that serves the preview (default: the playbook plugin's 'engine' option; "
    "Zensical runs no plugin, so it cannot regenerate the pages: MkDocs serves then).",
)
@click.option(
    "--language",
    metavar="CODE",
    default=None,
    help="The language to preview, for a playbook of several (default: mkdocs.yml's "
    "theme.language); e.g. --language fr.",
)
def serve(
    config_file: Path,
    dev_addr: str | None,
    livereload: bool,
    engine: str | None,
    language: str | None,
) -> None:
    """Preview the site; saving content or a template regenerates it and reloads the page.

    Errors do not stop the preview: they are listed here and on every page until fixed.
    A playbook of several languages is previewed one language at a time.
    """
    from .engine.build import EngineError
    from .engine.languages import config_file_for
    from .engine.serve import serve as serve_preview

    config = _config_or_exit(config_file)
    chosen = engine or config.options["engine"]
    try:
        with contextlib.ExitStack() as stack:
            if language:
                config_file = stack.enter_context(config_file_for(config, language))
                # Stopped by a signal (not Ctrl+C), leave no language's configuration behind.
                signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            serve_preview(
                config_file,
                dev_addr,
                livereload,
                "properdocs" if chosen == "properdocs" else "mkdocs",
            )
    except EngineError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    except OSError as error:
        click.echo(f"error: the preview stopped: {error}", err=True)
        sys.exit(1)


@main.command()
@CONTENT_DIR
@click.option(
    "--untranslated",
    is_flag=True,
    help="List what is not yet translated into each of the playbook's other languages instead.",
)
def stale(content_dir: Path, untranslated: bool) -> None:
    """List content past its review date (policy in playbook.yml), grouped by owner."""
    import datetime as dt

    from .content.review import find_overdue, stale_report, untranslated_report

    today = dt.date.today()
    problems, found, months = find_overdue(content_dir, Path.cwd(), today)
    if has_errors(problems):
        click.echo(report([p for p in problems if p.severity == "error"]), err=True)
        click.echo(
            "fix these errors first: 'playbook-gen stale' reads valid content only", err=True
        )
        sys.exit(1)
    if untranslated:
        from .content.catalogue import load_content

        click.echo(untranslated_report(load_content(content_dir, Path.cwd())))
        return
    click.echo(stale_report(found, months, today))


@main.command()
@click.argument("base_ref", metavar="BASE_REF")
@CONTENT_DIR
def diff(base_ref: str, content_dir: Path) -> None:
    """Say in business words what changed in the content since BASE_REF (e.g. origin/main).

    The working tree, new files included, is compared with the git commit BASE_REF names; the
    digest is Markdown, fit to post on a pull request.
    """
    from .history.digest import as_markdown, changes_since, summary
    from .history.gitrepo import GitError

    if not content_dir.is_dir():
        raise click.UsageError(f"{content_dir} not found; run from the playbook's root")
    try:
        changes = changes_since(content_dir, base_ref)
    except GitError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    click.echo(f"## Playbook changes since `{base_ref.replace('`', '')}`\n")
    if changes:
        click.echo(f"{len(changes)} file(s): {summary(changes)}.\n")
    click.echo(as_markdown(changes).rstrip("\n"))


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--requirement",
    metavar="SPEC",
    default=None,
    help="How the new repository's CI installs this tool (requirements.txt's line); "
    "default: pmo-playbook==<this version>.",
)
@click.option(
    "--git-host",
    type=click.Choice(["github", "gitlab", "gitea"]),
    default="github",
    show_default=True,
    help="Where the repository will live, for editing in the browser.",
)
@click.option(
    "--repo",
    metavar="OWNER/NAME",
    default=None,
    help="The repository on that host; with it, "
    "the playbook is set up for editing in the browser at /admin/.",
)
@click.option(
    "--host-url", metavar="URL", default=None, help="A self-hosted GitLab's or Gitea's address."
)
@click.option(
    "--app-id", metavar="ID", default=None, help="The OAuth application id (GitLab, Gitea)."
)
def init(
    directory: Path,
    requirement: str | None,
    git_host: str,
    repo: str | None,
    host_url: str | None,
    app_id: str | None,
) -> None:
    """Create a new playbook repository in DIRECTORY (absent or empty).

    It gets the starter content, mkdocs.yml, JSON Schemas, a README and CI workflows for GitHub
    and GitLab; replace the starter content with your own. With --repo, the site gets editing
    pages at /admin/ (Decap CMS) for that repository; without, playbook.yml shows how to add them.
    """
    from .authoring.newrepo import (
        EditingSetup,
        InitError,
        create_repository,
        default_requirement,
    )

    try:
        editing = EditingSetup.checked(git_host, repo, host_url, app_id) if repo else None
        written = create_repository(directory, requirement or default_requirement(), editing)
    except InitError as error:
        raise click.UsageError(str(error)) from None
    click.echo(
        f"Created a playbook in {directory} ({len(written)} files). Next:\n"
        f"  cd {directory}\n  playbook-gen validate\n  playbook-gen build --strict",
        err=True,
    )


def _site_folder(config, site_dir: Path | None) -> Path:
    """The site folder a command writes: --site-dir or mkdocs.yml's, refused (exit 2) when
    writing there would destroy the playbook."""
    from .output.site_folder import UnsafeSiteFolder, check_site_folder

    target = site_dir or config.site_dir
    try:
        check_site_folder(target, config.file, config.guarded())
    except UnsafeSiteFolder as error:
        raise click.UsageError(str(error)) from None
    return target


def _config_or_exit(config_file: Path):
    """mkdocs.yml, read and checked; its problems reported (exit 1) when it cannot be used."""
    from .engine.config import ConfigError, read_config

    if not config_file.is_file():
        raise click.UsageError(f"{config_file} not found; run from the playbook's root or pass -f")
    try:
        config = read_config(config_file, os.path.relpath(config_file))
    except ConfigError as error:
        click.echo(report(error.problems), err=True)
        sys.exit(1)
    for warning in config.warnings:
        click.echo(warning.as_text(), err=True)
    return config
