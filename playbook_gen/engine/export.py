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
from .config import Config
from .languages import config_for


class ExportError(Exception):
    """A template is missing or broken; `problems` say where."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("the pages could not be rendered")
        self.problems = problems


def _names(extension: object, name: str) -> bool:
    return isinstance(extension, dict) and name in extension


def export_languages(playbook: Playbook, config: Config, docs_dir: Path) -> list[Path]:
    """Export the playbook: one tree and configuration, or, for a playbook of several
    languages, one per language (`docs/fr/` and `mkdocs.fr.yml`, building into `site/fr/`)."""
    languages = playbook.languages
    if not languages:
        return [export_site(playbook, config, docs_dir)]
    return [
        export_site(
            playbook,
            config_for(config, language, languages),
            docs_dir / language,
            docs_dir.resolve().parent / f"mkdocs.{language}.yml",
            f"site/{language}",
        )
        for language in languages
    ]


def export_site(
    playbook: Playbook,
    config: Config,
    docs_dir: Path,
    target: Path | None = None,
    site_dir: str | None = None,
) -> Path:
    """The tree in `docs_dir` and its configuration in `target` (mkdocs.yml beside the tree by
    default, or mkdocs.export.yml if that is the playbook's own)."""
    raw, config_file = config.raw, config.file
    generated, problems = render_checked(
        playbook,
        config.templates_dir,
        config.root,
        history=content_history(config.content_dir),
        content_dir=config.content_dir,
        language=config.language,
    )
    if generated is None:
        raise ExportError(problems)
    export_tree(generated, config.content_dir / "pages", docs_dir)

    if target is None:
        target = docs_dir.resolve().parent / "mkdocs.yml"
        if target == config_file.resolve():
            target = target.with_name("mkdocs.export.yml")
    written = {key: value for key, value in raw.items() if key not in ("docs_dir", "site_dir")}
    written.setdefault("site_name", playbook.settings.pmo_name)
    written["docs_dir"] = Path(os.path.relpath(docs_dir.resolve(), target.parent)).as_posix()
    if site_dir:
        written["site_dir"] = site_dir
    written["plugins"] = [
        plugin
        for plugin in raw.get("plugins") or ["search"]
        if not (plugin == "playbook" or (isinstance(plugin, dict) and "playbook" in plugin))
    ]
    written["nav"] = safe_nav(generated.nav)
    extensions = list(raw.get("markdown_extensions") or [])
    names = {next(iter(e)) if isinstance(e, dict) else e for e in extensions}
    for name, options in required_extensions(generated.abbreviations).items():
        if name == SAFE_MARKDOWN:  # always ours, always last
            extensions = [e for e in extensions if e != name and not _names(e, name)]
            extensions.append({name: options})
        elif name not in names:
            extensions.append(name)
    written["markdown_extensions"] = extensions
    written["extra_css"] = [CSS, *(raw.get("extra_css") or [])]
    written["extra_javascript"] = [JAVASCRIPT, *(raw.get("extra_javascript") or [])]

    target.write_text(
        "# Written by `playbook-gen export`; the playbook's content is the source.\n"
        + yaml.safe_dump(written, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return Path(os.path.relpath(target))
