"""The last word on every page's HTML: only an allowlist of tags, attributes and link schemes.

Content Markdown is escaped before rendering (see `text.py`); this pass catches whatever Markdown
itself can produce from hostile text — `javascript:` links, `onclick` attributes through
attr_list, `data:` images — using nh3, a maintained binding to the ammonia sanitiser.
"""

from __future__ import annotations

import nh3

from ..text import safe_title

__all__ = ["safe_title", "sanitise_html"]

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
    "option": {"value", "selected"},
    "details": {"open"},
    "abbr": {"title"},
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )
