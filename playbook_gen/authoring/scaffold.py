"""Write a commented example entry for `playbook-gen new KIND ID`, from the declarations in models.py.

The example validates as it is: text fields hold "TODO: ..." placeholders (which `validate` reports
as warnings until they are replaced), references name entries that exist, optional fields are
written commented out with their description, so an editor sees every field the entry may have.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import yaml

from ..content.catalogue import YAML_SUFFIXES, _suggest_id, find_yaml
from ..content.kinds import FILES, KINDS, singular
from ..content.loader import read_yaml
from ..content.model import ID_PATTERN
from ..content.translations import texts_of
from ..content.validate import shape
from .schema import a_or_an, modeline, translation_modeline
from ..content.walker import (
    Shape,
    declared_fields,
    field_doc,
    fields_by_name,
    is_required,
    shape_of,
    unique_fields,
)


def new_kinds() -> dict[str, str]:
    """The kinds `new` writes: the singular word -> its collection folder."""
    return {kind.slug: folder for folder, kind in KINDS.items()}


#: Fields written last, filled in, whatever their declaration says: who keeps the entry current.
KEEPING = ("owner", "reviewed")


class ScaffoldError(Exception):
    """Why an entry cannot be created; the message is for the editor."""


def check_new_id(entry_id: str, kind: str, content_dir: Path) -> Path:
    """The file the new entry goes to; ScaffoldError if the id is malformed or taken."""
    collection = new_kinds()[kind]
    if not re.match(ID_PATTERN, entry_id):
        raise ScaffoldError(
            f"'{entry_id}' is not a valid id: use lower-case letters, digits and hyphens, "
            f"starting with a letter or digit (e.g. '{_suggest_id(entry_id)}')"
        )
    folder = content_dir / collection
    for suffix in YAML_SUFFIXES:
        taken = folder / f"{entry_id}{suffix}"
        if taken.exists():
            raise ScaffoldError(
                f"{a_or_an(kind)} with the id '{entry_id}' already exists ({taken.as_posix()}); "
                "choose another id or edit that file"
            )
    return folder / f"{entry_id}.yml"


def existing_ids(content_dir: Path) -> dict[str, list[str]]:
    """Ids of the entries in each collection, from their file names, sorted."""
    found: dict[str, list[str]] = {}
    for collection in KINDS:
        folder = content_dir / collection
        names = sorted(folder.iterdir()) if folder.is_dir() else []
        found[collection] = [
            file.stem
            for file in names
            if file.suffix in YAML_SUFFIXES and re.match(ID_PATTERN, file.stem)
        ]
    return found


def create_entry(kind: str, entry_id: str, content_dir: Path, today: dt.date) -> Path:
    """Write the example entry and return its path."""
    target = check_new_id(entry_id, kind, content_dir)
    folder = content_dir / new_kinds()[kind]
    text = scaffold_text(kind, existing_ids(content_dir), today, taken_values(folder))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def taken_values(folder: Path) -> dict[str, set[tuple[object, object]]]:
    """For each field whose values entries may not share: (group, value) of the entries already
    in the folder, read as plainly as can be (a file that cannot be read is passed over)."""
    fields = unique_fields(KINDS[folder.name].cls)
    taken: dict[str, set[tuple[object, object]]] = {name: set() for name, _unique in fields}
    if not fields or not folder.is_dir():
        return taken
    for file in sorted(folder.iterdir()):
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict):
            for name, unique in fields:
                group = data.get(unique.within) if unique.within else None
                taken[name].add((group, data.get(name)))
    return taken


def _free_values(
    cls: type, known: dict[str, list[str]], taken: dict[str, set[tuple[object, object]]]
) -> dict[str, object]:
    """For each field whose values entries may not share, the first value no entry holds yet:
    a number counted up from the lowest allowed, or an id not yet named. Its group is the one
    the example names (a phase's example names the first life cycle)."""
    free: dict[str, object] = {}
    for name, unique in unique_fields(cls):
        group = None
        if unique.within:
            target = shape_of(fields_by_name(cls)[unique.within][1]).ref
            group = next(iter(known.get(target, [])), None)
        shape = shape_of(fields_by_name(cls)[name][1])
        held = taken.get(name, set())
        if shape.ref:
            candidates = known.get(shape.ref, [])
            chosen = next((i for i in candidates if (group, i) not in held), None)
            if chosen is not None:
                free[name] = chosen
        else:
            number = (shape.limits or (1, 1))[0]
            while (group, number) in held:
                number += 1
            free[name] = number
    return free


def scaffold_text(
    kind: str,
    known: dict[str, list[str]],
    today: dt.date,
    taken: dict[str, set[tuple[object, object]]] | None = None,
) -> str:
    """The example entry: modeline, a short guide, then every field with its description."""
    cls = KINDS[new_kinds()[kind]].cls
    writer = _Writer(known, today, _free_values(cls, known, taken or {}))
    fields = declared_fields(cls)
    fields = [pair for pair in fields if pair[0].name not in KEEPING] + [
        pair for pair in fields if pair[0].name in KEEPING
    ]
    lines = [
        modeline(kind, in_collection=True),
        f'# A new {kind}. Replace every "TODO: ..." with real content; `playbook-gen validate`',
        "# lists the ones left. Optional fields are commented out: remove the '# ' to use one.",
    ]
    for f, hint in fields:
        # Of fields one of which must be given, the first stands for them all.
        required = is_required(f) or f.name in KEEPING or f.name in cls.ONE_OF[:1]
        lines.append("")
        lines.append(f"# {field_doc(hint)}" + ("" if required else " (optional)"))
        body = writer.field(f.name, hint, 0)
        lines += body if required else ["# " + line for line in body]
    return "\n".join(lines) + "\n"


class _Writer:
    """YAML lines for a field's example value, indented to `depth` levels of two spaces."""

    def __init__(
        self, known: dict[str, list[str]], today: dt.date, free: dict[str, object]
    ) -> None:
        self.known = known
        self.today = today
        self.free = free  # top-level fields' values that no entry holds yet

    def field(self, name: str, hint: Any, depth: int) -> list[str]:
        pad = "  " * depth
        if depth == 0 and name in self.free:
            return [f"{name}: {self.free[name]}"]
        shape = shape_of(hint)
        if shape.kind == "list":
            item = shape.item
            if item.ref is not None:
                ids = self.known.get(item.ref, [])[:1]
                return [f"{pad}{name}: [{', '.join(ids)}]"]
            if item.kind == "record":
                record = self.record(item.cls, depth + 2)
                return [f"{pad}{name}:", f"{pad}  - {record[0].lstrip()}", *record[1:]]
            return [f"{pad}{name}:", f"{pad}  - {self.scalar(item, shape.doc)}"]
        if shape.kind == "mapping":
            return [f"{pad}{name}: {{}}"]
        if shape.kind == "record":
            return [f"{pad}{name}:", *self.record(shape.cls, depth + 1)]
        if shape.kind == "text" and shape.ref is None and shape.markdown:
            return [f"{pad}{name}: |", f"{pad}  TODO: {shape.doc}. Markdown works here."]
        value = self.scalar(shape, shape.doc)
        if shape.kind == "choice":
            value += f"  # one of: {', '.join(str(choice) for choice in shape.choices)}"
        return [f"{pad}{name}: {value}"]

    def record(self, cls: type, depth: int) -> list[str]:
        lines: list[str] = []
        # Of fields one of which must be given, the first stands for them all.
        wanted = cls.ONE_OF[:1]
        for f, hint in declared_fields(cls):
            if is_required(f) or f.name in wanted:
                lines += self.field(f.name, hint, depth)
        return lines

    def scalar(self, shape: Shape, doc: str) -> str:
        if shape.ref is not None:
            ids = self.known.get(shape.ref, [])
            if ids:
                return ids[0]
            return json.dumps(f"TODO: create {a_or_an(singular(shape.ref))} first")
        if shape.pattern is not None:
            return json.dumps(shape.pattern.example)
        return {
            "choice": lambda: str(shape.choices[0]),
            "date": self.today.isoformat,
            "bool": lambda: "false",
            "int": lambda: str(shape.limits[0] if shape.limits else 0),
        }.get(shape.kind, lambda: json.dumps(f"TODO: {doc}", ensure_ascii=False))()


def create_translation(kind: str, entry_id: str, language: str, content_dir: Path) -> Path:
    """Write the start of a translation of an entry (`new KIND ID --language fr`): its texts
    as the entry has them, for the translator to write over; ScaffoldError if it cannot be."""
    folder = content_dir / new_kinds()[kind]
    cls = KINDS[new_kinds()[kind]].cls
    languages = _languages(content_dir)
    if language not in languages[1:]:
        listed = ", ".join(languages) or "none"
        raise ScaffoldError(
            f"'{language}' is not one of the playbook's other languages ({listed}); list it "
            "under 'languages' in playbook.yml first, the entries' own language first"
        )
    base = find_yaml(folder, entry_id)
    if base is None:
        raise ScaffoldError(f"there is no {kind} '{entry_id}' in {folder.as_posix()} to translate")
    target = folder / f"{entry_id}.{language}.yml"
    if target.exists():
        raise ScaffoldError(f"{target.as_posix()} exists already; edit that file")
    record = _read_record(base, cls, f"this {kind}")
    if record is None:
        raise ScaffoldError(
            f"{base.as_posix()} has errors; run 'playbook-gen validate' and fix them first"
        )
    texts = yaml.safe_dump(texts_of(record), allow_unicode=True, sort_keys=False, width=100)
    lines = [
        translation_modeline(kind),
        f"# The '{language}' text of {new_kinds()[kind]}/{base.name}: write each value in that",
        "# language. Ids, references, dates and the owner come from the entry and are left out;",
        "# a value left as it is counts as not translated, and readers then see the entry's own.",
        "",
    ]
    target.write_text("\n".join(lines) + texts, encoding="utf-8")
    return target


def _languages(content_dir: Path) -> list[str]:
    """playbook.yml's languages, as far as the file can be read."""
    found = find_yaml(content_dir, "playbook")
    settings = _read_record(found, FILES["playbook"].cls, "playbook.yml") if found else None
    return list(settings.languages) if settings else []


def _read_record(file: Path, cls: type, label: str) -> Any:
    """The file's record, or None if it has errors (`validate` says which)."""
    document, _problems = read_yaml(file, file.as_posix())
    record, _problems = (
        shape(cls, document.root, file.as_posix(), label) if document else (None, [])
    )
    return record
