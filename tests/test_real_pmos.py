"""Content as real PMOs publish it: controls beside services, touchpoints without dates, fields
left out. Nothing on a page states what the content does not say."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from conftest import build_site

from playbook_gen.pipeline import check_playbook
from playbook_gen.render.pages import render_checked

#: A build day after every start date of the starter, so each dated touchpoint has a "Next".
TODAY = dt.date(2027, 7, 1)


def rendered(root: Path):
    checked = check_playbook(root / "content", root, today=TODAY)
    errors = [p.as_text() for p in checked.problems if p.severity == "error"]
    assert errors == []
    site, problems = render_checked(checked.playbook, root / "templates", root)
    assert problems == []
    return site


def write(root: Path, relative: str, text: str) -> None:
    (root / "content" / relative).write_text(text, encoding="utf-8")


def edit(root: Path, relative: str, old: str, new: str) -> None:
    file = root / "content" / relative
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_undated_touchpoints_get_no_invented_date_nor_calendar_event(playbook: Path) -> None:
    site = rendered(playbook)
    on_request = site.pages["engagement/touchpoints/directorate-portfolio-report.md"]
    no_start = site.pages["engagement/touchpoints/project-health-report.md"]
    dated = site.pages["engagement/touchpoints/portfolio-review-board.md"]
    for page in (on_request, no_start):
        assert "**Next**" not in page and "starting" not in page
        assert "Download the calendar" not in page
    assert "| **How often** | on request |" in on_request
    assert "quarterly (monthly while a project is amber or red)" in no_start
    assert re.search(r"\| \*\*Next\*\* \| \d{4}-\d{2}-\d{2} \|", dated)

    listing = site.pages["engagement/calendar.md"]
    row = next(line for line in listing.splitlines() if "directorate-portfolio-report" in line)
    assert "no fixed date" in row and not re.search(r"\d{4}-\d{2}-\d{2}", row)

    events = Calendar.from_ical(site.files["engagement/calendar/pmo-touchpoints.ics"])
    names = {str(event["SUMMARY"]) for event in events.walk("VEVENT")}
    assert "Portfolio Review Board" in names
    assert not names & {"Directorate portfolio report", "Project health report"}


def test_a_forum_lists_the_decisions_it_takes_and_from_what_threshold(playbook: Path) -> None:
    page = rendered(playbook).pages["engagement/touchpoints/portfolio-review-board.md"]
    assert "## What it decides" in page
    assert "| Approves new projects and their business cases | Estimated cost of £500,000" in page
    # A forum that states no decisions gets no empty section.
    other = rendered(playbook).pages["engagement/touchpoints/project-clinic.md"]
    assert "What it decides" not in other


def test_mandatory_controls_are_listed_apart_and_never_offered_on_request(playbook: Path) -> None:
    site = rendered(playbook)
    listing = site.pages["services/index.md"]
    required, _, offered = listing.partition("## What you can ask for")
    assert "## Required of projects" in required
    assert "[Independent assurance review](assurance-review.md)" in required
    assert "assurance-review.md" not in offered
    assert "[Risk review](risk-review.md)" in offered

    control = site.pages["services/assurance-review.md"]
    assert "Required, not requested" in control
    assert "How to request it" not in control
    assert "## When it applies" in control and "£1 million or more" in control
    assert "## What you need to do" in control
    assert "**Cost:** Free to the project" in control
    reporting = site.pages["services/status-reporting.md"]
    assert "Typical turnaround" not in reporting and "How to request it" not in reporting

    audience = site.pages["for-you/senior-leadership.md"]
    assert "[Independent assurance review](../services/assurance-review.md) (required)" in audience


def test_a_catalogue_of_services_alone_reads_as_before(playbook: Path) -> None:
    (playbook / "content/services/assurance-review.yml").unlink()
    edit(playbook, "services/status-reporting.yml", "kind: mandatory\n", "")
    listing = rendered(playbook).pages["services/index.md"]
    assert "Required of projects" not in listing and "What you can ask for" not in listing
    assert listing.startswith("# Services\n\nWhat you can ask the PMO for.")


def test_declared_positions_keep_a_tier_ladder_in_its_own_order(playbook: Path) -> None:
    ladder = {
        "training-and-coaching": "Enable",
        "risk-review": "Support",
        "lessons-learned": "Deliver",
    }
    for position, (service, tier) in enumerate(ladder.items(), start=1):
        edit(
            playbook,
            f"services/{service}.yml",
            "owner_role:",
            f"tier: {tier}\nposition: {position}\nowner_role:",
        )
    listing = rendered(playbook).pages["services/index.md"]
    rows = [line for line in listing.splitlines() if line.startswith("| [")]
    assert [row.split("](")[1].split(".md")[0] for row in rows[:3]] == list(ladder)
    assert "| Tier |" in listing and "| Enable |" in rows[0]


def test_columns_and_sections_without_content_are_left_out(playbook: Path) -> None:
    for service in (playbook / "content/services").glob("*.yml"):
        text = service.read_text(encoding="utf-8")
        service.write_text(re.sub(r"(?m)^turnaround: .*\n", "", text), encoding="utf-8")
    mandate = (playbook / "content/mandate.yml").read_text(encoding="utf-8")
    mandate = re.sub(r"(?ms)^kpis:\n(  .*\n|    .*\n)*", "", mandate)
    (playbook / "content/mandate.yml").write_text(mandate, encoding="utf-8")
    challenge = "challenges/reporting-feels-like-overhead.yml"
    text = (playbook / "content" / challenge).read_text(encoding="utf-8")
    write(playbook, challenge, re.sub(r"(?ms)^symptoms:\n(  - .*?\n)+", "", text))

    site = rendered(playbook)
    assert "Turnaround" not in site.pages["services/index.md"]
    assert "Turnaround" not in site.pages["for-you/delivery-teams.md"]
    assert "What we measure" not in site.pages["mandate.md"]
    assert "How it shows" not in site.pages["challenges/reporting-feels-like-overhead.md"]


def test_contacts_without_e_mail_and_the_wording_of_who_is_served(playbook: Path) -> None:
    edit(
        playbook,
        "playbook.yml",
        "  email: pmo@harbourline.example\n",
        "  web: https://help.harbourline.example/pmo\n",
    )
    edit(playbook, "playbook.yml", "edit_uri:", "we_serve: the university\nedit_uri:")
    site = rendered(playbook)
    home = site.pages["index.md"]
    assert "## How this helps the university" in home and "helps the business" not in home
    assert "E-mail" not in home
    assert "[https://help.harbourline.example/pmo](https://help.harbourline.example/pmo)" in home
    assert "## How this helps the university" in site.pages["mandate.md"]
    assert (
        "Or reach the PMO: [https://help.harbourline.example/pmo]"
        in site.pages["for-you/senior-leadership.md"]
    )


def test_mandate_states_its_authority_and_history(playbook: Path) -> None:
    page = rendered(playbook).pages["mandate.md"]
    assert "## On what authority" in page and "12 March 2025" in page
    assert "## Our history" in page


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            "playbook.yml",
            "  email: pmo@harbourline.example\n  phone: 0117 496 0210\n  chat: Microsoft Teams, "
            'channel "Ask the PMO"\n  location: Harbour House, second floor (east wing), Quay Street\n',
            "",
            "content/playbook.yml:6:3: error: 'contact' needs at least one of 'email', 'phone', "
            "'web', 'chat', 'location' (none-of)",
        ),
        (
            "services/assurance-review.yml",
            "kind: mandatory\n",
            "kind: mandatory\nhow_to_request: Ask us.\n",
            "content/services/assurance-review.yml:9:17: error: a mandatory control is not "
            "requested: remove 'how_to_request' and say in 'you_do' what projects must do, or "
            "make the service 'on-request' (contradiction)",
        ),
        (
            "touchpoints/directorate-portfolio-report.yml",
            "cadence: on-request\n",
            "cadence: on-request\nstarts: 2027-01-04\n",
            "content/touchpoints/directorate-portfolio-report.yml:9:9: error: a touchpoint held on "
            "request has no start date to repeat: remove 'starts', or give a fixed cadence such "
            "as 'monthly' (contradiction)",
        ),
        (
            "touchpoints/project-health-report.yml",
            "cadence: quarterly\n",
            "cadence: when needed\n",
            "content/touchpoints/project-health-report.yml:8:10: error: 'cadence' is 'when "
            "needed', which is not allowed; use daily, weekly, fortnightly, monthly, quarterly, "
            "half-yearly, yearly, event-driven, on-request (not-allowed)",
        ),
    ],
    ids=["no way to reach", "mandatory requested", "start without cadence", "unknown cadence"],
)
def test_contradictions_are_located_errors(
    playbook: Path, cli, relative: str, old: str, new: str, expected: str
) -> None:
    edit(playbook, relative, old, new)
    result = cli("validate")
    assert result.exit_code == 1
    assert expected in result.stderr.splitlines()


#: What this round added to the model: a playbook written before it has none of it.
NEW_FOLDERS = ("lifecycles", "phases", "gates", "classes", "documents")
NEW_FIELDS = (
    "measures", "we_serve", "legal_basis", "history", "kind", "applies_when", "you_do", "cost",
    "tier", "position", "phases", "classes", "cadence_note", "decisions", "editing",
)  # fmt: skip


def test_a_playbook_written_before_the_method_still_builds_without_its_sections(
    playbook: Path,
) -> None:
    content = playbook / "content"
    for folder in NEW_FOLDERS:
        shutil.rmtree(content / folder)
    shutil.rmtree(content / "pages/library")
    for file in content.rglob("*.yml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for record in [data, *data.get("activities", [])] if file.name == "raci.yml" else [data]:
            for name in NEW_FIELDS:
                record.pop(name, None)
        if "touchpoints" in file.parts and "starts" not in data:
            data["starts"] = "2027-01-04"  # required before
        if "touchpoints" in file.parts and data["cadence"] in ("event-driven", "on-request"):
            data["cadence"] = "monthly"
        if "services" in file.parts:
            data.setdefault("how_to_request", "Ask the PMO.")
            data.setdefault("turnaround", "5 working days")
            data.setdefault("you_get", ["A report"])
        file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    site = rendered(playbook)
    assert not any(path.startswith(("how-projects-run/", "library/")) for path in site.pages)
    titles = json.dumps(site.nav)
    assert "How projects run here" not in titles and "Templates and standards" not in titles
    assert "## Required of projects" not in site.pages["services/index.md"]
    build_site(playbook, "--strict")
