"""The command line: parse options, call the core, print. Exit 0 ok, 1 bad content, 2 misuse."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from . import __version__
from .pipeline import Checked, load_playbook
from .problems import has_errors, report

FORMATS = click.Choice(["text", "json", "github"])


def _print_problems(checked: Checked, format: str) -> None:
    if format == "text":
        for problem in checked.problems:
            click.echo(problem.as_text(), err=problem.severity == "error")
        errors = sum(p.severity == "error" for p in checked.problems)
        warnings = len(checked.problems) - errors
        if errors or warnings:
            click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    elif checked.problems or format == "json":
        click.echo(report(checked.problems, format))


def _check_or_exit(content: Path, format: str = "text") -> Checked:
    checked = load_playbook(content, Path.cwd())
    _print_problems(checked, format)
    if has_errors(checked.problems):
        sys.exit(1)
    return checked


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook-gen")
def main() -> None:
    """Turn the PMO's YAML content into a MkDocs Material site.

    Run from the playbook repository's root, where mkdocs.yml is.
    """


@main.command()
@click.option("--content", "content_dir", type=click.Path(path_type=Path), default=Path("content"),
              show_default=True, help="The content folder.")
@click.option("--format", "format", type=FORMATS, default="text", show_default=True,
              help="text: PATH:LINE:COL lines; json: a list of objects; github: workflow annotations.")
def validate(content_dir: Path, format: str) -> None:
    """Check all content; exit 1 if anything is wrong."""
    checked = _check_or_exit(content_dir, format)
    if format == "text" and checked.ok and not checked.problems:
        click.echo(f"{content_dir}: the content is valid", err=True)


@main.command()
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("mkdocs.yml"), show_default=True, help="The MkDocs configuration.")
@click.option("--site-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Where to write the site (default: site_dir of mkdocs.yml, i.e. site/).")
@click.option("--strict", is_flag=True, help="Treat MkDocs warnings (e.g. broken links) as errors.")
def build(config_file: Path, site_dir: Path | None, strict: bool) -> None:
    """Validate, generate and build the site; on any error leave the earlier site as it was."""
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from .site import build_site

    if not config_file.is_file():
        raise click.UsageError(f"{config_file} not found; run from the playbook's root or pass -f")
    content_dir = _content_dir_of(config_file)
    _check_or_exit(content_dir)
    _mkdocs_logging()
    try:
        target = build_site(config_file, site_dir, strict)
    except (Abort, ConfigurationError, PluginError) as error:
        click.echo(f"error: the site was not built: {error}", err=True)
        sys.exit(1)
    click.echo(f"Site built in {os.path.relpath(target)}", err=True)


@main.command()
@click.option("--docs-dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Where to write the Markdown tree.")
@click.option("-f", "--config-file", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("mkdocs.yml"), show_default=True, help="The playbook's MkDocs configuration.")
def export(docs_dir: Path, config_file: Path) -> None:
    """Write the generated Markdown tree and an mkdocs.yml beside it, for any engine."""
    from .export import export_site

    content_dir = _content_dir_of(config_file) if config_file.is_file() else Path("content")
    checked = _check_or_exit(content_dir)
    written_config = export_site(checked.playbook, config_file, docs_dir)
    click.echo(f"Markdown written to {docs_dir}; build it with: mkdocs build -f {written_config}",
               err=True)


def _content_dir_of(config_file: Path) -> Path:
    """The content folder named by the playbook plugin's options in mkdocs.yml."""
    from .export import plugin_options

    options = plugin_options(config_file)
    return config_file.parent / options.get("content_dir", "content")


def _mkdocs_logging() -> None:
    """Show MkDocs' warnings and errors as its own command line does."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
