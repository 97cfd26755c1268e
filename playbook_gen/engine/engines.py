"""The engines that build the site: MkDocs, ProperDocs and Zensical, chosen by one setting.

MkDocs runs in process with the playbook plugin. ProperDocs, a maintained fork of MkDocs 1.x,
runs the same plugin, as its own command. Zensical runs no third-party plugin, so it builds the
exported tree (the same pages, through the same safety pass, which is a Markdown extension every
engine loads). Each builds into a fresh folder that replaces the site only when all went well.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from ..content.pipeline import Checked
from .build import EngineError, run_mkdocs, staged
from .config import ENGINE_NAMES, Config
from .languages import (
    config_file_for,
    config_for,
    link_pages,
    move_not_found_page,
    write_landing,
)

ENGINES = ENGINE_NAMES

#: How to install an engine that is missing (the versions this release is tested with).
INSTALL = {
    "mkdocs": "pip install mkdocs==1.6.1 mkdocs-material==9.8.2",
    "properdocs": "pip install properdocs==1.6.7",
    "zensical": "pip install zensical==0.0.73",
}


def build_with(engine: str, config: Config, target: Path, strict: bool, checked: Checked) -> Path:
    """Build the site with `engine` into `target`; an EngineError names what went wrong.

    A playbook of several languages is built once per language, into a folder each
    (engine/languages.py), all swapped in together."""
    languages = checked.playbook.languages if checked.playbook else []
    if not languages:
        return staged(
            target.resolve(),
            lambda staging: _build_one(engine, config, checked, staging, strict),
            strict,
        )

    def fill(staging: Path) -> None:
        for language in languages:
            _build_one(engine, config, checked, staging / language, strict, language, languages)
        link_pages(staging, languages)
        move_not_found_page(staging, languages)
        write_landing(staging, languages)

    return staged(target.resolve(), fill, strict)


def _build_one(
    engine: str,
    config: Config,
    checked: Checked,
    site_dir: Path,
    strict: bool,
    language: str | None = None,
    languages: list[str] | None = None,
) -> None:
    """One site into `site_dir`: the playbook's, or one language's of a playbook of several."""
    if engine == "zensical":
        own = config_for(config, language, languages) if language else config
        return _zensical(_command(engine), own, checked, site_dir)
    command = _command(engine) if engine != "mkdocs" else []
    with contextlib.ExitStack() as stack:
        config_file = config.file
        if language:
            config_file = stack.enter_context(config_file_for(config, language, languages))
        if engine == "mkdocs":
            return run_mkdocs(config, config_file, site_dir, strict, checked)
        _run(
            engine,
            [*command, "build", "-q", "-f", str(config_file.resolve()), "-d", str(site_dir)],
            config.root,
        )


def _command(engine: str) -> list[str]:
    """The engine's command, from this Python environment first; EngineError if missing."""
    beside = Path(sys.executable).parent / engine
    found = str(beside) if beside.is_file() else shutil.which(engine)
    if not found:
        raise EngineError(
            f"the engine '{engine}' is not installed here; install it with: {INSTALL[engine]}"
        )
    return [found]


def _zensical(command: list[str], config: Config, checked: Checked, staging: Path) -> None:
    """Export the pages into a scratch folder beside `staging`, let Zensical build them there
    (it writes only inside the folder of its configuration), and move the site into `staging`."""
    from .export import export_site

    staging.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{staging.name}-zensical-", dir=staging.parent))
    try:
        exported = Path(export_site(checked.playbook, config, scratch / "docs")).resolve()
        settings = yaml.safe_load(exported.read_text(encoding="utf-8"))
        settings["site_dir"] = "site"
        exported.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True))
        _run("zensical", [*command, "build", "--clean", "-f", str(exported)], scratch)
        staging.rmdir()
        os.replace(scratch / "site", staging)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run(engine: str, command: list[str], folder: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env)
    except OSError as error:
        raise EngineError(f"the engine '{engine}' could not start: {error.strerror}") from None
    if done.returncode != 0:
        said = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        last = said[-1] if said else f"it stopped with status {done.returncode}"
        raise EngineError(f"the site was not built: the engine '{engine}' failed: {last}")
