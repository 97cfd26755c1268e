"""The starter's generated tree, kept as reviewed files under tests/golden/starter/.

Every page, diagram and calendar file the generator writes for the starter content, and the
navigation, with a fixed build date and no git history. `tests/test_golden.py` compares a fresh
render with these files, so a template or renderer change shows as a readable diff in review.
After a deliberate change, write them anew and review the diff:

    .venv/bin/python tests/golden.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "starter"
BUILD_DATE = dt.date(2026, 9, 21)


def generated_tree() -> dict[str, bytes]:
    """Path -> content of everything the generator writes for the starter, navigation included."""
    sys.path.insert(0, str(REPO))
    from playbook_gen.pipeline import check_playbook
    from playbook_gen.render.pages import render_site

    checked = check_playbook(REPO / "content", REPO)
    assert checked.ok, checked.problems
    site = render_site(checked.playbook, REPO / "templates", BUILD_DATE, history=None)
    tree = {path: text.encode("utf-8") for path, text in site.pages.items()}
    tree.update(site.files)
    nav = yaml.safe_dump(site.nav, allow_unicode=True, sort_keys=False)
    tree["nav.yml"] = nav.encode("utf-8")
    return tree


def written_tree(folder: Path = GOLDEN) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def write(folder: Path = GOLDEN) -> int:
    shutil.rmtree(folder, ignore_errors=True)
    tree = generated_tree()
    for path, data in tree.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(tree)


if __name__ == "__main__":
    print(f"{write()} files written to {GOLDEN.relative_to(REPO)}")
