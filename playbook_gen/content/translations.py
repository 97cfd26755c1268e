"""Content in more than one language: a translation file beside each entry it translates.

`services/risk-review.fr.yml` holds the French text of `services/risk-review.yml`: only its
text fields, written in the same structure (a list as many items long, in the same order).
Ids, references, allowed values, numbers, dates and the owner belong to the entry and are the
same in every language, so a translation cannot hold them. Single files work alike
(`mandate.fr.yml`), and so do hand-written pages (`pages/about-this-site.fr.md`).

Files rather than a map per field (`summary: {en: …, fr: …}`): the entry files, their forms,
schema and change digest stay as they are; a translator works in files of their own; and an
editor sees at a glance what is missing — the folder shows which entries have a `.fr.yml`, and
`validate` and `stale --untranslated` name the rest. A missing text falls back to the playbook's
first language.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from ..problems import Location, Problem
from .loader import read_yaml
from .model import Record
from .validate import _MISSING, Shaper, did_you_mean
from .walker import Shape, fields_by_name, shape_of, values

#: `risk-review.fr` or `about-this-site.pt-BR`: a name, a dot, a language code.
_LANGUAGE_SUFFIX = re.compile(
    r"^(?P<base>[^.]+)\.(?P<language>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)$"
)

#: Fields every language shares though they hold text: who keeps the entry.
SHARED_TEXT = {"owner"}


@functools.cache
def is_language(code: str) -> bool:
    """Whether Babel knows the language code ('fr', 'de-CH', 'pt_BR')."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True


def split_language(stem: str) -> tuple[str, str] | None:
    """('risk-review', 'fr') for 'risk-review.fr'; None when the suffix is not a language."""
    found = _LANGUAGE_SUFFIX.match(stem)
    if not found or not is_language(found["language"]):
        return None
    return found["base"], found["language"]


@dataclass(frozen=True)
class TranslationFile:
    """A file found holding a translation, before it is read."""

    language: str
    folder: str | None  # the kind's folder; None for a single file (mandate.fr.yml)
    name: str  # the id of the entry it translates, or the single file's name
    path: str  # as messages show it
    file: Path


@dataclass
class Coverage:
    """How much of one entry or file a translation covers, counted in texts."""

    path: str  # the base entry's file
    owner: str | None
    texts: int  # texts of the base entry a translation could give
    translated: int = 0

    @property
    def complete(self) -> bool:
        return self.translated >= self.texts


@dataclass
class Translations:
    """Every translation read: the translated records and what is still missing."""

    #: language -> folder (or single file's name) -> id (or the name) -> translated record
    records: dict[str, dict[str, dict[str, Record]]] = field(default_factory=dict)
    #: language -> hand-written page (relative to pages/) -> its translation (relative, shown)
    pages: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    #: language -> (folder or None, id or name) -> coverage
    coverage: dict[str, dict[tuple[str | None, str], Coverage]] = field(default_factory=dict)


def translate(base: Record, node: yaml.Node, path: str) -> tuple[Record | None, int, list[Problem]]:
    """The base record with the translation's texts in place of its own: the copy, how many
    texts it translated, and the problems (the copy is None if there is any)."""
    walk = _Walk(path)
    translated = walk.record(base, node, "this translation")
    if walk.shaper.problems:
        return None, 0, walk.shaper.problems
    return translated, walk.texts, []


def translatable(shape: Shape) -> bool:
    """Whether a value of this shape holds text that a translation gives."""
    if shape.kind == "text":
        return shape.ref is None and shape.pattern is None
    if shape.kind in ("list", "mapping"):
        return translatable(shape.item)
    if shape.kind == "record":
        return any(
            name not in SHARED_TEXT and translatable(shape_of(hint))
            for name, (_f, hint) in fields_by_name(shape.cls).items()
        )
    return False


def text_count(record: Record) -> int:
    """How many texts of a record a translation could give."""
    return sum(
        1
        for found in values(record)
        if found.shape.kind == "text"
        and found.field not in SHARED_TEXT
        and translatable(found.shape)
    )


class _Walk:
    """One translation file read against its base record, with the validator's text rules."""

    def __init__(self, path: str) -> None:
        self.shaper = Shaper(path)
        self.texts = 0

    def error(self, node: yaml.Node, code: str, message: str) -> None:
        self.shaper.error(node, code, message)

    def record(self, base: Record, node: yaml.Node, label: str) -> Record:
        if not isinstance(node, yaml.MappingNode):
            self.error(
                node,
                "translation",
                f"{label} must be a mapping of the fields it translates, like the entry itself",
            )
            return base
        by_name = fields_by_name(type(base))
        result = copy.copy(base)
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if name == "id":
                self.error(
                    key_node,
                    "translation",
                    "the id comes from the file name and is the same in every language; "
                    "leave it out of the translation",
                )
                continue
            if name not in by_name:
                hint = did_you_mean(str(name), by_name)
                self.error(key_node, "unknown-field", f"unknown field '{name}' in {label}{hint}")
                continue
            shape = shape_of(by_name[name][1])
            why = _why_shared(name, shape)
            if why:
                self.error(
                    key_node,
                    "translation",
                    f"'{name}' {why}, which every language shares; leave it out of the "
                    "translation (only text is translated)",
                )
                continue
            given = getattr(base, name)
            if given in (None, "", [], {}):
                self.error(
                    key_node,
                    "translation",
                    f"the entry has no '{name}' to translate; write it in the entry's own "
                    "file first, or leave it out here",
                )
                continue
            value = self.value(shape, given, value_node, f"'{name}'")
            if value is not _MISSING:
                setattr(result, name, value)
        return result

    def value(self, shape: Shape, given: object, node: yaml.Node, label: str) -> object:
        if shape.kind == "text":
            if not isinstance(node, yaml.ScalarNode):
                self.error(node, "wrong-type", f"{label} must be text, as in the entry")
                return _MISSING
            text = self.shaper.text(shape, node, label)
            # A text left as the entry has it (as `new --language` writes it) is still to do.
            if text is not _MISSING and text != given:
                self.texts += 1
            return text
        if shape.kind == "record":
            return self.record(given, node, label)
        if shape.kind == "list":
            return self.items(shape, given, node, label)
        if shape.kind == "mapping":
            return self.mapping(shape, given, node, label)
        return _MISSING  # pragma: no cover - _why_shared refused every other shape

    def items(self, shape: Shape, given: list, node: yaml.Node, label: str) -> object:
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != len(given):
            self.error(
                node,
                "translation",
                f"{label} must be a list of {len(given)} item(s), as in the entry and in the "
                "same order, each translated",
            )
            return _MISSING
        result = []
        for index, (item, item_node) in enumerate(zip(given, node.value)):
            value = self.value(shape.item, item, item_node, f"item {index + 1} of {label}")
            result.append(item if value is _MISSING else value)
        return result

    def mapping(self, shape: Shape, given: dict, node: yaml.Node, label: str) -> object:
        pairs = self.shaper.pairs(shape, node, label)
        if pairs is None:
            return _MISSING
        result = dict(given)
        for key_node, value_node in pairs:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in given:
                hint = did_you_mean(str(key), [str(k) for k in given])
                self.error(
                    key_node,
                    "translation",
                    f"the entry's {label} has no '{key}' to translate{hint}",
                )
                continue
            value = self.value(shape.item, given[key], value_node, f"'{key}' in {label}")
            if value is not _MISSING:
                result[key] = value
        return result


def texts_of(record: Record) -> dict:
    """A record's translatable texts as plain data in its own structure, for a translator to
    start from (`playbook-gen new KIND ID --language fr`)."""
    found = {}
    for name, (_f, hint) in fields_by_name(type(record)).items():
        shape = shape_of(hint)
        value = getattr(record, name)
        if name in SHARED_TEXT or not translatable(shape) or value in (None, "", [], {}):
            continue
        found[name] = _plain(shape, value)
    return found


def _plain(shape: Shape, value: object) -> object:
    if shape.kind == "list":
        return [_plain(shape.item, item) for item in value]
    if shape.kind == "mapping":
        return {key: _plain(shape.item, item) for key, item in value.items()}
    if shape.kind == "record":
        return texts_of(value)
    return value


def _why_shared(name: str, shape: Shape) -> str | None:
    """Why a field is not translated (it names an entry, it is a date...), or None."""
    if name in SHARED_TEXT:
        return "says who keeps the entry"
    if translatable(shape):
        return None
    inner = shape
    while inner.kind in ("list", "mapping"):
        inner = inner.item
    if inner.ref:
        return "names other entries" if inner is not shape else "names another entry"
    if inner.pattern:
        return f"is {inner.pattern.wanted}"
    return {
        "choice": "is one of the allowed values",
        "int": "is a number",
        "bool": "is true or false",
        "date": "is a date",
    }.get(inner.kind, "holds no text")


def read_translations(
    found: list[TranslationFile],
    pages: dict[str, dict[str, str]],
    files: dict[str, Record],
    collections: dict[str, dict[str, Record]],
    ids: dict[str, dict[str, str]],
    page_paths: dict[str, str],
    languages: list[str],
) -> tuple[Translations, list[Problem]]:
    """Read every translation against its base; every entry's coverage per other language.

    `pages` maps each language to its translated pages (relative path -> path shown), `ids` and
    `page_paths` are every entry and page found (a base whose own file is broken has its own
    error, not a second one here).
    """
    result = Translations()
    problems: list[Problem] = []
    others = languages[1:]
    for language in others:
        result.records[language] = {}
        result.pages[language] = {}
    for translation in found:
        problem = _language_problem(translation.language, translation.path, languages)
        if problem:
            problems.append(problem)
            continue
        where = translation.folder or translation.name
        base = (
            collections.get(translation.folder, {}).get(translation.name)
            if translation.folder
            else files.get(translation.name)
        )
        if base is None:
            known = ids.get(translation.folder, {}) if translation.folder else {}
            if translation.folder and translation.name not in known:
                hint = did_you_mean(translation.name, known)
                problems.append(
                    Problem.at(
                        Location(translation.path),
                        "translation",
                        f"there is no {translation.folder}/{translation.name}.yml for this "
                        f"translation to translate{hint}",
                    )
                )
            continue
        document, read_problems = read_yaml(translation.file, translation.path)
        problems += read_problems
        if document is None:
            continue
        translated, count, shape_problems = translate(base, document.root, translation.path)
        problems += shape_problems
        if translated is not None:
            result.records[translation.language].setdefault(where, {})[translation.name] = (
                translated
            )
            result.coverage.setdefault(translation.language, {})[
                (translation.folder, translation.name)
            ] = Coverage(base.source.path, base.owner, text_count(base), count)
    for language, translated_pages in sorted(pages.items()):
        for relative, shown in sorted(translated_pages.items()):
            problem = _language_problem(language, shown, languages)
            if problem:
                problems.append(problem)
                continue
            base_page = _base_page(relative, language)
            if base_page not in page_paths:
                problems.append(
                    Problem.at(
                        Location(shown),
                        "translation",
                        f"there is no page pages/{base_page} for this translation to translate",
                    )
                )
                continue
            result.pages[language][base_page] = (relative, shown)
    for language in others:
        _fill_coverage(result, language, files, collections)
    return result, problems


def _base_page(relative: str, language: str) -> str:
    """'guides/about.fr.md' -> 'guides/about.md'."""
    return relative[: -len(f".{language}.md")] + ".md"


def _language_problem(language: str, shown: str, languages: list[str]) -> Problem | None:
    if language in languages[1:]:
        return None
    if languages and language == languages[0]:
        why = (
            f"'{language}' is the playbook's first language, which the entries themselves are "
            "written in; put this text in the entry's own file"
        )
    elif not languages:
        why = (
            f"the file is named for the language '{language}', but the playbook has no "
            "languages; list them in playbook.yml (languages: [en, "
            f"{language}]), the first being the language of the entries"
        )
    else:
        why = (
            f"the language '{language}' is not one of the playbook's languages "
            f"({', '.join(languages)}); add it to 'languages' in playbook.yml or rename the file"
        )
    return Problem.at(Location(shown), "translation", why)


def _fill_coverage(
    result: Translations,
    language: str,
    files: dict[str, Record],
    collections: dict[str, dict[str, Record]],
) -> None:
    """Coverage for every entry and file of the playbook, translated or not."""
    coverage = result.coverage.setdefault(language, {})
    bases = [((None, name), record) for name, record in files.items()] + [
        ((folder, entry_id), entry)
        for folder, entries in collections.items()
        for entry_id, entry in entries.items()
    ]
    for key, record in bases:
        if key not in coverage:
            texts = text_count(record)
            if texts:
                coverage[key] = Coverage(record.source.path, record.owner, texts)


def coverage_warnings(
    translations: Translations, languages: list[str], at: Location
) -> list[Problem]:
    """One warning per language whose translation is not complete."""
    warnings = []
    for language in languages[1:]:
        found = translations.coverage.get(language, {}).values()
        if not found:
            continue
        complete = sum(1 for item in found if item.complete)
        partly = sum(1 for item in found if item.translated and not item.complete)
        if complete == len(found):
            continue
        texts = sum(item.texts for item in found)
        done = sum(min(item.translated, item.texts) for item in found)
        part = f" ({partly} of them in part)" if partly else ""
        warnings.append(
            Problem.at(
                at,
                "untranslated",
                f"'{language}': {complete + partly} of {len(found)} entries and files are "
                f"translated{part}, {done} of {texts} texts; readers see the rest in "
                f"'{languages[0]}'. `playbook-gen stale --untranslated` lists them by owner",
                severity="warning",
            )
        )
    return warnings
