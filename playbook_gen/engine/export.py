"""`playbook-gen export`: the generated tree plus an mkdocs.yml that any engine reading it builds.

The written configuration is the playbook's own, less the playbook plugin, with the navigation,
stylesheet, script and Markdown extensions the plugin would otherwise have added.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..render.assets import CSS, JAVASCRIPT
from ..content.model import Playbook
from ..output.safe_markdown import NAME as SAFE_MARKDOWN, required_extensions
from ..history.digest import content_history
from ..problems import Problem
from ..render.pages import render_checked
from ..output.safety import safe_nav
from ..output.tree import export_tree
from .build import _IgnoreTagsLoader


def read_config(config_file: Path) -> dict:
    with config_file.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_IgnoreTagsLoader) or {}


def plugin_options(config_file: Path) -> dict:
    """The options given to the playbook plugin in mkdocs.yml (empty when none)."""
    for plugin in read_config(config_file).get("plugins") or []:
        if isinstance(plugin, dict) and "playbook" in plugin:
            return plugin["playbook"] or {}
    return {}


class ExportError(Exception):
    """A template is missing or broken; `problems` say where."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("the pages could not be rendered")
        self.problems = problems


def _names(extension: object, name: str) -> bool:
    return isinstance(extension, dict) and name in extension


def export_site(playbook: Playbook, config_file: Path, docs_dir: Path) -> Path:
    root = config_file.parent if config_file.is_file() else Path.cwd()
    raw = read_config(config_file) if config_file.is_file() else {}
    options = plugin_options(config_file) if config_file.is_file() else {}
    content_dir = root / options.get("content_dir", "content")
    generated, problems = render_checked(
        playbook,
        root / options.get("templates_dir", "templates"),
        root,
        history=content_history(content_dir),
    )
    if generated is None:
        raise ExportError(problems)
    export_tree(generated, content_dir / "pages", docs_dir)

    config = {key: value for key, value in raw.items() if key not in ("docs_dir", "site_dir")}
    config.setdefault("site_name", playbook.settings.pmo_name)
    config["docs_dir"] = docs_dir.resolve().name
    config["plugins"] = [
        plugin
        for plugin in raw.get("plugins") or ["search"]
        if not (plugin == "playbook" or (isinstance(plugin, dict) and "playbook" in plugin))
    ]
    config["nav"] = safe_nav(generated.nav)
    extensions = list(raw.get("markdown_extensions") or [])
    names = {next(iter(e)) if isinstance(e, dict) else e for e in extensions}
    for name, options in required_extensions(generated.abbreviations).items():
        if name == SAFE_MARKDOWN:  # always ours, always last
            extensions = [e for e in extensions if e != name and not _names(e, name)]
            extensions.append({name: options})
        elif name not in names:
            extensions.append(name)
    config["markdown_extensions"] = extensions
    config["extra_css"] = [CSS, *(raw.get("extra_css") or [])]
    config["extra_javascript"] = [JAVASCRIPT, *(raw.get("extra_javascript") or [])]

    target = docs_dir.resolve().parent / "mkdocs.yml"
    if target == config_file.resolve():
        target = target.with_name("mkdocs.export.yml")
    target.write_text(
        "# Written by `playbook-gen export`; the playbook's content is the source.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return Path(os.path.relpath(target))
