"""Plain content text reaches the page exactly as written, whatever characters it holds."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook_gen.text import plain

# Letters, spaces and every character Markdown or HTML could read as markup.
TEXT = st.text(alphabet="ab \n\\`*_[]()|!#&<>;:-+.=~{}", max_size=40)


def shown(source: str) -> str:
    """The text a reader sees once Python-Markdown has rendered `source` as one paragraph."""
    rendered = markdown.markdown(source, extensions=["tables", "attr_list", "def_list", "abbr"])
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@settings(max_examples=400, derandomize=True)
@given(TEXT)
def test_plain_text_renders_as_exactly_its_own_words(text: str) -> None:
    words = " ".join(text.split())
    # A line may not start a block (a heading, a list, a quote), as in the cells and list items
    # plain() is used for; "x " in front keeps the text inline.
    assert shown("x " + plain(text)) == ("x " + words).strip()


def test_plain_escapes_markdown_and_html() -> None:
    assert plain("Risk *review* [draft] <b>&") == r"Risk \*review\* \[draft\] &lt;b&gt;&amp;"
    assert plain("  two\n lines ") == "two lines"
