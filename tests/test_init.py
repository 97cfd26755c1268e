"""`playbook-gen init` from a real wheel in a fresh virtual environment, as a new team would use it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run(*args: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the checkout's files (what a clean clone would hold)."""
    source = tmp_path_factory.mktemp("source")
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in filter(None, listed.stdout.split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    run(
        sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", dist, source, cwd=source
    )
    (found,) = dist.glob("pmo_playbook-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the wheel and its pinned dependencies: its bin/."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", venv, cwd=venv)
    run(
        venv / "bin/python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "-c",
        REPO / "constraints.txt",
        wheel,
        cwd=venv,
    )
    return venv / "bin"


def test_the_wheel_carries_templates_starter_and_kit(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "playbook_gen/render/templates/service.md.j2",
        "playbook_gen/engine/theme/partials/search.html",
        "playbook_gen/starter/mkdocs.yml",
        "playbook_gen/starter/content/playbook.yml",
        "playbook_gen/starter/content/services/risk-review.yml",
        "playbook_gen/starter/content/pages/how-to-edit.md",
        "playbook_gen/starter/templates/README.md",
        "playbook_gen/authoring/kit/github/workflows/check.yml",
        "playbook_gen/authoring/kit/gitlab-ci.yml",
    ):
        assert needed in names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)


def readme_commands(readme: Path) -> list[str]:
    """The commands of the README's first shell block, without their comments."""
    block = re.search(r"```sh\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    assert block, "the README shows its commands in a ```sh block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_init_makes_a_repository_whose_readme_commands_work(
    installed: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "PATH": f"{installed}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    # Run from elsewhere, so nothing can come from this checkout.
    run(installed / "playbook-gen", "init", "our-playbook", cwd=tmp_path, env=env)
    new = tmp_path / "our-playbook"
    for expected in (
        "README.md",
        "mkdocs.yml",
        "requirements.txt",
        ".gitignore",
        ".gitlab-ci.yml",
        ".github/workflows/check.yml",
        ".github/workflows/publish.yml",
        "content/playbook.yml",
        "schema/service.schema.json",
        "templates/README.md",
    ):
        assert (new / expected).is_file(), expected
    assert (new / ".git").is_dir()
    version = run(installed / "playbook-gen", "--version", cwd=tmp_path, env=env).stdout.split()[-1]
    assert (new / "requirements.txt").read_text() == f"pmo-playbook=={version}\n"

    commands = readme_commands(new / "README.md")
    assert commands == ["playbook-gen validate", "playbook-gen build --strict"]
    for command in commands:
        run(*command.split(), cwd=new, env=env)
    assert (new / "site/index.html").is_file()  # it leads to the starter's first language
    assert (new / "site/en/services/risk-review/index.html").is_file()
    assert (new / "site/fr/services/risk-review/index.html").is_file()
    changed = (new / "site/en/what-changed/index.html").read_text(encoding="utf-8")
    assert "has no commits" in changed  # a git repository, before its first commit


def test_init_refuses_a_folder_that_is_not_empty(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken/notes.txt").write_text("keep me\n")
    done = subprocess.run(
        [installed / "playbook-gen", "init", "taken"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "already exists and is not empty" in done.stderr
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]
