"""The PMO's method as data: life cycles, phases, gates, project classes and the library.

The starter playbook's method is read as a sponsor would read it, then broken the ways editors
break it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook_gen.pipeline import check_playbook
from playbook_gen.render.pages import render_checked


@pytest.fixture
def with_method(playbook: Path) -> Path:
    """The starter playbook, whose method (two life cycles, three classes, a library) is whole."""
    return playbook


def edit(root: Path, relative: str, old: str, new: str) -> None:
    file = root / "content" / relative
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(root: Path) -> list[str]:
    checked = check_playbook(root / "content", root)
    return [p.as_text() for p in checked.problems if p.severity == "error"]


def rendered(root: Path):
    checked = check_playbook(root / "content", root)
    assert [p.as_text() for p in checked.problems if p.severity == "error"] == []
    site, problems = render_checked(checked.playbook, root / "templates", root)
    assert problems == []
    return site


def test_the_method_is_valid_and_makes_its_pages(with_method: Path) -> None:
    site = rendered(with_method)
    overview = site.pages["how-projects-run/index.md"]
    assert overview.index("## Standard") < overview.index("## Agile")  # by declared position
    assert "(diagrams/standard.svg){: .pb-diagram }" in overview
    assert (
        "2. [Initiate](phases/standard-initiate.md) — ends at the gate "
        "[Business case approval](gates/business-case-approval.md)"
    ) in overview
    assert "5. [Close](phases/standard-close.md)\n" in overview
    svg = site.files["how-projects-run/diagrams/standard.svg"].decode()
    assert "1. Idea" in svg and "Gate: Business case approval" in svg
    assert (
        ">Decided by Project Sponsor</text>" in svg and ">at Portfolio Review Board</text>" in svg
    )

    phase = site.pages["how-projects-run/phases/standard-initiate.md"]
    assert (
        "| Business case | [Project Sponsor](../../roles/sponsor.md) | "
        "[Classic](../classes/classic.md), [Robust](../classes/robust.md) projects | "
        "[Business case form](../../library/business-case-form.md) |"
    ) in phase
    assert (
        "| RAID log | [Project Manager](../../roles/project-manager.md) | every project | "
        "[RAID log](../../library/raid-log.md) |"
    ) in phase
    assert "Before: [Idea](standard-idea.md) · Next: [Plan](standard-plan.md)" in phase
    gate = site.pages["how-projects-run/gates/ready-to-deliver.md"]
    assert (
        "| **For** | [Classic](../classes/classic.md), [Robust](../classes/robust.md) projects |"
    ) in gate
    assert "## If the answer is no" in gate and "## What must be true to pass" in gate

    kept_here = site.pages["library/status-report-template.md"]
    assert "[Download Monthly status report template](status-report-template.csv)" in kept_here
    assert "library/status-report-template.csv" in site.sources  # published beside its page
    elsewhere = site.pages["library/business-case-form.md"]
    assert (
        "[Open Business case form](https://intranet.harbourline.example/pmo/library/"
        "business-case-form.docx)"
    ) in elsewhere

    sponsor = site.pages["roles/sponsor.md"]
    assert "## In a project's life" in sponsor
    assert (
        "decides at the gate [Business case approval](../how-projects-run/gates/"
        "business-case-approval.md)"
    ) in sponsor
    leaders = site.pages["for-you/senior-leadership.md"]
    assert "## Where you meet us in a project's life" in leaders


def test_a_750k_project_finds_its_gates_documents_and_controls(with_method: Path) -> None:
    page = rendered(with_method).pages["how-projects-run/classes/index.md"]
    assert (
        '<div class="pb-class-finder" hidden data-heading="Find your project&#39;s class: enter'
        ' its figures." data-result="This project is %(name)s. It must do what follows:"></div>'
    ) in page
    assert 'data-class="classic" data-measure="cost"' in page
    assert 'data-at-least="100000" data-below="1000000">£100,000 to under £1,000,000</span>' in page
    classic = page.split("### Classic {: #class-classic }")[1].split("### Robust")[0]
    robust = page.split("### Robust {: #class-robust }")[1]
    assert "[Ready to deliver](../gates/ready-to-deliver.md)" in classic
    assert "[Business case form](../../library/business-case-form.md)" in classic
    assert "[Portfolio status reporting](../../services/status-reporting.md)" in classic
    assert "Board approval when the cost is £500,000 or more" in classic
    # The independent assurance review is for robust projects only.
    assert "services/assurance-review.md" not in classic
    assert "[Independent assurance review](../../services/assurance-review.md)" in robust
    light = page.split("### Light {: #class-light }")[1].split("### Classic")[0]
    assert "ready-to-deliver" not in light and "business-case-form" not in light

    own_page = rendered(with_method).pages["how-projects-run/classes/classic.md"]
    assert "- **Estimated whole-life cost:** £100,000 to under £1,000,000" in own_page
    assert "## Gates it passes" in own_page
    # An on-request service that names the class is listed for it; not for the lighter class.
    assert "## Services for these projects" in own_page
    assert "[Governance health check](../../services/governance-health-check.md)" in own_page
    assert "governance-health-check" not in light


def test_library_listing_filters_by_phase_and_class(with_method: Path) -> None:
    listing = rendered(with_method).pages["library/index.md"]
    assert '<select name="phase"' in listing and "<option>Initiate</option>" in listing
    assert '<select name="class"' in listing and "<option>Classic</option>" in listing
    row = next(line for line in listing.splitlines() if "(business-case-form.md)" in line)
    assert "[Initiate](../how-projects-run/phases/standard-initiate.md)" in row
    assert "[Classic](../how-projects-run/classes/classic.md)" in row


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            "classes/classic.yml",
            "at_least: 100000",
            "at_least: 90000",
            "content/classes/classic.yml:6:5: error: the 'cost' range of 'classic' (£90,000 to "
            "under £1,000,000) overlaps that of 'light' (under £100,000): a project would be in "
            "both (class-thresholds)",
        ),
        (
            "classes/robust.yml",
            "at_least: 1000000",
            "at_least: 2000000",
            "content/classes/robust.yml:6:5: error: the 'cost' ranges leave a gap from "
            "£1,000,000 to £2,000,000 between 'classic' and 'robust': a project there would have "
            "no class (class-thresholds)",
        ),
        (
            "classes/robust.yml",
            "at_least: 1000000\n",
            "at_least: 1000000\n    below: 5000000\n",
            "content/classes/robust.yml:6:5: error: no class holds a 'cost' of £5,000,000 or "
            "more: end the highest range open (leave out 'below') (class-thresholds)",
        ),
        (
            "classes/light.yml",
            "    below: 100000\n",
            "    at_least: 1000\n    below: 100000\n",
            "content/classes/light.yml:6:5: error: no class holds a 'cost' under £1,000: start "
            "the lowest range at 0 (leave out 'at_least') (class-thresholds)",
        ),
        (
            "classes/classic.yml",
            "below: 1000000",
            "below: 50000",
            "content/classes/classic.yml:8:12: error: 'below' (50000) must be more than "
            "'at_least' (100000) (contradiction)",
        ),
        (
            "classes/classic.yml",
            "measure: cost",
            "measure: costs",
            "content/classes/classic.yml:6:14: error: there is no measure 'costs' in "
            "playbook.yml; did you mean 'cost'? (unknown-reference)",
        ),
        (
            "gates/go-live.yml",
            "decided_by: sponsor",
            "decided_by: sponsr",
            "content/gates/go-live.yml:4:13: error: there is no role 'sponsr' in roles/; did you "
            "mean 'sponsor'? (unknown-reference)",
        ),
        (
            "gates/go-live.yml",
            "forum: portfolio-review-board",
            "forum: portfolio-board",
            "content/gates/go-live.yml:5:8: error: there is no touchpoint 'portfolio-board' in "
            "touchpoints/; did you mean 'portfolio-review-board'? (unknown-reference)",
        ),
        (
            "gates/go-live.yml",
            "decided_by: sponsor\nforum: portfolio-review-board\n",
            "",
            "content/gates/go-live.yml:2:1: error: this gate needs at least one of "
            "'decided_by', 'forum' (none-of)",
        ),
        (
            "gates/go-live.yml",
            "ends: standard-deliver",
            "ends: standard-initiate",
            "content/gates/go-live.yml:3:7: error: 'ends' names 'standard-initiate', as the gate "
            "'business-case-approval' does already; each phase has one gate (duplicate-position)",
        ),
        (
            "phases/standard-plan.yml",
            "position: 3",
            "position: 2",
            "content/phases/standard-plan.yml:4:11: error: position 2 of the life cycle "
            "'standard' is taken by 'standard-initiate'; give each its own place "
            "(duplicate-position)",
        ),
        (
            "documents/project-health-guide.yml",
            "file: library/project-health-guide.pdf",
            "file: library/project-health-gide.pdf",
            "content/documents/project-health-guide.yml:8:7: error: there is no file "
            "'library/project-health-gide.pdf' in content/pages/; did you mean "
            "'library/project-health-guide.pdf'? (missing-file)",
        ),
        (
            "documents/project-health-guide.yml",
            "file: library/project-health-guide.pdf",
            "file: library/project-health-guide.exe",
            "content/documents/project-health-guide.yml:8:7: error: "
            "'library/project-health-guide.exe' is not a file the library publishes; use one of "
            ".avif, .csv, .doc, .docx, .gif, .ico, .jpeg, .jpg, .mpp, .odp, .ods, .odt, .pdf, "
            ".png, .ppt, .pptx, .txt, .vsdx, .webp, .xls, .xlsx (file-type)",
        ),
        (
            "documents/project-health-guide.yml",
            "file: library/project-health-guide.pdf",
            "file: ../mkdocs.yml",
            "content/documents/project-health-guide.yml:8:7: error: 'file' is '../mkdocs.yml'; "
            "write a path inside content/pages/, such as 'library/business-case.docx' "
            "(invalid-url)",
        ),
        (
            "services/assurance-review.yml",
            "classes: [robust]",
            "classes: [robst]",
            "content/services/assurance-review.yml:27:11: error: there is no project class "
            "'robst' in classes/; did you mean 'robust'? (unknown-reference)",
        ),
    ],
    ids=[
        "overlap",
        "gap",
        "top range closed",
        "bottom range raised",
        "range upside down",
        "unknown measure",
        "unknown decider",
        "unknown forum",
        "nobody decides",
        "two gates end a phase",
        "two phases in one place",
        "missing file",
        "disallowed file type",
        "file outside pages",
        "service for an unknown class",
    ],
)
def test_broken_method_gives_located_errors(
    with_method: Path, relative: str, old: str, new: str, expected: str
) -> None:
    edit(with_method, relative, old, new)
    assert expected in errors(with_method)
