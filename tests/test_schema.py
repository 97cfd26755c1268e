"""The exported JSON Schemas: current with the models, met by the starter, agreeing with validate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, error_lines
from jsonschema import Draft202012Validator

from playbook_gen.content.loader import read_yaml
from playbook_gen.authoring.schema import schema_names, write_schemas

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")

# YAML scalars as an editor's YAML language server (YAML 1.2, JSON types) hands them to the schema:
# dates stay text, numbers and booleans become JSON numbers and booleans.
_TYPED = {"null", "bool", "int", "float"}


def as_json(node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return {as_json(key): as_json(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [as_json(item) for item in node.value]
    tag = node.tag.rsplit(":", 1)[-1]
    if tag in _TYPED:
        return yaml.safe_load(node.value if tag != "null" else "null")
    return node.value


def schema_errors(file: Path) -> list[str]:
    """What the schema named in the file's modeline says about it, as 'path: message' lines."""
    first = file.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{file} does not begin with a yaml-language-server modeline"
    schema = json.loads((file.parent / match.group(1)).read_text(encoding="utf-8"))
    document, problems = read_yaml(file, file.name)
    assert document is not None, problems
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(as_json(document.root))
    ]


def content_files(content: Path) -> list[Path]:
    return sorted(content.glob("*.yml")) + sorted(content.glob("*/*.yml"))


def test_committed_schemas_match_the_models(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    committed = sorted(path.name for path in (REPO / "schema").glob("*.json"))
    assert committed == sorted(path.name for path in written)
    for path in written:
        assert path.read_text(encoding="utf-8") == (REPO / "schema" / path.name).read_text(
            encoding="utf-8"
        ), f"schema/{path.name} is out of date: run 'playbook-gen schema'"


def test_one_schema_per_content_kind() -> None:
    assert sorted(f"{kind}.schema.json" for kind in schema_names()) == [
        "audience.schema.json",
        "challenge.schema.json",
        "document.schema.json",
        "gate.schema.json",
        "glossary.schema.json",
        "life-cycle.schema.json",
        "mandate.schema.json",
        "office.schema.json",
        "phase.schema.json",
        "playbook.schema.json",
        "project-class.schema.json",
        "raci.schema.json",
        "role.schema.json",
        "service.schema.json",
        "tactic.schema.json",
        "touchpoint.schema.json",
    ]


@pytest.mark.parametrize("path", sorted((REPO / "schema").glob("*.json")), ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False


def test_schema_follows_the_declarations() -> None:
    service = json.loads((REPO / "schema/service.schema.json").read_text(encoding="utf-8"))
    props = service["properties"]
    assert props["turnaround"]["description"] == "Typical turnaround, e.g. '5 working days'"
    assert props["owner_role"]["pattern"] == "^[a-z0-9][a-z0-9-]*$"
    assert props["audiences"]["items"]["pattern"] == "^[a-z0-9][a-z0-9-]*$"
    # An optional field may be left empty, or cleared as the browser's forms write it.
    reviewed, empty, cleared = props["reviewed"]["anyOf"]
    assert reviewed["format"] == "date" and empty == {"type": "null"} and cleared == {"const": ""}
    assert "owner_role" in service["required"] and "activities" not in service["required"]
    office = json.loads((REPO / "schema/office.schema.json").read_text(encoding="utf-8"))
    assert office["properties"]["type"]["enum"] == ["enterprise", "departmental", "project"]
    contact = office["$defs"]["OfficeContact"]
    assert contact["required"] == ["name", "role"]
    assert contact["anyOf"] == [{"required": ["email"]}, {"required": ["phone"]}]
    assert contact["additionalProperties"] is False


def test_every_starter_file_names_and_meets_its_schema() -> None:
    files = content_files(REPO / "content")
    assert len(files) >= 11
    for file in files:
        name, _dot, language = file.stem.partition(".")
        kind = name if file.parent.name == "content" else None
        schema = ".translation.schema.json" if language else ".schema.json"  # risk-review.fr.yml
        assert schema_errors(file) == [], file
        first = file.read_text(encoding="utf-8").splitlines()[0]
        if kind:
            assert first.endswith(f"=../schema/{kind}{schema}")
        else:
            assert re.search(rf"=\.\./\.\./schema/[a-z-]+{re.escape(schema)}$", first)


HEAD = "# yaml-language-server: $schema=../../schema/{}.schema.json\n"
SERVICE = HEAD.format("service") + (
    "name: Quick review\nsummary: A short review\ndescription: We look at the plan.\n"
    "audiences: [delivery-teams]\nyou_get: [A note]\nhow_to_request: Ask the PMO.\n"
    "turnaround: 2 days\nowner_role: pmo-lead\n"
)
TOUCHPOINT = HEAD.format("touchpoint") + (
    "name: Clinic\npurpose: Help.\naudiences: [delivery-teams]\nvehicle: meeting\n"
    "cadence: monthly\nstarts: 2026-01-05\nrun_by: pmo-lead\nconnection: operational\n"
)
ROLE = HEAD.format("role") + (
    "name: Helper\nsummary: Helps\npurpose: To help.\nresponsibilities: [Help]\n"
    "works_with_pmo: Closely.\n"
)
PLAYBOOK = "# yaml-language-server: $schema=../schema/playbook.schema.json\n" + (
    "organisation: Org\npmo_name: PMO\ncontact:\n  email: pmo@example.org\n"
)
#: An activity as the starter writes them (a list, as the browser's forms do) ...
RACI_ACTIVITY = (
    "  - id: {key}\n    name: Extra check\n    assignments:\n"
    "      - {{role: pmo-lead, letter: {letter}}}\n"
)

# Each file is wrong in a way both the validator and the schema must catch.
INVALID = {
    "unknown field": ("services/quick-review.yml", SERVICE.replace("turnaround:", "turnarond:")),
    "missing field": ("services/quick-review.yml", SERVICE.replace("owner_role: pmo-lead\n", "")),
    "empty required field": (
        "services/quick-review.yml",
        SERVICE.replace("summary: A short review", "summary:"),
    ),
    "no way to reach the PMO": (
        "playbook.yml",
        PLAYBOOK.replace("  email: pmo@example.org\n", "  name: The PMO team\n"),
    ),
    "list expected": (
        "services/quick-review.yml",
        SERVICE.replace("[delivery-teams]", "\n  group: delivery-teams"),
    ),
    "text expected": ("services/quick-review.yml", SERVICE.replace("[A note]", "[{a: b}]")),
    "reference not an id": ("services/quick-review.yml", SERVICE.replace("pmo-lead", "PMO Lead")),
    "impossible date": ("touchpoints/clinic.yml", TOUCHPOINT.replace("01-05", "02-30")),
    "date not YYYY-MM-DD": ("touchpoints/clinic.yml", TOUCHPOINT.replace("2026-01-05", "5/1/26")),
    "enum value": (
        "touchpoints/clinic.yml",
        TOUCHPOINT.replace("cadence: monthly", "cadence: hourly"),
    ),
    "whole number expected": ("touchpoints/clinic.yml", TOUCHPOINT + "duration_minutes: an hour\n"),
    "true or false expected": ("roles/helper.yml", ROLE + "in_pmo: maybe\n"),
    "unknown field in a nested record": (
        "playbook.yml",
        PLAYBOOK.replace("  email:", "  emial:"),
    ),
    "not a mapping": ("roles/helper.yml", HEAD.format("role") + "- name: Helper\n"),
    "RACI letter": ("raci.yml", RACI_ACTIVITY.format(key="extra-check", letter="X")),
    "RACI activity id": ("raci.yml", RACI_ACTIVITY.format(key="Extra Check", letter="A")),
    "blank text": ("services/quick-review.yml", SERVICE.replace("A short review", "'   '")),
    "line break in a name": (
        "services/quick-review.yml",
        SERVICE.replace("name: Quick review", 'name: "Quick\\nreview"'),
    ),
    "bidirectional override": (
        "services/quick-review.yml",
        SERVICE.replace("A short review", '"A short \\u202e review"'),
    ),
    "e-mail that is a web address": (
        "playbook.yml",
        PLAYBOOK.replace("pmo@example.org", "https://pmo.example.org"),
    ),
    "duration out of range": ("touchpoints/clinic.yml", TOUCHPOINT + "duration_minutes: 0\n"),
    "time not HH:MM": ("touchpoints/clinic.yml", TOUCHPOINT + "time: '25:00'\n"),
}


def _write_case(playbook: Path, relative: str, text: str) -> Path:
    file = playbook / "content" / relative
    if relative == "raci.yml":  # an extra activity at the end of the starter matrix
        text = file.read_text(encoding="utf-8").rstrip("\n") + "\n" + text
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


@pytest.mark.parametrize("case", INVALID, ids=list(INVALID))
def test_schema_and_validator_both_reject(playbook_with_schema: Path, cli, case: str) -> None:
    relative, text = INVALID[case]
    file = _write_case(playbook_with_schema, relative, text)
    result = cli("validate")
    assert result.exit_code == 1
    errors = error_lines(result.stderr)
    assert errors and all(line.startswith(f"content/{relative}:") for line in errors), errors
    assert schema_errors(file) != []


@pytest.mark.parametrize(
    ("relative", "text"),
    [
        ("services/quick-review.yml", SERVICE),
        ("touchpoints/clinic.yml", TOUCHPOINT + "duration_minutes: 45\ntime: '09:30'\n"),
        (
            "touchpoints/board.yml",
            TOUCHPOINT.replace("cadence: monthly\nstarts: 2026-01-05\n", "cadence: on-request\n")
            + "decisions:\n  - decision: Approves business cases\n    threshold: over 500 K\n",
        ),
        (
            "services/gate-check.yml",
            SERVICE.replace("how_to_request: Ask the PMO.\nturnaround: 2 days\n", "").replace(
                "you_get: [A note]\n", ""
            )
            + "kind: mandatory\napplies_when: Projects over 100 K.\nyou_do: [Fill in the form]\n",
        ),
        (
            "playbook.yml",
            PLAYBOOK.replace("  email: pmo@example.org\n", "  phone: '+44 1'\n")
            + "measures:\n  cost: {name: Cost, unit: £}\n  duration: {name: Duration}\n",
        ),
        ("roles/helper.yml", ROLE + "in_pmo: true\nreviewed: 2026-01-31\n"),
        ("raci.yml", RACI_ACTIVITY.format(key="extra-check", letter="A")),
    ],
    ids=[
        "service",
        "touchpoint",
        "touchpoint on request",
        "mandatory control",
        "contact by phone",
        "role",
        "raci activity",
    ],
)
def test_schema_and_validator_both_accept(
    playbook_with_schema: Path, cli, relative: str, text: str
) -> None:
    file = _write_case(playbook_with_schema, relative, text)
    result = cli("validate")
    assert result.exit_code == 0, result.output
    assert schema_errors(file) == []


def test_schema_command_writes_every_schema(tmp_path: Path, cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("schema", "--out", "out")
    assert result.exit_code == 0
    assert result.stderr == "32 schemas written to out\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        p.name for p in (REPO / "schema").glob("*.json")
    )
