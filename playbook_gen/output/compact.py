"""Drop the indentation Material's templates leave in every page.

Material's templates are indented for their authors, and that indentation is a quarter of each
page's weight. A line break with or without the spaces after it shows the same in a browser,
except inside the elements that keep white space as written, which are left alone.
"""

from __future__ import annotations

import re

_INDENTED_LINES = re.compile(r"\n\s+")
_KEEPS_WHITE_SPACE = re.compile(r"<(pre|textarea)[\s>].*?</\1>", re.DOTALL | re.IGNORECASE)


def compact_html(html: str) -> str:
    pieces = []
    done = 0
    for kept in _KEEPS_WHITE_SPACE.finditer(html):
        pieces += [_INDENTED_LINES.sub("\n", html[done : kept.start()]), kept.group()]
        done = kept.end()
    pieces.append(_INDENTED_LINES.sub("\n", html[done:]))
    return "".join(pieces)
