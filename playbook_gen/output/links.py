"""Our own strictness, the same on every engine: every internal link and anchor of a built site
resolves.

Engines differ here (Zensical has no strict mode; MkDocs' `--strict` misses links written in
HTML and anchors on other pages), so a built site is read back: each page's links to other
pages and files of the site, and the `#anchors` they name, must exist.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    """The ids a page declares and the addresses it links to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag == "a" and name == "href") or (tag in ("img", "script") and name == "src"):
                self.links.append(value)
            elif tag == "link" and name == "href":
                self.links.append(value)


def broken_links(site: Path) -> list[str]:
    """'page: link' for every internal link or anchor of the site that leads nowhere."""
    pages: dict[str, _Page] = {}
    for file in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(file.read_text(encoding="utf-8", errors="replace"))
        pages[file.relative_to(site).as_posix()] = parser
    broken = []
    for here, page in pages.items():
        for link in page.links:
            target = _resolve(here, link)
            if target is None:
                continue  # another host, a mailto: or tel: link
            path, fragment = target
            found = _existing(site, path, pages)
            if found is None:
                broken.append(f"{here}: {link} (no such page or file)")
            elif fragment and found in pages and fragment not in pages[found].ids:
                broken.append(f"{here}: {link} (no such anchor on {found})")
    return broken


def _resolve(here: str, link: str) -> tuple[str, str] | None:
    """The site path and fragment an internal link leads to; None for anything external."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    fragment = unquote(parts.fragment)
    if not parts.path:
        return here, fragment
    # A path from the root (the 404 page's links, which work from any address) starts there.
    folder = "" if parts.path.startswith("/") else posixpath.dirname(here)
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path).lstrip("/")))
    if parts.path.endswith("/"):
        path += "/"
    return path, fragment


def _existing(site: Path, path: str, pages: dict) -> str | None:
    """The file a site path names (a folder means its index.html), or None."""
    if path.startswith(".."):
        return None
    folder = path.rstrip("/")
    for candidate in (path, f"{folder}/index.html" if folder not in ("", ".") else "index.html"):
        if candidate in pages or (site / candidate).is_file():
            return candidate
    return None
