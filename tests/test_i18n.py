"""The generator's own words from gettext catalogues: theme.language chooses; English is the
source and changes nothing (the golden files guard it); a language without a catalogue falls
back to English with one located warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import REPO, build_site

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
