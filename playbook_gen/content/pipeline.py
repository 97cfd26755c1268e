"""The core, free of MkDocs: load → check → model. Callers render and build from its result."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
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
    """Load and check the content; unchanged content is not parsed twice in one process.

    `playbook-gen build` checks the content before MkDocs starts and the plugin asks again in
    MkDocs' on_config: the second answer comes from the cache. It is keyed by the content itself
    (every file's path, type and bytes), so any edit in between, as in `serve`, is always seen;
    reading the bytes costs a small part of parsing them.
    """
    root = (root or Path.cwd()).resolve()
    folder = content_dir.resolve()
    key = (folder, root, today or dt.date.today(), more_checks, _fingerprint(folder))
    if _last.get("key") != key:
        _last["key"], _last["checked"] = key, _load(content_dir, root, today, more_checks)
    return _last["checked"]


_last: dict[str, object] = {}


def _fingerprint(folder: Path) -> str:
    """A digest of everything under the folder: paths, kinds of file, and contents."""
    digest = hashlib.sha256()
    stack = [str(folder)]
    while stack:
        try:
            entries = sorted(os.scandir(stack.pop()), key=lambda entry: entry.path)
        except OSError:
            continue
        for entry in entries:
            digest.update(entry.path.encode("utf-8", "surrogateescape") + b"\0")
            if entry.is_symlink():
                digest.update(b"link:" + os.readlink(entry.path).encode("utf-8", "surrogateescape"))
            elif entry.is_dir():
                stack.append(entry.path)
                digest.update(b"dir")
            elif entry.is_file():
                try:
                    with open(entry.path, "rb") as handle:
                        digest.update(hashlib.sha256(handle.read()).digest())
                except OSError as error:
                    digest.update(f"unreadable:{error.errno}".encode())
            digest.update(b"\0")
    return digest.hexdigest()


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
