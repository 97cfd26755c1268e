"""Broken and hostile input as data: each case is a change to the starter playbook beside the
problem it must produce — a located error with its code, exit status 1, no traceback, no site.

Cases are grouped by the classes of failure they stand for. Each is run through `validate` in
process; a sample of every class also runs through `build` to check nothing is written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

SERVICE = "content/services/risk-review.yml"
TOUCHPOINT = "content/touchpoints/project-clinic.yml"
SETTINGS = "content/playbook.yml"


def set_field(path: str, field: str, value: object):
    """Replace one top-level field of a YAML file, written as the raw YAML text `value`."""

    def change(root: Path) -> None:
        file = root / path
        lines = file.read_text(encoding="utf-8").splitlines()
        text = value if isinstance(value, str) else yaml.safe_dump(value).strip()
        for number, line in enumerate(lines):
            if line.startswith(f"{field}:"):
                lines[number] = f"{field}: {text}"
                break
        else:
            lines.append(f"{field}: {text}")
        file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return change


def set_nested(path: str, keys: list, value: object):
    """Replace a nested value (the file is written anew by PyYAML)."""

    def change(root: Path) -> None:
        file = root / path
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    return change


def write(path: str, data: bytes | str):
    def change(root: Path) -> None:
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return change


def make_fifo(path: str):
    def change(root: Path) -> None:
        os.mkfifo(root / path)

    return change


def symlink(path: str, target: str):
    def change(root: Path) -> None:
        (root / path).symlink_to(target)

    return change


#: (class, case, change, file the error is in, its code)
CASES = [
    # values that do not fit their shape
    ("values", "blank name", set_field(SERVICE, "name", "'   '"), SERVICE, "blank-text"),
    ("values", "blank list item", set_nested(SERVICE, ["you_get", 0], " "), SERVICE, "blank-text"),
    (
        "values",
        # Quoted and empty ("") it reads as left out, as forms write a cleared field.
        "blank e-mail",
        set_nested(SETTINGS, ["contact", "email"], " "),
        SETTINGS,
        "blank-text",
    ),
    (
        "values",
        "web address as e-mail",
        set_nested(SETTINGS, ["contact", "email"], "https://pmo.example"),
        SETTINGS,
        "invalid-email",
    ),
    (
        "values",
        "words as phone",
        set_nested(SETTINGS, ["contact", "phone"], "call reception"),
        SETTINGS,
        "invalid-phone",
    ),
    (
        "values",
        "bidi override in a name",
        set_field(SERVICE, "name", '"Risk \\u202e weiver"'),
        SERVICE,
        "invalid-character",
    ),
    (
        "values",
        "control character",
        set_field(SERVICE, "summary", '"Risk\\u0007 review"'),
        SERVICE,
        "invalid-character",
    ),
    (
        "values",
        "negative duration",
        set_field(TOUCHPOINT, "duration_minutes", "-30"),
        TOUCHPOINT,
        "out-of-range",
    ),
    (
        "values",
        "zero duration",
        set_field(TOUCHPOINT, "duration_minutes", "0"),
        TOUCHPOINT,
        "out-of-range",
    ),
    (
        "values",
        "absurd duration",
        set_field(TOUCHPOINT, "duration_minutes", "100000"),
        TOUCHPOINT,
        "out-of-range",
    ),
    (
        "values",
        "sexagesimal duration",
        set_field(TOUCHPOINT, "duration_minutes", "1:20"),
        TOUCHPOINT,
        "wrong-type",
    ),
    (
        "values",
        "zero review period",
        set_field(SETTINGS, "review_every_months", "0"),
        SETTINGS,
        "out-of-range",
    ),
    (
        "values",
        "review date in 9999",
        set_field(SERVICE, "reviewed", "9999-12-31"),
        SERVICE,
        "out-of-range",
    ),
    (
        "values",
        "yes as a boolean",
        set_field("content/roles/sponsor.yml", "in_pmo", "yes"),
        "content/roles/sponsor.yml",
        "wrong-type",
    ),
    (
        "values",
        "same audience twice",
        set_field(SERVICE, "audiences", "[delivery-teams, delivery-teams]"),
        SERVICE,
        "duplicate-reference",
    ),
    (
        "values",
        "same RACI role twice",
        set_nested("content/raci.yml", ["roles", 1], "pmo-lead"),
        "content/raci.yml",
        "duplicate-reference",
    ),
    (
        "values",
        "python tag",
        set_field(SERVICE, "name", "!!python/object/apply:os.system [echo]"),
        SERVICE,
        "yaml-tag",
    ),
    ("values", "custom tag", set_field(SERVICE, "name", "!secret value"), SERVICE, "yaml-tag"),
    (
        "values",
        "deep nesting",
        set_field(SERVICE, "you_get", "[" * 100_000 + "]" * 100_000),
        SERVICE,
        "too-deep",
    ),
    (
        "values",
        "deep block nesting",
        set_field(SERVICE, "you_get", "\n" + "- " * 50_000 + "x"),
        SERVICE,
        "too-deep",
    ),
    # links built from settings
    (
        "config",
        "javascript repository",
        set_field(SETTINGS, "repository_url", "javascript:alert(1)"),
        SETTINGS,
        "invalid-url",
    ),
    (
        "config",
        "data repository",
        set_field(SETTINGS, "repository_url", "'data:text/html,x'"),
        SETTINGS,
        "invalid-url",
    ),
    (
        "config",
        "quote in repository",
        set_field(SETTINGS, "repository_url", "'https://x.example/\" onmouseover=\"alert(1)'"),
        SETTINGS,
        "invalid-url",
    ),
    (
        "config",
        "scheme in edit path",
        set_field(SETTINGS, "edit_uri", "'javascript:alert(1)//'"),
        SETTINGS,
        "invalid-url",
    ),
    (
        "config",
        "repo_url in mkdocs.yml",
        write("mkdocs.yml", "site_name: X\nrepo_url: javascript:alert(1)\n"),
        "mkdocs.yml",
        "invalid-url",
    ),
    # files and folders
    (
        "files",
        "stray file at the top",
        write("content/notes.txt", "notes"),
        "content/notes.txt",
        "stray-file",
    ),
    (
        "files",
        "stray folder at the top",
        write("content/drafts/x.yml", "name: x\n"),
        "content/drafts",
        "stray-file",
    ),
    (
        "files",
        "file where a folder belongs",
        lambda root: (
            os.rename(root / "content/tactics", root / "tactics-old"),
            (root / "content/tactics").write_text("x"),
        ),
        "content/tactics",
        "stray-file",
    ),
    (
        "files",
        "playbook.yml and .yaml",
        lambda root: (root / "content/playbook.yaml").write_bytes((root / SETTINGS).read_bytes()),
        "content/playbook.yml",
        "duplicate-id",
    ),
    (
        "files",
        "fifo in pages",
        make_fifo("content/pages/pipe.md"),
        "content/pages/pipe.md",
        "unreadable",
    ),
    (
        "files",
        "looping link in pages",
        symlink("content/pages/loop.md", "loop.md"),
        "content/pages/loop.md",
        "unreadable",
    ),
    (
        "files",
        "link to a folder outside",
        symlink("content/pages/etc", "/etc"),
        "content/pages/etc",
        "unreadable",
    ),
    (
        "files",
        "link to a file outside",
        symlink("content/pages/passwd.txt", "/etc/passwd"),
        "content/pages/passwd.txt",
        "outside-content",
    ),
    (
        "files",
        "page not utf-8",
        write("content/pages/latin.md", "# Caf\xe9\n".encode("latin-1")),
        "content/pages/latin.md",
        "not-utf8",
    ),
    (
        "files",
        "broken front matter",
        write("content/pages/broken.md", "---\ntitle: [x\n---\n# X\n"),
        "content/pages/broken.md",
        "yaml-syntax",
    ),
    (
        "files",
        "list as title",
        write("content/pages/list.md", "---\ntitle: [a, b]\n---\n# X\n"),
        "content/pages/list.md",
        "wrong-type",
    ),
    (
        "files",
        "null title",
        write("content/pages/null.md", "---\ntitle:\n---\n# X\n"),
        "content/pages/null.md",
        "wrong-type",
    ),
    # published as is
    (
        "published",
        "html page",
        write("content/pages/x.html", "<script>alert(1)</script>"),
        "content/pages/x.html",
        "stray-file",
    ),
    (
        "published",
        "script",
        write("content/pages/x.js", "alert(1)"),
        "content/pages/x.js",
        "stray-file",
    ),
    (
        "published",
        "style sheet",
        write("content/pages/x.css", "body{}"),
        "content/pages/x.css",
        "stray-file",
    ),
    (
        "published",
        "svg with onload",
        write("content/pages/x.svg", "<svg onload='alert(1)'/>"),
        "content/pages/x.svg",
        "stray-file",
    ),
    (
        "published",
        "theme bundle path",
        write("content/pages/assets/javascripts/bundle.js", "alert(1)"),
        "content/pages/assets/javascripts/bundle.js",
        "stray-file",
    ),
    # read otherwise than meant / structure
    (
        "structure",
        "office 1,200 levels deep",
        lambda root: deep_offices(root, 1200),
        "content/offices/deep-0019.yml",
        "office-depth",
    ),
]


def deep_offices(root: Path, depth: int) -> None:
    template = yaml.safe_load((root / "content/offices/operations-pmo.yml").read_text("utf-8"))
    for level in range(depth):
        office = dict(template, name=f"Office {level}", services=[], contacts=[])
        office["parent"] = f"deep-{level - 1:04d}" if level else "enterprise-pmo"
        (root / f"content/offices/deep-{level:04d}.yml").write_text(
            yaml.safe_dump(office, sort_keys=False), encoding="utf-8"
        )


@pytest.mark.parametrize(
    "group, case, change, path, code", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES]
)
def test_case_is_a_located_error(playbook: Path, group, case, change, path, code) -> None:
    change(playbook)
    done = subprocess.run(
        [sys.executable, "-m", "playbook_gen", "build"],
        cwd=playbook,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1, done.stderr[-3000:]
    assert not (playbook / "site").exists()
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert any(line.startswith(f"{path}:") and line.endswith(f"({code})") for line in errors), (
        path,
        code,
        errors,
    )


# --- every field of every kind, mutated as careless editors and attackers would ----------------

REPO = Path(__file__).resolve().parent.parent


def _field_mutations():
    """(file, field, value, code): for each field of one file of every kind and each single
    file, the bad values its declared shape must refuse, from the model's own declarations."""
    from playbook_gen.content.kinds import FILES, KINDS
    from playbook_gen.content.walker import declared_fields, shape_of

    files = [(f"content/{name}.yml", kind.cls) for name, kind in FILES.items()]
    for folder, kind in KINDS.items():
        entries = (REPO / "content" / folder).glob("*.yml")
        first = sorted(entry for entry in entries if "." not in entry.stem)[0]  # no translation
        files.append((f"content/{folder}/{first.name}", kind.cls))
    for path, cls in files:
        for f, hint in declared_fields(cls):
            shape = shape_of(hint)
            item = shape.item if shape.kind == "list" else None
            if shape.kind == "text":
                yield path, f.name, "  ", "blank-text"
                yield path, f.name, "x\u202ey", "invalid-character"
                yield path, f.name, "x\u0000y", "invalid-character"
                if shape.one_line:
                    yield path, f.name, "first\nsecond", "line-break"
                if shape.pattern:
                    yield path, f.name, "not <valid> at all", shape.pattern.code
            elif shape.kind == "int":
                yield path, f.name, "1:20", "wrong-type"
                if shape.limits:
                    yield path, f.name, shape.limits[1] + 1, "out-of-range"
            elif shape.kind == "date":
                yield path, f.name, "9999-01-01", "out-of-range"
            elif shape.kind == "choice":
                yield path, f.name, "nonsense", "not-allowed"
            elif shape.kind == "bool":
                yield path, f.name, "yes", "wrong-type"
            elif item is not None and item.kind == "text":
                yield path, f.name, [" "], "blank-text"
                if item.ref:
                    original = yaml.safe_load((REPO / path).read_text(encoding="utf-8"))
                    named = original.get(f.name) or []
                    if named:
                        yield path, f.name, [named[0], named[0]], "duplicate-reference"


GENERATED = list(_field_mutations())


def test_the_generated_corpus_is_large() -> None:
    assert len(CASES) + len(GENERATED) >= 200


@pytest.mark.parametrize(
    "path, field, value, code",
    GENERATED,
    ids=[f"{p.rsplit('/', 1)[-1]}: {f} = {v!r} -> {c}" for p, f, v, c in GENERATED],
)
def test_every_field_refuses_what_its_shape_does_not_allow(
    playbook: Path, path: str, field: str, value: object, code: str
) -> None:
    from playbook_gen.pipeline import check_playbook

    file = playbook / path
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data[field] = value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if value in ("1:20", "yes", "9999-01-01"):  # as an editor types them: unquoted
        text = text.replace(f"{field}: '{value}'", f"{field}: {value}")
    file.write_text(text, encoding="utf-8")
    problems = check_playbook(playbook / "content", playbook).problems
    found = [p for p in problems if p.path == path and p.severity == "error"]
    assert any(p.code == code for p in found), [p.as_text() for p in problems]
