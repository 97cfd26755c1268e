"""`playbook-gen serve`, run for real: edits regenerate, errors show on the page, fixes recover."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO, entry_files

from playbook_gen.engine.serve import ERROR_TITLE
from playbook_gen.render.pages import PACKAGE_TEMPLATES

#: Generous: the server rebuilds within seconds; this only bounds a hung test.
DEADLINE_SECONDS = 90


class Preview:
    """A `playbook-gen serve` process on a free port, with its terminal output in a file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = root / "serve.log"
        self._log_handle = self.log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "playbook_gen", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=root,
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )

    def get(self, path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as reply:
                return reply.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return ""

    def wait_for(self, path: str, ready: Callable[[str], bool]) -> str:
        """The page once `ready` holds for it; fails if the server died or never got there."""
        deadline = time.monotonic() + DEADLINE_SECONDS
        page = ""
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the server stopped:\n" + self.terminal()
            page = self.get(path)
            if ready(page):
                return page
            time.sleep(0.3)
        raise AssertionError(f"{path} never became ready; last page:\n{page}\n{self.terminal()}")

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # MkDocs shuts down cleanly on Ctrl+C
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_handle.close()


@pytest.fixture
def preview_of(tmp_path: Path) -> Iterator[Callable[[], Preview]]:
    started: list[Preview] = []

    def start() -> Preview:
        started.append(Preview(tmp_path))
        return started[-1]

    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "templates").mkdir()
    yield start
    for preview in started:
        preview.stop()


def first_service(root: Path) -> tuple[str, Path, str]:
    """The id, file and name of the first starter service."""
    file = entry_files(root / "content/services")[0]
    name = re.search(r"^name: (.+)$", file.read_text(encoding="utf-8"), re.M)
    assert name
    return file.stem, file, name.group(1).strip()


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_invalid_edit_shows_located_error_and_fixing_recovers(preview_of, tmp_path: Path) -> None:
    service_id, file, name = first_service(tmp_path)
    page_path = f"/services/{service_id}/"
    preview = preview_of()
    page = preview.wait_for(page_path, lambda html: name in html)
    assert ERROR_TITLE not in page

    good = file.read_text(encoding="utf-8")
    lines = good.splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("turnaround:"))
    file.write_text(good.replace("\nturnaround:", "\nturnarond:"), encoding="utf-8")
    located = (
        f"content/services/{service_id}.yml:{line}:1: error: unknown field 'turnarond' in this "
        "service; did you mean 'turnaround'? (unknown-field)"
    )
    page = preview.wait_for(page_path, lambda html: ERROR_TITLE in html)
    assert escaped(located) in page.replace("&#x27;", "'").replace("&#39;", "'")
    # Every page shows the errors, not only the one that was edited.
    assert ERROR_TITLE in preview.get("/")
    assert located in preview.terminal()
    assert preview.process.poll() is None

    file.write_text(good, encoding="utf-8")
    page = preview.wait_for(page_path, lambda html: ERROR_TITLE not in html and name in html)
    assert "the errors are fixed; the preview shows the site again" in preview.terminal()


def test_saving_a_template_regenerates_and_template_errors_show(preview_of, tmp_path) -> None:
    service_id, _file, name = first_service(tmp_path)
    page_path = f"/services/{service_id}/"
    preview = preview_of()
    preview.wait_for(page_path, lambda html: name in html)

    override = tmp_path / "templates/service.md.j2"
    original = (PACKAGE_TEMPLATES / "service.md.j2").read_text(encoding="utf-8")
    override.write_text(original + "\nOverridden for this playbook.\n", encoding="utf-8")
    preview.wait_for(page_path, lambda html: "Overridden for this playbook." in html)

    broken_line = original.count("\n") + 2
    override.write_text(original + "\n{% if %}\n", encoding="utf-8")
    located = (
        f"templates/service.md.j2:{broken_line}:1: error: the template failed: Expected an "
        "expression, got 'end of statement block' (template)"
    )
    page = preview.wait_for(page_path, lambda html: ERROR_TITLE in html)
    assert escaped(located) in page.replace("&#x27;", "'").replace("&#39;", "'")
    assert located in preview.terminal()

    override.unlink()
    preview.wait_for(page_path, lambda html: name in html and "Overridden" not in html)


def test_starting_with_invalid_content_serves_the_errors(preview_of, tmp_path: Path) -> None:
    (tmp_path / "content/mandate.yml").write_text("summary: [unclosed\n", encoding="utf-8")
    preview = preview_of()
    page = preview.wait_for("/", lambda html: ERROR_TITLE in html)
    assert "content/mandate.yml:2:1: error: this is not valid YAML" in page
    (tmp_path / "content/mandate.yml").write_bytes((REPO / "content/mandate.yml").read_bytes())
    preview.wait_for("/", lambda html: html and ERROR_TITLE not in html)


def test_a_save_renders_again_only_the_pages_it_changes(preview_of, tmp_path: Path) -> None:
    service_id, file, name = first_service(tmp_path)
    preview = preview_of()
    before = preview.wait_for("/services/", lambda html: name in html)
    good = file.read_text(encoding="utf-8")
    summary = re.search(r"^summary: (.+)$", good, re.M)
    assert summary
    file.write_text(good.replace(summary.group(0), "summary: Now with a fresh summary."), "utf-8")

    # The summary shows on the service's page and on the services index: both are rebuilt...
    index = preview.wait_for("/services/", lambda html: "Now with a fresh summary." in html)
    preview.wait_for(f"/services/{service_id}/", lambda html: "Now with a fresh summary." in html)
    changed = re.findall(
        r"playbook: (\d+) of (\d+) generated pages and files changed", preview.terminal()
    )
    assert changed, preview.terminal()
    rendered, total = map(int, changed[-1])
    assert 2 <= rendered <= 10 < total
    # ...and the navigation they print, with titles of pages that were not read again, is the
    # one the full first build printed.
    assert navigation(index) == navigation(before)
    assert {"Home", "Mandate", "PMO types and offices", "Glossary", "What changed"} <= set(
        navigation(index)
    )

    # A change to the navigation (a service's name is listed there) renders everything again:
    # the sidebar of another page of the Services section, whose own text names no service,
    # shows the new name.
    file.write_text(good.replace(f"name: {name}", "name: Renamed service"), encoding="utf-8")
    other = preview.wait_for("/services/what-we-do-not-do/", lambda html: "Renamed service" in html)
    assert "Renamed service" in " ".join(navigation(other))
    assert "Renamed service" not in other[other.index("<article") :]


def navigation(page: str) -> list[str]:
    """The link texts of the page's navigation sidebar."""
    sidebar = page[page.index('<nav class="md-nav md-nav--primary"') :]
    sidebar = sidebar[
        : sidebar.index("</nav>\n  </div>") if "</nav>\n  </div>" in sidebar else None
    ]
    texts = re.findall(r'class="md-nav__link[^"]*"[^>]*>(.*?)</(?:a|label)>', sidebar, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in texts if text.strip()]
