"""Where a site may be written: never over the playbook itself.

The site folder is replaced whole by each build, so a site folder that is, contains or lies
inside the content folder or the templates folder, or that is the folder of mkdocs.yml or one
of its ancestors, would destroy what it was built from. Such a folder is refused before anything
is written, whichever door names it: `--site-dir`, `site_dir` in mkdocs.yml, or `mkdocs build`
through the plugin. A site folder that is an existing file is refused too.
"""

from __future__ import annotations

import os
from pathlib import Path


class UnsafeSiteFolder(Exception):
    """The site folder would overwrite the playbook; the message says which part, and why."""


def check_site_folder(
    site: Path, config_file: Path, guarded: dict[str, Path], called: str = "the site folder"
) -> None:
    """Raise UnsafeSiteFolder unless `site` is a safe place for a site.

    `guarded` names the folders a site may neither be, contain nor lie inside (the content and
    templates folders, the docs folder); the folder of `config_file` may only hold the site.
    """
    target = site.resolve()
    shown = _shown(site)
    if target.is_file() or (target.exists() and not target.is_dir()):
        raise UnsafeSiteFolder(
            f"{called} {shown} is an existing file, which the build would replace; choose a folder"
        )
    for what, folder in guarded.items():
        place = folder.resolve()
        if target == place:
            raise UnsafeSiteFolder(
                f"{called} {shown} is {what}; the build would replace it with the site. "
                "Choose another folder, such as 'site'"
            )
        if place.is_relative_to(target):
            raise UnsafeSiteFolder(
                f"{called} {shown} holds {what} ({_shown(folder)}); the build would "
                "replace it with the site. Choose a folder of its own, such as 'site'"
            )
        if target.is_relative_to(place):
            raise UnsafeSiteFolder(
                f"{called} {shown} lies inside {what} ({_shown(folder)}); the site would "
                "be mixed with what it is built from. Choose a folder outside it, such as 'site'"
            )
    home = config_file.resolve().parent
    if home.is_relative_to(target):
        raise UnsafeSiteFolder(
            f"{called} {shown} holds mkdocs.yml and the whole playbook; the build would "
            "replace them with the site. Choose a folder of its own, such as 'site'"
        )


def _shown(path: Path) -> str:
    try:
        return "'" + os.path.relpath(path) + "'"
    except ValueError:  # pragma: no cover - another drive on Windows
        return f"'{path}'"
