"""The core, free of MkDocs: load → check → model. Callers render and build from its result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .catalogue import assemble, load_content
from .checks import check
from .models import Playbook
from .problems import Problem, has_errors, sort_problems


@dataclass
class Checked:
    """The outcome of checking content: the model when there is no error, and every problem."""

    playbook: Playbook | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.playbook is not None


def load_playbook(
    content_dir: Path, root: Path | None = None, today: dt.date | None = None
) -> Checked:
    loaded = load_content(content_dir, root)
    problems = loaded.problems + check(loaded, today)
    problems = sort_problems(problems)
    if has_errors(problems):
        return Checked(None, problems)
    return Checked(assemble(loaded), problems)
