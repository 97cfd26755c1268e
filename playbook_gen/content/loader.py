"""Read one YAML file into a node tree that keeps every value's line and column.

Only PyYAML's safe composer is used: nodes are never turned into arbitrary Python objects. The
C-accelerated loader is used where it is installed; it reports the same marks as the pure one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..problems import Location, Problem

try:  # pragma: no branch - depends on how PyYAML was built
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]


class _Loader(SafeLoader):
    """The safe loader, minus work it does for every node that this project never needs.

    The composer calls back into Python for each node: to follow path resolvers (SafeLoader
    registers none) and to pick a scalar's tag from the implicit resolvers for its first
    character. Both are done here without the generic machinery; the tags are the same.
    """

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        if implicit[0]:
            for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return self.DEFAULT_SCALAR_TAG


#: Larger files are refused before parsing: no real entry comes close, and it bounds memory.
MAX_FILE_BYTES = 512 * 1024


@dataclass
class Document:
    """A parsed YAML file: its root node, and the path shown in messages."""

    path: str
    root: yaml.Node


def location(path: str, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def read_yaml(file: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file; on failure return no document and the located reasons why."""
    start = Location(shown_as)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [_too_large(size, start)]
        raw = file.read_bytes()
    except OSError as error:
        return None, [Problem.at(start, "unreadable", f"cannot read the file: {error.strerror}")]
    return parse_yaml(raw, shown_as)


def parse_yaml(raw: bytes, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Parse a file's bytes (read from disk or from git); see `read_yaml`."""
    start = Location(shown_as)
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(len(raw), start)]
    text, problem = _decode(raw, shown_as)
    if problem:
        return None, [problem]
    if "\t" in text:
        tab = _first_tab_indent(text, shown_as)
        if tab:
            return None, [tab]
    deep = _too_deep(text, shown_as)
    if deep:
        return None, [deep]
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, shown_as)]
    except yaml.YAMLError as error:  # pragma: no cover - every parser error carries a mark
        return None, [Problem.at(start, "yaml-syntax", f"this is not valid YAML: {error}")]

    documents = [document for document in documents if document is not None]
    if not documents:
        return None, [
            Problem.at(start, "empty-file", "the file is empty; it must hold a mapping of fields")
        ]
    if len(documents) > 1:
        return None, [
            Problem.at(
                location(shown_as, documents[1]),
                "several-documents",
                "the file holds more than one YAML document ('---'); keep one entry per file",
            )
        ]
    root = documents[0]
    return Document(shown_as, root), _node_problems(root, shown_as)


#: Deeper nesting is refused before parsing: no content nests past a few levels, and the parser
#: would run out of stack on a file of a hundred thousand nested lists.
MAX_DEPTH = 64


def _too_deep(text: str, shown_as: str) -> Problem | None:
    """The first line nested deeper than MAX_DEPTH, counting indentation, the list and mapping
    indicators that open a level on one line (`- - -`), and open brackets of flow style."""
    flow = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        level = (len(line) - len(stripped)) // 2
        level += len(_OPENERS.match(stripped).group()) // 2
        deepest = flow
        if _BRACKETS.search(stripped):  # most lines have none: no need to read them through
            for char in stripped:
                if char in "[{":
                    flow += 1
                    deepest = max(deepest, flow)
                elif char in "]}":
                    flow = max(flow - 1, 0)
        if level + deepest > MAX_DEPTH:
            return Problem(
                shown_as,
                number,
                1,
                "error",
                "too-deep",
                f"the file nests lists or mappings more than {MAX_DEPTH} levels deep; "
                "content never needs that many",
            )
    return None


_OPENERS = re.compile(r"(?:[-?] +)*")
_BRACKETS = re.compile(r"[\[\]{}]")

#: The tags YAML gives plain values (`<<` and `=` read as merge and value keys); any other tag
#: (`!thing`, `!!python/object`, `!!binary`) is refused.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
}


def _too_large(size: int, start: Location) -> Problem:
    return Problem.at(
        start,
        "file-too-large",
        f"the file is {size // 1024} KB; content files may be at most "
        f"{MAX_FILE_BYTES // 1024} KB — split it into smaller entries",
    )


def _decode(raw: bytes, shown_as: str) -> tuple[str, Problem | None]:
    try:
        # utf-8-sig drops the byte-order mark some Windows editors write.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return "", Problem(
            shown_as,
            line,
            column,
            "error",
            "not-utf8",
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8",
        )
    return text.replace("\r\n", "\n"), None


def _first_tab_indent(text: str, shown_as: str) -> Problem | None:
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent] and line.strip():
            return Problem(
                shown_as,
                number,
                line.index("\t") + 1,
                "error",
                "tab-indent",
                "a tab is used for indentation; YAML allows only spaces",
            )
    return None


def _syntax_problem(error: yaml.MarkedYAMLError, shown_as: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = error.problem or "invalid YAML"
    if error.context:
        what = f"{error.context}, {what}"
    started = error.context_mark
    if started and mark and (started.line, started.column) != (mark.line, mark.column):
        what += f" (the construct began at line {started.line + 1}, column {started.column + 1})"
    return Problem(
        shown_as, line, column, "error", "yaml-syntax", f"this is not valid YAML: {what}"
    )


def _node_problems(root: yaml.Node, shown_as: str) -> list[Problem]:
    """In one walk of the document: keys given twice (PyYAML silently keeps the last), and tags
    other than those of plain values (content is data: a tag asking for a type or naming code
    is refused)."""
    problems: list[Problem] = []
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:  # aliases share nodes; visit each once
            continue
        seen_nodes.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            problems.append(_tag_problem(node, shown_as))
        if isinstance(node, yaml.MappingNode):
            first_seen: dict[str, yaml.Node] = {}
            for key, value in node.value:
                if key.tag not in _PLAIN_TAGS:
                    problems.append(_tag_problem(key, shown_as))
                if isinstance(key, yaml.ScalarNode):
                    if key.value in first_seen:
                        earlier = first_seen[key.value].start_mark.line + 1
                        problems.append(
                            Problem.at(
                                location(shown_as, key),
                                "duplicate-key",
                                f"'{key.value}' is given twice (first on line {earlier}); keep one",
                            )
                        )
                    else:
                        first_seen[key.value] = key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(problems)


def _tag_problem(node: yaml.Node, shown_as: str) -> Problem:
    return Problem.at(
        location(shown_as, node),
        "yaml-tag",
        f"the tag '{node.tag}' is not used in content; remove it and write the value plainly",
    )
