"""Shared fixtures: a command-line runner, and a copy of the starter playbook to break on purpose."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_gen.cli import main

REPO = Path(__file__).resolve().parent.parent

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# An internal error raises instead of exiting 1 with a plain line: no test can pass on one.
os.environ["PLAYBOOK_GEN_DEBUG"] = "1"


def entry_files(folder: Path) -> list[Path]:
    """The entries of a starter folder, without their translations (risk-review.fr.yml)."""
    return sorted(path for path in folder.glob("*.yml") if "." not in path.stem)


def single_language(root: Path) -> Path:
    """Make a copy of the starter a playbook of one language: its French translations and
    `languages` removed (most tests are about everything else, at the site's top)."""
    for translation in (root / "content").rglob("*.fr.*"):
        translation.unlink()
    settings = root / "content/playbook.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(?m)^(# .*\n)*languages: .*\n", "", text), encoding="utf-8")
    return root


@pytest.fixture
def playbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the starter playbook (content/ and mkdocs.yml) as the working directory, in
    one language (see `bilingual`)."""
    root = tmp_path / "playbook"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    monkeypatch.chdir(root)
    return single_language(root)


@pytest.fixture
def bilingual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the starter playbook as it ships, in English and French."""
    root = tmp_path / "bilingual"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def playbook_with_schema(playbook: Path) -> Path:
    """The starter copy with the schema/ folder its files' modelines point to."""
    shutil.copytree(REPO / "schema", playbook / "schema")
    return playbook


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str):
        return self.runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def cli() -> Run:
    return Run()


def build_site(root: Path, *options: str, env: dict[str, str] | None = None) -> None:
    """`playbook-gen build` in a process of its own, as CI runs it; it must succeed."""
    result = subprocess.run(
        [sys.executable, "-m", "playbook_gen", "build", *options],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr


def error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error: " in line]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter playbook built once per test run, with a fixed build date."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    single_language(root)
    site = root / "site"
    build_site(root, "--strict", "--site-dir", str(site), env={"SOURCE_DATE_EPOCH": "1790000000"})
    return site


@pytest.fixture(scope="module")
def playbook_factory(tmp_path_factory: pytest.TempPathFactory):
    """Make fresh copies of the starter playbook for a whole module to share."""

    def make() -> Path:
        root = tmp_path_factory.mktemp("playbook")
        shutil.copytree(REPO / "content", root / "content")
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        return single_language(root)

    return make


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run: Playwright's sync API allows one at a time."""
    from browser import chromium

    with chromium() as browser:
        yield browser
