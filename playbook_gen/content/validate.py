"""Check a YAML node tree against a declared class and build the typed instance.

Every problem is collected with the location of the node it is about; a missing field points at
the mapping that lacks it. Unknown fields are errors, with a "did you mean" where one is close.
"""

from __future__ import annotations

import re
import datetime as dt
import difflib
import typing
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .loader import location
from ..problems import Location, Problem
from .walker import Shape, fields_by_name, is_required, required_names, shape_of

#: Past this many nodes (aliases count each time they are expanded) a file is refused.
MAX_NODES = 100_000

_MISSING = object()

#: Dates outside these years are typing mistakes (and would overflow date arithmetic).
FIRST_YEAR, LAST_YEAR = 1900, 2999
_BOOLEANS = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_DECIMAL = re.compile(r"[-+]?[0-9]+")
#: Control characters other than tab and line breaks, and the bidirectional controls that can
#: make text read otherwise than it is stored.
_HIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_scalars = SafeConstructor()


class TooLarge(Exception):
    """Raised when alias expansion makes a document larger than MAX_NODES."""


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class Shaper:
    """Builds instances of declared classes from nodes of one file, collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.nodes_seen = 0

    def error(self, node: yaml.Node | Location, code: str, message: str) -> None:
        where = node if isinstance(node, Location) else location(self.path, node)
        self.problems.append(Problem.at(where, code, message))

    def build(self, cls: type, node: yaml.Node, label: str) -> Any:
        """An instance of `cls` from a mapping node, or _MISSING after reporting why not."""
        if not isinstance(node, yaml.MappingNode):
            self.error(
                node, "wrong-type", f"{label} must be a mapping of fields, not {_kind(node)}"
            )
            return _MISSING
        by_name = fields_by_name(cls)
        values: dict[str, Any] = {}
        locations: dict[object, Any] = {}
        broken = False
        wrong: set[str] = set()  # fields given, with a value that has an error of its own
        for key_node, value_node in node.value:
            # Counted here and in `value` without a method call: this runs for every value.
            self.nodes_seen += 1
            if self.nodes_seen > MAX_NODES:
                raise TooLarge
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in by_name:
                hint = did_you_mean(str(key), by_name)
                self.error(key_node, "unknown-field", f"unknown field '{key}' in {label}{hint}")
                broken = True
                continue
            if key in values or key in locations:
                continue  # duplicate keys are reported by the loader
            f, hint = by_name[key]
            locations[key] = value_node.start_mark
            # Left empty: `field:`, or `field: ""` as forms write a field an editor cleared.
            if _is_null(value_node) or _is_cleared(value_node):
                if is_required(f):
                    self.error(value_node, "missing-field", f"'{key}' in {label} is empty")
                    broken = True
                continue
            value = self.value(hint, value_node, f"'{key}'", locations, key)
            if value is _MISSING:
                broken = True
                wrong.add(key)
            else:
                values[key] = value
        missing = [
            name for name in required_names(cls) if name not in values and name not in locations
        ]
        if missing:
            names = ", ".join(f"'{name}'" for name in missing)
            plural = "s" if len(missing) > 1 else ""
            self.error(node, "missing-field", f"{label} lacks the required field{plural} {names}")
            broken = True
        # A field given but wrong has its own error; only none given at all is this one.
        if cls.ONE_OF and not any(name in values or name in wrong for name in cls.ONE_OF):
            names = ", ".join(f"'{name}'" for name in cls.ONE_OF)
            self.error(node, "none-of", f"{label} needs at least one of {names}")
            broken = True
        if broken:
            return _MISSING
        instance = cls(**{k: v for k, v in values.items() if by_name[k][0].init})
        instance.source = location(self.path, node)
        instance.locations = locations
        for name, message in instance.contradictions():
            self.error(instance.where(name), "contradiction", message)
        return instance

    def value(
        self,
        hint: Any,
        node: yaml.Node,
        label: str,
        locations: dict[object, Any],
        key: str,
    ) -> Any:
        return self.shaped(shape_of(hint), node, label, locations, key)

    def shaped(
        self,
        shape: Shape,
        node: yaml.Node,
        label: str,
        locations: dict[object, Any],
        key: str,
    ) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise TooLarge
        kind = shape.kind
        if kind == "text" and isinstance(node, yaml.ScalarNode):
            # Most values are text: any scalar reads as the text the editor wrote ('yes', '5'
            # and '2026' stay as typed).
            return self.text(shape, node, label)
        if kind == "list":
            if not isinstance(node, yaml.SequenceNode):
                self.error(node, "wrong-type", f"{label} must be a list, not {_kind(node)}")
                return _MISSING
            items = []
            for index, item in enumerate(node.value):
                locations[(key, index)] = item.start_mark
                value = self.shaped(shape.item, item, f"item {index + 1} of {label}", {}, key)
                if value is _MISSING:
                    return _MISSING
                items.append(value)
            return items
        if kind == "mapping":
            pairs = self.pairs(shape, node, label)
            if pairs is None:
                return _MISSING
            mapping = {}
            for key_node, value_node in pairs:
                name = self.shaped(shape.key, key_node, f"a key of {label}", {}, key)
                if name is not _MISSING and name in mapping and pairs is not node.value:
                    # A mapping's duplicate keys are the loader's to report; a list's are ours.
                    self.error(key_node, "duplicate-key", f"'{name}' is given twice in {label}")
                    return _MISSING
                if name is _MISSING or name in mapping:
                    continue
                locations[(key, name)] = key_node.start_mark
                value = self.shaped(shape.item, value_node, f"'{name}' in {label}", {}, key)
                if value is _MISSING:
                    return _MISSING
                mapping[name] = value
            return mapping
        if kind == "record":
            return self.build(shape.cls, node, label)
        return self.scalar(shape, node, label)

    def pairs(
        self, shape: Shape, node: yaml.Node, label: str
    ) -> list[tuple[yaml.Node, yaml.Node]] | None:
        """(key node, value node) of a mapping, written as one or as a list (`keyed_pairs`);
        None after reporting why it is neither."""
        if isinstance(node, yaml.SequenceNode):
            return self.keyed_pairs(shape, node, label)
        if isinstance(node, yaml.MappingNode):
            return node.value
        self.error(node, "wrong-type", f"{label} must be a mapping, not {_kind(node)}")
        return None

    def keyed_pairs(
        self, shape: Shape, node: yaml.SequenceNode, label: str
    ) -> list[tuple[yaml.Node, yaml.Node]] | None:
        """A mapping written as a list (as forms write it): (key node, value node) per item.

        Each item is a mapping holding the key under `keyed.key`, and either the record's own
        fields or the plain value under `keyed.value`.
        """
        keyed = shape.keyed
        pairs = []
        for index, item in enumerate(node.value):
            where = f"item {index + 1} of {label}"
            if not isinstance(item, yaml.MappingNode):
                self.error(item, "wrong-type", f"{where} must be a mapping, not {_kind(item)}")
                return None
            fields = {key.value: (key, value) for key, value in item.value}
            if keyed.key not in fields:
                self.error(item, "missing-key", f"{where} lacks its '{keyed.key}'")
                return None
            key_node = fields[keyed.key][1]
            rest = [(key, value) for key, value in item.value if key.value != keyed.key]
            if shape.item.kind == "record":
                value_node = yaml.MappingNode(item.tag, rest, item.start_mark, item.end_mark)
            else:
                others = [key for key, _value in rest if key.value != keyed.value]
                if others:
                    hint = did_you_mean(str(others[0].value), [keyed.key, keyed.value])
                    self.error(
                        others[0],
                        "unknown-field",
                        f"unknown field '{others[0].value}' in {where}{hint}",
                    )
                    return None
                if keyed.value not in fields:
                    self.error(item, "missing-field", f"{where} lacks its '{keyed.value}'")
                    return None
                value_node = fields[keyed.value][1]
            pairs.append((key_node, value_node))
        return pairs

    def text(self, shape: Shape, node: yaml.ScalarNode, label: str) -> Any:
        value = node.value
        if not value or value.isspace():
            self.error(node, "blank-text", f"{label} is blank; write the text, or leave it out")
            return _MISSING
        hidden = _HIDDEN_CHARACTERS.search(value)
        if hidden:
            self.error(
                node,
                "invalid-character",
                f"{label} holds the invisible character U+{ord(hidden.group()):04X}, which can "
                "hide or reorder what readers see; remove it",
            )
            return _MISSING
        if shape.one_line and "\n" in value.rstrip("\n"):
            self.error(
                node,
                "line-break",
                f"{label} runs over more than one line; write it on one line",
            )
            return _MISSING
        pattern = shape.pattern
        if pattern and not re.match(pattern.regex, value):
            self.error(node, pattern.code, f"{label} is '{value}'; write {pattern.wanted}")
            return _MISSING
        return value

    def scalar(self, shape: Shape, node: yaml.Node, label: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, "wrong-type", f"{label} must be {shape.words}, not {_kind(node)}")
            return _MISSING
        if shape.kind == "choice":
            if node.value in shape.choices:
                return node.value
            hint = did_you_mean(node.value, [str(c) for c in shape.choices])
            allowed = ", ".join(str(choice) for choice in shape.choices)
            self.error(
                node,
                "not-allowed",
                f"{label} is '{node.value}', which is not allowed; use {allowed}{hint}",
            )
            return _MISSING
        # Numbers and booleans as YAML 1.2 reads them (and as an editor means them): '010' is
        # ten, while '1:20' (80 in YAML 1.1) and 'yes' are not numbers or booleans at all.
        if shape.kind == "bool" and node.value in _BOOLEANS:
            return _BOOLEANS[node.value]
        if shape.kind == "int" and _DECIMAL.fullmatch(node.value):
            number = int(node.value)
            if shape.limits and not shape.limits[0] <= number <= shape.limits[1]:
                low, high = shape.limits
                self.error(
                    node,
                    "out-of-range",
                    f"{label} is {number}; it must be from {low} to {high}",
                )
                return _MISSING
            return number
        if shape.kind == "date":
            return self.date(node, label)
        self.error(node, "wrong-type", f"{label} must be {shape.words}, not '{node.value}'")
        return _MISSING

    def date(self, node: yaml.ScalarNode, label: str) -> Any:
        try:
            if node.tag.endswith(":timestamp"):
                value = _scalars.construct_yaml_timestamp(node)
                value = value.date() if isinstance(value, dt.datetime) else value
            else:
                value = dt.date.fromisoformat(node.value)
        except (ValueError, ConstructorError) as error:
            reason = str(error).split("\n")[0]
            self.error(
                node,
                "invalid-date",
                f"{label} is '{node.value}', which is not a valid date (YYYY-MM-DD): {reason}",
            )
            return _MISSING
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            self.error(
                node,
                "out-of-range",
                f"{label} is {value.isoformat()}; a date must lie between {FIRST_YEAR} and "
                f"{LAST_YEAR}",
            )
            return _MISSING
        return value


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def _is_cleared(node: yaml.Node) -> bool:
    """A quoted empty string: what a form writes for a field emptied by its editor."""
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.style in ("'", '"')


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "empty"
    return f"'{node.value}'"


def shape(cls: type, node: yaml.Node, path: str, label: str) -> tuple[Any | None, list[Problem]]:
    """Build `cls` from `node`; None and the problems if anything is wrong."""
    shaper = Shaper(path)
    try:
        instance = shaper.build(cls, node, label)
    except TooLarge:
        return None, [
            Problem.at(
                location(path, node),
                "too-many-values",
                f"the file expands to more than {MAX_NODES:,} values (are YAML aliases "
                "repeating each other?); write the content out plainly",
            )
        ]
    return (None if instance is _MISSING else instance), shaper.problems
