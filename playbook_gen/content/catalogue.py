"""Read every file under content/ into the typed model, collecting every problem on the way."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .loader import read_yaml
from .kinds import FILES, KINDS
from .model import ID_PATTERN, Entry, Playbook
from ..problems import Location, Problem
from .validate import shape

YAML_SUFFIXES = (".yml", ".yaml")


@dataclass
class Loaded:
    """What could be read: whole files by name, entries by collection, and every id seen."""

    files: dict[str, object] = field(default_factory=dict)
    collections: dict[str, dict[str, Entry]] = field(default_factory=dict)
    #: id -> shown path of every entry file found, valid or not, so one broken file does not
    #: cascade and every page an entry would claim is known before rendering.
    ids: dict[str, dict[str, str]] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def shown_path(file: Path, root: Path) -> str:
    """The path as messages show it: relative to the repository root, with forward slashes."""
    try:
        return Path(os.path.relpath(file, root)).as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return file.as_posix()


def load_content(content_dir: Path, root: Path | None = None) -> Loaded:
    root = root or Path.cwd()
    loaded = Loaded()
    if not content_dir.is_dir():
        loaded.problems.append(
            Problem.at(
                Location(shown_path(content_dir, root)),
                "no-content",
                "the content folder does not exist",
            )
        )
        return loaded
    real_content = content_dir.resolve()

    for name, file_kind in FILES.items():
        cls = file_kind.cls
        file = _find_yaml(content_dir, name)
        shown = shown_path(file or content_dir / f"{name}.yml", root)
        if file is None:
            loaded.problems.append(
                Problem.at(Location(shown), "missing-file", f"the file {name}.yml is missing")
            )
            continue
        if not _inside(file, real_content, shown, loaded.problems):
            continue
        document, problems = read_yaml(file, shown)
        loaded.problems += problems
        if document:
            instance, problems = shape(cls, document.root, shown, f"{name}.yml")
            loaded.problems += problems
            if instance is not None:
                loaded.files[name] = instance

    for collection, kind in KINDS.items():
        entries, ids = _load_collection(
            content_dir / collection, kind.cls, collection, root, loaded
        )
        loaded.collections[collection] = entries
        loaded.ids[collection] = ids

    loaded.pages = _load_pages(content_dir / "pages", root, real_content, loaded.problems)
    return loaded


def _find_yaml(folder: Path, stem: str) -> Path | None:
    for suffix in YAML_SUFFIXES:
        if (folder / f"{stem}{suffix}").is_file():
            return folder / f"{stem}{suffix}"
    return None


def _inside(file: Path, real_content: Path, shown: str, problems: list[Problem]) -> bool:
    """Refuse symbolic links that lead out of content/: the build must read only the playbook."""
    if file.resolve().is_relative_to(real_content):
        return True
    problems.append(
        Problem.at(
            Location(shown),
            "outside-content",
            "this is a link to a file outside the content folder; copy the file in instead",
        )
    )
    return False


def _load_collection(
    folder: Path, cls: type[Entry], collection: str, root: Path, loaded: Loaded
) -> tuple[dict[str, Entry], dict[str, str]]:
    entries: dict[str, Entry] = {}
    ids: dict[str, str] = {}
    if not folder.is_dir():
        return entries, ids
    by_folded_id: dict[str, str] = {}
    singular = KINDS[collection].singular
    real_root = loaded_root(folder)
    # Plain files of a folder that is itself inside content/ need no resolving; links do.
    folder_inside = folder.resolve().is_relative_to(real_root)
    shown_folder = shown_path(folder, root)
    # scandir knows each entry's type without another system call per file.
    with os.scandir(folder) as found:
        listing = sorted(found, key=lambda item: item.name)
    for item in listing:
        file = Path(item.path)
        shown = f"{shown_folder}/{item.name}"
        if item.name.startswith("."):
            continue  # editor swap files, .gitkeep
        if file.suffix not in YAML_SUFFIXES or not item.is_file():
            loaded.problems.append(
                Problem.at(
                    Location(shown),
                    "stray-file",
                    f"only .yml files belong in {collection}/, one per {singular}; "
                    "move or delete this",
                )
            )
            continue
        entry_id = file.stem
        if not re.match(ID_PATTERN, entry_id):
            loaded.problems.append(
                Problem.at(
                    Location(shown),
                    "invalid-id",
                    f"'{file.name}' is not a valid file name for a {singular}: use lower-case "
                    "letters, digits and hyphens, starting with a letter or digit "
                    f"(e.g. '{_suggest_id(entry_id)}{file.suffix}')",
                )
            )
            continue
        folded = entry_id.casefold()
        if folded in by_folded_id or entry_id in ids:
            loaded.problems.append(
                Problem.at(
                    Location(shown),
                    "duplicate-id",
                    f"another {singular} already has the id '{entry_id}' "
                    f"({by_folded_id.get(folded, entry_id)}); ids must be unique",
                )
            )
            continue
        by_folded_id[folded] = file.name
        ids[entry_id] = shown
        plain_file = folder_inside and not item.is_symlink()
        if not plain_file and not _inside(file, real_root, shown, loaded.problems):
            continue
        document, problems = read_yaml(file, shown)
        loaded.problems += problems
        if document is None:
            continue
        entry, problems = shape(cls, document.root, shown, f"this {singular}")
        loaded.problems += problems
        if entry is not None:
            entry.id = entry_id
            entry.path = shown
            entries[entry_id] = entry
    return entries, ids


def loaded_root(folder: Path) -> Path:
    return folder.parent.resolve()


def _suggest_id(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-entry"


def _load_pages(folder: Path, root: Path, real_content: Path, problems: list[Problem]) -> dict:
    pages: dict[str, str] = {}
    if not folder.is_dir():
        return pages
    for file in sorted(folder.rglob("*")):
        if not file.is_file() or file.name.startswith("."):
            continue
        shown = shown_path(file, root)
        if not _inside(file, real_content, shown, problems):
            continue
        pages[file.relative_to(folder).as_posix()] = shown
    return pages


def assemble(loaded: Loaded) -> Playbook:
    """The model, once loading and checks found no error."""
    return Playbook(files=loaded.files, collections=loaded.collections, pages=loaded.pages)
