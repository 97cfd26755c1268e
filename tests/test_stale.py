"""Review signals: stale warnings in every format, and `playbook-gen stale` grouped by owner."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import error_lines

SERVICE = (
    "name: Quick review\nsummary: A short review\ndescription: We look at the plan.\n"
    "audiences: [delivery-teams]\nyou_get: [A note]\nhow_to_request: Ask the PMO.\n"
    "turnaround: 2 days\nowner_role: pmo-lead\n"
)
ROLE = "name: Helper\nsummary: Helps\npurpose: To help.\nresponsibilities: [Help]\nworks_with_pmo: Closely.\n"
CHALLENGE = "question: Why a PMO?\nsymptoms: [Doubt]\nanswer: Because.\n"


@pytest.fixture
def reviewed_playbook(playbook: Path) -> Path:
    """The starter with its own review dates removed and a 12-month policy: only ours count."""
    for file in (playbook / "content").rglob("*.yml"):
        text = file.read_text(encoding="utf-8")
        text = re.sub(r"^(reviewed|review_every_months):.*\n", "", text, flags=re.M)
        file.write_text(text, encoding="utf-8")
    settings = playbook / "content/playbook.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "review_every_months: 12\n", encoding="utf-8"
    )
    return playbook


def add(root: Path, relative: str, text: str) -> None:
    (root / "content" / relative).write_text(text, encoding="utf-8")


def add_overdue_entries(root: Path) -> None:
    today = dt.date.today().isoformat()
    add(root, "services/quick-review.yml", SERVICE + "owner: Dana Whitlock\nreviewed: 2020-01-15\n")
    add(root, "roles/helper.yml", ROLE + "owner: Dana Whitlock\nreviewed: 2021-03-31\n")
    add(root, "services/fresh.yml", SERVICE + f"owner: Dana Whitlock\nreviewed: {today}\n")
    add(root, "challenges/why-a-pmo.yml", CHALLENGE + "reviewed: 2020-02-29\n")
    add(root, "services/clinic.yml", SERVICE + "owner: amir Patel\nreviewed: 2019-06-01\n")


def test_stale_lists_overdue_entries_grouped_by_owner(reviewed_playbook: Path, cli) -> None:
    add_overdue_entries(reviewed_playbook)
    result = cli("stale")
    assert result.exit_code == 0, result.output
    today = dt.date.today().isoformat()
    assert result.stdout.splitlines() == [
        f"4 entries are past the review date (review every 12 months, today is {today}):",
        "",
        "amir Patel (1)",
        "  content/services/clinic.yml:10:11: service 'Quick review', last reviewed 2019-06-01, "
        "due since 2020-06-01",
        "",
        "Dana Whitlock (2)",
        "  content/roles/helper.yml:7:11: role 'Helper', last reviewed 2021-03-31, "
        "due since 2022-03-31",
        "  content/services/quick-review.yml:10:11: service 'Quick review', last reviewed "
        "2020-01-15, due since 2021-01-15",
        "",
        "No owner (1)",
        "  content/challenges/why-a-pmo.yml:4:11: challenge 'Why a PMO?', last reviewed "
        "2020-02-29, due since 2021-02-28",
    ]


def test_stale_with_nothing_overdue(reviewed_playbook: Path, cli) -> None:
    result = cli("stale")
    assert result.exit_code == 0
    today = dt.date.today().isoformat()
    assert result.stdout == (
        f"Nothing is past its review date (review every 12 months, today is {today}).\n"
    )


def test_stale_refuses_invalid_content(reviewed_playbook: Path, cli) -> None:
    add(reviewed_playbook, "services/quick-review.yml", SERVICE.replace("2 days", "[2]"))
    result = cli("stale")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        "content/services/quick-review.yml:7:13: error: 'turnaround' must be text, not a list (wrong-type)"
    ]


def test_stale_entries_are_warnings_not_errors(reviewed_playbook: Path, cli) -> None:
    add_overdue_entries(reviewed_playbook)
    result = cli("validate")
    assert result.exit_code == 0
    assert (
        "content/roles/helper.yml:7:11: warning: last reviewed 2021-03-31, due for review since "
        "2022-03-31 (every 12 months; owner: Dana Whitlock) (stale)"
    ) in result.output.splitlines()
    assert "0 error(s), 4 warning(s)" in result.stderr


def test_github_format_annotates_warnings(reviewed_playbook: Path, cli) -> None:
    add_overdue_entries(reviewed_playbook)
    result = cli("validate", "--format", "github")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "::warning file=content/challenges/why-a-pmo.yml,line=4,col=11,title=stale::last "
        "reviewed 2020-02-29, due for review since 2021-02-28 (every 12 months; owner: no owner)",
        "::warning file=content/roles/helper.yml,line=7,col=11,title=stale::last reviewed "
        "2021-03-31, due for review since 2022-03-31 (every 12 months; owner: Dana Whitlock)",
        "::warning file=content/services/clinic.yml,line=10,col=11,title=stale::last reviewed "
        "2019-06-01, due for review since 2020-06-01 (every 12 months; owner: amir Patel)",
        "::warning file=content/services/quick-review.yml,line=10,col=11,title=stale::last "
        "reviewed 2020-01-15, due for review since 2021-01-15 (every 12 months; owner: Dana "
        "Whitlock)",
    ]


def test_github_format_escapes_and_annotates_errors(reviewed_playbook: Path, cli) -> None:
    add(reviewed_playbook, "services/quick-review.yml", SERVICE.replace("pmo-lead", "100%"))
    result = cli("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=content/services/quick-review.yml,line=8,col=13,title=unknown-reference::"
        "there is no role '100%25' in roles/"
    ]


def test_json_format_lists_errors_and_warnings(reviewed_playbook: Path, cli) -> None:
    add(reviewed_playbook, "challenges/why-a-pmo.yml", CHALLENGE + "reviewed: 2020-02-29\n")
    add(reviewed_playbook, "roles/helper.yml", ROLE.replace("Helps", "'TODO: say more'"))
    add(reviewed_playbook, "services/quick-review.yml", SERVICE.replace("pmo-lead", "pmo-leed"))
    result = cli("validate", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "file": "content/challenges/why-a-pmo.yml",
            "line": 4,
            "column": 11,
            "severity": "warning",
            "code": "stale",
            "message": "last reviewed 2020-02-29, due for review since 2021-02-28 "
            "(every 12 months; owner: no owner)",
        },
        {
            "file": "content/roles/helper.yml",
            "line": 2,
            "column": 10,
            "severity": "warning",
            "code": "placeholder",
            "message": "'summary' still holds the placeholder \"TODO: say more\"; "
            "replace it with the real content",
        },
        {
            "file": "content/services/quick-review.yml",
            "line": 8,
            "column": 13,
            "severity": "error",
            "code": "unknown-reference",
            "message": "there is no role 'pmo-leed' in roles/; did you mean 'pmo-lead'?",
        },
    ]


def test_json_format_of_valid_content_is_an_empty_list(reviewed_playbook: Path, cli) -> None:
    result = cli("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
