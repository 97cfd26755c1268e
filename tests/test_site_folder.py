"""The content is never at risk: no door writes a site over the playbook it is built from.

A site (or export) folder that is, holds or lies inside the content, templates or hand-written
pages folder, or that holds mkdocs.yml, is refused before anything is written, with exit 2.
A broken mkdocs.yml is a located error, exit 1.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest


def digest(folder: Path) -> str:
    """A digest of every file under the folder, paths and bytes."""
    found = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "site" not in path.relative_to(folder).parts[:1]:
            found.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return found.hexdigest()


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.mark.parametrize(
    "site_dir, says",
    [
        ("content", "the site folder 'content' is the content folder"),
        ("content/built", "the site folder 'content/built' lies inside the content folder"),
        ("content/pages", "the site folder 'content/pages' lies inside the content folder"),
        (".", "the site folder '.' holds the content folder"),
        ("..", "the site folder '..' holds the content folder"),
        ("templates", "the site folder 'templates' is the templates folder"),
    ],
)
def test_a_site_folder_over_the_playbook_is_refused(playbook: Path, site_dir: str, says: str):
    (playbook / "templates").mkdir()
    (playbook / "templates/README.md").write_text("My notes\n", encoding="utf-8")
    before = digest(playbook)
    done = run(playbook, "playbook_gen", "build", "--site-dir", site_dir)
    assert done.returncode == 2, done.stderr
    assert says in done.stderr and "Traceback" not in done.stderr
    assert digest(playbook) == before


def test_site_dir_in_mkdocs_yml_is_refused_too(playbook: Path) -> None:
    config = playbook / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: content")
    )
    before = digest(playbook)
    done = run(playbook, "playbook_gen", "build")
    assert done.returncode == 2
    assert "the site folder 'content' is the content folder" in done.stderr
    assert digest(playbook) == before


def test_mkdocs_build_through_the_plugin_refuses_it(playbook: Path) -> None:
    (playbook / "templates").mkdir()
    (playbook / "templates/README.md").write_text("My notes\n", encoding="utf-8")
    config = playbook / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: templates")
    )
    before = digest(playbook)
    done = run(playbook, "mkdocs", "build")
    assert done.returncode == 2, done.stderr
    assert "is the templates folder" in done.stderr
    assert digest(playbook) == before


def test_a_site_folder_that_is_a_file_is_refused(playbook: Path) -> None:
    (playbook / "notes.txt").write_text("keep me\n", encoding="utf-8")
    done = run(playbook, "playbook_gen", "build", "--site-dir", "notes.txt")
    assert done.returncode == 2
    assert (playbook / "notes.txt").read_text(encoding="utf-8") == "keep me\n"


def test_an_export_folder_over_the_playbook_is_refused(playbook: Path) -> None:
    before = digest(playbook)
    done = run(playbook, "playbook_gen", "export", "--docs-dir", "content")
    assert done.returncode == 2
    assert "the export folder 'content' is the content folder" in done.stderr
    assert digest(playbook) == before


def test_a_site_folder_that_cannot_be_made_is_one_plain_error(playbook: Path) -> None:
    done = run(playbook, "playbook_gen", "build", "--site-dir", "/proc/playbook-site")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("error: the site was not built")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "mkdocs.yml:1:1: error: the file is empty; it needs site_name (config)"),
        ("site_name: [unclosed\n", "mkdocs.yml:2:1: error: this is not valid YAML: "),
        (
            "site_name: X\nplugins:\n  - playbook:\n      contnet_dir: content\n",
            "mkdocs.yml:4:7: error: unknown option 'contnet_dir' of the playbook plugin; "
            "did you mean 'content_dir'? (config)",
        ),
        (
            "site_name: X\nplugins:\n  - playbook:\n      content_dir: 3\n",
            "mkdocs.yml:4:20: error: the playbook plugin's 'content_dir' must be text (config)",
        ),
        (
            "site_name: X\nplugins:\n  - playbook:\n      compact_html: maybe\n",
            "mkdocs.yml:4:21: error: the playbook plugin's 'compact_html' must be true or false "
            "(config)",
        ),
    ],
)
def test_a_broken_mkdocs_yml_is_a_located_error(playbook: Path, text: str, expected: str) -> None:
    (playbook / "mkdocs.yml").write_text(text, encoding="utf-8")
    for command in ("build", "serve", "export"):
        args = ["--docs-dir", "out/docs"] if command == "export" else []
        done = run(playbook, "playbook_gen", command, *args)
        assert done.returncode == 1, (command, done.stderr)
        assert done.stderr.startswith(expected), (command, done.stderr)
        assert "Traceback" not in done.stderr
