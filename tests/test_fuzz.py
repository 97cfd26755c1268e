"""Fuzzing that reaches every output: hostile values drawn by hypothesis in many fields at once.

Each example writes its values into the starter playbook and runs `validate`, `build` and
`export`. Either all three refuse it with located errors (and no site is written), or the site
builds and, opened page by page in Chromium, runs nothing. Never a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from browser import serve
from conftest import REPO, single_language
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_injection import FIND_LIVE_HOOKS, PLANT, TARGETS, _one_line, _set

LOCATED = re.compile(r"^\S+:\d+:\d+: error: .+ \([a-z0-9-]+\)$")

FRAGMENTS = [
    "<script>pwn(1)</script>",
    "[x](javascript:pwn(2))",
    "[x](ｊａｖａｓｃｒｉｐｔ:pwn(3))",
    "<img src=x onerror=pwn(4)>",
    "{: onclick=pwn(5) }",
    "{: #__config }",
    '" onmouseover="pwn(6)',
    "</title><script>pwn(7)</script>",
    "{{ 7*7 }}",
    "\u202e",
    "\u0007",
    "\n",
    "\n\n",
    "#",
    "|",
    "&lt;script&gt;pwn(8)&lt;/script&gt;",
]

hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), min_size=1, max_size=8
).map("".join)
values = st.one_of(
    hostile_text, st.text(max_size=2000), st.integers(), st.lists(hostile_text, max_size=3)
)


def playbook_with(tmp_path_factory, changes, one_line: bool) -> Path:
    """A copy of the starter with each (target, value) written in; with `one_line`, values of
    one-line fields are put on one line."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    single_language(root)  # the site at its top, as the pages below are walked
    documents: dict[str, object] = {}
    for (file, path), value in changes:
        document = documents.setdefault(
            file, yaml.safe_load((root / "content" / file).read_text(encoding="utf-8"))
        )
        if one_line and isinstance(value, str) and _one_line(file, path):
            value = " ".join(value.split())
        _set(document, path, value)
    for file, document in documents.items():
        (root / "content" / file).write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return root


def assert_runs_nothing(site: Path, browser) -> None:
    """Every page of the site opened in Chromium: no payload ran, no live hook is left."""
    with serve(site) as url:
        context = browser.new_context()
        try:
            context.add_init_script(PLANT)
            page = context.new_page()
            for index in sorted(site.rglob("index.html")):
                relative = index.parent.relative_to(site).as_posix()
                page.goto(f"{url}/{'' if relative == '.' else relative + '/'}", wait_until="load")
                assert page.evaluate("() => window.__pwned") == [], relative
                assert page.evaluate(FIND_LIVE_HOOKS) == [], relative
        finally:
            context.close()  # a failed example must not leave its pages running


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from(TARGETS), values), min_size=3, max_size=12))
def test_hostile_values_are_refused_or_run_nothing(tmp_path_factory, browser, changes) -> None:
    root = playbook_with(tmp_path_factory, changes, one_line=False)
    outcomes = [
        run(root, "playbook_gen", "validate"),
        run(root, "playbook_gen", "build"),
        run(root, "playbook_gen", "export", "--docs-dir", "exported/docs"),
    ]
    for done in outcomes:
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    codes = {done.returncode for done in outcomes}
    assert codes in ({0}, {1}), [done.stderr[-1500:] for done in outcomes]
    if codes == {1}:
        errors = [line for line in outcomes[0].stderr.splitlines() if ": error: " in line]
        assert errors and all(LOCATED.match(line) for line in errors), errors
        assert not (root / "site").exists()
        return
    assert_runs_nothing(root / "site", browser)


#: Hostile text of a shape every text field accepts: it must build, and the site run nothing.
printable = st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Co", "Cn"))
well_formed = (
    st.lists(
        st.one_of(
            st.sampled_from(
                [f for f in FRAGMENTS if f.strip() and not f.isspace() and f.isprintable()]
            ),
            st.text(alphabet=printable, min_size=1, max_size=30),
        ),
        min_size=1,
        max_size=6,
    )
    .map(" ".join)
    .filter(lambda text: text.strip())
)


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from(TARGETS), well_formed), min_size=3, max_size=12))
def test_well_formed_hostile_text_builds_and_runs_nothing(tmp_path_factory, browser, changes):
    root = playbook_with(tmp_path_factory, changes, one_line=True)
    done = run(root, "playbook_gen", "build")
    assert done.returncode == 0, done.stderr[-3000:]
    assert_runs_nothing(root / "site", browser)
