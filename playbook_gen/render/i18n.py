"""The generator's own words in the site's language: gettext catalogues, read with Babel.

Templates say `{{ _("Who it is for") }}`, `{{ _("Services owned by %(role)s", role=name) }}`
or `{{ ngettext("%(num)d service", "%(num)d services", count) }}`; the catalogue of
`theme.language` (mkdocs.yml) gives the words. Catalogues live as `.po` files in
`locale/<language>/LC_MESSAGES/playbook.po`, readable and reviewable as text, and are compiled
in memory when first used. English is the source language and needs none; a language without a
catalogue falls back to English, and the build says so once.

Our catalogues are trusted Markdown; the values put into them are content, escaped with `plain`
so that they print as exactly their own text.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as gettext_module
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import Markup

from ..text import N_, plain

__all__ = ["N_", "Words", "words", "shipped_languages", "catalogue_path"]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "playbook"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Words:
    """The words of one language: the callables templates use, and whether they were found."""

    language: str  # the language asked for, as theme.language gives it
    found: bool  # False: no catalogue for it, so the words are English
    gettext: Callable[..., Markup]
    ngettext: Callable[..., Markup]

    def date(self, day: dt.date, weekday: bool = False) -> str:
        """A date as readers of the language write it: 'lundi 15 décembre 2026' (with the
        weekday) or '15 décembre 2026'. English keeps the ISO form (2026-12-15) the site has
        always shown."""
        if not self.found or _base(self.language) == SOURCE_LANGUAGE:
            return day.isoformat()
        return format_date(day, format="full" if weekday else "long", locale=_locale(self.language))

    def in_sentence(self, title: str) -> str:
        """A title put inside a sentence ('see all services'): lower case, except in German,
        whose nouns keep their capital."""
        return title if _base(self.language) == "de" else title.lower()

    def text(self, message: str, **values: object) -> str:
        """A message as plain text, its values put in as they are: for what is not Markdown (a
        diagram, a calendar file), which escapes in its own way."""
        translated = str(self.gettext(message))
        return translated % values if values else translated

    def amount(self, value: int, unit: str | None) -> Markup:
        """A figure with its unit as readers of the language write it: '£100,000' or
        '18 months' in English, '100 000 £' or '18 mois' in French; a currency sign goes where
        the language puts its own. The language's spaces are kept, so that the figure does not
        break across lines; the unit, which is content, is escaped."""
        locale = _locale(self.language if self.found else SOURCE_LANGUAGE)
        figure = format_decimal(value, locale=locale)
        if not unit:
            return Markup(figure)
        if len(unit) == 1 and not unit.isalnum():  # a currency sign
            pattern = locale.currency_formats["standard"].pattern.split(";")[0]
            after = re.search(r"(\s*)¤$", pattern)
            if after:
                return Markup(f"{figure}{after.group(1)}{plain(unit)}")
            before = re.match(r"¤(\s*)", pattern)
            return Markup(f"{plain(unit)}{before.group(1) if before else ''}{figure}")
        return Markup(f"{figure} {plain(unit)}")


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def shipped_languages() -> list[str]:
    """The languages with a catalogue, the source language included."""
    found = {path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return sorted(found | {SOURCE_LANGUAGE})


@functools.cache
def words(language: str | None) -> Words:
    """The words for `language` (e.g. 'fr', 'pt-BR'); English for None, 'en' or a language
    without a catalogue (then `found` is False)."""
    language = language or SOURCE_LANGUAGE
    translations = _translations(language)
    found = translations is not None or _base(language) == SOURCE_LANGUAGE
    translations = translations or gettext_module.NullTranslations()

    def gettext(message: str, **values: object) -> Markup:
        return _fill(translations.gettext(message), values)

    def ngettext(singular: str, plural: str, num: int, **values: object) -> Markup:
        return _fill(translations.ngettext(singular, plural, num), {"num": num, **values})

    return Words(language, found, gettext, ngettext)


def _translations(language: str) -> gettext_module.GNUTranslations | None:
    """The compiled catalogue of the language, or of its base language ('fr' for 'fr-CA')."""
    for code in dict.fromkeys([language, language.replace("-", "_"), _base(language)]):
        path = catalogue_path(code)
        if path.is_file():
            with path.open("rb") as source:
                catalogue = read_po(source, locale=code.replace("-", "_"), domain=DOMAIN)
            compiled = io.BytesIO()
            write_mo(compiled, catalogue)
            compiled.seek(0)
            return gettext_module.GNUTranslations(compiled)
    return None


@functools.cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(_base(language))


def _base(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


def _fill(text: str, values: dict[str, object]) -> Markup:
    if not values:
        return Markup(text)
    escaped = {
        name: value if isinstance(value, (Markup, int, float)) else plain(value)
        for name, value in values.items()
    }
    return Markup(text % escaped)
