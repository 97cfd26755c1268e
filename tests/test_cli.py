"""The command line's last line of defence: an unexpected exception is one plain line, exit 1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_gen import cli as cli_module
from playbook_gen.cli import main


def test_an_internal_error_is_one_plain_line_and_leaves_the_site(
    playbook: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("build").exit_code == 0
    before = {p: p.read_bytes() for p in (playbook / "site").rglob("*") if p.is_file()}

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("playbook_gen.engine.engines.staged", broken)
    monkeypatch.delenv("PLAYBOOK_GEN_DEBUG")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if "internal error" in line]
    found = re.search(r"The details are in (\S+): please report them\.$", line)
    assert line.startswith("internal error: 'playbook-gen build' stopped on an unexpected ")
    details = Path(found.group(1)).read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug" in details and "Traceback" in details
    after = {p: p.read_bytes() for p in (playbook / "site").rglob("*") if p.is_file()}
    assert after == before


def test_the_suite_sees_internal_errors_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    """With PLAYBOOK_GEN_DEBUG (set for every test), the exception itself reaches the test."""
    monkeypatch.setattr(cli_module, "check_playbook", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        CliRunner().invoke(main, ["validate"], catch_exceptions=False)


def test_mkdocs_build_through_the_plugin_says_one_plain_line(playbook: Path) -> None:
    """`mkdocs build` runs the plugin: an unexpected error there is one line, exit 1, no site."""
    import os
    import subprocess
    import sys

    # The MkDocs process is not this one: a sitecustomize module breaks the core inside it.
    hook = playbook / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import playbook_gen.render.pages as pages\n"
        "def broken(*a, **k):\n    raise ZeroDivisionError('a bug')\n"
        "pages.render_site = broken\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "PLAYBOOK_GEN_DEBUG"}
    env |= {"PYTHONPATH": str(hook), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=playbook,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        "internal error: the playbook plugin stopped on an unexpected ZeroDivisionError"
        in done.stderr
    )
    assert not (playbook / "site").exists()
