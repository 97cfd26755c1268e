"""The core, free of MkDocs: load → check → model. Callers render and build from its result."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .catalogue import Loaded, assemble, load_content
from .rules import check
from .model import Playbook
from ..problems import Problem, has_errors, sort_problems


@dataclass
class Checked:
    """The outcome of checking content: the model when there is no error, and every problem."""

    playbook: Playbook | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.playbook is not None


#: Checks a later stage adds (the route table's), run on the loaded content like the rules.
MoreChecks = Callable[[Loaded], list[Problem]]


def load_playbook(
    content_dir: Path,
    root: Path | None = None,
    today: dt.date | None = None,
    more_checks: MoreChecks | None = None,
) -> Checked:
    """Load and check the content: every problem, and the model when there is no error."""
    root = (root or Path.cwd()).resolve()
    return _load(content_dir, root, today, more_checks)


def _load(content_dir: Path, root: Path, today: dt.date | None, more: MoreChecks | None) -> Checked:
    with paused_gc():
        return _load_and_check(content_dir, root, today, more)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while building a large tree of objects that all stay alive.

    Loading a thousand files creates hundreds of thousands of objects, and the collector would
    walk them again and again for no garbage; a file's size and MAX_NODES bound the memory.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_and_check(
    content_dir: Path, root: Path, today: dt.date | None, more: MoreChecks | None
) -> Checked:
    loaded = load_content(content_dir, root)
    problems = loaded.problems + check(loaded, today) + (more(loaded) if more else [])
    problems = sort_problems(problems)
    if has_errors(problems):
        return Checked(None, problems)
    return Checked(assemble(loaded), problems)
