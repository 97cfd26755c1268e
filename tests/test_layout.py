"""The folders show the stages, and each stage imports only what its docstring allows.

MkDocs (and Material) may be imported only under `playbook_gen/engine/`: the core stays
engine-neutral, so that another engine can build the same pages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "playbook_gen"

#: Stage -> the stages its modules may import (besides themselves and the shared top-level
#: modules `problems` and `text`).
ALLOWED = {
    "content": set(),
    "history": {"content"},
    "render": {"content", "history", "authoring"},
    "output": {"render"},
    "authoring": {"content"},
    "engine": {"content", "render", "output", "history", "pipeline"},
}
SHARED = {"problems", "text"}
ENGINES = ("mkdocs", "material", "properdocs", "zensical")


def imports_of(file: Path) -> list[tuple[str, int]]:
    """Absolute dotted names a module imports, relative imports resolved; with line numbers."""
    module = ".".join(file.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if file.name != "__init__.py" else module
    found = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((name, node.lineno))
            found += [(f"{name}.{alias.name}", node.lineno) for alias in node.names]
    return found


def stage_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "playbook_gen" and len(parts) > 1 else None


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("file", MODULES, ids=lambda f: f.relative_to(PACKAGE).as_posix())
def test_only_the_engine_imports_an_engine(file: Path) -> None:
    if file.relative_to(PACKAGE).parts[0] == "engine":
        return
    engines = [
        f"line {line}: {name}" for name, line in imports_of(file) if name.split(".")[0] in ENGINES
    ]
    assert not engines, f"{file.name} imports an engine outside playbook_gen/engine/: {engines}"


@pytest.mark.parametrize("file", MODULES, ids=lambda f: f.relative_to(PACKAGE).as_posix())
def test_stages_import_only_what_they_may(file: Path) -> None:
    stage = file.relative_to(PACKAGE).parts[0]
    if stage not in ALLOWED:
        return  # the command line and the shared top-level modules
    allowed = ALLOWED[stage] | {stage} | SHARED
    wrong = [
        f"line {line}: {name}"
        for name, line in imports_of(file)
        if (other := stage_of(name))
        and other.removesuffix(".py") not in allowed
        and other not in ("__version__",)
    ]
    assert not wrong, f"{stage}/ may import only {sorted(allowed)}: {wrong}"


def test_the_command_line_reaches_no_plugin() -> None:
    """`export` and the other commands call the engine's functions, never the MkDocs plugin."""
    for file in [PACKAGE / "cli.py", *sorted((PACKAGE / "engine").glob("*.py"))]:
        if file.name == "plugin.py":
            continue
        plugin = [line for name, line in imports_of(file) if name.endswith("engine.plugin")]
        assert not plugin, f"{file.name} imports the plugin (lines {plugin})"


def test_every_stage_says_its_job() -> None:
    for stage in ALLOWED:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
        assert doc and "import" in doc.lower(), (
            f"{stage}/__init__.py must say its job and what it imports"
        )
