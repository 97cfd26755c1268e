"""Incremental preview: after a save, render again only the pages whose Markdown changed.

In a dirty build (`playbook-gen serve`, `mkdocs serve --dirty`) MkDocs renders only the files that
say they were modified. The generator regenerates every page in memory (a fraction of a second),
compares each with the previous build's text, and lets MkDocs render only those that differ: a
service edit re-renders the service, the index and the pages that list it, not the whole site.
Everything is rendered again when something every page shows may have changed: the navigation,
mkdocs.yml, the glossary's hover texts, or the error state.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

from ..render.pages import GeneratedSite


class GeneratedFile(File):
    """A generated page or file that knows whether its content changed since the last build."""

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed


@dataclass(frozen=True)
class Snapshot:
    """What a build was made from, to compare the next one with."""

    pages: dict[str, str]
    files: dict[str, bytes]
    nav: list
    shared: tuple  # what every page shows: mkdocs.yml, hover texts, edit links, errors


class ChangeTracker:
    """Remembers the last build; says which generated paths the next one must render."""

    def __init__(self) -> None:
        self.previous: Snapshot | None = None
        self.removed: list[str] = []

    def compare(self, site: GeneratedSite, config_file: Path, has_errors: bool) -> set[str] | None:
        """The paths to render again, or None for all of them; then remember this build."""
        shared = (_digest(config_file), site.abbreviations, site.edit_base, has_errors)
        current = Snapshot(dict(site.pages), dict(site.files), site.nav, shared)
        previous, self.previous = self.previous, current
        self.removed = (
            sorted(
                set(previous.pages) - set(current.pages) | set(previous.files) - set(current.files)
            )
            if previous
            else []
        )
        if previous is None or previous.shared != shared or previous.nav != current.nav:
            return None
        changed = {path for path, text in current.pages.items() if previous.pages.get(path) != text}
        changed |= {
            path for path, data in current.files.items() if previous.files.get(path) != data
        }
        return changed


def title_of(markdown: str) -> str | None:
    """A page's title as MkDocs finds it before rendering: front matter, else the first H1."""
    body, meta = get_data(markdown)
    return str(meta["title"]) if "title" in meta else get_markdown_title(body)


def handwritten_title(file: File) -> str | None:
    try:
        return title_of(Path(file.abs_src_path).read_text(encoding="utf-8-sig"))
    except (OSError, TypeError, UnicodeDecodeError):
        return None


def remove_outputs(files: list[File]) -> None:
    """Delete what earlier builds wrote for pages that no longer exist (a dirty build keeps it)."""
    for file in files:
        try:
            os.remove(file.abs_dest_path)
        except OSError:
            pass


def _digest(file: Path) -> str:
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError:
        return ""
