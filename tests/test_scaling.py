"""The structure that keeps the build linear in the number of entries (no timing here: see bench/).

Material prints the navigation into every page. If every entry were listed, each page would grow
with the playbook and the build with its square; so large collections are reached from their index
pages, closed sections are pruned, and an entry page's weight does not depend on the entry count.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench.generate import generate
from conftest import REPO
from playbook_gen.pipeline import load_playbook
from playbook_gen.render import NAV_ENTRY_LIMIT, render_site


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


def test_navigation_stays_small_and_every_entry_is_linked_from_an_index(large: Path) -> None:
    checked = load_playbook(large / "content", large)
    assert checked.ok, [p.as_text() for p in checked.problems]
    site = render_site(checked.playbook, None)
    listed = nav_pages(site.nav)
    # Only a bounded number of pages is listed, whatever the size of the playbook.
    assert len(listed) < 7 * NAV_ENTRY_LIMIT
    assert len(site.pages) > 3 * len(listed)
    # Every page left out of the navigation is linked from a page that is in it.
    linked = "\n".join(site.pages[page] for page in listed)
    for path in site.pages:
        if path not in listed:
            assert Path(path).stem in linked, f"{path} is reachable from no listed page"


def test_material_prunes_closed_sections() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "navigation.prune" in config["theme"]["features"]


def test_entry_page_weight_does_not_grow_with_the_playbook(large: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "playbook_gen", "build", "--site-dir", str(tmp_path / "site")],
        cwd=large,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    entry_pages = list((tmp_path / "site/services").glob("service-*/index.html"))
    assert len(entry_pages) > NAV_ENTRY_LIMIT
    # An entry page carries no list of the other entries, so it stays light at any size.
    assert max(page.stat().st_size for page in entry_pages) < 30_000

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
