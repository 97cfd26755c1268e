"""Broken and hostile files: each rejected with a located error, in bounded time and memory; or
accepted where editors legitimately produce them (byte-order mark, Windows line endings)."""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import error_lines

SERVICE = "content/services/odd.yml"


def write(root: Path, relative: str, data: bytes | str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def alias_bomb() -> str:
    """Nine levels of nine aliases each: 387 million strings once expanded."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 9):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    lines.append("you_get: [" + ", ".join(["*a8"] * 9) + "]")
    return "\n".join(lines) + "\n"


REJECTED = {
    "not UTF-8": (
        b"name: Caf\xe9 review\n",
        [
            f"{SERVICE}:1:10: error: the file is not UTF-8 text (byte 0xe9); save it as UTF-8 (not-utf8)"
        ],
    ),
    "tab indentation": (
        "name: x\nyou_get:\n\t- a\n",
        [
            f"{SERVICE}:3:1: error: a tab is used for indentation; YAML allows only spaces (tab-indent)"
        ],
    ),
    "empty file": (
        "",
        [f"{SERVICE}:1:1: error: the file is empty; it must hold a mapping of fields (empty-file)"],
    ),
    "list instead of mapping": (
        "- name: x\n- name: y\n",
        [
            f"{SERVICE}:1:1: error: this service must be a mapping of fields, not a list (wrong-type)"
        ],
    ),
    "several documents": (
        "name: a\n---\nname: b\n",
        [
            f"{SERVICE}:3:1: error: the file holds more than one YAML document ('---'); "
            "keep one entry per file (several-documents)"
        ],
    ),
    "oversized file": (
        "name: " + "x" * 600_000 + "\n",
        [
            f"{SERVICE}:1:1: error: the file is 585 KB; content files may be at most 512 KB "
            "— split it into smaller entries (file-too-large)"
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_broken_file_gets_a_located_error(playbook: Path, cli, case: str) -> None:
    data, expected = REJECTED[case]
    write(playbook, SERVICE, data)
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == expected


def _limit_memory() -> None:
    limit = 1024**3  # a regression must fail here, not take the machine down
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_alias_bomb_is_rejected_in_bounded_time_and_memory(playbook: Path) -> None:
    write(playbook, SERVICE, alias_bomb())
    result = subprocess.run(
        [sys.executable, "-m", "playbook_gen", "validate"],
        cwd=playbook,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # Located where the aliased list was written, without expanding it.
    assert (
        f"{SERVICE}:9:5: error: item 1 of 'you_get' must be text, not a list (wrong-type)"
        in result.stderr
    )


def test_byte_order_mark_and_windows_line_endings_are_accepted(playbook: Path, cli) -> None:
    original = (playbook / "content/services/risk-review.yml").read_text(encoding="utf-8")
    windows = "\ufeff" + original.replace("\n", "\r\n")
    write(playbook, "content/services/risk-review.yml", windows.encode("utf-8"))
    result = cli("validate")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("Risk Review.yml", "risk-review.yml"), ("up..%2f..yml", "up-2f.yml")],
)
def test_file_names_that_are_not_ids_are_rejected(
    playbook: Path, cli, name: str, suggestion: str
) -> None:
    source = (playbook / "content/services/risk-review.yml").read_bytes()
    write(playbook, f"content/services/{name}", source)
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"content/services/{name}:1:1: error: '{name}' is not a valid file name for a service: "
        "use lower-case letters, digits and hyphens, starting with a letter or digit "
        f"(e.g. '{suggestion}') (invalid-id)"
    ]


def test_hidden_files_are_ignored(playbook: Path, cli) -> None:
    # Editors leave swap and backup files beginning with a dot; they are never entries.
    write(playbook, "content/services/.risk-review.yml.swp", b"\x00\x01")
    write(playbook, "content/services/..yml", "name: [")
    assert cli("validate").exit_code == 0


def test_ids_differing_only_in_case_are_rejected(playbook: Path, cli) -> None:
    source = (playbook / "content/services/risk-review.yml").read_bytes()
    write(playbook, "content/services/Risk-review.yml", source)
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.stderr)[0].startswith("content/services/Risk-review.yml:1:1: error:")


def test_symbolic_link_out_of_content_is_rejected(playbook: Path, cli, tmp_path: Path) -> None:
    outside = write(tmp_path, "secret.yml", "name: secret\n")
    (playbook / "content/services/linked.yml").symlink_to(outside)
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        "content/services/linked.yml:1:1: error: this is a link to a file outside the content "
        "folder; copy the file in instead (outside-content)"
    ]


def test_stray_files_and_folders_are_rejected(playbook: Path, cli) -> None:
    write(playbook, "content/services/notes.txt", "remember the milk\n")
    (playbook / "content/services/archive").mkdir()
    result = cli("validate")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"content/services/{name}:1:1: error: only .yml files belong in services/, one per "
        "service; move or delete this (stray-file)"
        for name in ("archive", "notes.txt")
    ]


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _build(root: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "playbook_gen", "build"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_killing_a_build_midway_leaves_the_previous_site_intact(playbook: Path) -> None:
    assert _build(playbook).returncode == 0
    before = tree_digest(playbook / "site")
    # Change the content so that a finished build would change the site.
    mandate = playbook / "content/mandate.yml"
    mandate.write_text(mandate.read_text(encoding="utf-8").replace("Harbourline", "Harbour"))

    build = subprocess.Popen(
        [sys.executable, "-m", "playbook_gen", "build"],
        cwd=playbook,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not any(playbook.glob(".site-building-*/**/*.html")) and time.monotonic() < deadline:
        assert build.poll() is None, "the build ended before it could be killed"
        time.sleep(0.01)
    build.send_signal(signal.SIGKILL)
    build.wait()

    assert list(playbook.glob(".site-building-*")), "the build was killed while writing"
    assert tree_digest(playbook / "site") == before

    # The next build clears the leftover and completes.
    assert _build(playbook).returncode == 0
    assert not list(playbook.glob(".site-building-*"))
    assert tree_digest(playbook / "site") != before


def test_two_builds_of_the_same_content_are_byte_identical(playbook: Path, tmp_path: Path) -> None:
    digests = []
    for attempt in range(2):
        assert _build(playbook, {"SOURCE_DATE_EPOCH": "1790000000"}).returncode == 0
        digests.append(tree_digest(playbook / "site"))
    assert digests[0] == digests[1]
    assert "sitemap.xml" in digests[0] and "search/search_index.json" in digests[0]
