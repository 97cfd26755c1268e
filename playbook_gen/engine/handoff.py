"""The content `playbook-gen build` checked, handed to the plugin so that it is read once.

The command line checks the content before MkDocs starts, to report every problem itself; the
plugin, which MkDocs creates from mkdocs.yml, takes that result instead of reading the content
again. Anything else that runs the plugin (`mkdocs build`, `serve`) finds nothing here and
checks the content itself.
"""

from __future__ import annotations

from pathlib import Path

from ..content.pipeline import Checked

_handed: dict[Path, Checked] = {}


def hand_over(content_dir: Path, checked: Checked) -> None:
    _handed[content_dir.resolve()] = checked


def take(content_dir: Path) -> Checked | None:
    """The result handed over for this folder, once; None when there is none."""
    return _handed.pop(content_dir.resolve(), None)
