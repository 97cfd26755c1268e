"""`playbook-gen init DIR`: a new playbook repository from the installed tool.

It gets the starter playbook (packed into the wheel by setup.py, or read from the checkout when the
tool is installed editable), JSON Schemas for editor completion, a README, and the CI workflows
for GitHub and GitLab from `kit/`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import __version__
from ..content.model import Editing
from ..content.validate import shape
from .schema import write_schemas

PACKAGE = Path(__file__).resolve().parent.parent
KIT = Path(__file__).resolve().parent / "kit"

#: Files of the kit and where they go; dot-names are renamed here because packaging skips them.
KIT_FILES = {
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "github/workflows/check.yml": ".github/workflows/check.yml",
    "github/workflows/publish.yml": ".github/workflows/publish.yml",
}
STARTER = ["content", "mkdocs.yml", "templates/README.md"]  # setup.py packs the same list


class InitError(Exception):
    """The target cannot take a new playbook."""


@dataclass(frozen=True)
class EditingSetup:
    """Where a new playbook's repository lives, for its editing pages (playbook.yml `editing`)."""

    backend: str
    repo: str
    base_url: str | None = None
    app_id: str | None = None

    @classmethod
    def checked(
        cls, backend: str, repo: str, base_url: str | None, app_id: str | None
    ) -> EditingSetup:
        """The setup, refused as the validator would refuse the section it writes."""
        setup = cls(backend, repo, base_url, app_id)
        ((_key, section),) = yaml.compose(setup.block()).value
        _record, problems = shape(Editing, section, "playbook.yml", "'editing'")
        if problems:
            raise InitError(
                f"{problems[0].message} (--repo, --host-url and --app-id write 'repo', 'base_url'"
                " and 'app_id')"
            )
        return setup

    def block(self) -> str:
        """The `editing` section of playbook.yml, each value quoted as YAML reads it back."""
        lines = ["editing:", f"  backend: {self.backend}", f"  repo: {json.dumps(self.repo)}"]
        if self.base_url:
            lines.append(f"  base_url: {json.dumps(self.base_url)}")
        if self.app_id:
            lines.append(f"  app_id: {json.dumps(self.app_id)}")
        return "\n".join(lines) + "\n"


#: What a new playbook's settings say about editing in the browser when its host is not known.
EDITING_LATER = """\
# Editing in the browser at /admin/: say where the repository lives (see 'How to edit this
# playbook'), e.g.
# editing:
#   backend: github      # or gitlab, gitea
#   repo: owner/name
"""
#: The starter's own editing section: the indented block, and the comment line above it if any.
_STARTER_EDITING = re.compile(r"(?m)(?:^# Editing in the browser.*\n)?^editing:\n(?:^  .*\n)+")


def starter_dir() -> Path:
    """Where the starter playbook is: inside the installed package, or the checkout's root."""
    packed = PACKAGE / "starter"
    if (packed / "content").is_dir():
        return packed
    checkout = PACKAGE.parent
    if (checkout / "content").is_dir() and (checkout / "mkdocs.yml").is_file():
        return checkout
    raise InitError("the starter playbook is missing from this installation; reinstall the tool")


def default_requirement() -> str:
    return f"pmo-playbook=={__version__}"


def create_repository(
    target: Path, requirement: str, editing: EditingSetup | None = None
) -> list[str]:
    """Write a new playbook into `target` (absent or empty); the paths written, for the record.

    The starter's editing section names the starter's own Git host: it is replaced by `editing`,
    or by a comment showing how to add one.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target} already exists and is not empty; choose a new folder")
    source = starter_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in STARTER:
        if (source / name).is_dir():
            shutil.copytree(
                source / name, target / name, ignore=shutil.ignore_patterns(".*", "__pycache__")
            )
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target / name)
    for packed, placed in KIT_FILES.items():
        (target / placed).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(KIT / packed, target / placed)
    settings = target / "content" / "playbook.yml"
    text = settings.read_text(encoding="utf-8")
    block = editing.block() if editing else EDITING_LATER
    settings.write_text(_STARTER_EDITING.sub(lambda _found: block, text), encoding="utf-8")
    (target / "requirements.txt").write_text(requirement + "\n", encoding="utf-8")
    write_schemas(target / "schema")
    _git_init(target)
    return sorted(
        path.relative_to(target).as_posix()
        for path in target.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(target).parts
    )


def _git_init(target: Path) -> None:
    """Make it a git repository on branch main, when git is there; committing is the editor's."""
    try:
        subprocess.run(
            ["git", "init", "-q", "-b", "main"],
            cwd=target,
            check=True,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        pass  # without git the folder is still a working playbook
