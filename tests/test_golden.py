"""The starter's generated tree matches the reviewed files in tests/golden/starter/.

A failure shows which files differ; if the change is meant, run `.venv/bin/python tests/golden.py`
and review the diff it leaves in git.
"""

from __future__ import annotations

import difflib

from golden import generated_tree, written_tree


def test_generated_tree_matches_the_reviewed_files() -> None:
    expected, actual = written_tree(), generated_tree()
    assert sorted(actual) == sorted(expected), "files added or removed"
    for path in sorted(actual):
        if actual[path] != expected[path]:
            diff = difflib.unified_diff(
                expected[path].decode("utf-8", "replace").splitlines(),
                actual[path].decode("utf-8", "replace").splitlines(),
                f"golden/{path}",
                f"generated/{path}",
                lineterm="",
            )
            raise AssertionError("\n".join(list(diff)[:60]))
