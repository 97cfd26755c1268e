"""The route table: an entry or a hand-written page never silently takes a generated page's place.

Every collision is a located error at the file that makes it, from `validate` as from `build`,
and the build writes nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import error_lines

COLLISIONS = [
    (
        "roles/sponsor.yml",
        "roles/raci.yml",
        "content/roles/raci.yml:1:1: error: the id 'raci' would replace the generated page "
        "roles/raci/ (the RACI matrix); choose another id (route-taken)",
    ),
    (
        "services/risk-review.yml",
        "services/what-we-do-not-do.yml",
        "content/services/what-we-do-not-do.yml:1:1: error: the id 'what-we-do-not-do' would "
        "replace the generated page services/what-we-do-not-do/ (the page of what the PMO does "
        "not do); choose another id (route-taken)",
    ),
    (
        "services/risk-review.yml",
        "services/page.yml",
        "content/services/page.yml:1:1: error: the id 'page' would replace the generated page "
        "services/page/ (the further pages of the services listing); choose another id (route-taken)",
    ),
    (
        "services/risk-review.yml",
        "services/index.yml",
        "content/services/index.yml:1:1: error: the id 'index' would replace the generated page "
        "services/ (the services listing); choose another id (route-taken)",
    ),
    (
        "audiences/senior-leadership.yml",
        "audiences/pmo-touchpoints.yml",
        "content/audiences/pmo-touchpoints.yml:1:1: error: the calendar file of the id "
        "'pmo-touchpoints' would replace the file engagement/calendar/pmo-touchpoints.ics "
        "(a file the generator writes); choose another id (route-taken)",
    ),
]


@pytest.mark.parametrize("original, copy, expected", COLLISIONS, ids=[c[1] for c in COLLISIONS])
def test_an_id_that_takes_a_generated_place_is_a_located_error(
    playbook: Path, cli, original: str, copy: str, expected: str
) -> None:
    shutil.copy(playbook / "content" / original, playbook / "content" / copy)
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.output) == [expected]


def test_a_hand_written_page_where_a_listing_goes_is_a_located_error(playbook: Path, cli) -> None:
    for path in ("services/index.md", "roles/raci/index.md"):
        page = playbook / "content/pages" / path
        page.parent.mkdir(parents=True)
        page.write_text("# My own page\n", encoding="utf-8")
    result = cli("validate")
    assert error_lines(result.output) == [
        "content/pages/roles/raci/index.md:1:1: error: this hand-written page would replace the "
        "generated page roles/raci/ (the RACI matrix); rename or move it (route-taken)",
        "content/pages/services/index.md:1:1: error: this hand-written page would replace the "
        "generated page services/ (the services listing); rename or move it (route-taken)",
    ]


def test_a_colliding_build_writes_nothing(playbook: Path, cli) -> None:
    shutil.copy(playbook / "content/roles/sponsor.yml", playbook / "content/roles/raci.yml")
    result = cli("build")
    assert result.exit_code == 1
    assert "would replace the generated page roles/raci/" in result.output
    assert not (playbook / "site").exists()


def test_edit_links_follow_the_configured_content_folder(playbook: Path, cli) -> None:
    """With `content_dir` set to another folder, every 'edit the source' link names that folder."""
    (playbook / "content").rename(playbook / "pmo-content")
    config = playbook / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("content_dir: content", "content_dir: pmo-content")
    config.write_text(text.replace("docs_dir: content/pages", "docs_dir: pmo-content/pages"))
    assert cli("build").exit_code == 0
    base = "https://git.harbourline.example/pmo/playbook/edit/main/"
    for page, source in [
        ("index.html", "pmo-content/playbook.yml"),
        ("mandate/index.html", "pmo-content/mandate.yml"),
        ("roles/raci/index.html", "pmo-content/raci.yml"),
        ("services/risk-review/index.html", "pmo-content/services/risk-review.yml"),
    ]:
        html = (playbook / "site" / page).read_text(encoding="utf-8")
        assert f'href="{base}{source}"' in html, page
        assert "/content/" not in html.replace("pmo-content", ""), page
