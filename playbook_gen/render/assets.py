"""Static files the plugin adds to every site: the playbook's stylesheet and script."""

from __future__ import annotations

from pathlib import Path

_FOLDER = Path(__file__).parent / "assets"


CSS = "assets/playbook/playbook.css"
JAVASCRIPT = "assets/playbook/playbook.js"

ASSET_FILES: dict[str, bytes] = {
    CSS: (_FOLDER / "playbook.css").read_bytes(),
    JAVASCRIPT: (_FOLDER / "playbook.js").read_bytes(),
}
