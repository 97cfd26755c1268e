"""Long listings in Chromium: a filter looks through every page of a listing, and can be linked to.

A playbook of 200 entries splits its services and tactics listings over several pages, so these
tests see the rows of other pages fetched, filtered and linked correctly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browser import serve
from conftest import build_site

from bench.generate import generate
from playbook_gen.render.listings import LISTING_ROWS


@pytest.fixture(scope="module")
def playbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("listings") / "playbook"
    generate(root, 200)
    # Busy roles: one owns more services than a listing page holds, one runs many touchpoints.
    hand_over(root / "content/services", 30, "owner_role", "portfolio-manager")
    hand_over(root / "content/touchpoints", 25, "run_by", "pmo-lead")
    # A comma in a name must not split it where the filter compares names.
    audience = root / "content/audiences/senior-leadership.yml"
    data = yaml.safe_load(audience.read_text(encoding="utf-8"))
    data["name"] = "Senior leadership, boards and committees"
    audience.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    build_site(root, "--strict")
    return root


def hand_over(folder: Path, count: int, field: str, role: str) -> None:
    for path in sorted(folder.glob("*.yml"))[:count]:
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump({**entry, field: role}, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def listing_url(playbook: Path) -> Iterator[str]:
    with serve(playbook / "site") as url:
        yield url


@pytest.fixture
def page(browser, listing_url: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == []


def entries(playbook: Path, collection: str) -> list[dict]:
    return [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((playbook / "content" / collection).glob("*.yml"))
    ]


def wait_until_filtered(page) -> None:
    """Until the filter has looked through every page of the listing and counted what it shows."""
    page.wait_for_function(
        "() => / of \\d+ shown$/.test(document.querySelector('.pb-filter-count')?.textContent)"
    )


def shown_names(page) -> list[str]:
    return page.eval_on_selector_all(
        "article table tbody tr:not([hidden]) td:first-child",
        "cells => cells.map(c => c.innerText)",
    )


def test_a_filter_looks_through_every_page_of_a_listing(
    page, playbook: Path, listing_url: str
) -> None:
    tactics = entries(playbook, "tactics")
    assert len(tactics) > 2 * LISTING_ROWS
    personal = sorted(t["name"] for t in tactics if t["connection"] == "personal")

    page.goto(f"{listing_url}/engagement/tactics/", wait_until="networkidle")
    assert len(shown_names(page)) == LISTING_ROWS
    page.select_option("select[name=connection]", "personal")
    wait_until_filtered(page)
    assert sorted(shown_names(page)) == personal
    assert page.inner_text(".pb-filter-count") == f"{len(personal)} of {len(tactics)} shown"
    assert page.is_hidden(".pb-pager")
    assert urlsplit(page.url).query == "connection=personal"

    # A row that came from another page still leads to its tactic.
    later = next(
        t
        for t in sorted(tactics, key=lambda t: t["name"])[LISTING_ROWS:]
        if t["connection"] == "personal"
    )
    page.click(f"article table tbody tr:not([hidden]) a:text-is('{later['name']}')")
    page.wait_for_load_state("networkidle")
    assert page.title().startswith(later["name"] + " - ")

    # Clearing the filter brings back the first page and its pager.
    page.go_back(wait_until="networkidle")
    page.select_option("select[name=connection]", "")
    assert len(shown_names(page)) == LISTING_ROWS
    assert page.is_visible(".pb-pager")
    assert urlsplit(page.url).query == ""


def test_an_audience_page_links_to_the_filtered_listing_of_all_its_services(
    page, playbook: Path, listing_url: str
) -> None:
    audience = yaml.safe_load(
        (playbook / "content/audiences/senior-leadership.yml").read_text(encoding="utf-8")
    )
    theirs = sorted(
        s["name"] for s in entries(playbook, "services") if "senior-leadership" in s["audiences"]
    )
    assert len(theirs) > LISTING_ROWS

    page.goto(f"{listing_url}/for-you/senior-leadership/", wait_until="networkidle")
    page.click(f"a:text-is('all services for {audience['name']}')")
    page.wait_for_url("**/services/?for=*")
    wait_until_filtered(page)
    assert page.input_value("select[name=for]") == audience["name"]
    assert sorted(shown_names(page)) == theirs


@pytest.mark.parametrize(
    ("collection", "field", "role", "link", "listing"),
    [
        ("services", "owner_role", "portfolio-manager", "services owned by", "services/?owner="),
        ("touchpoints", "run_by", "pmo-lead", "touchpoints run by", "engagement/calendar/?by="),
    ],
)
def test_a_busy_role_links_to_the_filtered_listing_of_all_it_owns_or_runs(
    page, playbook: Path, listing_url: str, collection, field, role, link, listing
) -> None:
    name = yaml.safe_load((playbook / f"content/roles/{role}.yml").read_text(encoding="utf-8"))[
        "name"
    ]
    theirs = sorted(
        entry["name"] for entry in entries(playbook, collection) if entry[field] == role
    )
    assert len(theirs) > LISTING_ROWS

    page.goto(f"{listing_url}/roles/{role}/", wait_until="networkidle")
    page.get_by_role("link", name=f"all {link} {name}", exact=True).click()
    page.wait_for_url(f"**/{listing}*")
    wait_until_filtered(page)
    assert sorted(shown_names(page)) == theirs
    assert page.inner_text(".pb-filter-count") == (
        f"{len(theirs)} of {len(entries(playbook, collection))} shown"
    )


def test_every_page_of_a_listing_is_reachable_from_its_pager(
    page, playbook: Path, listing_url: str
) -> None:
    page.goto(f"{listing_url}/services/", wait_until="networkidle")
    seen = set(shown_names(page))
    while page.locator(".pb-pager a:text-is('Next ›')").count():
        page.click(".pb-pager a:text-is('Next ›')")
        page.wait_for_load_state("networkidle")
        assert "(page " in page.locator("h1").inner_text()
        names = shown_names(page)
        assert len(names) <= LISTING_ROWS and not seen & set(names)
        seen |= set(names)
    assert seen == {service["name"] for service in entries(playbook, "services")}
