"""Drop the indentation Material's templates leave in every page.

Material's templates are indented for their authors, and that indentation is a quarter of each
page's weight. A line break with or without the spaces after it shows the same in a browser,
except inside the elements that keep white space as written, which are left alone.
"""

from __future__ import annotations

import re

_INDENTED_LINES = re.compile(r"\n\s+")
_KEEPS_WHITE_SPACE = re.compile(r"(<(pre|textarea)[\s>].*?</\2>)", re.DOTALL | re.IGNORECASE)


def compact_html(html: str) -> str:
    if "<pre" not in html and "<textarea" not in html:
        return _INDENTED_LINES.sub("\n", html)
    pieces = _KEEPS_WHITE_SPACE.split(html)
    # split() returns the text between matches, then each match's two groups, in turn.
    return "".join(
        _INDENTED_LINES.sub("\n", piece) if index % 3 == 0 else piece if index % 3 == 1 else ""
        for index, piece in enumerate(pieces)
    )
