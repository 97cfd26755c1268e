"""Packs the starter playbook into the wheel, for `playbook-gen init`.

The starter (content/, mkdocs.yml, templates/README.md) stays at the repository's root so that
this repository is itself a working playbook; building copies it into playbook_gen/starter/.
Everything else about the package is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
STARTER = ["content", "mkdocs.yml", "templates/README.md"]  # what newrepo.py copies


class BuildWithStarter(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the starter from the checkout
            return
        target = Path(self.build_lib) / "playbook_gen" / "starter"
        for name in STARTER:
            source, copy = ROOT / name, target / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(
                    source,
                    copy,
                    dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".*", "__pycache__"),
                )
            else:
                shutil.copy2(source, copy)


setup(cmdclass={"build_py": BuildWithStarter})
