"""Building the site with MkDocs into a fresh folder and swapping it into place atomically,
and exporting the generated Markdown tree for other engines.
"""

from __future__ import annotations

import ctypes
import logging
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

from collections.abc import Callable

from ..content.pipeline import Checked
from ..output.links import broken_links
from . import handoff
from .config import Config


_RENAME_EXCHANGE = 2  # renameat2 flag: swap two paths in one step
_AT_FDCWD = -100


class EngineError(Exception):
    """The engine could not build or serve the site; the message says why, for the editor."""


def build_site(
    config: Config, target: Path, strict: bool = False, checked: Checked | None = None
) -> Path:
    """Run MkDocs into a temporary folder beside `target`, then swap it in (see `staged`).

    `checked` (the checked content) spares the plugin reading it again. The caller has made sure
    `target` is a safe place (output/site_folder.py). An engine's failure is an EngineError.
    """
    return staged(
        target.resolve(),
        lambda staging: run_mkdocs(config, config.file, staging, strict, checked),
        strict,
    )


def run_mkdocs(
    config: Config, config_file: Path, site_dir: Path, strict: bool, checked: Checked | None
) -> None:
    """MkDocs' build of `config_file` (mkdocs.yml, or one language's) into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    show_engine_log()
    if checked:
        handoff.hand_over(config.content_dir, checked)
    try:
        engine_config = load_config(
            str(config_file.resolve()), site_dir=str(site_dir), strict=strict or None
        )
        engine_config.plugins.on_startup(command="build", dirty=False)
        try:
            build(engine_config)
        finally:
            engine_config.plugins.on_shutdown()
    except (Abort, ConfigurationError, PluginError) as error:
        raise EngineError(f"the site was not built: {error}") from None
    finally:
        if checked:
            handoff.take(config.content_dir)


def staged(target: Path, fill: Callable[[Path], None], strict: bool = False) -> Path:
    """Build into a fresh folder beside `target` with `fill`, check it, then swap it in.

    Until the swap, an earlier site is untouched; a build that fails or is killed leaves only a
    hidden `.site-building-*` folder, which the next build removes. With `strict`, every
    internal link and anchor of the new site must resolve (output/links.py), on every engine.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    except OSError as error:
        raise EngineError(f"the site was not built: {error.strerror}: {error.filename}") from None
    try:
        fill(staging)
        if strict:
            broken = broken_links(staging)
            if broken:
                shown = "\n  ".join(broken[:20])
                more = f"\n  …and {len(broken) - 20} more" if len(broken) > 20 else ""
                raise EngineError(
                    f"the site was not built: {len(broken)} internal link(s) lead nowhere:\n  "
                    + shown
                    + more
                )
        _swap_into_place(staging, target)
    except OSError as error:
        raise EngineError(f"the site was not built: {error.strerror}: {error.filename}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _remove_leftovers(target: Path) -> None:
    for leftover in target.parent.glob(f".{target.name}-building-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _swap_into_place(staging: Path, target: Path) -> None:
    """Make `staging` the new `target`; the old site ends up in `staging` to be deleted."""
    if target.exists() and _exchange(staging, target):
        return
    if target.exists():
        retired = staging.with_name(staging.name + "-old")
        os.replace(target, retired)
        os.replace(staging, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, target)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directories in one system call where Linux offers it."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return result == 0


def show_engine_log() -> None:
    """Show MkDocs' warnings and errors as its own command line does."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
