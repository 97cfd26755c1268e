"""The structure that keeps the build linear in the number of entries (no timing here: see bench/).

Material prints the navigation into every page. If every entry were listed, each page would grow
with the playbook and the build with its square; so large collections are reached from their index
pages, closed sections are pruned, and an entry page's weight does not depend on the entry count.
"""

from __future__ import annotations

import json
import math
import posixpath
import re
from pathlib import Path

import pytest
import yaml

from bench.generate import generate
from conftest import REPO, build_site
from playbook_gen.pipeline import check_playbook as load_playbook
from playbook_gen.render import pages as render
from playbook_gen.render.listings import LISTING_ROWS, RELATED_SHOWN
from playbook_gen.render.pages import NAV_ENTRY_LIMIT, render_site


def nav_pages(nav) -> list[str]:
    """Every page path named in a navigation tree."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    return [page for item in nav for page in nav_pages(item)]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("large") / "playbook"
    generate(root, 400)
    return root


def linked_pages(page: str, text: str) -> set[str]:
    """The pages a generated Markdown page links to, as paths of the generated tree."""
    folder = posixpath.dirname(page)
    return {
        posixpath.normpath(posixpath.join(folder, target))
        for target in re.findall(r"\]\(([^)\s?#]+\.md)", text)
    }


def test_navigation_stays_small_and_every_page_is_reachable_from_it(large: Path) -> None:
    checked = load_playbook(large / "content", large)
    assert checked.ok, [p.as_text() for p in checked.problems]
    site = render_site(checked.playbook, None)
    listed = nav_pages(site.nav)
    # Only a bounded number of pages is listed, whatever the size of the playbook.
    assert len(listed) < 7 * NAV_ENTRY_LIMIT
    assert len(site.pages) > 3 * len(listed)
    # Every page left out of the navigation is reached by following links from one in it.
    reached, to_read = set(listed), list(listed)
    while to_read:
        page = to_read.pop()
        for target in linked_pages(page, site.pages.get(page, "")) - reached:
            reached.add(target)
            to_read.append(target)
    assert set(site.pages) - reached == set()


def test_long_listings_run_over_pages_and_related_lists_are_cut_short(large: Path) -> None:
    site = render_site(load_playbook(large / "content", large).playbook, None)
    services = len(list((large / "content/services").glob("*.yml")))
    pages = ["services/index.md", *(p for p in site.pages if p.startswith("services/page/"))]
    rows = [re.findall(r"^\| \[", site.pages[page], re.MULTILINE) for page in pages]
    assert len(pages) == math.ceil(services / LISTING_ROWS)
    assert max(len(found) for found in rows) == LISTING_ROWS
    assert sum(len(found) for found in rows) == services
    audience = site.pages["for-you/senior-leadership.md"]
    assert audience.count("](../services/service-") == RELATED_SHOWN
    assert "](../services/index.md?for=Senior%20leadership)" in audience


def test_material_prunes_closed_sections_and_does_not_expand_them() -> None:
    features = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["theme"][
        "features"
    ]
    assert "navigation.prune" in features
    # Sections or expanded navigation print every section's pages into every page.
    assert not {"navigation.sections", "navigation.expand"} & set(features)


def test_no_page_grows_heavy_with_the_playbook(large: Path, tmp_path: Path) -> None:
    build_site(large, "--site-dir", str(tmp_path / "site"))
    pages = {
        page.relative_to(tmp_path / "site").as_posix(): page.stat().st_size
        for page in (tmp_path / "site").rglob("*.html")
    }
    assert len(pages) > 400
    # Listings run over pages, entry pages list a few related entries and link to the rest, the
    # navigation leaves large collections out and opens only the current section: every page
    # stays under 30 KB, the starter's mandate (the longest prose) included.
    heavy = {page: size for page, size in pages.items() if size >= 30_000}
    assert heavy == {}
    assert max(pages.values()) > 20_000  # the limit is measured against real pages

    # Past search_full_text_limit (300 by default) search indexes an entry page by its title and
    # lead, one document each; the mandate keeps its sections.
    index = json.loads((tmp_path / "site/search/search_index.json").read_text(encoding="utf-8"))
    documents = [doc["location"] for doc in index["docs"]]
    service = "services/service-00001/"
    assert documents.count(service) == 1
    assert not any(location.startswith(service + "#") for location in documents)
    lead = next(doc["text"] for doc in index["docs"] if doc["location"] == service)
    assert lead and "Who it is for" not in lead
    assert any(location.startswith("mandate/#") for location in documents)


def test_a_small_playbook_keeps_full_text_search(built_site: Path) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    sections = [
        doc["location"]
        for doc in index["docs"]
        if doc["location"].startswith("services/risk-review/#")
    ]
    assert "services/risk-review/#who-it-is-for" in sections


def test_a_large_office_tree_leaves_its_deepest_levels_to_the_offices_pages(
    large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "OFFICE_TREE_LIMIT", 10)
    playbook = load_playbook(large / "content", large).playbook
    pages = render_site(playbook, None).pages
    tree = pages["offices/index.md"].split("## How our offices fit together")[1]
    listed = set(re.findall(r"^\s*- \[.*?\]\((office-\d+)\.md\)", tree, re.MULTILINE))
    assert 0 < len(listed) <= 10
    left_out = set(playbook.offices) - listed
    assert f"The other {len(left_out)} offices are listed on the page" in tree
    for office_id in left_out:
        assert f"]({office_id}.md)" in pages[f"offices/{playbook.offices[office_id].parent}.md"]
