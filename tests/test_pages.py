"""Each page kind holds what its readers need, read from the built starter site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import REPO, entry_files


class TextOf(HTMLParser):
    """The article's visible text, and its links, of one built page."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1
        if self.depth and tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def page(site: Path, path: str) -> TextOf:
    parser = TextOf()
    parser.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return parser


def content(relative: str) -> dict:
    return yaml.safe_load((REPO / "content" / relative).read_text(encoding="utf-8"))


def test_out_of_scope_page_lists_each_item_with_its_alternative(built_site: Path) -> None:
    text = page(built_site, "services/what-we-do-not-do").text
    mandate = content("mandate.yml")
    assert len(mandate["out_of_scope"]) >= 4
    for item in mandate["out_of_scope"]:
        assert item["item"] in text
        first_words = " ".join(re.sub(r"[*_`\[\]]", "", item["instead"]).split()[:4])
        assert first_words in text


def test_raci_page_has_legend_and_every_activity(built_site: Path) -> None:
    text = page(built_site, "roles/raci").text
    for words in ("Responsible", "Accountable", "Consulted", "Informed"):
        assert words in text
    for activity in content("raci.yml")["activities"]:
        assert activity["name"] in text


@pytest.mark.parametrize(
    "audience",
    sorted(p.stem for p in entry_files(REPO / "content/audiences")),
)
def test_audience_page_answers_whats_in_it_for_you(built_site: Path, audience: str) -> None:
    parsed = page(built_site, f"for-you/{audience}")
    data = content(f"audiences/{audience}.yml")
    assert "What's in it for you" in parsed.text
    for benefit in data["whats_in_it_for_you"]:
        assert " ".join(benefit.split()[:5]) in parsed.text
    assert "Whom to contact" in parsed.text
    assert "What we need from you" in parsed.text
    # Services for this audience are linked from its page.
    for service in entry_files(REPO / "content/services"):
        if audience in content(f"services/{service.name}")["audiences"]:
            assert any(link.endswith(f"services/{service.stem}/") for link in parsed.links)


def test_every_generated_page_shows_owner_review_and_source(built_site: Path) -> None:
    service = next(iter(sorted(entry_files(REPO / "content/services"))))
    text = page(built_site, f"services/{service.stem}").text
    data = content(f"services/{service.name}")
    assert f"Owner: {data['owner']}" in text
    assert f"Last reviewed: {data['reviewed']}" in text
    assert f"content/services/{service.name}" in text
    repository = content("playbook.yml")["repository_url"]
    assert any(
        link == f"{repository}/edit/main/content/services/{service.name}"
        for link in page(built_site, f"services/{service.stem}").links
    )


def test_home_page_gives_mandate_start_here_priorities_and_contact(built_site: Path) -> None:
    parsed = page(built_site, "")
    playbook = content("playbook.yml")
    mandate = content("mandate.yml")
    assert playbook["pmo_name"] in parsed.text
    assert "Start here" in parsed.text
    current = max(mandate["priorities"], key=lambda period: period["starts"])
    assert f"Our priorities for {current['period']}" in parsed.text
    assert playbook["contact"]["email"] in parsed.text
    for audience in entry_files(REPO / "content/audiences"):
        assert f"for-you/{audience.stem}/" in parsed.links


def test_hand_written_pages_are_included(built_site: Path) -> None:
    for source in (REPO / "content/pages").glob("*.md"):
        assert (built_site / source.stem / "index.html").is_file()


def test_glossary_abbreviations_explained_on_every_page(built_site: Path) -> None:
    glossary = content("glossary.yml")
    abbreviation = next(t for t in glossary["terms"] if t.get("abbreviation") == "PMO")
    html = (built_site / "services/index.html").read_text(encoding="utf-8")
    assert f'<abbr title="{abbreviation["term"]}">PMO</abbr>' in html


def test_office_hierarchy_and_network_map_are_drawn(built_site: Path) -> None:
    hierarchy = (built_site / "offices/hierarchy.svg").read_text(encoding="utf-8")
    for office in entry_files(REPO / "content/offices"):
        name = content(f"offices/{office.name}")["name"]
        assert name.split()[0] in hierarchy
    network = (built_site / "engagement/network-map.svg").read_text(encoding="utf-8")
    for kind in ("Operational", "Personal", "Strategic"):
        assert kind in network
    html = (built_site / "offices/index.html").read_text(encoding="utf-8")
    assert re.search(r'<img alt="[^"]{20,}" class="pb-diagram" src="hierarchy.svg"', html)
