"""The generator's own words from gettext catalogues: theme.language chooses; English is the
source and changes nothing (the golden files guard it); a language without a catalogue falls
back to English with one located warning."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from browser import serve
from conftest import REPO, build_site
from icalendar import Calendar

from playbook_gen.authoring.cms import cms_config
from playbook_gen.content.method import range_text
from playbook_gen.content.model import Editing, Threshold
from playbook_gen.engine.serve import error_page
from playbook_gen.problems import Problem
from playbook_gen.render.i18n import LOCALE_DIR, catalogue_path, shipped_languages, words

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def template_messages() -> set[str]:
    """Every message the templates and the code ask for, as `pybabel extract -F babel.cfg`
    finds them (the code marks its own with `N_`)."""
    found = extract_from_dir(
        str(REPO),
        method_map=[
            ("playbook_gen/render/templates/**.j2", "jinja2"),
            ("playbook_gen/**.py", "python"),
        ],
    )
    return {message if isinstance(message, str) else message[0] for _f, _l, message, *_ in found}


def catalogue(language: str):
    with catalogue_path(language).open("rb") as source:
        return read_po(source, locale=language)


LANGUAGES = [language for language in shipped_languages() if language != "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_translates_every_message_with_its_placeholders(language: str) -> None:
    messages = [message for message in catalogue(language) if message.id]
    # A fuzzy entry is pybabel's guess from a similar message: not a translation until checked.
    assert [message.id for message in messages if message.fuzzy] == []
    by_singular = {
        message.id[0] if message.pluralizable else message.id: message for message in messages
    }
    missing = template_messages() - set(by_singular)
    assert not missing, f"{language} lacks {sorted(missing)}"
    for message in messages:
        forms = message.string if message.pluralizable else (message.string,)
        sources = message.id if message.pluralizable else (message.id,)
        # A singular may leave out the number ('The other office'); no form adds a value.
        wanted = set(PLACEHOLDER.findall(" ".join(sources)))
        assert forms and all(forms), f"{language}: {message.id!r} is not translated"
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) <= wanted, message.id
        assert set(PLACEHOLDER.findall(forms[-1])) == set(PLACEHOLDER.findall(sources[-1]))


def test_the_templates_ask_for_words_at_all() -> None:
    assert {"What's in it for you", "Whom to contact", "Next"} <= template_messages()
    assert (LOCALE_DIR / "fr/LC_MESSAGES/playbook.po").is_file()


def test_values_put_into_a_message_print_as_their_own_text() -> None:
    french = words("fr")
    assert french.found and french.gettext("Whom to contact") == "Qui contacter"
    filled = french.gettext("Your contact is the %(role)s.", role="*PMO* [lead]")
    assert filled == r"Votre interlocuteur est le rôle \*PMO\* \[lead\]."
    assert words("fr-CA").found and words("fr-CA").gettext("Next") == "Prochaine fois"
    assert not words("it").found and words("it").gettext("Next") == "Next"


def set_language(root: Path, language: str) -> None:
    config = root / "mkdocs.yml"
    config.write_text(
        re.sub(r"(?m)^  language: \w+$", f"  language: {language}", config.read_text()),
        encoding="utf-8",
    )


def headings(page: Path) -> list[str]:
    return re.findall(r"<h2 id=[^>]*>([^<]+)", page.read_text(encoding="utf-8"))


def test_a_french_site_gets_french_words(playbook: Path) -> None:
    set_language(playbook, "fr")
    build_site(playbook)
    page = playbook / "site/for-you/senior-leadership/index.html"
    assert headings(page)[:3] == ["Qui vous êtes", "Ce que vous y gagnez", "Les services pour vous"]
    assert "Qui contacter" in headings(page) and "Whom to contact" not in headings(page)
    service = (playbook / "site/services/assurance-review/index.html").read_text(encoding="utf-8")
    assert "Obligatoire, sans demande" in service and "Sous la responsabilité de&nbsp;:" in service
    assert "Dernière relecture&nbsp;:" in service and "Last reviewed" not in service
    # Dates as French readers write them (the starter's clinic starts on 2026-11-25).
    clinic = (playbook / "site/engagement/touchpoints/project-clinic/index.html").read_text()
    assert "à partir du mercredi 25 novembre 2026 à 14:00" in clinic
    assert "2026-11-25" not in clinic


def test_a_language_without_a_catalogue_stays_english_with_one_warning(playbook: Path, cli) -> None:
    set_language(playbook, "it")
    result = cli("build")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "(language)" in line]
    line = next(
        number
        for number, text in enumerate((playbook / "mkdocs.yml").read_text().splitlines(), 1)
        if "language: it" in text
    )
    assert warnings == [
        f"mkdocs.yml:{line}:13: warning: the playbook's own words have no translation into 'it'"
        f" (it has {', '.join(shipped_languages())}); they stay in English, while Material's"
        " follow the language (language)"
    ]
    page = playbook / "site/for-you/senior-leadership/index.html"
    assert "Whom to contact" in headings(page)


#: Words of Markdown and front-matter syntax, not of the page: `hide: [navigation]`, `!!! info`.
SYNTAX_WORDS = {"hide", "navigation", "info"}


def literal_words(template: str) -> list[str]:
    """Words a template writes itself, outside its tags, expressions, comments and HTML."""
    text = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}|<[^>]+>|\{:[^}]*\}", "", template, flags=re.S)
    return [word for word in re.findall(r"[^\W\d_]{2,}", text) if word not in SYNTAX_WORDS]


@pytest.mark.parametrize(
    "template",
    sorted((REPO / "playbook_gen/render/templates").glob("*.j2")),
    ids=lambda path: path.name,
)
def test_no_template_writes_words_outside_the_catalogues(template: Path) -> None:
    assert literal_words(template.read_text(encoding="utf-8")) == []


def test_the_literal_check_sees_words() -> None:
    assert literal_words("## Who it is for\n{{ _('Next') }} <b>x</b>") == ["Who", "it", "is", "for"]


# -- The generator's other words: listings, script, ranges, diagrams, calendars, preview, CMS --


@pytest.fixture(scope="module")
def french_site(playbook_factory) -> Path:
    """The starter built once as a French site."""
    root = playbook_factory()
    set_language(root, "fr")
    build_site(root)
    return root / "site"


def page_text(site: Path, page: str) -> str:
    return html.unescape((site / page).read_text(encoding="utf-8"))


def test_a_french_listing_says_allowed_values_in_french_in_cells_and_filters(
    french_site: Path,
) -> None:
    library = page_text(french_site, "library/index.html")
    options = re.search(r'<select name="type"[^>]*>(.*?)</select>', library).group(1)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", options) == [
        "Tous",
        "modèle",
        "norme",
        "guide",
        "liste de contrôle",
        "formulaire",
        "exemple",
    ]
    # The filter keeps the rows whose cell holds the chosen text: the cell says the same word.
    row = re.search(r"<tr>\s*<td><a [^>]*>Business case form</a></td>.*?</tr>", library, re.S)
    assert re.findall(r"<td>([^<]*)</td>", row.group(0))[1] == "formulaire"
    tactics = page_text(french_site, "engagement/tactics/index.html")
    effort = re.search(r'<select name="effort"[^>]*>(.*?)</select>', tactics).group(1)
    assert re.findall(r"<option>([^<]*)</option>", effort) == ["faible", "moyen", "élevé"]
    assert "<td>low</td>" not in tactics and "<td>faible</td>" in tactics


def test_the_script_gets_its_words_in_french(french_site: Path) -> None:
    library = page_text(french_site, "library/index.html")
    filters = re.search(r'<div class="pb-filters"[^>]*>', library).group(0)
    assert 'data-looking="Recherche dans toutes les pages…"' in filters
    assert 'data-shown="Résultats affichés\u00a0: %(shown)d sur %(total)d"' in filters
    assert (
        'data-shown-here="Résultats affichés pour cette page\u00a0: %(shown)d sur %(total)d'
        ' (les autres pages n’ont pas pu être lues)"'
    ) in filters
    classes = page_text(french_site, "how-projects-run/classes/index.html")
    finder = re.search(r'<div class="pb-class-finder"[^>]*>', classes).group(0)
    assert (
        'data-heading="Trouvez la classe de votre projet\u00a0: saisissez ses chiffres."' in finder
    )
    assert (
        'data-result="Ce projet relève de la classe %(name)s. Il doit faire ce qui suit\u00a0:"'
    ) in finder


def test_the_script_speaks_french_in_the_browser(browser, french_site: Path) -> None:
    with serve(french_site) as url:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "/how-projects-run/classes/", wait_until="networkidle")
        finder = page.locator(".pb-class-finder")
        assert finder.locator(".pb-finder-title").text_content() == (
            "Trouvez la classe de votre projet\u00a0: saisissez ses chiffres."
        )
        finder.locator("input[name=cost]").fill("750000")
        result = finder.locator(".pb-finder-result p").first
        result.wait_for()
        assert result.text_content() == (
            "Ce projet relève de la classe Classic. Il doit faire ce qui suit\u00a0:"
        )
        page.goto(url + "/library/", wait_until="networkidle")
        total = page.locator("article table tbody tr").count()
        page.select_option("select[name=type]", "formulaire")
        shown = page.locator("article table tbody tr:not([hidden])").count()
        assert 0 < shown < total
        assert page.locator(".pb-filter-count").text_content() == (
            f"Résultats affichés\u00a0: {shown} sur {total}"
        )
        page.close()
    assert errors == []


def test_class_ranges_read_in_french_and_problems_stay_english(french_site: Path) -> None:
    classes = page_text(french_site, "how-projects-run/classes/index.html")
    ranges = re.findall(r'data-measure="cost"[^>]*>([^<]*)</span>', classes)
    # French figures: a narrow no-break space between thousands, the sign after a no-break space.
    assert ranges == [
        "moins de 100\u202f000\u00a0£",
        "de 100\u202f000\u00a0£ à moins de 1\u202f000\u202f000\u00a0£",
        "1\u202f000\u202f000\u00a0£ ou plus",
    ]
    threshold = Threshold(measure="cost", at_least=100_000, below=1_000_000)
    assert range_text(threshold, "£") == "£100,000 to under £1,000,000"


def test_a_french_diagram_writes_french(french_site: Path) -> None:
    offices = (french_site / "offices/hierarchy.svg").read_text(encoding="utf-8")
    assert "<title>Hiérarchie des PMO de Harbourline Water</title>" in offices
    assert ">PMO d’entreprise</text>" in offices and ">enterprise PMO</text>" not in offices
    cycle = (french_site / "how-projects-run/diagrams/standard.svg").read_text(encoding="utf-8")
    assert "<title>Cycle de vie Standard</title>" in cycle
    assert ">Jalon\u00a0: Proposal approval</text>" in cycle
    assert ">Décidé par Project Sponsor</text>" in cycle and "Gate:" not in cycle
    network = (french_site / "engagement/network-map.svg").read_text(encoding="utf-8")
    assert ">Opérationnelle</text>" in network and ">Operational</text>" not in network
    alt = re.search(
        r'<img alt="([^"]*)"[^>]*network-map.svg', page_text(french_site, "engagement/index.html")
    )
    assert alt.group(1).startswith("Carte du réseau\u00a0: le Enterprise PMO au centre")
    assert "(opérationnelle, personnelle et stratégique)" in alt.group(1)


def test_a_french_calendar_file_says_its_categories_in_french(french_site: Path) -> None:
    calendar = Calendar.from_ical(
        (french_site / "engagement/calendar/pmo-touchpoints.ics").read_bytes()
    )
    events = {str(event["uid"]).split("@")[0]: event for event in calendar.walk("VEVENT")}
    # The summary and description are the content's own words; the category is ours.
    clinic = events["project-clinic"]
    assert str(clinic["summary"]) == "Project clinic"
    assert clinic["categories"].cats == ["entretien individuel"]
    assert events["pm-induction"]["categories"].cats == ["formation"]
    assert str(calendar["x-wr-calname"]) == "Enterprise PMO"


def test_the_preview_error_page_in_french() -> None:
    problem = Problem("content/services/risk-review.yml", 4, 7, "error", "template", "broken")
    page = error_page([problem], "fr")
    assert page == (
        "# Le guide contient des erreurs\n\n"
        "L’aperçu affiche de nouveau le site dès que cette erreur est corrigée\u00a0: enregistrez"
        " le fichier et cette page se recharge. Chaque ligne se lit"
        " `fichier:ligne:colonne: message`.\n\n"
        "```text\ncontent/services/risk-review.yml:4:7: error: broken (template)\n```\n"
    )
    other = Problem("content/roles/sponsor.yml", 1, 1, "error", "template", "broken too")
    assert "dès que ces 2 erreurs sont corrigées" in error_page([problem, other], "fr")
    assert error_page([problem]).startswith(
        "# The playbook has errors\n\nThe preview shows the site again once this 1 error is fixed"
    )


def test_decap_speaks_the_site_language_when_it_ships_it(french_site: Path) -> None:
    editing = Editing(backend="github", repo="a/b")
    for language, locale in {"fr": "fr", "de": "de", "es": "es", "nl": "nl", "pt-BR": "pt"}.items():
        assert cms_config(editing, "content", language)["locale"] == locale
    for language in (None, "en", "en-GB", "eo"):
        assert "locale" not in cms_config(editing, "content", language)
    config = yaml.safe_load((french_site / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "fr"
    admin = (french_site / "admin/index.html").read_text(encoding="utf-8")
    assert (
        '<html lang="fr">' in admin and "<title>Modifier le guide – Enterprise PMO</title>" in admin
    )
