"""Editing in the browser, for real: Decap CMS in headless Chromium against decap-server (git
mode) on a repository holding the starter. Each save is a branch, as a pull request would be; the
file it holds validates, builds, and the digest names the change in the business's words."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import free_port, serve, wait_for_port
from conftest import REPO, build_site
from test_diff import git

DECAP_SERVER = REPO / "tools/decap-server/node_modules/.bin/decap-server"
SCREENSHOTS = REPO / "screenshots"
NEW_SERVICE = "Supplier onboarding"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "playbook_gen", *args], cwd=cwd, capture_output=True, text=True
    )


@contextlib.contextmanager
def decap_server(repository: Path, port: int) -> Iterator[None]:
    """decap-server in git mode on `repository`, on 127.0.0.1 only (it has no sign-in)."""
    env = {
        **os.environ,
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(repository),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "Sam Editor",
        "GIT_AUTHOR_EMAIL": "sam@example.org",
        "GIT_COMMITTER_NAME": "Sam Editor",
        "GIT_COMMITTER_EMAIL": "sam@example.org",
    }
    server = subprocess.Popen([str(DECAP_SERVER)], env=env, stdout=sys.stderr, stderr=sys.stderr)
    try:
        assert wait_for_port(port, 30), "decap-server did not start"
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A repository holding the starter, its site with admin/, and decap-server on it."""
    repository = tmp_path_factory.mktemp("editing") / "playbook"
    repository.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, repository / name)
    shutil.copy(REPO / "mkdocs.yml", repository / "mkdocs.yml")
    port = free_port()
    settings = repository / "content/playbook.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "\nediting:\n", f"\nediting:\n  local_server: http://127.0.0.1:{port}/api/v1\n"
        ),
        encoding="utf-8",
    )
    git(repository, "init", "-q", "-b", "main")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "Starter playbook")
    site = repository.parent / "site"
    build_site(repository, "--site-dir", str(site))
    with decap_server(repository, port), serve(site) as url:
        # The starter is in English and French: a site, and editing pages, per language.
        yield {"repository": repository, "url": f"{url}/en", "server": f"http://127.0.0.1:{port}"}


@pytest.fixture
def admin(browser, editing: dict) -> Iterator[object]:
    """The admin page, signed in through decap-server; every request is recorded, and any to a
    host other than the site's and decap-server's fails the test."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    allowed = {urlsplit(editing["url"]).netloc, urlsplit(editing["server"]).netloc}
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: urlsplit(r.url).netloc in allowed or outside.append(r.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(editing["url"] + "/admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Services", exact=True).first.wait_for()
    yield page
    page.close()
    assert not outside, outside
    assert not errors, errors


def open_entry(page, editing: dict, route: str) -> None:
    """Open a form afresh (Decap keeps the last entry's state across in-page navigation)."""
    page.goto("about:blank")
    page.goto(f"{editing['url']}/admin/#/collections/{route}")


def save_and_wait_for_branch(page, repository: Path, branch: str) -> None:
    page.get_by_role("button", name="Save", exact=True).click()
    deadline = time.monotonic() + 30
    main = git(repository, "rev-parse", "main")
    while time.monotonic() < deadline:
        # The branch is made first, then the change committed on it.
        if git(repository, "branch", "--list", branch).strip() and (
            git(repository, "rev-parse", branch) != main
        ):
            return
        time.sleep(0.2)
    page.screenshot(path=str(SCREENSHOTS / "editing-save-failed.png"))
    raise AssertionError(f"no branch {branch} after saving")


def choose(page, field: str, typed: str, option: str) -> None:
    """Pick an entry in a relation field: type part of its name, click it in the list."""
    page.get_by_label(field, exact=True).click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=option, exact=True).click()


@contextlib.contextmanager
def checked_out(repository: Path, branch: str) -> Iterator[Path]:
    """The branch in a working tree of its own (decap-server switches branches in its own)."""
    tree = repository.parent / branch.replace("/", "-")
    git(repository, "worktree", "add", "-q", "--detach", str(tree), branch)
    try:
        yield tree
    finally:
        git(repository, "worktree", "remove", "--force", str(tree))


def digest_lines(tree: Path) -> list[str]:
    result = run("diff", "main", cwd=tree)
    assert result.returncode == 0, result.stderr
    return [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("- ")]


def test_a_new_service_through_the_form_is_a_branch_that_validates_and_builds(
    admin, editing: dict
) -> None:
    repository = editing["repository"]
    open_entry(admin, editing, "services/new")
    admin.get_by_label("Name", exact=True).fill(NEW_SERVICE)
    admin.get_by_label("Summary", exact=True).fill(
        "We help projects bring a new supplier on board."
    )
    admin.locator("[data-slate-editor]").first.click()
    admin.keyboard.type("We check the contract, the access and the first deliveries with you.")
    choose(admin, "Audiences", "Senior", "Senior leadership")
    choose(admin, "Audiences", "Delivery", "Delivery teams and managers")
    choose(admin, "Owner role", "Analyst", "PMO Analyst")
    save_and_wait_for_branch(admin, repository, "cms/services/supplier-onboarding")

    with checked_out(repository, "cms/services/supplier-onboarding") as tree:
        written = (tree / "content/services/supplier-onboarding.yml").read_text(encoding="utf-8")
        assert "audiences:\n  - senior-leadership\n  - delivery-teams\n" in written
        assert "owner_role: pmo-analyst\n" in written
        validated = run("validate", cwd=tree)
        assert validated.returncode == 0 and ": error: " not in validated.stderr
        built = run("build", "--strict", "--site-dir", str(tree / "site"), cwd=tree)
        assert built.returncode == 0, built.stderr
        page = (tree / "site/en/services/supplier-onboarding/index.html").read_text("utf-8")
        assert NEW_SERVICE in page and "the access and the first deliveries" in page
        assert digest_lines(tree) == [
            f"- Service **{NEW_SERVICE}** (`services/supplier-onboarding.yml`)"
        ]
    # Nothing reaches main until the pull request is merged.
    assert git(repository, "log", "--format=%s", "main").splitlines() == ["Starter playbook"]


def test_editing_an_entry_and_a_single_file_changes_only_what_was_edited(
    admin, editing: dict
) -> None:
    repository = editing["repository"]
    open_entry(admin, editing, "services/entries/risk-review")
    admin.get_by_label("Turnaround (optional)", exact=True).fill("3 working days")
    save_and_wait_for_branch(admin, repository, "cms/services/risk-review")

    open_entry(admin, editing, "single-files/entries/mandate")
    item = admin.get_by_text("Portfolio view and reporting", exact=True)
    item.scroll_into_view_if_needed()
    # Items of a list of records are folded: open this one with its first button.
    item.locator("xpath=ancestor::div[.//button][1]").get_by_role("button").first.click()
    admin.locator('input[value="Portfolio view and reporting"]').fill(
        "Portfolio view, reporting and forecasts"
    )
    save_and_wait_for_branch(admin, repository, "cms/single-files/mandate")

    with checked_out(repository, "cms/services/risk-review") as tree:
        # Decap rewrote the file in its own layout; only the edited value is a change.
        assert not (tree / "content/services/risk-review.yml").read_text().startswith("#")
        assert digest_lines(tree) == [
            "- Service **Risk review**: turnaround changed from 5 working days to 3 working days"
        ]
    with checked_out(repository, "cms/single-files/mandate") as tree:
        assert run("validate", cwd=tree).returncode == 0
        assert digest_lines(tree) == [
            "- Mandate",
            "- in scope: added 'Portfolio view, reporting and forecasts'",
            "- in scope: removed 'Portfolio view and reporting'",
        ]


def test_the_admin_page_of_a_published_site_reaches_nothing_but_its_git_host(
    browser, built_site: Path
) -> None:
    """Opened from the intranet (no decap-server running), it offers to sign in with the
    configured GitLab, having fetched nothing from anywhere but its own host."""
    with serve(built_site) as url:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url + "/admin/")
        page.get_by_role("button", name=re.compile("Login with GitLab")).wait_for()
        page.close()
    local_server = "http://localhost:8081/api/v1"  # tried first: a preview on this computer
    elsewhere = [r for r in requests if not r.startswith(url) and not r.startswith(local_server)]
    assert elsewhere == []
    assert any(r.endswith("/admin/decap-cms.js") for r in requests)
