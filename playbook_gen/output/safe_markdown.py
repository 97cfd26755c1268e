"""The Python-Markdown extension every engine runs on every page: the site's one safety pass.

MkDocs, ProperDocs and Zensical all convert pages with Python-Markdown and all load the
extensions `markdown_extensions` names in mkdocs.yml, whether or not they run our plugin. So
the pass lives here rather than in an engine's hooks: the built, served and exported sites get
the same pages. It appends the glossary's abbreviations (hover texts on every page, hand-written
ones too) and passes the page's HTML through the allowlist sanitiser last of all. An engine
that cannot import it stops with an error, so the pass can never be skipped silently.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .safety import sanitise_html

#: The name mkdocs.yml gives it under `markdown_extensions`.
NAME = "playbook_gen.output.safe_markdown"


#: Markdown extensions the generated pages rely on, added where mkdocs.yml lacks them.
REQUIRED_EXTENSIONS = ["abbr", "attr_list", "def_list", "tables", "toc", "admonition"]


def required_extensions(abbreviations: dict[str, str]) -> dict[str, dict]:
    """Every door's Markdown extensions: name -> options, this pass last of all."""
    return {
        **{name: {} for name in REQUIRED_EXTENSIONS},
        NAME: {"abbreviations": dict(sorted(abbreviations.items()))},
    }


class SafeMarkdown(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"abbreviations": [{}, "Abbreviation -> its meaning, explained on hover"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        definitions = abbreviation_lines(self.getConfig("abbreviations"))
        if definitions:
            # Before the block parser, so the abbr extension reads them as its definitions.
            md.preprocessors.register(_AppendLines(md, definitions), "playbook_abbreviations", 0)
        # Lowest priority: after raw HTML is put back, on the HTML the page will show.
        md.postprocessors.register(_Sanitise(md), "playbook_sanitise", -100)


def abbreviation_lines(abbreviations: dict[str, str]) -> list[str]:
    """Definitions Python-Markdown's abbr extension turns into hover titles."""
    return [
        f"*[{short}]: {' '.join(str(meaning).split())}"
        for short, meaning in sorted(abbreviations.items())
        if short and "]" not in short
    ]


class _AppendLines(Preprocessor):
    def __init__(self, md: Markdown, lines: list[str]) -> None:
        super().__init__(md)
        self.lines = lines

    def run(self, lines: list[str]) -> list[str]:
        return [*lines, "", *self.lines]


class _Sanitise(Postprocessor):
    def run(self, text: str) -> str:
        # Python-Markdown's toc runs the postprocessors on every heading's text too: text
        # without a tag has nothing to remove, so it is left as it is.
        return sanitise_html(text) if "<" in text else text


def makeExtension(**kwargs: object) -> SafeMarkdown:  # noqa: N802 - Python-Markdown's name
    return SafeMarkdown(**kwargs)
