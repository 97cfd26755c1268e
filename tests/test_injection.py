"""Script injection: payloads in many fields of the content, built, then opened in Chromium.

Every payload tries to call `pwn()` (or `alert`). The test defines `pwn` before any page script
runs, listens for dialogs, and inspects the DOM: no payload may run or leave a live hook behind.
Each door is tried: `playbook-gen build` with each engine (MkDocs, ProperDocs, Zensical), and
`playbook-gen export` built by stock MkDocs from the exported mkdocs.yml (no playbook plugin).
Enough services are added, named with payloads, that their pages leave the navigation and take
their titles from the pages themselves.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from browser import serve
from conftest import build_site

from playbook_gen.content.kinds import FILES, KINDS
from playbook_gen.content.walker import fields_by_name, shape_of

PAYLOADS = [
    "<script>pwn(1)</script>",
    "<SCRIPT SRC=data:text/javascript,pwn(2)></SCRIPT>",
    '<img src=x onerror="pwn(3)">',
    "<svg onload=pwn(4)>",
    "<svg><script>pwn(5)</script></svg>",
    '<iframe src="javascript:pwn(6)"></iframe>',
    '<iframe srcdoc="<script>parent.pwn(7)</script>"></iframe>',
    "[click me](javascript:pwn(8))",
    "[click me](JaVaScRiPt:pwn(9))",
    "[click me](vbscript:msgbox(10))",
    "[click me](data:text/html;base64,PHNjcmlwdD5wd24oMTEpPC9zY3JpcHQ+)",
    "<javascript:pwn(12)>",
    "[ref link][x]\n\n[x]: javascript:pwn(13)",
    '[title](https://example.org "x\\" onmouseover=\\"pwn(14)")',
    '" onmouseover="pwn(15)" x="',
    "' onfocus='pwn(16)' autofocus '",
    '<a href="jav&#x61;script:pwn(17)">entity</a>',
    "[entity](jav&#x61;script:pwn(18))",
    '<a href="&#106;avascript:pwn(19)">decimal</a>',
    '<div style="background:url(javascript:pwn(20))">style</div>',
    "<style>@import 'javascript:pwn(21)';</style>",
    '<body onload="pwn(22)">',
    '<input autofocus onfocus="pwn(23)">',
    '<details open ontoggle="pwn(24)">',
    '<math><mtext><table><mglyph><style><img src=x onerror="pwn(25)">',
    '<object data="javascript:pwn(26)"></object>',
    '<embed src="javascript:pwn(27)">',
    '<form action="javascript:pwn(28)"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:pwn(29)">',
    '<base href="javascript:pwn(30)//">',
    "</textarea><script>pwn(31)</script>",
    "{{ 7*7 }} {{ config.__class__ }}",
    "{% for x in range(3) %}pwn{% endfor %}",
    '![img](x "onerror=pwn(34)")',
    '<a href="  javascript:pwn(35)">spaces</a>',
    "`<script>pwn(36)</script>`",
    "<scr<script>ipt>pwn(37)</script>",
    "[lookalike](ｊａｖａｓｃｒｉｐｔ:pwn(38))",
    "Takes the theme's settings\n{: #__config }\n\nand then",
    '<svg><a href="javascript:pwn(39)"><text>x</text></a></svg>',
]

# (file, path to a text field) — plain and Markdown fields of most kinds of content.
TARGETS = [
    ("playbook.yml", ["tagline"]),
    ("playbook.yml", ["contact", "name"]),
    ("mandate.yml", ["summary"]),
    ("mandate.yml", ["objectives", 0]),
    ("mandate.yml", ["in_scope", 0, "detail"]),
    ("mandate.yml", ["out_of_scope", 0, "item"]),
    ("mandate.yml", ["out_of_scope", 1, "instead"]),
    ("mandate.yml", ["kpis", 0, "definition"]),
    ("mandate.yml", ["priorities", -1, "items", 0]),
    ("mandate.yml", ["pmo_vs_project_manager", 0, "pmo"]),
    ("raci.yml", ["activities", 1, "description"]),  # risk-assessment
    ("glossary.yml", ["terms", 0, "definition"]),
    ("glossary.yml", ["terms", 1, "term"]),
    ("offices/operations-pmo.yml", ["scope"]),
    ("offices/operations-pmo.yml", ["summary"]),
    # Names reach the SVG diagrams, which are also files of their own.
    ("offices/operations-pmo.yml", ["name"]),
    ("audiences/delivery-teams.yml", ["name"]),
    ("offices/enterprise-pmo.yml", ["contacts", 0, "name"]),
    ("roles/sponsor.yml", ["purpose"]),
    ("roles/sponsor.yml", ["skills", 0, "why"]),
    ("roles/project-manager.yml", ["responsibilities", 0]),
    ("services/risk-review.yml", ["summary"]),
    ("services/risk-review.yml", ["description"]),
    ("services/risk-review.yml", ["you_get", 0]),
    ("services/risk-review.yml", ["how_to_request"]),
    ("services/status-reporting.yml", ["turnaround"]),
    ("audiences/delivery-teams.yml", ["who"]),
    ("audiences/delivery-teams.yml", ["whats_in_it_for_you", 0]),
    ("audiences/senior-leadership.yml", ["summary"]),
    ("touchpoints/project-clinic.yml", ["purpose"]),
    ("touchpoints/pmo-newsletter.yml", ["name"]),
    ("tactics/open-clinics.yml", ["when_to_use"]),
    ("tactics/open-clinics.yml", ["steps", 0]),
    ("tactics/pmo-roadshow.yml", ["goal"]),
    ("challenges/reporting-feels-like-overhead.yml", ["answer"]),
    ("challenges/reporting-feels-like-overhead.yml", ["symptoms", 0]),
    ("challenges/pmo-left-out-of-decisions.yml", ["question"]),
]

PLANT = """
window.__pwned = [];
window.pwn = (n) => window.__pwned.push(n);
"""

FIND_LIVE_HOOKS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
      if (['href', 'src', 'action', 'data', 'formaction', 'srcdoc'].includes(attr.name) &&
          /^(javascript|vbscript|data):/.test(value)) found.push(`${el.tagName} ${attr.name}=${value}`);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) found.push(el.tagName);
    if (el.tagName === 'SCRIPT' && /pwn/.test(el.textContent)) found.push('inline script');
    if (el.tagName === 'META' && /refresh/i.test(el.httpEquiv)) found.push('meta refresh');
  }
  return found;
}"""


def _one_line(file: str, path: list) -> bool:
    """Whether the model declares the field at `path` of a content file one-line text."""
    folder, _, name = file.rpartition("/")
    cls = KINDS[folder].cls if folder else FILES[name.removesuffix(".yml")].cls
    shape = None
    for key in path:
        if isinstance(key, int) or (shape is not None and shape.kind == "mapping"):
            shape = shape.item if shape is not None and shape.kind == "mapping" else shape
        else:
            shape = shape_of(fields_by_name(cls)[key][1])
            shape = shape.item if shape.kind == "list" else shape
        if shape is not None and shape.kind == "record":
            cls = shape.cls
    return bool(shape and shape.one_line)


def _set(data, path, value) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


#: Service names that try to break out of the page's <title> and the navigation.
TITLE_PAYLOADS = [
    "</title><script>pwn(40)</script>",
    "&lt;/title&gt;&lt;script&gt;pwn(41)&lt;/script&gt;",
    "<img src=x onerror=pwn(42)>",
    "&lt;img src=x onerror=pwn(43)&gt;",
]


@pytest.fixture(scope="module", params=["build", "export", "properdocs", "zensical"])
def hostile_site(request, playbook_factory) -> Path:
    root = playbook_factory()
    template = yaml.safe_load((root / "content/services/risk-review.yml").read_text("utf-8"))
    for number in range(20):
        service = dict(template, name=f"{TITLE_PAYLOADS[number % len(TITLE_PAYLOADS)]} {number}")
        (root / f"content/services/hostile-{number}.yml").write_text(
            yaml.safe_dump(service, allow_unicode=True), encoding="utf-8"
        )
    documents: dict[str, dict] = {}
    # Every payload in every field: a Markdown field and a plain one each get the whole corpus.
    corpus = "\n\n".join(
        f"Before {number} {payload} after {number}" for number, payload in enumerate(PAYLOADS)
    )
    for file, path in TARGETS:
        document = documents.setdefault(
            file, yaml.safe_load((root / "content" / file).read_text(encoding="utf-8"))
        )
        # One-line fields (names, titles) refuse line breaks: they get the corpus on one line.
        _set(document, path, " ".join(corpus.split()) if _one_line(file, path) else corpus)
    # A hand-written page may hold raw HTML: the same pass must clean it.
    (root / "content/pages/hostile.md").write_text(
        "# Hostile page\n\n" + corpus + "\n", encoding="utf-8"
    )
    for file, document in documents.items():
        (root / "content" / file).write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    if request.param == "build":
        build_site(root)
        return root / "site"
    if request.param in ("properdocs", "zensical"):
        build_site(root, "--engine", request.param)
        return root / "site"
    return export_and_build(root)


def export_and_build(root: Path) -> Path:
    """`playbook-gen export`, then stock MkDocs on the exported tree: the door other engines use."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for command in (
        ["playbook_gen", "export", "--docs-dir", "exported/docs"],
        ["mkdocs", "build", "-f", "exported/mkdocs.yml", "-d", str(root / "exported-site")],
    ):
        done = subprocess.run(
            [sys.executable, "-m", *command], cwd=root, capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
    return root / "exported-site"


def test_corpus_is_large_and_spread(hostile_site: Path) -> None:
    assert len(PAYLOADS) >= 30
    assert len({file for file, _ in TARGETS}) >= 15


def test_no_payload_runs_in_the_browser(hostile_site: Path, browser) -> None:
    pages = sorted(hostile_site.rglob("index.html"))
    problems: list[str] = []
    with serve(hostile_site) as url:
        context = browser.new_context()
        context.add_init_script(PLANT)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            relative = path.parent.relative_to(hostile_site).as_posix()
            page.goto(f"{url}/{'' if relative == '.' else relative + '/'}", wait_until="load")
            # Hover and focus everything that might carry a handler, as a reader would.
            page.evaluate(
                "() => document.querySelectorAll('a, img, svg').forEach(e => {"
                " e.dispatchEvent(new MouseEvent('mouseover')); })"
            )
            ran = page.evaluate("() => window.__pwned")
            hooks = page.evaluate(FIND_LIVE_HOOKS)
            # The theme's own settings element may not be shadowed by content (DOM clobbering).
            config = page.evaluate("() => document.getElementById('__config')?.tagName ?? null")
            if config not in (None, "SCRIPT"):
                hooks.append(f"#__config is a {config}")
            if ran or hooks:
                problems.append(f"/{relative}: ran {ran}, hooks {hooks}")
        context.close()
    assert dialogs == []
    assert problems == []


def test_template_syntax_in_content_appears_literally(hostile_site: Path) -> None:
    html = "\n".join(p.read_text(encoding="utf-8") for p in hostile_site.rglob("index.html"))
    assert "{{ 7*7 }}" in html
    assert "{% for x in range(3) %}pwn{% endfor %}" in html
    assert "pwnpwnpwn" not in html


def test_diagrams_opened_directly_run_nothing(hostile_site: Path, browser) -> None:
    """The SVG diagrams carry the hostile names too, and are opened as files of their own."""
    diagrams = ["offices/hierarchy.svg", "engagement/network-map.svg"]
    problems: list[str] = []
    with serve(hostile_site) as url:
        context = browser.new_context()
        context.add_init_script(PLANT)
        page = context.new_page()
        for diagram in diagrams:
            text = (hostile_site / diagram).read_text(encoding="utf-8")
            assert "Before 0" in text and "&lt;" in text  # the payloads reached it
            page.goto(f"{url}/{diagram}", wait_until="load")
            page.evaluate(
                "() => document.querySelectorAll('*').forEach(e => {"
                " e.dispatchEvent(new MouseEvent('mouseover')); })"
            )
            ran = page.evaluate("() => window.__pwned")
            hooks = page.evaluate(FIND_LIVE_HOOKS)
            if ran or hooks:
                problems.append(f"{diagram}: ran {ran}, hooks {hooks}")
        context.close()
    assert problems == []
