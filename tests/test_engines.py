"""One setting switches the engine: the starter builds with MkDocs, ProperDocs and Zensical,
with the same pages, our own link check, an atomic swap and reproducible output on each."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook_gen.cli import main
from playbook_gen.engine import engines

ENGINES = ["mkdocs", "properdocs", "zensical"]


def build(root: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "playbook_gen", "build", *options],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1790000000"},
    )


def digest(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def sites(playbook_factory) -> dict[str, Path]:
    """The starter built strictly by each engine, twice, into separate folders."""
    root = playbook_factory()
    built = {}
    for engine in ENGINES:
        for turn in (1, 2):
            done = build(root, "--strict", "--engine", engine, "--site-dir", f"{engine}-{turn}")
            assert done.returncode == 0, done.stderr[-3000:]
        built[engine] = root
    return {engine: root / f"{engine}-1" for engine in ENGINES}


def pages(site: Path) -> set[str]:
    return {path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")}


def test_every_engine_builds_every_page(sites: dict[str, Path]) -> None:
    expected = pages(sites["mkdocs"])
    assert {"services/risk-review", "roles/raci", "engagement/calendar", "glossary"} <= expected
    for engine in ("properdocs", "zensical"):
        assert pages(sites[engine]) == expected, engine
        for file in ("offices/hierarchy.svg", "engagement/calendar/pmo-touchpoints.ics"):
            assert (sites[engine] / file).is_file(), (engine, file)


@pytest.mark.parametrize("engine", ENGINES)
def test_rebuilds_are_byte_identical(sites: dict[str, Path], engine: str) -> None:
    first = sites[engine]
    assert digest(first) == digest(first.with_name(f"{engine}-2"))


def test_the_engine_is_set_once_in_mkdocs_yml(playbook: Path) -> None:
    config = playbook / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      content_dir: content", "      content_dir: content\n      engine: properdocs"
    )
    config.write_text(text, encoding="utf-8")
    done = build(playbook)
    assert done.returncode == 0, done.stderr[-2000:]
    html = (playbook / "site/index.html").read_text(encoding="utf-8")
    assert "ProperDocs" in html  # the generator meta tag names the engine that built it


def test_an_unknown_engine_is_refused(playbook: Path) -> None:
    done = build(playbook, "--engine", "hugo")
    assert done.returncode == 2 and "'hugo' is not one of" in done.stderr
    config = playbook / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      content_dir: content", "      content_dir: content\n      engine: zensicle"
        ),
        encoding="utf-8",
    )
    done = build(playbook)
    assert done.returncode == 1
    assert (
        "there is no engine 'zensicle'" in done.stderr and "did you mean 'zensical'?" in done.stderr
    )


def test_a_missing_engine_says_what_to_install(
    playbook: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    before = digest(playbook / "site")
    monkeypatch.setattr(engines.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setattr(engines.shutil, "which", lambda name: None)
    result = CliRunner().invoke(main, ["build", "--engine", "zensical"])
    assert result.exit_code == 1
    assert (
        "error: the engine 'zensical' is not installed here; install it with: "
        "pip install zensical==0.0.73"
    ) in result.output
    assert digest(playbook / "site") == before


@pytest.mark.parametrize("engine", ENGINES)
def test_strict_checks_every_internal_link_on_every_engine(playbook: Path, engine: str) -> None:
    (playbook / "content/pages/about-this-site.md").write_text(
        # Links written in HTML: MkDocs' own --strict does not look at them.
        '# About\n\nSee <a href="../mandate/#no-such-section">the mandate</a> and '
        '<a href="../nowhere/">a lost page</a>.\n',
        encoding="utf-8",
    )
    assert build(playbook, "--engine", engine).returncode == 0
    before = digest(playbook / "site")
    done = build(playbook, "--strict", "--engine", engine)
    assert done.returncode == 1
    assert "2 internal link(s) lead nowhere" in done.stderr
    lines = [line.strip() for line in done.stderr.splitlines()]
    assert any(
        line.startswith("about-this-site/index.html: ") and "nowhere" in line for line in lines
    )
    assert any("#no-such-section" in line for line in lines)
    assert digest(playbook / "site") == before


@pytest.mark.parametrize("engine", ENGINES)
def test_an_engine_that_fails_midway_leaves_the_site(playbook: Path, engine: str) -> None:
    assert build(playbook, "--engine", engine).returncode == 0
    before = digest(playbook / "site")
    config = playbook / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - abbr\n", "  - abbr\n  - no_such_extension\n"
        ),
        encoding="utf-8",
    )
    done = build(playbook, "--engine", engine)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("error: the site was not built"), last
    if engine != "mkdocs":
        assert f"the engine '{engine}' failed" in last
    assert digest(playbook / "site") == before


def test_properdocs_serves_the_preview_and_regenerates_on_save(playbook: Path) -> None:
    import signal
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (playbook / "serve.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "playbook_gen",
            "serve",
            "--engine",
            "properdocs",
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=playbook,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )

    def page_once(path: str, ready) -> str:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert process.poll() is None, (playbook / "serve.log").read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as reply:
                    text = reply.read().decode("utf-8")
                if ready(text):
                    return text
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError((playbook / "serve.log").read_text())

    try:
        home = page_once("/", lambda html: "ProperDocs" in html)
        assert "Enterprise PMO" in home
        service = playbook / "content/services/risk-review.yml"
        service.write_text(
            service.read_text(encoding="utf-8").replace("name: Risk review", "name: Risk clinic"),
            encoding="utf-8",
        )
        page_once("/services/risk-review/", lambda html: "Risk clinic" in html)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
