"""Property: whatever an edit does to valid content, checking it ends in 'valid' or in located errors.

Mutations are drawn by hypothesis: delete, rename or retype a field, put random text (any unicode)
in a value, break a reference, truncate a file, or shift a line's indentation. Checking runs in
process through the core (`load_playbook`), so an exception anywhere fails the test with its
traceback, and valid results are rendered too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from playbook_gen.pipeline import check_playbook as load_playbook
from playbook_gen.render.pages import render_checked

FILES = sorted(
    p.relative_to(REPO / "content").as_posix() for p in (REPO / "content").rglob("*.yml")
)
ORIGINALS = {name: (REPO / "content" / name).read_text(encoding="utf-8") for name in FILES}

EXAMPLES = settings(
    max_examples=500,  # two tests: 1,000 edits in all
    deadline=None,
    derandomize=True,  # the same examples in every run, so CI is reproducible
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

odd_values = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=10), max_size=3),
    st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=2),
    st.dates().map(str),
    st.sampled_from(["risk-review", "no-such-id", "Risk-Review", "", "{{ 7*7 }}", "<b>x</b>"]),
)


def _paths(node, prefix=()):
    """Every (path to a value) in a parsed document."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _parent(document, path):
    for key in path[:-1]:
        document = document[key]
    return document


@st.composite
def structural_edit(draw) -> tuple[str, str]:
    """A file and its new text after one edit of its parsed structure."""
    name = draw(st.sampled_from(FILES))
    document = yaml.safe_load(ORIGINALS[name])
    path = draw(st.sampled_from([p for p in _paths(document) if p]))
    parent = _parent(document, path)
    key = path[-1]
    kind = draw(st.sampled_from(["delete", "rename", "retype"]))
    if kind == "delete":
        del parent[key]
    elif kind == "rename" and isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=12))] = parent.pop(key)
    else:
        parent[key] = draw(odd_values)
    return name, yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@st.composite
def textual_edit(draw) -> tuple[str, str]:
    """A file and its new text after one edit of its characters."""
    name = draw(st.sampled_from(FILES))
    text = ORIGINALS[name]
    lines = text.splitlines(keepends=True)
    kind = draw(st.sampled_from(["truncate", "indent", "insert", "replace-line"]))
    position = draw(st.integers(0, len(text)))
    line = draw(st.integers(0, len(lines) - 1))
    if kind == "truncate":
        return name, text[:position]
    if kind == "indent":
        lines[line] = " " * draw(st.integers(1, 5)) + lines[line]
        return name, "".join(lines)
    noise = draw(st.text(max_size=30))
    if kind == "insert":
        return name, text[:position] + noise + text[position:]
    lines[line] = noise + "\n"
    return name, "".join(lines)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mutated")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


def _check_edit(root: Path, name: str, text: str) -> None:
    target = root / "content" / name
    target.write_text(text, encoding="utf-8")
    try:
        checked = load_playbook(root / "content", root)
        errors = [p for p in checked.problems if p.severity == "error"]
        if checked.ok:
            assert errors == []
            generated, problems = render_checked(checked.playbook, root / "templates", root)
            assert problems == [] and generated is not None
        else:
            assert errors, "invalid content must come with at least one error"
            for problem in errors:
                assert problem.path.startswith("content/")
                assert problem.line >= 1 and problem.column >= 1
                assert problem.message.strip()
    finally:
        target.write_text(ORIGINALS[name], encoding="utf-8")


@EXAMPLES
@given(edit=structural_edit())
def test_structural_edits_are_valid_or_located(scratch: Path, edit: tuple[str, str]) -> None:
    _check_edit(scratch, *edit)


@EXAMPLES
@given(edit=textual_edit())
def test_textual_edits_are_valid_or_located(scratch: Path, edit: tuple[str, str]) -> None:
    _check_edit(scratch, *edit)
