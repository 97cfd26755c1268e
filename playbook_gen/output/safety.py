"""The last word on every page's HTML: only an allowlist of tags, attributes and link schemes.

Content Markdown is escaped before rendering (see `text.py`); this pass catches whatever Markdown
itself can produce from hostile text — `javascript:` links, `onclick` attributes through
attr_list, `data:` images — using nh3, a maintained binding to the ammonia sanitiser.
"""

from __future__ import annotations

import html
import re
import unicodedata

import nh3


TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "label", "li", "mark", "ol", "option", "output", "p", "pre", "q", "s", "select",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip

GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "hidden", "role", "aria-label",
                     "aria-live", "aria-hidden", "aria-describedby"}  # fmt: skip

ATTRIBUTES = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start", "type"},
    "li": {"value"},
    "select": {"data-column", "name"},
    # The thresholds of the project classes, read by the class finder (playbook.js).
    "span": {"data-class", "data-measure", "data-question", "data-at-least", "data-below"},
    # The words playbook.js says, in the site's language: its filters' and the class finder's.
    "div": {"data-looking", "data-shown", "data-shown-here", "data-heading", "data-result"},
    "option": {"value", "selected"},
    "details": {"open"},
    "abbr": {"title"},
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}

#: Attributes holding an address, checked once more after Unicode normalisation.
URL_ATTRIBUTES = {"href", "src"}
#: The theme names its own elements with ids starting so (`__config` holds its settings, read
#: by its script): content may not take such a name (DOM clobbering).
THEME_ID_PREFIX = "__"

_SCHEME = re.compile(r"^([^:/?#]+):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]+")


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
        attribute_filter=_attribute_filter,
    )


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    """Drop ids that name the theme's elements, and addresses whose scheme, read as a browser
    might after normalising lookalike characters, is not allowed."""
    if name in ("id", "name") and value.lstrip().startswith(THEME_ID_PREFIX):
        return None
    if name in URL_ATTRIBUTES:
        folded = _INVISIBLE.sub("", unicodedata.normalize("NFKC", value)).lower()
        scheme = _SCHEME.match(folded)
        if scheme and scheme.group(1) not in URL_SCHEMES:
            return None
    return value


_TAG_LIKE = re.compile(r"<[^>]*>?")


def safe_title(title: str) -> str:
    """A page title as HTML-escaped text with nothing tag-like left in it.

    Engines print titles unescaped in the navigation and header, and Material as
    `title | striptags` in `<title>`, which unescapes entities: only a title free of tags *and*
    escaped is safe in both. Idempotent, so a title made safe twice reads the same.
    """
    return html.escape(" ".join(_TAG_LIKE.sub("", html.unescape(title)).split()), quote=True)


def safe_nav(nav: list) -> list:
    """The navigation with every title made safe (paths are left as they are)."""
    made = []
    for item in nav:
        if isinstance(item, dict):
            made.append(
                {safe_title(str(title)): _safe_items(value) for title, value in item.items()}
            )
        else:
            made.append(item)
    return made


def _safe_items(value: object) -> object:
    return safe_nav(value) if isinstance(value, list) else value
