"""Benchmark: synthetic playbooks of several sizes, measured end to end; writes BENCHMARKS.md.

    python -m bench.run --sizes 100 1000 5000 [--baseline-max 1000] [--engines DIR]

For each size: `validate` wall time; the generator's own work (load, check, render) timed in
process; `playbook-gen export` (generation to Markdown files); the full `playbook-gen build` with
its peak memory; MkDocs alone building the same exported Markdown with a default Material
configuration (every page in the navigation, no pruning); page weight; search index size; the
time the first search takes to show results in headless Chromium; and the preview latency from
saving one YAML file to the served page showing the change. With `--engines`, a virtual
environment holding ProperDocs and Zensical also builds the exported tree.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.generate import REPO, generate

WORK = Path("/tmp/playbook-bench")
#: PYTHONPATH lets the other engines load the safety pass (playbook_gen.output.safe_markdown)
#: that the exported mkdocs.yml names.
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "SOURCE_DATE_EPOCH": "1790000000",
    "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
}
PLAYBOOK_GEN = [sys.executable, "-m", "playbook_gen"]

DEFAULT_MATERIAL = """site_name: Default Material
docs_dir: docs
site_dir: site-default
theme:
  name: material
  font: false
plugins:
  - search
"""

IN_PROCESS = """
import json, sys, time
from pathlib import Path
from playbook_gen.pipeline import check_playbook as load_playbook
from playbook_gen.render.pages import render_site
start = time.perf_counter()
checked = load_playbook(Path("content"), Path("."))
loaded = time.perf_counter()
render_site(checked.playbook, Path("templates"))
print(json.dumps({"check": loaded - start, "render": time.perf_counter() - loaded}))
"""


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (MB) of one command, which must succeed."""
    # The log goes to a file: a large build logs more than a pipe holds while nobody reads it.
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{log.read().decode()[-4000:]}")
    return elapsed, usage.ru_maxrss // 1024


def page_weights(site: Path) -> tuple[int, int, int, str]:
    """The number of pages, the median and largest weight, and the address of the heaviest."""
    sizes = {page: page.stat().st_size for page in site.rglob("index.html")}
    heaviest = max(sizes, key=sizes.get)
    address = heaviest.parent.relative_to(site).as_posix() + "/"
    return len(sizes), int(statistics.median(sizes.values())), sizes[heaviest], address


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")
    return ""


def preview_latency(root: Path) -> float:
    """Seconds from saving one service file to `playbook-gen serve` serving the change."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/services/service-00001/"
    server = subprocess.Popen(
        [*PLAYBOOK_GEN, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 900
        while "Service 00001" not in fetch(url):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the preview server did not start")
            time.sleep(0.2)
        source = root / "content/services/service-00001.yml"
        text = source.read_text(encoding="utf-8")
        marker = f"Edited {time.time_ns()}"
        saved = time.perf_counter()
        source.write_text(text.replace("name: Service 00001", f"name: {marker}"), "utf-8")
        while marker not in fetch(url):
            if time.monotonic() > deadline:
                raise SystemExit("the preview never showed the change")
            time.sleep(0.05)
        latency = time.perf_counter() - saved
        source.write_text(text, encoding="utf-8")
        return latency
    finally:
        server.terminate()
        server.wait(timeout=30)


def first_search(site: Path) -> float:
    """Seconds from typing a service's name to Material listing results, in Chromium."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser import chromium, serve

    with serve(site) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "/", wait_until="networkidle")
        page.click("input.md-search__input")
        start = time.perf_counter()
        page.keyboard.type("Service 00001")
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
        return time.perf_counter() - start


def median_of(repeat: int, measure_once) -> tuple[float, int]:
    """The median time of `repeat` runs, and the largest peak memory seen."""
    runs = [measure_once() for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def in_process(root: Path) -> dict:
    """The generator's own times (load and check, render), measured inside one process."""
    inner = subprocess.run(
        [sys.executable, "-c", IN_PROCESS], cwd=root, env=ENV, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return json.loads(inner.stdout)


def measure(size: int, baseline: bool, engines: Path | None, repeat: int) -> dict:
    root = WORK / str(size)
    counts = generate(root, size)
    (root / "templates").mkdir(exist_ok=True)
    row: dict = {"entries": sum(counts.values())}
    row["validate"], _ = median_of(repeat, lambda: timed([*PLAYBOOK_GEN, "validate"], root))
    inner = [in_process(root) for _ in range(repeat)]
    for key in ("check", "render"):
        row[key] = statistics.median(run[key] for run in inner)
    generator = [run["check"] + run["render"] for run in inner]
    row["generator"] = statistics.median(generator)
    row["generator_range"] = (min(generator), max(generator))
    row["export"], _ = timed([*PLAYBOOK_GEN, "export", "--docs-dir", "export/docs"], root)
    row["build"], row["build_mb"] = median_of(repeat, lambda: timed([*PLAYBOOK_GEN, "build"], root))
    row["pages"], row["page_median"], row["page_max"], row["heaviest"] = page_weights(root / "site")
    row["site_mb"] = sum(p.stat().st_size for p in (root / "site").rglob("*")) / 1e6
    row["search_index_mb"] = (root / "site/search/search_index.json").stat().st_size / 1e6
    row["first_search"] = statistics.median(first_search(root / "site") for _ in range(repeat))
    row["preview"] = statistics.median(preview_latency(root) for _ in range(repeat))
    if baseline:
        (root / "export/default.yml").write_text(DEFAULT_MATERIAL, encoding="utf-8")
        row["default"], row["default_mb"] = median_of(repeat, lambda: timed(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "default.yml"], root / "export"
        ))  # fmt: skip
        _, row["default_page_median"], _, _ = page_weights(root / "export/site-default")
    if engines:
        for name, command in (
            ("properdocs", [str(engines / "bin/properdocs"), "build", "-q", "-d", "site-pd"]),
            ("zensical", [str(engines / "bin/zensical"), "build", "--clean"]),
        ):
            try:
                row[name], _ = timed(command, root / "export")
            except SystemExit as failure:  # an engine that cannot build this size is a finding
                row[f"{name}_error"] = str(failure).strip().splitlines()[-1][:300]
        row["differences"] = engine_differences(root)
    return row


#: Features of the generated pages, and how to see each in a page's HTML.
FEATURES = {
    "tables": ("services/index.html", "<table"),
    "definition lists (glossary)": ("glossary/index.html", "<dl"),
    "abbreviations explained on hover": ("glossary/index.html", "<abbr"),
    "heading permalinks": ("mandate/index.html", 'class="headerlink"'),
    "the office diagram (SVG)": ("offices/index.html", ".svg"),
    "calendar files (.ics)": ("engagement/calendar/pmo-touchpoints.ics", "BEGIN:VCALENDAR"),
    # Zensical writes its index to search.json at the site's root.
    "a search index": ("search/search_index.json|search.json", '"docs"|"items"'),
}


def engine_differences(root: Path) -> dict[str, list[str]]:
    """For each engine, the features of playbook-gen's own build its output lacks."""
    ours = root / "site"
    sites = {"ProperDocs": root / "export/site-pd", "Zensical": root / "export/site"}
    missing: dict[str, list[str]] = {}
    for engine, site in sites.items():
        if not site.is_dir():
            continue
        missing[engine] = [
            feature
            for feature, probe in FEATURES.items()
            if _has(ours, probe) and not _has(site, probe)
        ]
        pages, built = len(list(ours.rglob("*.html"))), len(list(site.rglob("*.html")))
        if pages != built:
            missing[engine].append(f"some pages ({built} HTML files, not {pages})")
    return missing


def _has(site: Path, probe: tuple[str, str]) -> bool:
    """Whether any of the probe's files ('a|b') holds any of its needles."""
    paths, needles = (part.split("|") for part in probe)
    for path in paths:
        try:
            text = (site / path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if any(needle in text for needle in needles):
            return True
    return False


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024**2
    versions = subprocess.run(
        [sys.executable, "-m", "pip", "list", "--format", "freeze"], capture_output=True, text=True
    ).stdout.split()
    wanted = ("mkdocs==", "mkdocs-material==", "Jinja2==", "PyYAML==", "Markdown==")
    pins = ", ".join(v for v in versions if v.startswith(wanted))
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory} GiB RAM; Python {platform.python_version()}; "
        f"{pins}"
    )


def cell(row: dict, key: str, unit: str = "s", digits: int = 2) -> str:
    return f"{row[key]:.{digits}f} {unit}" if key in row else "—"


COLUMNS = [
    "entries", "pages", "validate", "check + render (in process)", "export", "build",
    "build peak memory", "default MkDocs + Material", "build / default", "generator share",
    "page HTML median / max (heaviest)", "default page median", "site", "search index", "first search",
    "preview after save", "ProperDocs", "Zensical",
]  # fmt: skip


def table_row(r: dict) -> list[str]:
    generator = r["generator"]
    low, high = (part / r["build"] for part in r["generator_range"])
    return [
        str(r["entries"]),
        str(r["pages"]),
        cell(r, "validate"),
        f"{generator:.2f} s",
        cell(r, "export"),
        cell(r, "build"),
        f"{r['build_mb']} MB",
        cell(r, "default", digits=1),
        f"{r['build'] / r['default']:.0%}" if "default" in r else "—",
        f"{generator / r['build']:.1%} ({low:.1%}–{high:.1%})",
        f"{r['page_median'] / 1e3:.0f} KB / {r['page_max'] / 1e3:.0f} KB ({r['heaviest']})",
        f"{r['default_page_median'] / 1e3:.0f} KB" if "default_page_median" in r else "—",
        f"{r['site_mb']:.0f} MB",
        f"{r['search_index_mb']:.1f} MB",
        cell(r, "first_search"),
        cell(r, "preview"),
        cell(r, "properdocs", digits=1),
        cell(r, "zensical", digits=1),
    ]


def write_report(rows: list[dict], command: str, notes: list[str]) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Regenerated by the benchmark script; do not edit by hand.",
        "",
        f"- Machine: {machine()}",
        f"- Command: `{command}`",
        "- Content: synthetic playbooks from `bench/generate.py` (about 1.3 KB of YAML per entry,",
        "  cross-referenced), built with this repository's `mkdocs.yml`.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
        *("| " + " | ".join(table_row(r)) + " |" for r in rows),
        "",
        *notes,
        "",
    ]
    (REPO / "BENCHMARKS.md").write_text("\n".join(lines), encoding="utf-8")


NOTES = [
    "## How to read it",
    "",
    "- *check + render* is the generator's own work (load, check, render to Markdown in memory);",
    "  *generator share* divides it by the whole build; in brackets, the share of its fastest and",
    "  slowest run.",
    "- *default MkDocs + Material* builds the same exported Markdown with a stock configuration:",
    "  every page in the navigation and no `navigation.prune`, so each page carries the whole",
    "  navigation. It is run up to `--baseline-max` entries only, because it grows with the square",
    "  of the page count (hours at 5,000).",
    "- The playbook's own build stays linear, and no page grows with the playbook (guarded by",
    "  `tests/test_scaling.py`): a collection of more than `NAV_ENTRY_LIMIT` entries (render/pages.py) is",
    "  reached from its listing rather than the navigation; the sidebar opens only the section",
    "  being read (`navigation.prune`, without `navigation.sections`), so closed sections are not",
    "  in the page; a listing shows `LISTING_ROWS` (content/kinds.py) rows a page and",
    "  goes on at `…/page/2/`; an entry page lists the first few related entries and links to",
    "  the filtered listing of all of them; the plugin drops the indentation of the theme's HTML.",
    "- *preview after save* runs `playbook-gen serve`, renames one service, and polls the served",
    "  page until it shows the change. The preview makes dirty builds: every page is regenerated",
    "  in memory, and MkDocs renders again only those whose Markdown changed.",
    "- Past `search_full_text_limit` entries (300), search indexes each entry page by its title and",
    "  lead; overview pages keep every section. Hence the smaller index from 1,000 entries up.",
    "- Times are the median of `--repeat` runs (3 by default), but export and the other engines",
    "  run once; memory is the largest peak seen.",
    "- *first search* types a service's name into Material's search box in headless Chromium",
    "  and waits for the first result (the search index is loaded and indexed on first use).",
]


def engine_notes(rows: list[dict]) -> list[str]:
    """What the other engines render differently, as found in the largest size they built."""
    found = [row for row in rows if row.get("differences")]
    if not found:
        return []
    row = next((r for r in reversed(found) if not _failures(r)), found[-1])
    lines = ["", f"## Other engines ({row['entries']} entries, exported tree)", ""]
    for failed in rows:
        for engine, error in _failures(failed).items():
            lines.append(f"- {engine} failed at {failed['entries']} entries: {error}")
    for engine, missing in row["differences"].items():
        if missing:
            lines.append(
                f"- {engine} lacks, compared with `playbook-gen build`: {', '.join(missing)}."
            )
        else:
            lines.append(f"- {engine} renders every checked feature ({', '.join(FEATURES)}).")
    return lines


def _failures(row: dict) -> dict[str, str]:
    names = {"properdocs": "ProperDocs", "zensical": "Zensical"}
    return {names[key]: row[f"{key}_error"] for key in names if f"{key}_error" in row}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--baseline-max", type=int, default=1000)
    parser.add_argument("--engines", type=Path, help="a venv with properdocs and zensical")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the median counts")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        print(f"measuring {size} entries ...", file=sys.stderr, flush=True)
        rows.append(measure(size, size <= args.baseline_max, args.engines, args.repeat))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    command = "python -m bench.run " + " ".join(sys.argv[1:])
    write_report(rows, command, NOTES + engine_notes(rows))


if __name__ == "__main__":
    main()
