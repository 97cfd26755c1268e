"""Each content rule, broken once in a copy of the starter playbook: the exact located error."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import error_lines
from playbook_gen.content.loader import parse_yaml
from playbook_gen.problems import Problem

# A complete, valid service used as the base of the broken ones below (line numbers matter).
SERVICE = """\
name: Quick review
summary: A short review
description: We look at the plan.
audiences: [delivery-teams]
you_get: [A note]
how_to_request: Ask the PMO.
turnaround: 2 days
owner_role: pmo-lead
"""

CASES = {
    "yaml syntax": (
        "content/services/quick-review.yml",
        SERVICE.replace("summary: A short review", "summary: [unclosed"),
        [
            "content/services/quick-review.yml:3:12: error: this is not valid YAML: while "
            "parsing a flow sequence, did not find expected ',' or ']' (the construct began "
            "at line 2, column 10) (yaml-syntax)"
        ],
    ),
    "duplicate key": (
        "content/services/quick-review.yml",
        SERVICE + "turnaround: 3 days\n",
        [
            "content/services/quick-review.yml:9:1: error: 'turnaround' is given twice "
            "(first on line 7); keep one (duplicate-key)"
        ],
    ),
    "unknown field": (
        "content/services/quick-review.yml",
        SERVICE.replace("turnaround:", "turnarond:"),
        [
            "content/services/quick-review.yml:7:1: error: unknown field 'turnarond' in this "
            "service; did you mean 'turnaround'? (unknown-field)",
        ],
    ),
    "missing required field": (
        "content/services/quick-review.yml",
        SERVICE.replace("summary: A short review\n", "").replace("owner_role: pmo-lead\n", ""),
        [
            "content/services/quick-review.yml:1:1: error: this service lacks the required "
            "fields 'summary', 'owner_role' (missing-field)"
        ],
    ),
    "a mandatory control to request": (
        "content/services/quick-review.yml",
        SERVICE + "kind: mandatory\n",
        [
            "content/services/quick-review.yml:6:17: error: a mandatory control is not "
            "requested: remove 'how_to_request' and say in 'you_do' what projects must do, or "
            "make the service 'on-request' (contradiction)"
        ],
    ),
    "a start date for what has none": (
        "content/touchpoints/gate-review.yml",
        "name: Gate review\npurpose: Decide.\naudiences: [delivery-teams]\nvehicle: forum\n"
        "cadence: event-driven\nstarts: 2027-01-04\nrun_by: pmo-lead\nconnection: strategic\n",
        [
            "content/touchpoints/gate-review.yml:6:9: error: a touchpoint held event driven has "
            "no start date to repeat: remove 'starts', or give a fixed cadence such as 'monthly' "
            "(contradiction)"
        ],
    ),
    "wrong type": (
        "content/services/quick-review.yml",
        SERVICE.replace("audiences: [delivery-teams]", "audiences:\n  name: delivery-teams"),
        [
            "content/services/quick-review.yml:5:3: error: 'audiences' must be a list, not a mapping (wrong-type)"
        ],
    ),
    "invalid date": (
        "content/services/quick-review.yml",
        SERVICE + "reviewed: 2026-02-30\n",
        [
            "content/services/quick-review.yml:9:11: error: 'reviewed' is '2026-02-30', which "
            "is not a valid date (YYYY-MM-DD): day is out of range for month (invalid-date)"
        ],
    ),
    "enum value": (
        "content/tactics/quick-win.yml",
        "name: Quick win\ngoal: Show value\nwhen_to_use: Early.\naudiences: [delivery-teams]\n"
        "connection: operational\neffort: hgh\nsteps: [Do it]\nsigns_of_success: [Thanks]\n",
        [
            "content/tactics/quick-win.yml:6:9: error: 'effort' is 'hgh', which is not "
            "allowed; use low, medium, high; did you mean 'high'? (not-allowed)"
        ],
    ),
    "file name not an id": (
        "content/services/Quick Review.yml",
        SERVICE,
        [
            "content/services/Quick Review.yml:1:1: error: 'Quick Review.yml' is not a valid "
            "file name for a service: use lower-case letters, digits and hyphens, starting "
            "with a letter or digit (e.g. 'quick-review.yml') (invalid-id)"
        ],
    ),
    "unknown reference": (
        "content/services/quick-review.yml",
        SERVICE.replace("owner_role: pmo-lead", "owner_role: pmo-leed"),
        [
            "content/services/quick-review.yml:8:13: error: there is no role 'pmo-leed' in "
            "roles/; did you mean 'pmo-lead'? (unknown-reference)"
        ],
    ),
    "unknown reference in a list": (
        "content/services/quick-review.yml",
        SERVICE.replace("[delivery-teams]", "[delivery-teams, senior-leaders]"),
        [
            "content/services/quick-review.yml:4:29: error: there is no audience "
            "'senior-leaders' in audiences/; did you mean 'senior-leadership'? (unknown-reference)"
        ],
    ),
    "unknown RACI activity": (
        "content/services/quick-review.yml",
        SERVICE + "activities: [risk-assesment]\n",
        [
            "content/services/quick-review.yml:9:14: error: there is no RACI activity "
            "'risk-assesment' in raci.yml; did you mean 'risk-assessment'? (unknown-reference)"
        ],
    ),
}


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).write_text(text, encoding="utf-8")


def test_starter_content_is_valid(playbook: Path, cli) -> None:
    result = cli("validate")
    assert result.exit_code == 0, result.output
    assert error_lines(result.output) == []


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_rule_reports_its_located_error(playbook: Path, cli, case: str) -> None:
    relative, text, expected = CASES[case]
    write(playbook, relative, text)
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == expected


def test_office_cycle(playbook: Path, cli) -> None:
    office = (
        "name: {name}\ntype: departmental\nsummary: S\nscope: S\nreports_to: R\nparent: {parent}\n"
    )
    write(playbook, "content/offices/loop-a.yml", office.format(name="Loop A", parent="loop-b"))
    write(playbook, "content/offices/loop-b.yml", office.format(name="Loop B", parent="loop-a"))
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        "content/offices/loop-a.yml:6:9: error: the office hierarchy goes round in a circle: "
        "loop-a → loop-b → loop-a; one of these offices must have another parent (or none) "
        "(office-cycle)"
    ]


def _raci_with(playbook: Path, activity: str) -> None:
    """Add an activity as the first one under 'activities:'."""
    raci = (playbook / "content/raci.yml").read_text(encoding="utf-8")
    write(
        playbook,
        "content/raci.yml",
        raci.replace("\nactivities:\n", "\nactivities:\n" + activity, 1),
    )


def _line_of(playbook: Path, relative: str, text: str) -> int:
    lines = (playbook / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("assignments", "message"),
    [
        (
            "{pmo-lead: R, project-manager: C}",
            "activity 'extra-check' must have exactly one accountable role (A); none is marked A",
        ),
        (
            "{pmo-lead: A, project-manager: A}",
            "activity 'extra-check' must have exactly one accountable role (A); 2 are: "
            "pmo-lead, project-manager",
        ),
    ],
)
def test_raci_needs_exactly_one_accountable(playbook: Path, cli, assignments, message) -> None:
    _raci_with(
        playbook,
        f"  - id: extra-check\n    name: Extra check\n    assignments: {assignments}\n",
    )
    line = _line_of(playbook, "content/raci.yml", "extra-check")
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"content/raci.yml:{line}:9: error: {message} (raci-accountable)"
    ]


def test_raci_role_must_exist(playbook: Path, cli) -> None:
    _raci_with(
        playbook,
        "  - id: extra-check\n    name: Extra check\n"
        "    assignments:\n      - {role: pmo-lead, letter: A}\n      - {role: pmo-lad, letter: R}\n",
    )
    line = _line_of(playbook, "content/raci.yml", "pmo-lad")
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"content/raci.yml:{line}:16: error: role 'pmo-lad' in activity 'extra-check' is not "
        "one of the RACI roles listed at the top of raci.yml; did you mean 'pmo-lead'? (raci-role-not-listed)",
        f"content/raci.yml:{line}:16: error: there is no role 'pmo-lad' in roles/; did you "
        "mean 'pmo-lead'? (unknown-reference)",
    ]


def test_all_problems_reported_together_sorted(playbook: Path, cli) -> None:
    write(playbook, "content/services/b-bad.yml", SERVICE.replace("pmo-lead", "nobody"))
    write(playbook, "content/services/a-bad.yml", SERVICE.replace("2 days", "[2]"))
    result = cli("validate")
    lines = error_lines(result.stderr)
    assert [line.split(":")[0] for line in lines] == [
        "content/services/a-bad.yml",
        "content/services/b-bad.yml",
    ]
    assert "2 error(s)" in result.stderr


def test_json_format(playbook: Path, cli) -> None:
    write(playbook, "content/services/quick-review.yml", SERVICE.replace("pmo-lead", "pmo-leed"))
    result = cli("validate", "--format", "json")
    assert result.exit_code == 1
    problems = [p for p in json.loads(result.stdout) if p["severity"] == "error"]
    assert problems == [
        {
            "file": "content/services/quick-review.yml",
            "line": 8,
            "column": 13,
            "severity": "error",
            "code": "unknown-reference",
            "message": "there is no role 'pmo-leed' in roles/; did you mean 'pmo-lead'?",
        }
    ]


def test_github_format(playbook: Path, cli) -> None:
    write(playbook, "content/services/quick-review.yml", SERVICE.replace("pmo-lead", "pmo-leed"))
    result = cli("validate", "--format", "github")
    assert result.exit_code == 1
    assert (
        "::error file=content/services/quick-review.yml,line=8,col=13,title=unknown-reference::"
        "there is no role 'pmo-leed' in roles/; did you mean 'pmo-lead'?"
    ) in result.stdout.splitlines()


def test_wrong_usage_exits_2(playbook: Path, cli) -> None:
    assert cli("validate", "--format", "xml").exit_code == 2
    assert cli("no-such-command").exit_code == 2


def test_loader_tags_scalars_as_yaml_does() -> None:
    """The loader's shortcut tag resolution gives every scalar the tag PyYAML's own gives it."""
    text = (
        "empty: ''\nnull: ~\nnothing:\nbool: yes\nfalse: False\nint: 42\nhex: 0x1F\n"
        "octal: 0o17\nfloat: 1.5e+3\ninf: .inf\ndate: 2026-11-23\ntime: 2026-11-23 10:00:00\n"
        "text: hello\nquoted: '5'\nforced: !!str 5\nmerge: <<\nequals: =\nsigned: -7\n"
        "list: [on, off, 1_000, 12:30]\nflow: {a: 1}\nblock: |\n  12\n"
    )
    document, problems = parse_yaml(text.encode(), "x.yml")
    assert problems == []

    def tags(node):
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value, node.start_mark.line, node.start_mark.column)
        children = node.value if isinstance(node, yaml.SequenceNode) else sum(node.value, ())
        return (node.tag, [tags(child) for child in children])

    # The pure-Python SafeLoader: independent of the C parser the project uses.
    assert tags(document.root) == tags(yaml.compose(text, Loader=yaml.SafeLoader))
    assert "tag:yaml.org,2002:bool" in str(tags(document.root))


def test_text_report_keeps_warnings_and_errors_in_one_stream_in_order(playbook: Path) -> None:
    """People read one list in file order, each line naming its code as yamllint names its rule."""
    tracking = playbook / "content/services/benefits-tracking.yml"
    text = tracking.read_text(encoding="utf-8")
    text = re.sub(r"reviewed: .*", "reviewed: 2020-01-01", text)
    tracking.write_text(text.replace("owner_role: ", "owner_role: x-"), encoding="utf-8")
    review = playbook / "content/services/risk-review.yml"
    review.write_text(review.read_text(encoding="utf-8") + "turnarond: 3 days\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "playbook_gen", "validate"], capture_output=True, text=True
    )
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert [line.split(": ")[0:2] for line in lines[:-1]] == [
        ["content/services/benefits-tracking.yml:18:13", "error"],
        ["content/services/benefits-tracking.yml:22:11", "warning"],
        ["content/services/risk-review.yml:22:1", "error"],
    ]
    assert [line.rsplit(" ", 1)[-1] for line in lines[:-1]] == [
        "(unknown-reference)",
        "(stale)",
        "(unknown-field)",
    ]
    assert lines[-1] == "2 error(s), 1 warning(s)"


def test_every_problem_code_is_declared_once() -> None:
    with pytest.raises(ValueError, match="not declared"):
        Problem("a.yml", 1, 1, "error", "no-such-code", "message")


@pytest.mark.parametrize("time", ["25:00", "9:30", "noon"])
def test_a_touchpoint_time_is_hh_mm(playbook: Path, cli, time: str) -> None:
    """One declaration (model.TIME) is checked here, read by the calendar, and in the schema."""
    clinic = playbook / "content/touchpoints/project-clinic.yml"
    text = re.sub(r"(?m)^time: .*$", f"time: '{time}'", clinic.read_text(encoding="utf-8"))
    clinic.write_text(text, encoding="utf-8")
    line = _line_of(playbook, "content/touchpoints/project-clinic.yml", "time:")
    result = cli("validate")
    assert error_lines(result.stderr) == [
        f"content/touchpoints/project-clinic.yml:{line}:7: error: 'time' is '{time}'; write a "
        "24-hour time as HH:MM, e.g. '09:30' (invalid-time)"
    ]
