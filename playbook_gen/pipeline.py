"""The stages in order: load the content and check it (content/), then claim every path of
the site (render/routes.py), so that `validate` reports what `build` would refuse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .content.catalogue import Loaded
from .content.pipeline import Checked, load_playbook
from .problems import Problem
from .render import routes


def check_playbook(
    content_dir: Path, root: Path | None = None, today: dt.date | None = None
) -> Checked:
    """Every problem of the content, and the model when there is no error."""
    return load_playbook(content_dir, root, today, more_checks=route_problems)


def route_problems(loaded: Loaded) -> list[Problem]:
    """Entries and hand-written pages that would take a place the site already gives away."""
    return routes.plan(loaded.ids, loaded.pages).problems
