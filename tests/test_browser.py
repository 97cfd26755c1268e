"""The built starter site in Debian's Chromium: every page loads cleanly, offline, accessibly, on a phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from icalendar import Calendar
from playwright.sync_api import expect

from conftest import REPO

SCREENSHOTS = REPO / "screenshots"
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


class Watched:
    """A page that records console errors and every request that leaves the site's host."""

    def __init__(self, browser, site_url: str) -> None:
        self.page = browser.new_page(viewport=DESKTOP)
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "request",
            lambda r: r.url.startswith(site_url) or self.outside.append(r.url),
        )


@pytest.fixture
def watched(browser, site_url: str) -> Iterator[Watched]:
    watched = Watched(browser, site_url)
    yield watched
    watched.page.close()


def site_pages(site: Path) -> list[str]:
    return sorted(
        "" if path.parent == site else path.parent.relative_to(site).as_posix() + "/"
        for path in site.rglob("index.html")
    )


def content(relative: str) -> dict:
    return yaml.safe_load((REPO / "content" / relative).read_text(encoding="utf-8"))


def test_every_page_is_clean_offline_accessible_and_fits_a_phone(
    built_site: Path, site_url: str, watched: Watched
) -> None:
    pages = site_pages(built_site)
    assert len(pages) > 60
    assert reader_problems(watched, site_url, pages) == []
    assert watched.errors == []
    assert watched.outside == []


def reader_problems(watched: Watched, site_url: str, pages: list[str]) -> list[str]:
    """Serious or critical axe violations, and pages wider than a phone, on every page."""
    axe = Axe()
    problems: list[str] = []
    for path in pages:
        watched.page.set_viewport_size(DESKTOP)
        watched.page.goto(f"{site_url}/{path}", wait_until="networkidle")
        violations = axe.run(watched.page).response["violations"]
        for violation in violations:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"/{path}: axe {violation['id']} at {targets}")
        watched.page.set_viewport_size(PHONE)
        width, visible = watched.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if width > visible:
            problems.append(f"/{path}: {width} px wide on a {visible} px phone screen")
    return problems


SERVICE_PAGE = re.compile(r"^(.*/)?services/risk-review/(\?[^#]*)?$")


def test_searching_a_service_name_finds_its_page(site_url: str, watched: Watched) -> None:
    service = content("services/risk-review.yml")
    watched.page.goto(site_url + "/", wait_until="networkidle")
    watched.page.click("input.md-search__input")
    # Material listens to key events; fill() would not start a search.
    watched.page.keyboard.type(service["name"])
    first = watched.page.locator(".md-search-result__item a").first
    # Results follow each key typed, and a prefix may rank another page first:
    # wait (up to ten seconds) for the ranking of the whole name.
    expect(first).to_have_attribute("href", SERVICE_PAGE, timeout=10_000)
    assert service["name"] in first.inner_text()


def _download(watched: Watched, url: str) -> Calendar:
    response = watched.page.request.get(url)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    return Calendar.from_ical(response.body())


def dated_touchpoints() -> dict[str, dict]:
    """The starter's touchpoints whose dates are known: a start, and a fixed cadence."""
    found = {
        path.stem: content(f"touchpoints/{path.name}")
        for path in (REPO / "content/touchpoints").glob("*.yml")
    }
    dated = {
        name: touchpoint
        for name, touchpoint in found.items()
        if "starts" in touchpoint and touchpoint["cadence"] not in ("event-driven", "on-request")
    }
    assert 0 < len(dated) < len(found)  # the starter has both kinds
    return dated


def test_calendar_files_download_and_hold_one_recurring_event_per_dated_touchpoint(
    site_url: str, watched: Watched
) -> None:
    touchpoints = dated_touchpoints()
    watched.page.goto(site_url + "/engagement/calendar/", wait_until="networkidle")
    link = watched.page.locator('a[href$="pmo-touchpoints.ics"]').first
    everything = _download(watched, link.evaluate("a => a.href"))
    events = everything.walk("VEVENT")
    assert sorted(str(event["SUMMARY"]) for event in events) == sorted(
        t["name"] for t in touchpoints.values()
    )
    assert all(event.get("RRULE") for event in events)

    for audience in (REPO / "content/audiences").glob("*.yml"):
        calendar = _download(watched, f"{site_url}/engagement/calendar/{audience.stem}.ics")
        expected = sorted(
            t["name"] for t in touchpoints.values() if audience.stem in t["audiences"]
        )
        assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == expected


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", ""),
        ("audience-delivery-teams", "for-you/delivery-teams/"),
        ("network-map", "engagement/"),
    ],
)
def test_screenshots_for_people_to_look_at(
    site_url: str, watched: Watched, name: str, path: str
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    watched.page.goto(f"{site_url}/{path}", wait_until="networkidle")
    target = SCREENSHOTS / f"{name}.png"
    watched.page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    # Every image on the page, the diagrams included, actually loaded.
    broken = watched.page.evaluate(
        "() => [...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.src)"
    )
    assert broken == []


def test_a_sponsor_finds_the_class_and_rules_of_a_750k_project(
    site_url: str, watched: Watched
) -> None:
    check_class_finder(watched, site_url)


def check_class_finder(watched: Watched, site_url: str) -> None:
    """A sponsor types a project's figures and sees its class and what it must do."""
    measures = content("playbook.yml")["measures"]
    watched.page.goto(site_url + "/how-projects-run/classes/", wait_until="networkidle")
    finder = watched.page.locator(".pb-class-finder")
    expect(finder).to_be_visible()
    cost = finder.get_by_label(measures["cost"]["question"])
    duration = finder.get_by_label(measures["duration"]["question"])
    cost.fill("750000")
    result = finder.locator(".pb-finder-result")
    expect(result).to_contain_text("This project is Classic")
    assert result.locator("a[href*='ready-to-deliver']").count() == 1
    assert result.locator("a[href*='business-case-form']").count() == 1
    # A duration in a higher class lifts the project into it.
    duration.fill("20")
    expect(result).to_contain_text("This project is Robust")
    assert result.locator("a[href*='services/assurance-review']").count() == 1
    cost.fill("")
    duration.fill("")
    expect(result).to_be_empty()
    assert watched.errors == []
