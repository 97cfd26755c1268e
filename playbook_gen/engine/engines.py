"""The engines that build the site: MkDocs, ProperDocs and Zensical, chosen by one setting.

MkDocs runs in process with the playbook plugin. ProperDocs, a maintained fork of MkDocs 1.x,
runs the same plugin, as its own command. Zensical runs no third-party plugin, so it builds the
exported tree (the same pages, through the same safety pass, which is a Markdown extension every
engine loads). Each builds into a fresh folder that replaces the site only when all went well.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from ..content.pipeline import Checked
from .build import EngineError, build_site, staged
from .config import ENGINE_NAMES, Config

ENGINES = ENGINE_NAMES

#: How to install an engine that is missing (the versions this release is tested with).
INSTALL = {
    "mkdocs": "pip install mkdocs==1.6.1 mkdocs-material==9.8.2",
    "properdocs": "pip install properdocs==1.6.7",
    "zensical": "pip install zensical==0.0.73",
}


def build_with(engine: str, config: Config, target: Path, strict: bool, checked: Checked) -> Path:
    """Build the site with `engine` into `target`; an EngineError names what went wrong."""
    if engine == "mkdocs":
        return build_site(config, target, strict, checked)
    command = _command(engine)
    if engine == "properdocs":
        return staged(
            target.resolve(),
            lambda staging: _run(
                engine,
                [*command, "build", "-q", "-f", str(config.file.resolve()), "-d", str(staging)],
                config.root,
            ),
            strict,
        )
    return staged(
        target.resolve(), lambda staging: _zensical(command, config, checked, staging), strict
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
