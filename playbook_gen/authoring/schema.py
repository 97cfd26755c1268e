"""JSON Schema (draft 2020-12) for every content file, generated from the declarations in models.py.

Editors use it for completion and underlining mistakes (the yaml-language-server modeline at the top
of each content file names its schema). The schema accepts what the validator accepts: plain text
fields take any scalar, as the validator reads '2026' or 'yes' as the text written; ids follow the
id pattern; dates are YYYY-MM-DD. Cross-file rules (does this role exist?) stay with the validator.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from ..content.kinds import FILES, KINDS, OTHER_TARGETS, declared_in, singular
from ..content.model import ID_PATTERN
from ..content.translations import SHARED_TEXT, translatable
from ..content.walker import Shape, declared_fields, field_doc, is_markdown, is_required, shape_of

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: Characters the validator refuses in text: controls (but tab and line breaks) and
#: bidirectional overrides.
HIDDEN = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069"
#: Text: something besides white space, and none of the hidden characters.
NOT_BLANK = rf"^[^{HIDDEN}]*[^\s{HIDDEN}][^{HIDDEN}]*$"
#: One-line text: as above, and no line break before the end.
ONE_LINE = rf"^[^\n{HIDDEN}]*[^\s{HIDDEN}][^\n{HIDDEN}]*\n?$"
#: The validator reads any scalar written for a text field as the text the editor typed.
TEXT_TYPES = ["string", "number", "boolean"]


def schema_names() -> dict[str, type]:
    """Schema file stem -> declared class: top-level files by name, collections by entry kind."""
    names: dict[str, type] = {name: file.cls for name, file in FILES.items()}
    for kind in KINDS.values():
        names[kind.slug] = kind.cls
    return names


def schema_file(kind: str) -> str:
    return f"{kind}.schema.json"


def modeline(kind: str, in_collection: bool) -> str:
    """The first line of a content file, naming its schema relative to the file."""
    up = "../../" if in_collection else "../"
    return f"# yaml-language-server: $schema={up}schema/{schema_file(kind)}"


def translation_schema_file(kind: str) -> str:
    return f"{kind}.translation.schema.json"


def translation_modeline(kind: str) -> str:
    """The first line of an entry's translation file, naming its schema."""
    return f"# yaml-language-server: $schema=../../schema/{translation_schema_file(kind)}"


def build_translation_schema(cls: type, kind: str) -> dict[str, Any]:
    """The schema of a translation file: the kind's text fields alone, in its structure, none
    of them required (content/translations.py)."""
    defs: dict[str, Any] = {}
    root = _translation_object(cls, defs)
    where = (
        f"{kind}.<language>.yml" if kind in FILES else f"{_collection_of(kind)}/<id>.<language>.yml"
    )
    schema: dict[str, Any] = {"$schema": DIALECT, "title": f"content/{where}"}
    schema.update(root)
    schema["description"] = (
        "A translation: the text fields of the entry in one of the playbook's other languages"
    )
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _translation_object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for f, hint in declared_fields(cls):
        shape = shape_of(hint)
        if f.name in SHARED_TEXT or not translatable(shape):
            continue
        text = field_doc(hint) + (" (Markdown)" if is_markdown(hint) else "")
        properties[f.name] = {"description": text, **_translated(shape, defs)}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _translated(shape: Shape, defs: dict[str, Any]) -> dict[str, Any]:
    if shape.kind == "list":
        return {"type": "array", "items": _translated(shape.item, defs)}
    if shape.kind == "mapping":
        by_key = {"type": "object", "additionalProperties": _translated(shape.item, defs)}
        item = _translated(shape.item, defs)
        if shape.item.kind == "record":
            fields = _translation_object(shape.item.cls, defs)["properties"]
            listed = {
                "type": "object",
                "properties": {shape.keyed.key: _shaped(shape.key, defs), **fields},
                "required": [shape.keyed.key],
                "additionalProperties": False,
            }
        else:
            listed = {
                "type": "object",
                "properties": {shape.keyed.key: _shaped(shape.key, defs), shape.keyed.value: item},
                "required": [shape.keyed.key],
                "additionalProperties": False,
            }
        return {"anyOf": [by_key, {"type": "array", "items": listed}]}
    if shape.kind == "record":
        name = f"{shape.cls.__name__}Translation"
        if name not in defs:
            defs[name] = {}
            defs[name] = _translation_object(shape.cls, defs)
        return {"$ref": f"#/$defs/{name}"}
    return _shaped(shape, defs)


def build_schema(cls: type, kind: str) -> dict[str, Any]:
    """The whole schema of one content file: its class, and every nested class under $defs."""
    defs: dict[str, Any] = {}
    root = _object(cls, defs)
    title = "content/" + (f"{kind}.yml" if kind in FILES else f"{_collection_of(kind)}/<id>.yml")
    schema: dict[str, Any] = {"$schema": DIALECT, "title": title}
    schema.update(root)
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into `out`; deterministic, so the committed copies can be compared."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, cls in schema_names().items():
        path = out / schema_file(kind)
        path.write_text(schema_text(build_schema(cls, kind)), encoding="utf-8")
        written.append(path)
        path = out / translation_schema_file(kind)
        path.write_text(schema_text(build_translation_schema(cls, kind)), encoding="utf-8")
        written.append(path)
    return written


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _collection_of(kind: str) -> str:
    return next(folder for folder, found in KINDS.items() if found.slug == kind)


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f, hint in declared_fields(cls):
        prop = _value(hint, defs)
        doc = field_doc(hint)
        text = doc + (" (Markdown)" if is_markdown(hint) else "")
        if "description" in prop:  # an id: say which collection it names
            about = prop["description"]
            text = f"{text}; {about[0].lower()}{about[1:]}" if text else about
        prop = {"description": text, **{k: v for k, v in prop.items() if k != "description"}}
        default = _default(f)
        if default is not None:
            prop["default"] = default
        if is_required(f):
            required.append(f.name)
        else:
            prop = _or_empty(prop)
        properties[f.name] = prop
    result: dict[str, Any] = {"type": "object"}
    summary = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
    if summary and not summary.startswith(cls.__name__ + "("):
        result["description"] = summary
    result["properties"] = properties
    if required:
        result["required"] = required
    if cls.ONE_OF:
        result["anyOf"] = [{"required": [name]} for name in cls.ONE_OF]
    result["additionalProperties"] = False
    return result


def _value(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one value, from its declared type's Shape."""
    return _shaped(shape_of(hint), defs)


def _shaped(shape: Shape, defs: dict[str, Any]) -> dict[str, Any]:
    if shape.ref is not None:
        return _id_schema(shape.ref)
    if shape.kind == "text" and shape.pattern is not None:
        return {"type": "string", "pattern": shape.pattern.regex}
    if shape.kind == "text" and shape.one_line:
        return {"type": list(TEXT_TYPES), "pattern": ONE_LINE}
    if shape.kind == "text":
        return {"type": list(TEXT_TYPES), "pattern": NOT_BLANK}
    if shape.kind == "bool":
        return {"type": "boolean"}
    if shape.kind == "int" and shape.limits:
        return {"type": "integer", "minimum": shape.limits[0], "maximum": shape.limits[1]}
    if shape.kind == "int":
        return {"type": "integer"}
    if shape.kind == "date":
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if shape.kind == "choice":
        return {"enum": list(shape.choices)}
    if shape.kind == "list":
        return {"type": "array", "items": _shaped(shape.item, defs)}
    if shape.kind == "mapping":
        result: dict[str, Any] = {"type": "object"}
        if shape.key.ref is not None:
            result["propertyNames"] = {"pattern": ID_PATTERN}
        result["additionalProperties"] = _shaped(shape.item, defs)
        return {"anyOf": [result, _keyed_list(shape, defs)]}
    name = shape.cls.__name__
    if name not in defs:
        defs[name] = {}  # reserve the name first: a class may refer to itself
        defs[name] = _object(shape.cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _keyed_list(shape: Shape, defs: dict[str, Any]) -> dict[str, Any]:
    """The same mapping written as a list, one item per key (as the browser's forms write it)."""
    key, value = shape.keyed.key, shape.keyed.value
    key_schema = _shaped(shape.key, defs)
    if shape.item.kind == "record":
        record = _object(shape.item.cls, defs)
        item = {
            **record,
            "properties": {key: key_schema, **record["properties"]},
            "required": [key, *record.get("required", [])],
        }
    else:
        item = {
            "type": "object",
            "properties": {key: key_schema, value: _shaped(shape.item, defs)},
            "required": [key, value],
            "additionalProperties": False,
        }
    return {"type": "array", "items": item}


def _id_schema(target: str) -> dict[str, Any]:
    if target == "_id":
        what = "An id: lower-case letters, digits and hyphens"
    elif target in OTHER_TARGETS:
        what = f"The id of {a_or_an(singular(target))} in {declared_in(target)}"
    else:
        what = f"The id of {a_or_an(singular(target))}: its file name in {target}/, without .yml"
    return {"description": what, "type": "string", "pattern": ID_PATTERN}


def a_or_an(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _or_empty(prop: dict[str, Any]) -> dict[str, Any]:
    """An optional field may also be left empty (`field:`, or `field: ""` as the browser's forms
    write a field an editor cleared), which the validator reads as absent."""
    described = {k: v for k, v in prop.items() if k in ("description", "default")}
    rest = {k: v for k, v in prop.items() if k not in described}
    return {**described, "anyOf": [rest, {"type": "null"}, {"const": ""}]}


def _default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None
