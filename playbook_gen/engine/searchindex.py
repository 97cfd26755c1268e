"""What Material's search indexes of an entry page when the playbook is large.

Material's search plugin parses the HTML of every page and indexes each section: for thousands of
entry pages that is a good part of the build and a search index of many megabytes that readers'
browsers must load before the first result. Past a size (the `search_full_text_limit` option),
entry pages are indexed by their title and lead (the text before their first section), which is
what a result shows anyway; overview pages, the mandate and hand-written pages keep full text.
"""

from __future__ import annotations

import re

_FIRST_SECTION = re.compile(r"<h2[\s>]")


def lead_of(html: str) -> str:
    """The page's HTML up to its first second-level heading."""
    found = _FIRST_SECTION.search(html)
    return html[: found.start()] if found else html
