"""Packs the starter playbook and the pinned Decap CMS into the wheel.

The starter (content/, mkdocs.yml, templates/README.md) stays at the repository's root so that
this repository is itself a working playbook; building copies it into playbook_gen/starter/ for
`playbook-gen init`. Decap CMS, for the editing pages, is not kept in the repository: building
fetches the pinned release and checks its checksum (tools/bundle_decap.py) unless it is there.
Everything else about the package is declared in pyproject.toml.
"""

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
STARTER = ["content", "mkdocs.yml", "templates/README.md"]  # what newrepo.py copies


class BuildWithStarter(build_py):
    def run(self) -> None:
        if runpy.run_path(str(ROOT / "tools" / "bundle_decap.py"))["main"]() != 0:
            raise SystemExit("Decap CMS could not be bundled")
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
