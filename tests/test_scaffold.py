"""`playbook-gen new`: an example entry that validates with placeholder warnings, and refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import error_lines
from test_schema import schema_errors

from playbook_gen.authoring.scaffold import existing_ids, new_kinds

WARNING = ": warning: "


def placeholder_lines(text: str, relative: str) -> list[str]:
    return [
        line
        for line in text.splitlines()
        if line.startswith(f"{relative}:") and WARNING in line and "placeholder" in line
    ]


@pytest.mark.parametrize("kind", list(new_kinds()))
def test_new_entry_validates_with_placeholder_warnings(
    playbook_with_schema: Path, cli, kind: str
) -> None:
    playbook = playbook_with_schema
    result = cli("new", kind, "brand-new")
    assert result.exit_code == 0, result.output
    relative = f"content/{new_kinds()[kind]}/brand-new.yml"
    assert result.stderr == (
        f"Wrote {relative}: replace its TODO placeholders, then run 'playbook-gen validate'\n"
    )
    file = playbook / relative
    checked = cli("validate")
    assert checked.exit_code == 0, checked.output
    assert error_lines(checked.stderr) == []
    warnings = placeholder_lines(checked.output, relative)
    text = file.read_text(encoding="utf-8")
    lines = text.splitlines()
    # One warning per placeholder not commented out, each at the placeholder's line.
    todo_lines = [
        n for n, line in enumerate(lines, 1) if "TODO:" in line and not line.startswith("#")
    ]
    warned_lines = sorted(int(line.split(":")[1]) for line in warnings)
    # A Markdown placeholder is a block ('field: |'): its warning points at the block's start.
    assert warned_lines == sorted(n - 1 if lines[n - 2].endswith("|") else n for n in todo_lines)
    assert schema_errors(file) == []


def test_scaffold_is_commented_and_refers_to_existing_entries(playbook: Path, cli) -> None:
    assert cli("new", "service", "quick-review").exit_code == 0
    lines = (
        (playbook / "content/services/quick-review.yml").read_text(encoding="utf-8").splitlines()
    )
    known = existing_ids(playbook / "content")
    assert lines[0] == "# yaml-language-server: $schema=../../schema/service.schema.json"
    at = lines.index
    assert lines[at('name: "TODO: Name of the service"') - 1] == "# Name of the service"
    assert f"audiences: [{known['audiences'][0]}]" in lines
    assert f"owner_role: {known['roles'][0]}" in lines
    assert lines[at("# activities: []") - 1] == "# RACI activities the service covers (optional)"
    assert f"reviewed: {dt.date.today().isoformat()}" in lines


def test_filling_in_the_placeholders_clears_the_warnings(playbook: Path, cli) -> None:
    cli("new", "challenge", "no-budget")
    file = playbook / "content/challenges/no-budget.yml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("TODO: ", "Filled in: "), encoding="utf-8"
    )
    result = cli("validate")
    assert result.exit_code == 0
    assert placeholder_lines(result.output, "content/challenges/no-budget.yml") == []


def test_placeholder_warning_is_located_at_the_placeholder(playbook: Path, cli) -> None:
    cli("new", "tactic", "lunch-and-learn")
    relative = "content/tactics/lunch-and-learn.yml"
    lines = (playbook / relative).read_text(encoding="utf-8").splitlines()
    steps = lines.index("steps:") + 2  # the item under 'steps:'
    result = cli("validate")
    assert (
        f"{relative}:{steps}:5: warning: 'steps' still holds the placeholder \"TODO: How to do "
        'it"; replace it with the real content (placeholder)'
    ) in result.output.splitlines()


def test_existing_id_is_refused(playbook: Path, cli) -> None:
    existing = existing_ids(playbook / "content")["offices"][0]
    before = (playbook / f"content/offices/{existing}.yml").read_bytes()
    result = cli("new", "office", existing)
    assert result.exit_code == 2
    assert (
        f"Error: Invalid value for ID: an office with the id '{existing}' already exists "
        f"(content/offices/{existing}.yml); choose another id or edit that file"
    ) in result.stderr
    assert (playbook / f"content/offices/{existing}.yml").read_bytes() == before


@pytest.mark.parametrize(
    ("bad", "suggestion"),
    [
        ("Risk Review", "risk-review"),
        ("Risk_Review", "risk-review"),
        ("x/../../evil", "x-evil"),
        ("", "my-entry"),
    ],
)
def test_malformed_id_is_refused(playbook: Path, cli, bad: str, suggestion: str) -> None:
    before = sorted((playbook / "content").rglob("*"))
    result = cli("new", "service", bad)
    assert result.exit_code == 2
    assert (
        f"Error: Invalid value for ID: '{bad}' is not a valid id: use lower-case letters, "
        f"digits and hyphens, starting with a letter or digit (e.g. '{suggestion}')"
    ) in result.stderr
    assert sorted((playbook / "content").rglob("*")) == before


def test_unknown_kind_is_a_usage_error(playbook: Path, cli) -> None:
    result = cli("new", "services", "x")
    assert result.exit_code == 2
    assert (
        "Invalid value for '{office|role|service|audience|touchpoint|tactic|challenge|life-cycle|phase|gate|project-class|document}'"
        in (result.stderr)
    )
