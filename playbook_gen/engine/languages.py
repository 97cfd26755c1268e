"""One site per language: `site/en/`, `site/fr/`, each built by the engine as a site of its own,
and one pass over the result that makes the language selector lead to the same page.

A playbook of one language builds as it always has, at the site's top. With several (playbook.yml's
`languages`), each is built with `theme.language` set to it, so Material's words, its search and
our catalogues follow, and with Material's selector (`extra.alternate`) naming the others. The
selector's links lead to the other language's home; `link_pages` then points each page's links,
and its `hreflang` alternates, at the same page in the other language — the sites have the same
pages, since a page without a translation shows the first language's text. That pass reads
the built HTML, so every engine gets it. The top of the site leads readers to the first
language.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml
from babel import Locale

from .config import Config


def language_name(code: str) -> str:
    """The language's name in itself, as a selector shows it: 'Français', 'English'."""
    name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    return name[:1].upper() + name[1:] if name else code


def alternates(languages: list[str]) -> list[dict[str, str]]:
    """Material's `extra.alternate`: each language's home, relative to a language's site."""
    return [
        {"name": language_name(code), "link": f"../{code}/", "lang": code} for code in languages
    ]


def settings_for(raw: dict, language: str, languages: list[str]) -> dict:
    """mkdocs.yml's settings for one language's site."""
    theme = raw.get("theme") if isinstance(raw.get("theme"), dict) else {"name": raw.get("theme")}
    extra = raw.get("extra") if isinstance(raw.get("extra"), dict) else {}
    settings = {
        **raw,
        "theme": {**theme, "language": language},
        "extra": {**extra, "alternate": alternates(languages)},
    }
    if raw.get("site_url"):
        settings["site_url"] = str(raw["site_url"]).rstrip("/") + f"/{language}/"
    return settings


def config_for(config: Config, language: str, languages: list[str]) -> Config:
    """The Config of one language's site (for the doors that render themselves)."""
    return dataclasses.replace(config, raw=settings_for(config.raw, language, languages))


@contextlib.contextmanager
def config_file_for(
    config: Config, language: str, languages: list[str] | None = None
) -> Iterator[Path]:
    """A configuration file for one language's site, beside mkdocs.yml (whose relative folders
    it keeps): it inherits mkdocs.yml and sets the language, and with `languages` the site's
    address and the selector. Removed afterwards."""
    changes: dict = {"INHERIT": config.file.name, "theme": {"language": language}}
    if languages:
        raw = settings_for(config.raw, language, languages)
        changes["extra"] = {"alternate": raw["extra"]["alternate"]}
        if "site_url" in raw:
            changes["site_url"] = raw["site_url"]
    handle, name = tempfile.mkstemp(prefix=f".mkdocs-{language}-", suffix=".yml", dir=config.root)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            yaml.safe_dump(changes, file, allow_unicode=True, sort_keys=False)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


#: A link of the selector or the page's head to another language's home, as the theme writes it.
_ALTERNATE = re.compile(r'(href=")((?:\.\./)*)([^"/]+)/(" hreflang="([^"]+)")')


def link_pages(site: Path, languages: list[str]) -> None:
    """Point every page's language links at the same page in the other languages."""
    for language in languages:
        folder = site / language
        for page in folder.rglob("*.html"):
            relative = page.relative_to(folder).as_posix()
            if relative == "404.html":
                continue  # replaced by the site's own (`move_not_found_page`)
            here = relative[: -len("index.html")] if relative.endswith("index.html") else relative
            text = page.read_text(encoding="utf-8")
            linked = _ALTERNATE.sub(lambda found: _same_page(found, here, languages), text)
            if linked != text:
                page.write_text(linked, encoding="utf-8")


def _same_page(found: re.Match, here: str, languages: list[str]) -> str:
    code = found.group(3)
    if code not in languages or found.group(5) != code:
        return found.group(0)
    return f"{found.group(1)}{found.group(2)}{code}/{here}{found.group(4)}"


def write_landing(site: Path, languages: list[str]) -> None:
    """The site's top page: it sends readers on to the first language, and names them all for
    those whose browser does not follow the refresh."""
    first = languages[0]
    links = "\n".join(
        f'    <li><a href="{code}/" hreflang="{code}" lang="{code}">'
        f"{html.escape(language_name(code))}</a></li>"
        for code in languages
    )
    heads = "\n".join(
        f'  <link rel="alternate" href="{code}/" hreflang="{code}">' for code in languages
    )
    (site / "index.html").write_text(
        f"""<!doctype html>
<html lang="{first}">
<head>
  <meta charset="utf-8">
  <meta http-equiv="refresh" content="0; url={first}/">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(language_name(first))}</title>
{heads}
</head>
<body>
  <ul>
{links}
  </ul>
</body>
</html>
""",
        encoding="utf-8",
    )


def move_not_found_page(site: Path, languages: list[str]) -> None:
    """One 'page not found' for the whole site, at its top where web servers look for it: the
    first language's, its addresses (written from the site's top, as the engines write them for
    this page) pointed into that language's folder."""
    first = languages[0]
    page = site / first / "404.html"
    if page.is_file():
        text = page.read_text(encoding="utf-8")
        text = re.sub(r'(href|src)="/\.\./', r'\1="/', text)
        codes = "|".join(re.escape(code) for code in languages)
        text = re.sub(rf'(href|src)="/(?!(?:{codes})/)', rf'\1="/{first}/', text)
        (site / "404.html").write_text(text, encoding="utf-8")
    for language in languages:
        (site / language / "404.html").unlink(missing_ok=True)
