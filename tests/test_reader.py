"""The reader's features from each engine: the starter built by MkDocs, by ProperDocs and by
Zensical, each checked in Chromium by the same tests."""

from __future__ import annotations

import subprocess
import sys
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import serve
from playwright.sync_api import expect
from test_browser import (
    SERVICE_PAGE,
    Watched,
    dated_touchpoints,
    _download,
    check_class_finder,
    content,
    reader_problems,
    site_pages,
)

from conftest import REPO, entry_files


@pytest.fixture(scope="module", params=["mkdocs", "properdocs", "zensical"])
def engine_site(request, playbook_factory, built_site: Path) -> Iterator[tuple[str, Path, str]]:
    if request.param == "mkdocs":  # the default engine's build, which other tests share
        with serve(built_site) as url:
            yield request.param, built_site, url
        return
    root = playbook_factory()
    done = subprocess.run(
        [sys.executable, "-m", "playbook_gen", "build", "--strict", "--engine", request.param],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1790000000"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    with serve(root / "site") as url:
        yield request.param, root / "site", url


@pytest.fixture
def watched(browser, engine_site) -> Iterator[Watched]:
    watched = Watched(browser, engine_site[2])
    yield watched
    watched.page.close()


def test_every_page_is_there_clean_offline_accessible_and_fits_a_phone(
    engine_site, built_site: Path, watched: Watched
) -> None:
    engine, site, url = engine_site
    pages = site_pages(site)
    assert pages == site_pages(built_site)
    assert reader_problems(watched, url, pages) == [], engine
    assert watched.errors == [] and watched.outside == []


def test_glossary_diagrams_and_calendars(engine_site, watched: Watched) -> None:
    engine, site, url = engine_site
    watched.page.goto(f"{url}/glossary/", wait_until="networkidle")
    assert watched.page.locator("abbr[title]").count() > 5
    watched.page.goto(f"{url}/engagement/", wait_until="networkidle")
    broken = watched.page.evaluate(
        "() => [...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.src)"
    )
    assert broken == [] and watched.page.locator("img[src$='.svg']").count() >= 1
    # One recurring event per touchpoint whose dates are known, in the whole calendar and in
    # each group's.
    touchpoints = dated_touchpoints()
    watched.page.goto(f"{url}/engagement/calendar/", wait_until="networkidle")
    link = watched.page.locator('a[href$="pmo-touchpoints.ics"]').first
    events = _download(watched, link.evaluate("a => a.href")).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted(
        t["name"] for t in touchpoints.values()
    )
    assert all(event.get("RRULE") for event in events)
    for audience in entry_files(REPO / "content/audiences"):
        calendar = _download(watched, f"{url}/engagement/calendar/{audience.stem}.ics")
        expected = sorted(
            t["name"] for t in touchpoints.values() if audience.stem in t["audiences"]
        )
        assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == expected


def test_search_finds_a_service_by_name(engine_site, watched: Watched) -> None:
    engine, site, url = engine_site
    service = content("services/risk-review.yml")
    watched.page.goto(url + "/", wait_until="networkidle")
    if engine == "zensical":
        # Zensical's search is a dialog of its own (in a shadow root, which locators enter).
        watched.page.click(".md-search__button")
        watched.page.wait_for_timeout(500)
        watched.page.keyboard.type(service["name"])
        # Results follow each key typed: wait for those of the whole name.
        first = watched.page.locator("dialog a[href*='/services/risk-review/']").first
    else:
        watched.page.click("input.md-search__input")
        watched.page.keyboard.type(service["name"])
        first = watched.page.locator(".md-search-result__item a").first
    # Results follow each key typed, and a prefix may rank another page first:
    # wait (up to ten seconds) for the ranking of the whole name.
    expect(first).to_have_attribute("href", SERVICE_PAGE, timeout=10_000)
    assert service["name"] in first.inner_text()


def test_the_class_finder_works(engine_site, watched: Watched) -> None:
    check_class_finder(watched, engine_site[2])


def test_the_editing_pages_come_through_unchanged(engine_site, built_site: Path) -> None:
    """Each engine copies admin/ as it was generated: the page, its configuration, Decap CMS."""
    engine, site, _url = engine_site
    generated = sorted(path.name for path in (built_site / "admin").iterdir())
    assert sorted(path.name for path in (site / "admin").iterdir()) == generated, engine
    for name in ("index.html", "config.yml", "decap-cms.js", "LICENSE"):
        assert (site / "admin" / name).read_bytes() == (built_site / "admin" / name).read_bytes()
