"""The few git questions the change digest and the 'What changed' page ask, through `git` itself.

Paths are relative to the content folder, and every command runs inside it, so the playbook may
sit anywhere in its repository.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


#: git's id of the empty tree: diffing a first commit against it lists every file as added.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a ref does not exist."""


@dataclass(frozen=True)
class Commit:
    sha: str
    parent: str | None  # None for the first commit, or the oldest one a shallow clone has
    date: str  # ISO 8601, the committer's
    author: str
    subject: str


@dataclass(frozen=True)
class PathChange:
    """One file changed between two versions: 'A'dded, 'D'eleted or 'M'odified."""

    status: str
    path: str


def git(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:  # pragma: no cover - a hung git
        raise GitError(f"git {args[0]} took longer than a minute") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def in_repository(folder: Path) -> bool:
    try:
        return git(folder, "rev-parse", "--is-inside-work-tree").strip() == b"true"
    except (GitError, OSError):
        return False


def resolve(folder: Path, ref: str) -> str:
    """The commit a ref names; a GitError in plain words when there is none."""
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git ref")
    try:
        return git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"'{ref}' is not a commit, branch or tag of this repository") from None


def head(folder: Path) -> str | None:
    try:
        return resolve(folder, "HEAD")
    except GitError:
        return None  # a repository without commits yet


def changed_paths(folder: Path, base: str, target: str | None = None) -> list[PathChange]:
    """Files under `folder` that differ between `base` and `target` (the working tree if None).

    New files not yet added to git count as added: `playbook-gen new` writes them that way.
    """
    args = ["diff", "--name-status", "-z", "--no-renames", "--relative", base]
    if target:
        args.append(target)
    fields = git(folder, *args, "--", ".").decode("utf-8", "surrogateescape").split("\0")
    changes = [
        PathChange(status[0], path)
        for status, path in zip(fields[0::2], fields[1::2], strict=False)
        if status
    ]
    if target is None:
        untracked = git(folder, "ls-files", "-z", "--others", "--exclude-standard", "--", ".")
        changes += [
            PathChange("A", path)
            for path in untracked.decode("utf-8", "surrogateescape").split("\0")
            if path
        ]
    return sorted(changes, key=lambda change: change.path)


def read_at(folder: Path, commit: str, path: str) -> bytes | None:
    """A file's bytes at a commit, or None if it did not exist there."""
    try:
        return git(folder, "show", f"{commit}:./{path}")
    except GitError:
        return None


def commits(folder: Path, limit: int) -> list[Commit]:
    """The latest commits that changed the folder, newest first, along the first-parent line."""
    out = git(
        folder,
        "log",
        "--first-parent",
        f"-n{limit}",
        "-z",
        "--format=%H%x1f%P%x1f%cI%x1f%an%x1f%s",
        "--",
        ".",
    )
    found = []
    for record in out.decode("utf-8", "replace").split("\0"):
        if not record.strip():
            continue
        sha, parents, date, author, subject = record.strip("\n").split("\x1f", 4)
        found.append(Commit(sha, parents.split()[0] if parents else None, date, author, subject))
    return found
