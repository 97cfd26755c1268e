"""One reading of the model's type hints, for every stage that reads the declarations.

`shape_of` turns a field's declared type once into a `Shape` — text (Markdown or not, with a
pattern, or naming an entry), a choice among allowed values, a number, a date, a list, a mapping
or a nested record — and validation, the JSON Schema, `new`, the change digest, reference checks
and the links back between entries all work from that Shape rather than reading the hints
themselves. `values` walks a record's values the same way for all of them. A rule declared in
the model (a pattern, the allowed values, a reference) thus means the same thing everywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal, NamedTuple

from .model import Doc, Keyed, Markdown, OneLine, Pattern, Range, Record, Ref, Unique


def by_identity(function: Callable[..., Any]) -> Callable[..., Any]:
    """Cache a function of a type hint on the hint's identity.

    Hashing typing objects walks them through, which cost more than the work saved; hints are
    few and live as long as their classes (the cache holds each one, so its id stays unique).
    """
    results: dict[tuple, tuple[Any, Any]] = {}

    @functools.wraps(function)
    def cached(hint: Any, *rest: Any) -> Any:
        key = (id(hint), *rest)
        found = results.get(key)
        if found is None:
            found = results[key] = (hint, function(hint, *rest))
        return found[1]

    return cached


@by_identity
def form(hint: Any) -> tuple[Any, Any, tuple]:
    """The bare type of a hint, its origin (list, dict, Literal...) and its arguments."""
    kind = bare_type(hint)
    return kind, typing.get_origin(kind), typing.get_args(kind)


@by_identity
def bare_type(kind: Any) -> Any:
    """The type without Annotated metadata or an 'or None' (cached: hints are few, calls many)."""
    if typing.get_origin(kind) is Annotated:
        kind = typing.get_args(kind)[0]
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        others = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        kind = others[0]
    if typing.get_origin(kind) is Annotated:
        kind = typing.get_args(kind)[0]
    return kind


@functools.cache
def declared_fields(cls: type) -> tuple[tuple[dataclasses.Field, Any], ...]:
    """The fields an editor writes, with their resolved type hints.

    Cached: resolving the hints evaluates every annotation string, which would otherwise be
    most of the time `validate` takes on a large playbook.
    """
    hints = typing.get_type_hints(cls, include_extras=True)
    return tuple(
        (f, hints[f.name]) for f in dataclasses.fields(cls) if not f.metadata.get("from_file")
    )


@functools.cache
def fields_by_name(cls: type) -> dict[str, tuple[dataclasses.Field, Any]]:
    """`declared_fields` by name, for looking up each key an editor wrote."""
    return {f.name: (f, hint) for f, hint in declared_fields(cls)}


@functools.cache
def required_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f, _hint in declared_fields(cls) if is_required(f))


def is_required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


#: Field names that do not read well with underscores turned into spaces.
FIELD_WORDS = {
    "kpis": "KPIs",
    "pmo_vs_project_manager": "PMO and project manager",
    "whats_in_it_for_you": "what's in it for you",
    "in_pmo": "inside the PMO",
    "review_every_months": "review every (months)",
    "duration_minutes": "duration (minutes)",
    "pmo_name": "PMO name",
    "repository_url": "repository address",
    "edit_uri": "edit path",
    "works_with_pmo": "works with the PMO",
    "app_id": "application id",
    "api_root": "API address",
    "base_url": "host address",
    "in_site": "editing pages in the site",
}


def field_words(name: str) -> str:
    """A field's name in words, for sentences and form labels: 'turnaround', 'KPIs'."""
    return FIELD_WORDS.get(name, name.replace("_", " "))


def field_doc(hint: Any) -> str:
    doc = marker(hint, Doc)
    return doc.text if doc else ""


def is_markdown(hint: Any) -> bool:
    """Whether a text field holds Markdown (and may be formatted), not plain text."""
    return marker(hint, Markdown) is not None


@by_identity
def marker(hint: Any, kind: type) -> Any:
    """The hint's Annotated metadata of the given class (Doc, Markdown, Ref), or None."""
    for extra in getattr(hint, "__metadata__", ()):
        if isinstance(extra, kind):
            return extra
    return None


@dataclasses.dataclass(frozen=True)
class Shape:
    """What a declared type means: the one answer every stage reads."""

    kind: str  # text, bool, int, date, choice, list, mapping or record
    doc: str = ""
    markdown: bool = False  # text rendered as Markdown
    ref: str | None = None  # text naming an entry of this collection (or 'raci-activities')
    pattern: Pattern | None = None  # text that must match
    limits: tuple[int, int] | None = None  # a whole number's lowest and highest values
    one_line: bool = False  # text that may not run over lines
    unique: Unique | None = None  # a value no two entries share
    choices: tuple = ()  # a choice's allowed values
    item: Shape | None = None  # a list's items, a mapping's values
    key: Shape | None = None  # a mapping's keys
    keyed: Keyed | None = None  # a mapping's fields when it is written as a list
    cls: type | None = None  # a record's class

    @property
    def words(self) -> str:
        """Plain words for it, in 'must be ...' messages."""
        return {
            "text": "text",
            "bool": "true or false",
            "int": "a whole number",
            "date": "a date (YYYY-MM-DD)",
            "choice": "one of " + ", ".join(str(choice) for choice in self.choices),
            "list": "a list",
        }.get(self.kind, "a mapping of fields")


@by_identity
def shape_of(hint: Any) -> Shape:
    """The Shape of a declared type (cached: hints are few, values many)."""
    kind, origin, args = form(hint)
    doc = field_doc(hint)
    if origin is list:
        return Shape("list", doc, item=shape_of(args[0]))
    if origin is dict:
        keyed = marker(hint, Keyed) or Keyed()
        return Shape("mapping", doc, key=shape_of(args[0]), item=shape_of(args[1]), keyed=keyed)
    if origin is Literal:
        return Shape("choice", doc, choices=args)
    if dataclasses.is_dataclass(kind):
        return Shape("record", doc, cls=kind)
    simple = {str: "text", bool: "bool", int: "int", dt.date: "date"}
    if kind not in simple:  # pragma: no cover - a model author's mistake
        raise TypeError(f"the model declares a type no stage knows: {kind!r}")
    ref = marker(hint, Ref)
    limits = marker(hint, Range)
    return Shape(
        simple[kind],
        doc,
        markdown=is_markdown(hint),
        ref=ref.collection if ref else None,
        pattern=marker(hint, Pattern),
        limits=(limits.low, limits.high) if limits else None,
        one_line=marker(hint, OneLine) is not None,
        unique=marker(hint, Unique),
    )


def unique_fields(cls: type) -> list[tuple[str, Unique]]:
    """The fields whose values no two entries of the class share, and within what."""
    return [
        (f.name, shape_of(hint).unique)
        for f, hint in declared_fields(cls)
        if shape_of(hint).unique is not None
    ]


def choices(cls: type, name: str) -> tuple[str, ...]:
    """The allowed values of a field declared as a Literal (e.g. an office's types), or of the
    items of a list or the values of a mapping declared so (e.g. a RACI assignment's letter)."""
    shape = shape_of(fields_by_name(cls)[name][1])
    if shape.kind in ("list", "mapping"):
        shape = shape.item
    return shape.choices


@by_identity
def may_refer(hint: Any) -> bool:
    """Whether a value of this type can hold a reference; most hold only text."""
    return _may_refer(shape_of(hint))


def _may_refer(shape: Shape) -> bool:
    if shape.ref:
        return True
    if shape.kind == "record":
        return any(may_refer(sub_hint) for _f, sub_hint in declared_fields(shape.cls))
    return any(_may_refer(inner) for inner in (shape.item, shape.key) if inner is not None)


class Value(NamedTuple):
    """One value met by `values`: the record holding it, its field, its key in a list or
    mapping (None for the field itself), its Shape and the value."""

    record: Record
    field: str
    key: object
    shape: Shape
    value: Any


def values(record: Record, wanted: Callable[[Any], bool] | None = None) -> Iterator[Value]:
    """Every value of a record, nested records' values included, depth first.

    Items of lists and the keys and values of mappings come one by one after their field; with
    `wanted`, fields whose declared type it rejects are skipped whole (a reference check need
    not walk text).
    """
    for f, hint in declared_fields(type(record)):
        value = getattr(record, f.name)
        if value is None or (wanted is not None and not wanted(hint)):
            continue
        yield from _values(record, f.name, None, shape_of(hint), value, wanted)


def _values(
    record: Record, name: str, key: object, shape: Shape, value: Any, wanted
) -> Iterator[Value]:
    yield Value(record, name, key, shape, value)
    if shape.kind == "list":
        for index, item in enumerate(value):
            yield from _values(record, name, index, shape.item, item, wanted)
    elif shape.kind == "mapping":
        for item_key, item in value.items():
            yield Value(record, name, item_key, shape.key, item_key)
            yield from _values(record, name, item_key, shape.item, item, wanted)
    elif shape.kind == "record":
        yield from values(value, wanted)


class Reference(NamedTuple):
    """A value naming an entry: where it is (record, field, key as in `Value`), what it names."""

    record: Record
    field: str
    key: object
    target: str
    value: str


def references(record: Record) -> Iterator[Reference]:
    """Every reference a record holds, nested records' included: `values` narrowed to the
    fields that can hold one, which reference checks and back-links walk for every entry."""
    for name, shape in _reference_fields(type(record)):
        value = getattr(record, name)
        if value is None:
            continue
        # The two common cases first, without a nested generator each.
        if shape.ref:
            yield Reference(record, name, None, shape.ref, value)
        elif shape.kind == "list" and shape.item.ref:
            target = shape.item.ref
            for index, item in enumerate(value):
                yield Reference(record, name, index, target, item)
        else:
            yield from _references(record, name, None, shape, value)


@functools.cache
def _reference_fields(cls: type) -> tuple[tuple[str, Shape], ...]:
    return tuple((f.name, shape_of(hint)) for f, hint in declared_fields(cls) if may_refer(hint))


def _references(record: Record, name: str, key: object, shape: Shape, value: Any):
    if shape.ref:
        yield Reference(record, name, key, shape.ref, value)
    elif shape.kind == "list":
        for index, item in enumerate(value):
            yield from _references(record, name, index, shape.item, item)
    elif shape.kind == "mapping":
        for item_key, item in value.items():
            if shape.key.ref:
                yield Reference(record, name, item_key, shape.key.ref, item_key)
            if _may_refer(shape.item):
                yield from _references(record, name, item_key, shape.item, item)
    elif shape.kind == "record":
        yield from references(value)
