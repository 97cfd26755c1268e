"""One traversal of the model's type hints, for every stage that reads the declarations.

Validation, the JSON Schema, `new`, the change digest, reference checks and the links back between
entries all ask the same questions of a declared field — its bare type, whether it is required,
its description, whether it is Markdown or names another entry — and walk records the same way
(`values`). Answering them here keeps the rules from drifting apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal, NamedTuple

from .model import Doc, Markdown, Record, Ref


def describe(kind: Any) -> str:
    """Plain words for a declared type, used in 'expected ...' messages."""
    kind = bare_type(kind)
    origin = typing.get_origin(kind)
    if kind is str:
        return "text"
    if kind is bool:
        return "true or false"
    if kind is int:
        return "a whole number"
    if kind is dt.date:
        return "a date (YYYY-MM-DD)"
    if origin is Literal:
        return "one of " + ", ".join(str(choice) for choice in typing.get_args(kind))
    if origin is list:
        return "a list"
    if origin is dict or dataclasses.is_dataclass(kind):
        return "a mapping of fields"
    return str(kind)  # pragma: no cover


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


def choices(cls: type, name: str) -> tuple[str, ...]:
    """The allowed values of a field declared as a Literal (e.g. an office's types), or of the
    items of a list or the values of a mapping declared so (e.g. a RACI assignment's letter)."""
    kind, origin, args = form(fields_by_name(cls)[name][1])
    if origin in (list, dict):
        kind = bare_type(args[-1])
    return typing.get_args(kind) if typing.get_origin(kind) is Literal else ()


@by_identity
def may_refer(hint: Any) -> bool:
    """Whether a value of this type can hold a reference; most hold only text."""
    if marker(hint, Ref):
        return True
    kind, _origin, args = form(hint)
    if dataclasses.is_dataclass(kind):
        return any(may_refer(sub_hint) for _f, sub_hint in declared_fields(kind))
    return any(may_refer(arg) for arg in args)


class Value(NamedTuple):
    """One value met by `values`: the record holding it, its field, its key in a list or
    mapping (None for the field itself), its declared type and the value."""

    record: Record
    field: str
    key: object
    hint: Any
    value: Any


def values(record: Record, wanted: Callable[[Any], bool] | None = None) -> Iterator[Value]:
    """Every value of a record, nested records' values included, depth first.

    Items of lists and the keys and values of mappings come one by one after their field; with
    `wanted`, fields whose type it rejects are skipped whole (a reference check need not walk
    text).
    """
    for f, hint in declared_fields(type(record)):
        value = getattr(record, f.name)
        if value is None or (wanted is not None and not wanted(hint)):
            continue
        yield from _values(record, f.name, None, hint, value, wanted)


def _values(record, name, key, hint, value, wanted) -> Iterator[Value]:
    yield Value(record, name, key, hint, value)
    _kind, origin, args = form(hint)
    if origin is list:
        (item_hint,) = args
        for index, item in enumerate(value):
            yield from _values(record, name, index, item_hint, item, wanted)
    elif origin is dict:
        key_hint, item_hint = args
        for item_key, item in value.items():
            yield Value(record, name, item_key, key_hint, item_key)
            yield from _values(record, name, item_key, item_hint, item, wanted)
    elif isinstance(value, Record):
        yield from values(value, wanted)
