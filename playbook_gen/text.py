"""Turning content strings into Markdown that can only ever be text, never markup or code.

Plain fields (names, list items) are escaped so they read exactly as written. Markdown fields keep
their formatting, but raw HTML is escaped and snippet includes are disarmed; the HTML MkDocs makes
is sanitised once more afterwards (see `sanitise.py`), which removes dangerous link schemes.
"""

from __future__ import annotations

import functools
import json
import re
from urllib.parse import quote

from markupsafe import Markup

# HTML's special characters as entities, and a backslash before each character Python-Markdown
# (with tables) would read as markup; only those accept a backslash escape.
_PLAIN = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {char: "\\" + char for char in "\\`*_[]|!#"}
)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")


def plain(text: object) -> Markup:
    """Any value as inline Markdown that renders to exactly its own text."""
    return _plain(str(text))


@functools.lru_cache(maxsize=65536)  # names and labels repeat on many pages
def _plain(text: str) -> Markup:
    return Markup(" ".join(text.split()).translate(_PLAIN))


def markdown(text: object) -> Markup:
    """A Markdown field with raw HTML (and '<' in general) escaped; autolinks survive."""
    value = str(text).replace("\r\n", "\n").strip("\n")
    pieces = []
    last = 0
    for match in _AUTOLINK.finditer(value):
        pieces.append(_escape_html(value[last : match.start()]))
        pieces.append(f"<{match.group(1)}>")
        last = match.end()
    pieces.append(_escape_html(value[last:]))
    return Markup("".join(pieces))


def inline_markdown(text: object) -> Markup:
    """A Markdown field squeezed onto one line, for a table cell."""
    value = " ".join(str(text).split())
    return Markup(markdown(value).replace("|", "\\|"))


def _escape_html(text: str) -> str:
    # '&' is left alone so entities such as &nbsp; keep working, '>' so block quotes do.
    return text.replace("<", "&lt;")


def anchor(text: str) -> str:
    """A stable, URL-safe fragment for a heading or row."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


def url(text: object) -> Markup:
    """A URL fit for a Markdown link target: spaces, brackets and quotes percent-encoded."""
    return Markup(quote(str(text).strip(), safe=":/?#@!$&*+,;=%~-._"))


def code(text: object) -> Markup:
    """Text for inside single backticks (a path); backticks cannot end the span early."""
    return Markup(str(text).replace("`", "'"))


def front_matter_title(title: str) -> str:
    """Front matter giving a page its title, as written: the output pass makes it safe to print."""
    return f"---\ntitle: {json.dumps(' '.join(title.split()), ensure_ascii=False)}\n---\n\n"


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Mark a message for the catalogues where it is declared (render/i18n.py); it is
    translated where it is shown."""
    return message
