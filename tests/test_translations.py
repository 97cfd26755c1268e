"""Content in several languages: translation files beside the entries (`risk-review.fr.yml`),
one site per language with the selector leading to the same page, coverage reported, and a
located error for each way a translation can be wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO, build_site, error_lines

from playbook_gen.render.i18n import catalogue_path


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.write_text(text, encoding="utf-8")
    return path


def page(site: Path, relative: str) -> str:
    return (site / relative / "index.html").read_text(encoding="utf-8")


def language_links(html: str) -> dict[str, str]:
    """The selector's links: language -> address."""
    return {
        language: href
        for href, language in re.findall(
            r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link">', html
        )
    }


# -- one site per language ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter as it ships (English and French), built once."""
    import shutil

    root = tmp_path_factory.mktemp("bilingual")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    build_site(root, "--strict")
    return root / "site"


def test_each_language_has_its_site_and_the_top_leads_to_the_first(sites: Path) -> None:
    assert (sites / "en/index.html").is_file() and (sites / "fr/index.html").is_file()
    top = (sites / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=en/">' in top
    assert '<a href="fr/" hreflang="fr" lang="fr">Français</a>' in top
    assert '<html lang="fr"' in page(sites, "fr")


def test_a_translated_entry_reads_in_its_language_and_the_rest_falls_back(sites: Path) -> None:
    french = page(sites, "fr/services/risk-review")
    assert "<h1" in french and "Revue des risques" in french
    assert "5 jours ouvrés" in french and "5 working days" not in french
    # Built-in words follow the language too.
    assert "Qui contacter" in page(sites, "fr/for-you/senior-leadership")
    english = page(sites, "en/services/risk-review")
    assert "Risk review" in english and "Revue des risques" not in english
    # An entry without a translation shows its English text on the French site.
    assert "Benefits tracking" in page(sites, "fr/services/benefits-tracking")


def test_the_home_page_follows_the_translated_settings_and_mandate(sites: Path) -> None:
    home = page(sites, "fr")
    assert "Aider chaque projet de Harbourline" in home
    assert "existe pour que Harbourline Water choisisse les bons projets" in home


def test_the_selector_and_hreflang_lead_to_the_same_page(sites: Path) -> None:
    html = page(sites, "en/for-you/senior-leadership")
    assert language_links(html) == {
        "en": "../../../en/for-you/senior-leadership/",
        "fr": "../../../fr/for-you/senior-leadership/",
    }
    heads = re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]+)">', html)
    assert ("../../../fr/for-you/senior-leadership/", "fr") in heads
    for href in language_links(html).values():  # each one exists
        assert (sites / "en/for-you/senior-leadership" / href / "index.html").resolve().is_file()
    assert language_links(page(sites, "fr"))["en"] == "../en/"


def test_search_uses_each_language(sites: Path) -> None:
    for language in ("en", "fr"):
        index = json.loads((sites / language / "search/search_index.json").read_text())
        assert index["config"]["lang"] == [language]


def test_a_translated_hand_written_page_takes_its_place(bilingual: Path, cli) -> None:
    write(bilingual, "content/pages/about-this-site.fr.md", "# À propos de ce site\n\nBonjour.\n")
    result = cli("build", "--strict")
    assert result.exit_code == 0, result.output
    assert "Bonjour." in page(bilingual / "site", "fr/about-this-site")
    assert "Bonjour." not in page(bilingual / "site", "en/about-this-site")
    assert not (bilingual / "site/fr/about-this-site.fr").exists()
    assert not (bilingual / "site/en/about-this-site.fr").exists()


def test_one_language_builds_at_the_top_as_before(playbook: Path, cli) -> None:
    assert cli("build").exit_code == 0
    assert (playbook / "site/services/risk-review/index.html").is_file()
    assert not (playbook / "site/en").exists()
    assert 'class="md-select__link"' not in page(playbook / "site", "services/risk-review")


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_engine_builds_each_language(bilingual: Path, cli, engine: str) -> None:
    result = cli("build", "--engine", engine)
    assert result.exit_code == 0, result.output
    french = page(bilingual / "site", "fr/services/risk-review")
    assert "Revue des risques" in french
    assert language_links(french)["en"] == "../../../en/services/risk-review/"


def test_export_writes_a_tree_and_configuration_per_language(bilingual: Path, cli) -> None:
    result = cli("export", "--docs-dir", "out/docs")
    assert result.exit_code == 0, result.output
    french = (bilingual / "out/mkdocs.fr.yml").read_text(encoding="utf-8")
    assert "docs_dir: docs/fr" in french and "site_dir: site/fr" in french
    assert "language: fr" in french and "alternate:" in french
    assert "Revue des risques" in (bilingual / "out/docs/fr/services/risk-review.md").read_text()
    assert "Risk review" in (bilingual / "out/docs/en/services/risk-review.md").read_text()


# -- coverage ---------------------------------------------------------------------------------


def test_validate_reports_coverage_per_language(bilingual: Path, cli) -> None:
    result = cli("validate")
    assert result.exit_code == 0
    line = next(
        n
        for n, t in enumerate((bilingual / "content/playbook.yml").read_text().splitlines(), 1)
        if t.startswith("languages:")
    )
    warnings = [w for w in result.output.splitlines() if "(untranslated)" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"content/playbook.yml:{line}:12: warning: 'fr': 5 of ")
    assert "readers see the rest in 'en'" in warnings[0]


def test_stale_lists_what_is_untranslated_by_owner(bilingual: Path, cli) -> None:
    result = cli("stale", "--untranslated")
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("'fr': ")
    owner = text.index("Tom Ashworth (Portfolio Manager) (")
    block = text[owner : text.index("\n\n", owner)]
    assert "content/services/benefits-tracking.yml: not translated; write " in text
    assert "content/services/risk-review.yml" not in block  # translated in full
    assert "content/mandate.yml: " in text and " texts translated in content/mandate.fr.yml" in text
    assert "content/pages/about-this-site.md: not translated" in text


def test_a_text_left_as_the_entry_has_it_counts_as_untranslated(bilingual: Path, cli) -> None:
    result = cli("new", "service", "benefits-tracking", "--language", "fr")
    assert result.exit_code == 0, result.output
    written = (bilingual / "content/services/benefits-tracking.fr.yml").read_text()
    assert written.startswith("# yaml-language-server: $schema=../../schema/service.translation")
    assert "name: Benefits tracking" in written and "owner_role" not in written
    assert cli("validate").exit_code == 0
    report = cli("stale", "--untranslated").output
    assert "benefits-tracking.yml: not translated; write" in report


def test_new_refuses_a_language_the_playbook_does_not_have(bilingual: Path, cli) -> None:
    result = cli("new", "service", "risk-review", "--language", "de")
    assert result.exit_code == 2
    assert "'de' is not one of the playbook's other languages (en, fr)" in result.output
    assert not (bilingual / "content/services/risk-review.de.yml").exists()


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "text", "expected"),
    [
        (
            "content/services/risk-review.fr.yml",
            "name: Revue\nowner_role: pmo-lead\n",
            "content/services/risk-review.fr.yml:2:1: error: 'owner_role' names another entry, "
            "which every language shares; leave it out of the translation (only text is "
            "translated) (translation)",
        ),
        (
            "content/services/risk-review.fr.yml",
            "id: revue\n",
            "content/services/risk-review.fr.yml:1:1: error: the id comes from the file name and "
            "is the same in every language; leave it out of the translation (translation)",
        ),
        (
            "content/services/risk-review.fr.yml",
            "cost: Gratuit\n",
            "content/services/risk-review.fr.yml:1:1: error: the entry has no 'cost' to "
            "translate; write it in the entry's own file first, or leave it out here "
            "(translation)",
        ),
        (
            "content/services/risk-review.fr.yml",
            "you_get:\n  - Une seule chose.\n",
            "content/services/risk-review.fr.yml:2:3: error: 'you_get' must be a list of 3 "
            "item(s), as in the entry and in the same order, each translated (translation)",
        ),
        (
            "content/services/risk-review.de.yml",
            "name: Risikoprüfung\n",
            "content/services/risk-review.de.yml:1:1: error: the language 'de' is not one of the "
            "playbook's languages (en, fr); add it to 'languages' in playbook.yml or rename the "
            "file (translation)",
        ),
        (
            "content/services/risk-reveiw.fr.yml",
            "name: Revue\n",
            "content/services/risk-reveiw.fr.yml:1:1: error: there is no "
            "services/risk-reveiw.yml for this translation to translate; did you mean "
            "'risk-review'? (translation)",
        ),
        (
            "content/pages/no-such-page.fr.md",
            "# Rien\n",
            "content/pages/no-such-page.fr.md:1:1: error: there is no page pages/no-such-page.md "
            "for this translation to translate (translation)",
        ),
        (
            "content/services/risk-review.en.yml",
            "name: Risk\n",
            "content/services/risk-review.en.yml:1:1: error: 'en' is the playbook's first "
            "language, which the entries themselves are written in; put this text in the "
            "entry's own file (translation)",
        ),
    ],
    ids=[
        "reference",
        "id",
        "absent-field",
        "list-length",
        "unconfigured",
        "no-base",
        "no-page",
        "first",
    ],
)
def test_each_wrong_translation_is_a_located_error(
    bilingual: Path, cli, relative: str, text: str, expected: str
) -> None:
    write(bilingual, relative, text)
    result = cli("validate")
    assert result.exit_code == 1
    assert expected in error_lines(result.output)
    before = sorted(bilingual.iterdir())
    assert cli("build").exit_code == 1
    assert sorted(bilingual.iterdir()) == before  # nothing built, nothing half-written


def test_a_translation_in_a_playbook_of_one_language_says_how_to_add_it(
    playbook: Path, cli
) -> None:
    write(playbook, "content/services/risk-review.fr.yml", "name: Revue des risques\n")
    result = cli("validate")
    assert error_lines(result.output) == [
        "content/services/risk-review.fr.yml:1:1: error: the file is named for the language "
        "'fr', but the playbook has no languages; list them in playbook.yml (languages: [en, "
        "fr]), the first being the language of the entries (translation)"
    ]


def test_an_unknown_language_code_is_refused(bilingual: Path, cli) -> None:
    settings = bilingual / "content/playbook.yml"
    settings.write_text(
        settings.read_text().replace("languages: [en, fr]", "languages: [en, fr, xx]")
    )
    result = cli("validate")
    assert any(
        "'xx' is not a language code Babel knows (invalid-language)" in line
        for line in error_lines(result.output)
    )


# -- schema -----------------------------------------------------------------------------------


def test_the_translation_schema_holds_the_text_fields_alone() -> None:
    schema = json.loads((REPO / "schema/service.translation.schema.json").read_text())
    assert schema["title"] == "content/services/<id>.<language>.yml"
    fields = set(schema["properties"])
    assert {"name", "summary", "you_get", "turnaround"} <= fields
    assert not fields & {"owner_role", "audiences", "kind", "owner", "reviewed"}
    assert "required" not in schema and schema["additionalProperties"] is False


def test_every_shipped_translation_names_its_schema() -> None:
    for translation in (REPO / "content").rglob("*.fr.yml"):
        first = translation.read_text(encoding="utf-8").splitlines()[0]
        assert first.endswith(".translation.schema.json"), translation
        schema = translation.parent / first.split("$schema=")[1]
        assert schema.resolve().is_file(), translation


def test_the_french_catalogue_is_shipped() -> None:
    assert catalogue_path("fr").is_file()


# -- what French readers see ----------------------------------------------------------------


def english_labels() -> set[str]:
    """The generator's own English words that French changes: each message of the French
    catalogue whose translation differs, cut at its placeholders and Markdown, kept where a
    piece is long enough to be a label rather than a common word."""
    from babel.messages.pofile import read_po

    with catalogue_path("fr").open("rb") as source:
        messages = [message for message in read_po(source) if message.id]
    labels = set()
    for message in messages:
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        for english in ids:
            for piece in re.split(r"%\(\w+\)[sd]|\[|\]\([^)]*\)|\*\*|`|\n", english):
                piece = piece.strip(" .,:;—-()")
                if len(piece) >= 12 and " " in piece and not any(piece in s for s in strings):
                    labels.add(piece)
    return labels


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|svg)\b.*?</\1>", " ", html)
    text = re.sub(r"<[^>]+>", " ", html)
    text = text.replace("&nbsp;", " ").replace("&rsquo;", "'").replace("&#39;", "'")
    return re.sub(r"\s+", " ", text)


def content_text(root: Path) -> str:
    """Every text the playbook's own files hold (content, mkdocs.yml), whitespace folded."""
    files = [
        root / "mkdocs.yml",
        *(root / "content").rglob("*.yml"),
        *(root / "content").rglob("*.md"),
    ]
    return re.sub(r"\s+", " ", " ".join(file.read_text(encoding="utf-8") for file in files))


def test_no_english_built_in_label_is_left_on_a_french_page(sites: Path) -> None:
    # A label the content also says may be the content's English, not yet translated; every
    # other one can only come from the generator.
    written = content_text(sites.parent)
    labels = {label for label in english_labels() if label not in written}
    assert len(labels) > 100
    # The check sees the generator's English where it is: on the English site's pages.
    assert len(labels_on(sites / "en", labels)) > 50
    assert labels_on(sites / "fr", labels) == {}


def labels_on(site: Path, labels: set[str]) -> dict[str, list[str]]:
    """Page, diagram or calendar file -> the labels it shows."""
    shown = {}
    for file in sorted(site.rglob("*")):
        relative = file.relative_to(site).as_posix()
        if file.suffix not in (".html", ".svg", ".ics") or relative.startswith("admin/"):
            continue  # admin/ is Decap CMS's own page, for editors
        text = visible_text(file.read_text(encoding="utf-8"))
        if file.suffix == ".ics":
            text = re.sub(r"\r?\n[ \t]", "", file.read_text(encoding="utf-8"))  # unfolded
        found = sorted(label for label in labels if label in text)
        if found:
            shown[relative] = found[:5]
    return shown


def test_a_reader_switches_an_audience_page_to_french(sites: Path, browser) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from browser import serve

    with serve(sites) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(f"{url}/", wait_until="networkidle")  # the top leads to English
            assert page.url == f"{url}/en/"
            page.goto(f"{url}/en/for-you/senior-leadership/", wait_until="networkidle")
            page.hover(".md-select")
            page.click('a.md-select__link[hreflang="fr"]')
            page.wait_for_load_state("networkidle")
            assert page.url == f"{url}/fr/for-you/senior-leadership/"
            assert page.locator("h1").inner_text().rstrip("¶") == "Direction générale"
            assert page.locator("html").get_attribute("lang") == "fr"
            violations = Axe().run(page).response["violations"]
            serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
            assert serious == []
            # And back, to the same audience in English.
            page.hover(".md-select")
            page.click('a.md-select__link[hreflang="en"]')
            page.wait_for_load_state("networkidle")
            assert page.url == f"{url}/en/for-you/senior-leadership/"
            assert page.locator("h1").inner_text().rstrip("¶") == "Senior leadership"
        finally:
            page.close()
    assert errors == []


def test_the_change_digest_names_a_translation_as_such(bilingual: Path, cli) -> None:
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
            cwd=bilingual,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "start")
    french = bilingual / "content/services/risk-review.fr.yml"
    french.write_text(french.read_text().replace("5 jours ouvrés", "3 jours ouvrés"))
    write(bilingual, "content/mandate.fr.yml", "summary: Le PMO aide chaque projet.\n")
    result = cli("diff", "HEAD")
    assert result.exit_code == 0, result.output
    assert "- Service **Risk review**, its 'fr' text" in result.output
    assert "- Mandate, its 'fr' text" in result.output
    assert "not compared" not in result.output


def test_the_preview_shows_one_language_and_leaves_nothing_behind(bilingual: Path) -> None:
    import os
    import subprocess
    import sys
    import urllib.request

    from browser import free_port, wait_for_port

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "playbook_gen", "serve", "--language", "fr"]
        + ["-a", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=bilingual,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        assert wait_for_port(port, 60)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/services/risk-review/") as answer:
            html = answer.read().decode("utf-8")
        assert '<html lang="fr"' in html and "Revue des risques" in html
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert sorted(path.name for path in bilingual.glob(".mkdocs-*")) == []
