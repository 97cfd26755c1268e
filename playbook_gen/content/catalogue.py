"""Read every file under content/ into the typed model, collecting every problem on the way."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .loader import read_yaml
from .kinds import FILES, KINDS
from .model import ID_PATTERN, Entry, Playbook
from ..problems import Location, Problem, has_errors
from .translations import (
    TranslationFile,
    Translations,
    coverage_warnings,
    is_language,
    read_translations,
    split_language,
)
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
    #: Translation files found (read once every entry is), and hand-written pages' translations
    #: by language: relative path -> path shown.
    translation_files: list[TranslationFile] = field(default_factory=list)
    page_translations: dict[str, dict[str, str]] = field(default_factory=dict)
    translations: Translations = field(default_factory=Translations)


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
        file = find_yaml(content_dir, name)
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

    loaded.pages = _load_pages(content_dir / "pages", root, real_content, loaded)
    loaded.problems += _top_level(content_dir, root, loaded)
    _read_translations(loaded)
    return loaded


def _read_translations(loaded: Loaded) -> None:
    settings = loaded.files.get("playbook")
    languages = list(getattr(settings, "languages", []))
    if settings is not None:
        loaded.problems += _language_problems(settings)
    loaded.translations, problems = read_translations(
        loaded.translation_files,
        loaded.page_translations,
        loaded.files,
        loaded.collections,
        loaded.ids,
        loaded.pages,
        languages,
    )
    loaded.problems += problems
    if settings is not None and not has_errors(problems):
        loaded.problems += coverage_warnings(
            loaded.translations, languages, settings.where("languages")
        )


def _language_problems(settings) -> list[Problem]:
    """Languages Babel does not know, or given twice."""
    problems = []
    seen: set[str] = set()
    for index, language in enumerate(settings.languages):
        where = settings.where("languages", index)
        if language in seen:
            problems.append(
                Problem.at(where, "duplicate-key", f"the language '{language}' is listed twice")
            )
        elif not is_language(language):
            problems.append(
                Problem.at(
                    where, "invalid-language", f"'{language}' is not a language code Babel knows"
                )
            )
        seen.add(language)
    return problems


def _top_level(content_dir: Path, root: Path, loaded: Loaded) -> list[Problem]:
    """Anything at the top of content/ that the playbook would not read: a stray file or folder,
    a file where a folder belongs or the reverse, or a file given twice (.yml and .yaml).
    Translations of the single files (mandate.fr.yml) join `loaded.translation_files`."""
    problems: list[Problem] = []
    folders = {*KINDS, "pages"}
    files = {f"{name}{suffix}": name for name in FILES for suffix in YAML_SUFFIXES}
    try:
        entries = sorted(os.scandir(content_dir), key=lambda entry: entry.name)
    except OSError as error:
        return [_unreadable(content_dir, root, error)]
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        shown = Location(shown_path(Path(entry.path), root))
        is_dir = entry.is_dir()
        if entry.name in folders and not is_dir:
            problems.append(
                Problem.at(shown, "stray-file", f"{entry.name} must be a folder, not a file")
            )
        elif entry.name in files and is_dir:
            problems.append(
                Problem.at(shown, "stray-file", f"{entry.name} must be a file, not a folder")
            )
        elif entry.name in files:
            name = files[entry.name]
            if name in seen:
                problems.append(
                    Problem.at(
                        shown,
                        "duplicate-id",
                        f"{seen[name]} is here already; keep one of the two and delete the other",
                    )
                )
            seen[name] = entry.name
        elif not is_dir and _single_file_translation(entry, root, loaded):
            continue
        elif entry.name not in folders:
            expected = ", ".join(sorted(f"{name}.yml" for name in FILES))
            problems.append(
                Problem.at(
                    shown,
                    "stray-file",
                    f"'{entry.name}' is not part of the playbook: content/ holds {expected}, "
                    f"the folders {', '.join(sorted(folders))}, and nothing else",
                )
            )
    return problems


def _single_file_translation(entry: os.DirEntry, root: Path, loaded: Loaded) -> bool:
    """Whether the file translates a single file ('mandate.fr.yml'); if so, it is noted."""
    file = Path(entry.path)
    split = split_language(file.stem) if file.suffix in YAML_SUFFIXES else None
    if split is None or split[0] not in FILES:
        return False
    loaded.translation_files.append(
        TranslationFile(split[1], None, split[0], shown_path(file, root), file)
    )
    return True


def find_yaml(folder: Path, stem: str) -> Path | None:
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
    try:
        with os.scandir(folder) as found:
            listing = sorted(found, key=lambda item: item.name)
    except OSError as error:
        loaded.problems.append(_unreadable(folder, root, error))
        return entries, ids
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
        split = split_language(entry_id)
        if split and re.match(ID_PATTERN, split[0]):
            if not (folder_inside and not item.is_symlink()) and not _inside(
                file, real_root, shown, loaded.problems
            ):
                continue
            loaded.translation_files.append(
                TranslationFile(split[1], collection, split[0], shown, file)
            )
            continue
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


#: What `pages/` may hold besides Markdown pages: files readers open or download. Anything that
#: a browser would run (HTML, scripts, style sheets, SVG) is refused; so is anything larger.
STATIC_SUFFIXES = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico",
    ".pdf", ".txt", ".csv",
    ".docx", ".xlsx", ".pptx", ".doc", ".xls", ".ppt", ".odt", ".ods", ".odp", ".vsdx", ".mpp",
}  # fmt: skip
MAX_STATIC_BYTES = 20 * 1024 * 1024


def _load_pages(folder: Path, root: Path, real_content: Path, loaded: Loaded) -> dict:
    """Hand-written pages and the files they link to: path in the site -> path shown.
    A page's translations ('about.fr.md') join `loaded.page_translations` instead."""
    problems = loaded.problems
    pages: dict[str, str] = {}
    if not folder.is_dir():
        return pages
    for file in _walk(folder, root, problems):
        shown = shown_path(file, root)
        if not _inside(file, real_content, shown, problems):
            continue
        problem = _page_problem(file, shown)
        if problem:
            problems.append(problem)
            continue
        relative = file.relative_to(folder).as_posix()
        split = split_language(file.stem) if file.suffix.lower() == ".md" else None
        if split:
            loaded.page_translations.setdefault(split[1], {})[relative] = shown
        else:
            pages[relative] = shown
    return pages


def _walk(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """Every file under the folder, in order; folders that cannot be read, links that loop and
    things that are not files (a FIFO would hang the build) are problems, never followed."""
    found: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        problems.append(_unreadable(folder, root, error))
        return found
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_symlink() and not path.exists():
                raise OSError(f"the link leads nowhere (or in a circle): {os.readlink(path)}")
            if entry.is_dir():
                if entry.is_symlink():
                    raise OSError("a link to a folder; copy the folder in instead")
                found += _walk(path, root, problems)
            elif entry.is_file():
                found.append(path)
            else:
                raise OSError("not a plain file (a device, pipe or socket)")
        except OSError as error:
            problems.append(_unreadable(path, root, error))
    return found


def _unreadable(path: Path, root: Path, error: OSError) -> Problem:
    reason = error.strerror or str(error)
    return Problem.at(Location(shown_path(path, root)), "unreadable", f"cannot use this: {reason}")


def _page_problem(file: Path, shown: str) -> Problem | None:
    """Why a file of pages/ cannot be published, if it cannot."""
    suffix = file.suffix.lower()
    if suffix == ".md":
        return _markdown_page_problem(file, shown)
    if suffix not in STATIC_SUFFIXES:
        return Problem.at(
            Location(shown),
            "stray-file",
            f"'{file.name}' cannot be published: pages/ holds Markdown pages and files readers "
            "open (images, PDF, office documents), not HTML, scripts, style sheets or SVG",
        )
    if file.stat().st_size > MAX_STATIC_BYTES:
        return Problem.at(
            Location(shown),
            "file-too-large",
            f"the file is larger than {MAX_STATIC_BYTES // (1024 * 1024)} MB; link to it where "
            "it is kept instead",
        )
    return None


def _markdown_page_problem(file: Path, shown: str) -> Problem | None:
    try:
        raw = file.read_bytes()
    except OSError as error:
        return Problem.at(Location(shown), "unreadable", f"cannot read the file: {error.strerror}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(
            shown, line, 1, "error", "not-utf8", "the page is not UTF-8 text; save it as UTF-8"
        )
    front = _FRONT_MATTER.match(text)
    if not front:
        return None
    try:
        meta = yaml.safe_load(front.group(1) or "")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        column = mark.column + 1 if mark else 1
        return Problem(
            shown, line, column, "error", "yaml-syntax", "the front matter is not valid YAML"
        )
    if meta is not None and not isinstance(meta, dict):
        return Problem.at(
            Location(shown, 2),
            "wrong-type",
            "the front matter must be a mapping, e.g. 'title: ...'",
        )
    title = (meta or {}).get("title", "")
    if not isinstance(title, str) or ("title" in (meta or {}) and not title.strip()):
        return Problem.at(
            Location(shown, 2), "wrong-type", "the front matter's 'title' must be text"
        )
    return None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def assemble(loaded: Loaded) -> Playbook:
    """The model, once loading and checks found no error."""
    return Playbook(
        files=loaded.files,
        collections=loaded.collections,
        pages=loaded.pages,
        translations=loaded.translations,
    )
