"""The built starter site in Debian's Chromium: screenshots to look at, and the checks that
tests/test_reader.py runs on the site each engine builds (every page clean, offline, accessible,
on a phone; search; calendars; the class finder)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playbook_gen.authoring.cms import ADMIN
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
    """The readers' pages. The editing page admin/ is Decap CMS's own, for editors: its
    interface is not ours to change, and tests/test_editing.py drives it."""
    pages = (
        "" if path.parent == site else path.parent.relative_to(site).as_posix() + "/"
        for path in site.rglob("index.html")
    )
    return sorted(page for page in pages if not page.startswith(ADMIN))


def content(relative: str) -> dict:
    return yaml.safe_load((REPO / "content" / relative).read_text(encoding="utf-8"))


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


def check_class_finder(watched: Watched, site_url: str) -> None:
    """A sponsor types a project's figures and sees its class and what it must do."""
    measures = {measure["id"]: measure for measure in content("playbook.yml")["measures"]}
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
