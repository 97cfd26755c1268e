"""What changed between two versions of the content, in the business's words.

Each changed file is read on both sides, shaped into its declared class, and compared field by
field: "Service 'Risk review': turnaround changed from 5 days to 3 days". Changes that do not
alter any value (comments, quoting, indentation) are not reported. Every sentence is Markdown with
the content's own text escaped, fit for a pull request comment and for the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..content.loader import parse_yaml
from ..content.kinds import FILES, KINDS
from ..content.model import entry_name
from ..content.translations import split_language
from ..content.validate import shape
from ..content.walker import FIELD_WORDS, Shape, declared_fields, shape_of
from ..text import plain

#: Names for the single files, as a reader calls them.
FILE_TITLES = {"playbook": "Settings", "mandate": "Mandate", "raci": "RACI", "glossary": "Glossary"}

#: How the digest names a mapping's keys: "activity 'x'", "role 'y'".
FIELD_LABELS = {**FIELD_WORDS, "activities": "activity", "assignments": "role"}

#: Longer values are cut short: a digest says what changed, the pull request shows the text.
SHOWN_CHARACTERS = 80
#: A text field longer than this is a sentence: its change is "reworded", not quoted in full.
SENTENCE_CHARACTERS = 40

#: Reads a file of one side by its path in the content folder; None when it does not exist.
Reader = Callable[[str], "bytes | None"]


@dataclass
class Change:
    """One content file added, removed or changed, with what changed in it."""

    kind: str  # "added", "removed" or "changed"
    subject: str  # Markdown, e.g. "Service **Risk review**"
    path: str  # relative to the content folder
    details: list[str] = field(default_factory=list)  # Markdown sentences


class Side:
    """One version of the content: parses files on demand and remembers entry names."""

    def __init__(self, read: Reader) -> None:
        self.read = read
        self._records: dict[str, object] = {}

    def record(self, path: str) -> object | None:
        """The file's typed record; None when it is missing or has errors."""
        if path not in self._records:
            self._records[path] = self._parse(path)
        return self._records[path]

    def _parse(self, path: str) -> object | None:
        cls = class_of(path)
        raw = self.read(path)
        if cls is None or raw is None:
            return None
        document, problems = parse_yaml(raw, path)
        if document is None or problems:
            return None
        record, problems = shape(cls, document.root, path, path)
        if any(problem.severity == "error" for problem in problems):
            return None
        return record

    def name(self, collection: str, entry_id: str) -> str:
        """What readers call an entry: its name (a challenge's question), else its id."""
        if collection == "raci-activities":
            raci = self.record("raci.yml")
            activity = getattr(raci, "activities", {}).get(entry_id)
            return activity.name if activity else entry_id
        if collection not in KINDS:
            return entry_id
        return entry_name(self.record(f"{collection}/{entry_id}.yml")) or entry_id


def class_of(path: str) -> type | None:
    parts = path.split("/")
    stem, _, suffix = parts[-1].rpartition(".")
    if suffix not in ("yml", "yaml"):
        return None
    if len(parts) == 1:
        return FILES[stem].cls if stem in FILES else None
    if len(parts) == 2:
        return KINDS[parts[0]].cls if parts[0] in KINDS else None
    return None


def compare(paths: list[tuple[str, str]], old: Reader, new: Reader) -> list[Change]:
    """The changes for each (status, path) of a git diff, in a stable reading order."""
    before, after = Side(old), Side(new)
    changes = [
        change
        for status, path in paths
        if (change := compare_file(status, path, before, after)) is not None
    ]
    return sorted(changes, key=_reading_order)


def _reading_order(change: Change) -> tuple:
    parts = change.path.split("/")
    kinds = [*FILES, *KINDS, "pages"]
    first = parts[0].rpartition(".")[0] if len(parts) == 1 else parts[0]
    return (kinds.index(first) if first in kinds else len(kinds), change.path)


def compare_file(status: str, path: str, before: Side, after: Side) -> Change | None:
    translated = _translated_path(path)
    if translated:
        # A translation holds the entry's texts in another language: said as such, whole.
        base, language = translated
        kind = {"A": "added", "D": "removed"}.get(status, "changed")
        if base.endswith(".md"):
            subject = f"Page `{base.removeprefix('pages/')}`"
        else:
            subject = _subject(base, after.record(base) or before.record(base))
        subject = f"{subject}, its '{language}' text"
        return Change(kind, subject, path)
    cls = class_of(path)
    if cls is None:
        if path.startswith("pages/") and path.endswith(".md"):
            kind = {"A": "added", "D": "removed"}.get(status, "changed")
            return Change(kind, f"Page `{path.removeprefix('pages/')}`", path)
        return None
    old = before.record(path) if status != "A" else None
    new = after.record(path) if status != "D" else None
    subject = _subject(path, new or old)
    if status == "A":
        return Change("added", subject, path, [] if new else [_errors("new")])
    if status == "D":
        return Change("removed", subject, path)
    if old is None or new is None:
        return Change("changed", subject, path, [_errors("earlier" if new else "new")])
    details = compare_records(cls, old, new, after, before)
    return Change("changed", subject, path, details) if details else None


def _translated_path(path: str) -> tuple[str, str] | None:
    """('services/risk-review.yml', 'fr') for 'services/risk-review.fr.yml', the same for a
    single file's or a page's translation; None for any other path."""
    folder, _slash, name = path.rpartition("/")
    stem, _dot, suffix = name.rpartition(".")
    split = split_language(stem) if suffix in ("yml", "yaml", "md") else None
    if split is None:
        return None
    base = f"{folder}/{split[0]}.{suffix}" if folder else f"{split[0]}.{suffix}"
    if suffix == "md" or class_of(base) is not None:
        return base, split[1]
    return None


def _errors(which: str) -> str:
    return f"not compared: the {which} version has errors (`playbook-gen validate` lists them)"


def _subject(path: str, record: object | None) -> str:
    parts = path.split("/")
    if len(parts) == 1:
        return FILE_TITLES[parts[0].rpartition(".")[0]]
    name = entry_name(record) or parts[1].rpartition(".")[0]
    return f"{KINDS[parts[0]].singular.capitalize()} **{shown(name)}**"


def compare_records(
    cls: type, old: object, new: object, after: Side, before: Side, prefix: str = ""
) -> list[str]:
    """A sentence for each field whose value differs, nested records included."""
    details: list[str] = []
    for f, hint in declared_fields(cls):
        a, b = getattr(old, f.name), getattr(new, f.name)
        if a != b:
            label = prefix + FIELD_LABELS.get(f.name, f.name.replace("_", " "))
            details += _compare_values(label, shape_of(hint), a, b, after, before)
    return details


def _compare_values(
    label: str, shape: Shape, a: object, b: object, after: Side, before: Side
) -> list[str]:
    if a is None or b is None or shape.kind not in ("list", "mapping", "record"):
        return [_scalar_change(label, shape, a, b, after, before)]
    if shape.kind == "list":
        return _compare_lists(label, shape.item, a, b, after, before)
    if shape.kind == "mapping":
        return _compare_mappings(label, shape, a, b, after, before)
    return compare_records(shape.cls, a, b, after, before, prefix=f"{label}: ")


def _scalar_change(
    label: str, shape: Shape, a: object, b: object, after: Side, before: Side
) -> str:
    if shape.markdown or _is_long(a) or _is_long(b):
        if a is None:
            return f"{label} added"
        return f"{label} removed" if b is None else f"{label} reworded"
    if a is None:
        return f"{label} set to {_value(shape, b, after)}"
    if b is None:
        return f"{label} removed (was {_value(shape, a, before)})"
    return f"{label} changed from {_value(shape, a, before)} to {_value(shape, b, after)}"


def _compare_lists(
    label: str, item: Shape, a: list, b: list, after: Side, before: Side
) -> list[str]:
    if item.kind == "record":
        old = {_item_key(value): value for value in a}
        new = {_item_key(value): value for value in b}
        details = _added_removed(label, old, new, lambda key, side: f"'{shown(key)}'")
        for key in old.keys() & new.keys():
            if old[key] != new[key]:
                inner = f"{label} '{shown(key)}': "
                details += compare_records(item.cls, old[key], new[key], after, before, inner)
        if not details and list(old) != list(new):
            details.append(f"{label} reordered")
        return details
    old_items = {_key(value): value for value in a}
    new_items = {_key(value): value for value in b}
    details = _added_removed(
        label, old_items, new_items, lambda key, side: _quoted(item, key, side), after, before
    )
    if not details:
        details.append(f"{label} reordered")
    return details


def _compare_mappings(
    label: str, shape: Shape, a: dict, b: dict, after: Side, before: Side
) -> list[str]:
    def show(key: object, side: Side | None) -> str:
        # A RACI activity is known by its name, which its own record holds.
        named = entry_name(b.get(key) or a.get(key))
        return f"'{shown(named)}'" if named else _quoted(shape.key, key, side)

    details = _added_removed(label, a, b, show, after, before)
    for key in sorted(a.keys() & b.keys()):
        if a[key] != b[key]:
            inner = f"{label} {show(key, after)}"
            if shape.item.kind == "record":
                details += compare_records(
                    shape.item.cls, a[key], b[key], after, before, inner + ": "
                )
            else:
                details.append(_scalar_change(inner, shape.item, a[key], b[key], after, before))
    return details


def _added_removed(
    label: str,
    old: dict,
    new: dict,
    show: Callable[[object, Side], str],
    after: Side | None = None,
    before: Side | None = None,
) -> list[str]:
    added = [key for key in new if key not in old]
    removed = [key for key in old if key not in new]
    details = []
    if added:
        details.append(f"{label}: added " + ", ".join(show(key, after) for key in added))
    if removed:
        details.append(f"{label}: removed " + ", ".join(show(key, before) for key in removed))
    return details


def _item_key(item: object) -> str:
    """What identifies a list item that is a record: its first field (name, item, term...)."""
    first = declared_fields(type(item))[0][0].name
    return str(getattr(item, first))


def _key(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


def _is_long(value: object) -> bool:
    return isinstance(value, str) and (len(value) > SENTENCE_CHARACTERS or "\n" in value.strip())


def _value(shape: Shape, value: object, side: Side) -> str:
    collection = shape.ref
    if collection and collection != "_id" and isinstance(value, str):
        return shown(side.name(collection, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return shown(value)


def _quoted(shape: Shape, value: object, side: Side | None) -> str:
    collection = shape.ref
    if side is not None and collection and collection != "_id" and isinstance(value, str):
        value = side.name(collection, value)
    return f"'{shown(value)}'"


def shown(value: object) -> str:
    """A value as escaped Markdown on one line, cut short past SHOWN_CHARACTERS."""
    text = " ".join(str(value).split())
    if len(text) > SHOWN_CHARACTERS:
        text = text[: SHOWN_CHARACTERS - 1].rstrip() + "…"
    return str(plain(text))
