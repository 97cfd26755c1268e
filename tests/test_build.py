"""Building: the starter builds strictly; bad content writes nothing; export feeds any engine."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO, error_lines

MKDOCS = [sys.executable, "-m", "mkdocs"]


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_starter_builds_with_mkdocs_strict(tmp_path: Path) -> None:
    # Not -q: it would hide the very warnings --strict counts.
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "site/index.html").is_file()
    assert (tmp_path / "site/services/what-we-do-not-do/index.html").is_file()


def test_build_then_broken_content_leaves_site_untouched(playbook: Path, cli) -> None:
    first = cli("build", "--strict")
    assert first.exit_code == 0, first.output
    before = tree_digest(playbook / "site")
    assert "index.html" in before

    service = playbook / "content/services/risk-review.yml"
    service.write_text(
        service.read_text(encoding="utf-8") + "turnaround_days: 3\n", encoding="utf-8"
    )
    second = cli("build")
    assert second.exit_code == 1
    assert error_lines(second.stderr)[0].startswith("content/services/risk-review.yml:")
    assert tree_digest(playbook / "site") == before
    assert not list(playbook.glob(".site-building-*"))


def test_build_into_another_folder(playbook: Path, cli) -> None:
    result = cli("build", "--site-dir", "public")
    assert result.exit_code == 0, result.output
    assert (playbook / "public/index.html").is_file()
    assert not (playbook / "site").exists()


def test_build_without_config_is_a_usage_error(tmp_path: Path, cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("build").exit_code == 2


def test_export_tree_builds_with_plain_mkdocs(playbook: Path, cli) -> None:
    result = cli("export", "--docs-dir", "out/docs")
    assert result.exit_code == 0, result.output
    docs = playbook / "out/docs"
    assert (docs / "index.md").is_file()
    assert (docs / "services/risk-review.md").is_file()
    assert (docs / "engagement/calendar/pmo-touchpoints.ics").is_file()
    config = yaml.safe_load((playbook / "out/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search"]
    assert config["docs_dir"] == "docs"
    built = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", "out/mkdocs.yml"],
        cwd=playbook,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert (playbook / "out/site/services/risk-review/index.html").is_file()


def test_export_refuses_invalid_content(playbook: Path, cli) -> None:
    (playbook / "content/mandate.yml").write_text("summary: [\n", encoding="utf-8")
    result = cli("export", "--docs-dir", "out/docs")
    assert result.exit_code == 1
    assert not (playbook / "out").exists()
