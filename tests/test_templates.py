"""A template override that fails to load or to render is a located error, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CASES = [
    ("# {{ entry.name }}\n\n{{ 1 / 0 }}\n", 3, "the template failed: ZeroDivisionError"),
    ("# {{ entry.name }}\n\n{{ entry.audiences + 1 }}\n", 3, "the template failed: TypeError"),
    (
        "# {{ entry.name }}\n{% include 'service.md.j2' %}\n",
        2,
        "the template failed: it includes or extends itself, without end",
    ),
    ("# {{ entry.name }}\n\n{% if %}\n", 3, "the template failed: Expected an expression"),
]


@pytest.mark.parametrize("text, line, says", CASES, ids=["zero", "type", "itself", "syntax"])
def test_a_failing_override_is_located(playbook: Path, text: str, line: int, says: str) -> None:
    (playbook / "templates").mkdir()
    (playbook / "templates/service.md.j2").write_text(text, encoding="utf-8")
    done = build(playbook)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert f"templates/service.md.j2:{line}:1: error: {says}" in done.stderr
    assert not (playbook / "site").exists()


def test_an_override_that_is_not_utf8_is_located(playbook: Path) -> None:
    (playbook / "templates").mkdir()
    (playbook / "templates/service.md.j2").write_bytes(
        "# Caf\xe9 {{ entry.name }}\n".encode("latin-1")
    )
    done = build(playbook)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        "templates/service.md.j2:1:1: error: the template is not UTF-8 text; save it as UTF-8 "
        "(template)"
    ) in done.stderr


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "playbook_gen", "build"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
