"""The exported tree: generated pages and files, the site's assets and the hand-written pages,
written into a docs folder that any engine reading mkdocs.yml builds as safely as `build` does.

Titles are the one thing the Markdown pass cannot reach (engines print them from front matter
and the navigation as they are), so every page written here carries a title safe to print.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..render.assets import ASSET_FILES
from ..render.pages import GeneratedSite
from .safety import safe_title

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_FIRST_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def export_tree(generated: GeneratedSite, pages_dir: Path, docs_dir: Path) -> list[Path]:
    """Write generated pages, their files and the hand-written pages into `docs_dir`."""
    written: list[Path] = []
    docs_dir.mkdir(parents=True, exist_ok=True)
    for path, text in sorted(generated.pages.items()):
        written.append(_write(docs_dir / path, with_safe_title(text).encode("utf-8")))
    for path, data in sorted({**generated.files, **ASSET_FILES}.items()):
        written.append(_write(docs_dir / path, data))
    shown_from = {
        pages_dir / translation: page for page, translation in generated.translated_pages.items()
    }
    if pages_dir.is_dir():
        for file in sorted(pages_dir.rglob("*")):
            relative = file.relative_to(pages_dir).as_posix()
            if relative in generated.translated_pages:
                continue  # its translation is written in its place
            if relative in generated.translation_files and file not in shown_from:
                continue
            if file.is_file():
                data = file.read_bytes()
                if file.suffix == ".md":
                    data = with_safe_title(data.decode("utf-8-sig")).encode("utf-8")
                written.append(_write(docs_dir / shown_from.get(file, relative), data))
    return written


def with_safe_title(markdown: str) -> str:
    """The page with a front-matter title safe to print: its own, or its first heading's."""
    found = _FRONT_MATTER.match(markdown)
    meta = {}
    if found:
        try:
            meta = yaml.safe_load(found.group(1) or "") or {}
        except yaml.YAMLError:
            meta = {}
        body = markdown[found.end() :]
    else:
        body = markdown
    if not isinstance(meta, dict):
        meta = {}
    title = meta.get("title")
    if title is None:
        heading = _FIRST_HEADING.search(body)
        title = heading.group(1) if heading else None
    if title is None:
        return markdown
    meta["title"] = safe_title(str(title))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
