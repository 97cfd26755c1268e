"""A kind declared once appears everywhere: a small extra kind, registered only for this test.

`Risk` is not part of the product: it stands for the next kind a maintainer adds. Its class, its
registration and its template (in the playbook's templates/) are all it brings; validation, the
JSON Schema, `new`, the change digest, its pages, its listing, the navigation, search and the
links back from the entries it names must follow without touching any other code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import pytest

from playbook_gen.authoring.scaffold import create_entry
from playbook_gen.authoring.schema import build_schema, schema_names
from playbook_gen.content import kinds
from playbook_gen.content.kinds import Column, Kind
from playbook_gen.content.model import Doc, Entry, Pattern, Ref
from playbook_gen.history.compare import compare
from playbook_gen.pipeline import check_playbook
from playbook_gen.problems import CODES
from playbook_gen.render.pages import render_checked


#: A rule declared once in the model: validation, the schema and `new` must all follow it.
REGISTER_CODE = Pattern(r"^R-[0-9]{3}$", "R- and three digits, e.g. 'R-042'", "R-042", "risk-code")


@dataclass
class Risk(Entry):
    """risks/: a risk the PMO watches across projects."""

    name: Annotated[str, Doc("Name of the risk")] = field(kw_only=True)
    summary: Annotated[str, Doc("One line on the risk")] = field(kw_only=True)
    level: Annotated[Literal["low", "high"], Doc("How serious it is")] = field(kw_only=True)
    owner_role: Annotated[str, Ref("roles"), Doc("The role that watches it")] = field(kw_only=True)
    code: Annotated[str, REGISTER_CODE, Doc("Its code in the risk register")] = field(kw_only=True)


RISKS = Kind(
    folder="risks",
    cls=Risk,
    singular="risk",
    title="Risks",
    pages="risks",
    template="risk.md.j2",
    columns=(
        Column("Risk", "name"),
        Column("Level", "level", filter="level"),
        Column("Watched by", "owner_role", filter="by"),
    ),
)

ENTRY = """name: Supplier delay
summary: Key suppliers deliver late and hold up the smart meter roll-out.
level: high
owner_role: portfolio-manager
code: R-007
"""

TEMPLATE = """# {{ entry.name }}

{{ entry.summary }}

**Watched by:** {{ link("roles", entry.owner_role) }}
"""


@pytest.fixture
def with_risks(playbook: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setitem(kinds.KINDS, "risks", RISKS)
    monkeypatch.setitem(CODES, "risk-code", "a risk code that is not R- and three digits")
    (playbook / "content/risks").mkdir()
    (playbook / "content/risks/supplier-delay.yml").write_text(ENTRY, encoding="utf-8")
    (playbook / "templates").mkdir(exist_ok=True)
    (playbook / "templates/risk.md.j2").write_text(TEMPLATE, encoding="utf-8")
    return playbook


def rendered(playbook: Path):
    checked = check_playbook(playbook / "content", playbook)
    assert checked.ok, checked.problems
    return render_checked(checked.playbook, playbook / "templates", playbook)


def test_validation_reads_and_checks_the_new_kind(with_risks: Path) -> None:
    entry = with_risks / "content/risks/supplier-delay.yml"

    def errors() -> list[str]:
        checked = check_playbook(with_risks / "content", with_risks)
        return [p.as_text() for p in checked.problems if p.severity == "error"]

    assert errors() == []
    entry.write_text(ENTRY + "likelihood: 3\n", encoding="utf-8")
    assert errors() == [
        "content/risks/supplier-delay.yml:6:1: error: unknown field 'likelihood' in this risk (unknown-field)"
    ]
    entry.write_text(ENTRY.replace("R-007", "R7"), encoding="utf-8")
    assert errors() == [
        "content/risks/supplier-delay.yml:5:7: error: 'code' is 'R7'; write R- and three digits, "
        "e.g. 'R-042' (risk-code)"
    ]
    entry.write_text(ENTRY.replace("portfolio-manager", "portfolio-manger"), encoding="utf-8")
    assert errors() == [
        "content/risks/supplier-delay.yml:4:13: error: there is no role 'portfolio-manger' in "
        "roles/; did you mean 'portfolio-manager'? (unknown-reference)"
    ]


def test_schema_and_new_know_the_new_kind(with_risks: Path) -> None:
    assert schema_names()["risk"] is Risk
    schema = build_schema(Risk, "risk")
    assert schema["title"] == "content/risks/<id>.yml"
    assert schema["properties"]["level"]["enum"] == ["low", "high"]
    assert schema["properties"]["owner_role"]["pattern"] == "^[a-z0-9][a-z0-9-]*$"
    assert schema["properties"]["code"] == {
        "description": "Its code in the risk register",
        "type": "string",
        "pattern": "^R-[0-9]{3}$",
    }
    written = create_entry("risk", "vendor-lock-in", with_risks / "content", dt.date(2026, 11, 30))
    assert written == with_risks / "content/risks/vendor-lock-in.yml"
    assert 'code: "R-042"' in written.read_text(encoding="utf-8")
    checked = check_playbook(with_risks / "content", with_risks)
    assert checked.ok
    assert {p.code for p in checked.problems if p.path.endswith("vendor-lock-in.yml")} == {
        "placeholder"
    }


def test_the_digest_names_the_new_kind(with_risks: Path) -> None:
    old = ENTRY.encode()
    new = ENTRY.replace("level: high", "level: low").encode()
    changes = compare([("M", "risks/supplier-delay.yml")], lambda p: old, lambda p: new)
    assert [(c.subject, c.details) for c in changes] == [
        ("Risk **Supplier delay**", ["level changed from high to low"])
    ]


def test_pages_listing_navigation_search_and_links_back(with_risks: Path) -> None:
    site, problems = rendered(with_risks)
    assert problems == []
    page = site.pages["risks/supplier-delay.md"]
    assert (
        "# Supplier delay" in page and "[Portfolio Manager](../roles/portfolio-manager.md)" in page
    )
    assert "risks/supplier-delay.md" in site.entry_pages  # searched like every entry page
    listing = site.pages["risks/index.md"]
    assert "| Risk | Level | Watched by |" in listing
    assert "| [Supplier delay](supplier-delay.md) | high | [Portfolio Manager]" in listing
    assert '<select name="level" data-column="2">' in listing
    assert "<option>low</option><option>high</option>" in listing
    titles = [next(iter(item)) for item in site.nav if isinstance(item, dict)]
    assert titles.index("Risks") == titles.index("What changed") - 1
    section = next(item["Risks"] for item in site.nav if "Risks" in item)
    assert section == ["risks/index.md", {"Supplier delay": "risks/supplier-delay.md"}]
    role = site.pages["roles/portfolio-manager.md"]
    assert "## Risks" in role and "[Supplier delay](../risks/supplier-delay.md)" in role


def test_a_kind_without_its_template_is_an_error_when_the_build_starts(with_risks: Path) -> None:
    (with_risks / "templates/risk.md.j2").unlink()
    site, problems = rendered(with_risks)
    assert site is None
    assert [p.as_text() for p in problems] == [
        "templates/risk.md.j2:1:1: error: the content kind 'risks' needs the template risk.md.j2 "
        "for its entry pages; add it to templates/ (missing-template)"
    ]


def test_the_new_kind_claims_its_places(with_risks: Path) -> None:
    (with_risks / "content/risks/index.yml").write_text(ENTRY, encoding="utf-8")
    problems = check_playbook(with_risks / "content", with_risks).problems
    assert [p.as_text() for p in problems if p.severity == "error"] == [
        "content/risks/index.yml:1:1: error: the id 'index' would replace the generated page "
        "risks/ (the risks listing); choose another id (route-taken)"
    ]
