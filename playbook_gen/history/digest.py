"""Change digests from git: one ref against the working tree (`diff`), and the recent history
(the site's 'What changed' page). The comparing itself is `changes.py`'s.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from . import gitrepo
from .compare import Change, compare
from ..content.kinds import KINDS

#: The 'What changed' page covers this many of the latest commits that touched the content.
HISTORY_LENGTH = 30
#: A commit changing more entries than this lists the first of them and counts the rest.
CHANGES_SHOWN = 25


@dataclass
class Update:
    """One commit of the history and what it changed."""

    commit: gitrepo.Commit
    changes: list[Change]
    first: bool = False  # the first commit (or the oldest a shallow clone holds)
    entries: int = 0  # for the first commit: how many entries it brought


def changes_since(content_dir: Path, base_ref: str) -> list[Change]:
    """What the working tree changes in the content since `base_ref` (a GitError if it cannot)."""
    if not gitrepo.in_repository(content_dir):
        raise gitrepo.GitError(f"{content_dir} is not in a git repository")
    base = gitrepo.resolve(content_dir, base_ref)
    paths = gitrepo.changed_paths(content_dir, base)
    return compare(
        [(change.status, change.path) for change in paths],
        lambda path: gitrepo.read_at(content_dir, base, path),
        lambda path: _read_working(content_dir / path),
    )


def _read_working(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except OSError:
        return None


def content_history(content_dir: Path, limit: int = HISTORY_LENGTH) -> list[Update] | None:
    """The latest commits that changed the content, newest first; None without git history."""
    if not gitrepo.in_repository(content_dir):
        return None
    head = gitrepo.head(content_dir)
    if head is None:
        return []
    try:
        # The history only moves with HEAD; previews rebuild often, so remember it per HEAD.
        return list(_history_at(content_dir.resolve(), head, limit))
    except gitrepo.GitError:
        return None


@functools.lru_cache(maxsize=4)
def _history_at(content_dir: Path, head: str, limit: int) -> tuple[Update, ...]:
    updates = []
    for commit in gitrepo.commits(content_dir, limit):
        if commit.parent is None:
            paths = gitrepo.changed_paths(content_dir, gitrepo.EMPTY_TREE, commit.sha)
            entries = sum(path.path.split("/")[0] in KINDS for path in paths)
            updates.append(Update(commit, [], first=True, entries=entries))
            continue
        paths = gitrepo.changed_paths(content_dir, commit.parent, commit.sha)
        changes = compare(
            [(change.status, change.path) for change in paths],
            functools.partial(gitrepo.read_at, content_dir, commit.parent),
            functools.partial(gitrepo.read_at, content_dir, commit.sha),
        )
        updates.append(Update(commit, changes))
    return tuple(updates)


def as_markdown(changes: list[Change], limit: int | None = None) -> str:
    """Bullets grouped under Added / Removed / Changed; a lone detail goes on its entry's line."""
    if not changes:
        return "No change to the content.\n"
    lines: list[str] = []
    shown = changes if limit is None else changes[:limit]
    for kind, heading in (("added", "Added"), ("removed", "Removed"), ("changed", "Changed")):
        group = [change for change in shown if change.kind == kind]
        if not group:
            continue
        lines += [f"**{heading}**", ""]
        for change in group:
            if change.kind == "added" and not change.path.startswith("pages/"):
                lines.append(f"- {change.subject} (`{change.path}`)")
                lines += [f"    - {detail}" for detail in change.details]
            elif len(change.details) == 1:
                lines.append(f"- {change.subject}: {change.details[0]}")
            else:
                lines.append(f"- {change.subject}")
                lines += [f"    - {detail}" for detail in change.details]
        lines.append("")
    if len(shown) < len(changes):
        lines += [f"…and {len(changes) - len(shown)} more.", ""]
    return "\n".join(lines)


def summary(changes: list[Change]) -> str:
    counts = {
        kind: sum(change.kind == kind for change in changes)
        for kind in ("added", "removed", "changed")
    }
    said = [f"{count} {kind}" for kind, count in counts.items() if count]
    return ", ".join(said) if said else "nothing"
