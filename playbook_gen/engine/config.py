"""mkdocs.yml as the playbook reads it: the folders it names and the playbook plugin's options.

Read once per command, before anything else happens, so that a broken file is a located error
(`mkdocs.yml:LINE:COL: error: ...`) rather than a traceback from deep inside an engine, and so
that every door knows the same folders: where the content, the templates, the hand-written pages
and the site are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content.model import EDIT_PATH, WEB_ADDRESS
from ..content.validate import did_you_mean
from ..problems import Location, Problem
from ..render import i18n

#: The playbook plugin's options: name -> (type, default). The plugin declares the same.
PLUGIN_OPTIONS: dict[str, tuple[type, object]] = {
    "content_dir": (str, "content"),
    "templates_dir": (str, "templates"),
    "search_full_text_limit": (int, 300),
    "compact_html": (bool, True),
    "engine": (str, "mkdocs"),
}
#: The engines `playbook-gen build` can run (engine/engines.py).
ENGINE_NAMES = ("mkdocs", "properdocs", "zensical")

_TYPE_WORDS = {str: "text", int: "a whole number", bool: "true or false"}


class ConfigError(Exception):
    """mkdocs.yml cannot be used; `problems` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(problem.as_text() for problem in problems))
        self.problems = problems


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/name` tags mean nothing here."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Config:
    """What the playbook needs from mkdocs.yml."""

    file: Path
    raw: dict
    options: dict  # the playbook plugin's options, defaults filled in
    warnings: tuple[Problem, ...] = ()  # worth saying, not stopping for

    @property
    def language(self) -> str | None:
        """theme.language: the language of the site, Material's words and ours."""
        theme = self.raw.get("theme")
        language = theme.get("language") if isinstance(theme, dict) else None
        return str(language) if language else None

    @property
    def root(self) -> Path:
        return self.file.parent

    @property
    def content_dir(self) -> Path:
        return self.root / self.options["content_dir"]

    @property
    def templates_dir(self) -> Path:
        return self.root / self.options["templates_dir"]

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.raw.get("docs_dir") or "docs")

    @property
    def site_dir(self) -> Path:
        return self.root / str(self.raw.get("site_dir") or "site")

    def guarded(self) -> dict[str, Path]:
        """The folders a site folder may neither be, hold nor lie inside."""
        return {
            "the content folder": self.content_dir,
            "the templates folder": self.templates_dir,
            "the folder of hand-written pages (docs_dir)": self.docs_dir,
        }


def default_config(file: Path) -> Config:
    """The settings of a playbook without mkdocs.yml (as `export` allows)."""
    return Config(file, {}, {name: default for name, (_kind, default) in PLUGIN_OPTIONS.items()})


def read_config(file: Path, shown: str | None = None) -> Config:
    """mkdocs.yml, checked; ConfigError with located problems when it cannot be used."""
    shown = shown or file.as_posix()
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ConfigError([_problem(Location(shown), f"cannot read it: {error.strerror}")])
    except UnicodeDecodeError:
        raise ConfigError([_problem(Location(shown), "it is not UTF-8 text; save it as UTF-8")])
    try:
        node = yaml.compose(text, Loader=_Loader)
        raw = yaml.load(text, Loader=_Loader) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        raise ConfigError([_problem(where, f"this is not valid YAML: {error.problem}")])
    if not isinstance(raw, dict):
        what = "empty" if raw is None else "not a mapping of settings"
        raise ConfigError([_problem(Location(shown), f"the file is {what}; it needs site_name")])
    options, problems = _plugin_options(node, shown)
    problems += _links(node, shown)
    if problems:
        raise ConfigError(problems)
    return Config(file, raw, options, tuple(_language_warnings(node, shown)))


def _language_warnings(node: yaml.MappingNode, shown: str) -> list[Problem]:
    """theme.language without a catalogue of our words: they stay English (Material's follow)."""
    theme = _value_node(node, "theme")
    language = _value_node(theme, "language") if isinstance(theme, yaml.MappingNode) else None
    if not isinstance(language, yaml.ScalarNode) or not language.value:
        return []
    if i18n.words(language.value).found:
        return []
    shipped = ", ".join(i18n.shipped_languages())
    return [
        Problem.at(
            _location(shown, language),
            "language",
            f"the playbook's own words have no translation into '{language.value}' (it has {shipped});"
            " they stay in English, while Material's follow the language",
            severity="warning",
        )
    ]


def _plugin_options(node: yaml.MappingNode, shown: str) -> tuple[dict, list]:
    """The playbook plugin's options with defaults, and a problem for each wrong one."""
    options = {name: default for name, (_kind, default) in PLUGIN_OPTIONS.items()}
    given, given_node = _playbook_entry(node)
    if given is None:
        return options, []
    if not isinstance(given, dict):
        where = _location(shown, given_node)
        return options, [_problem(where, "the playbook plugin's options must be a mapping")]
    problems = []
    for key_node, value_node in given_node.value:
        key = key_node.value
        if key not in PLUGIN_OPTIONS:
            hint = did_you_mean(str(key), PLUGIN_OPTIONS)
            where = _location(shown, key_node)
            problems.append(_problem(where, f"unknown option '{key}' of the playbook plugin{hint}"))
            continue
        kind, _default = PLUGIN_OPTIONS[key]
        value = given[key]
        if type(value) is not kind or (kind is str and not value.strip()):
            where = _location(shown, value_node)
            problems.append(
                _problem(where, f"the playbook plugin's '{key}' must be {_TYPE_WORDS[kind]}")
            )
            continue
        if key == "engine" and value not in ENGINE_NAMES:
            where = _location(shown, value_node)
            hint = did_you_mean(value, ENGINE_NAMES)
            problems.append(
                _problem(
                    where, f"there is no engine '{value}'; use {', '.join(ENGINE_NAMES)}{hint}"
                )
            )
            continue
        options[key] = value
    return options, problems


def _links(node: yaml.MappingNode, shown: str) -> list[Problem]:
    """MkDocs builds every page's 'edit' link from repo_url and edit_uri: only web addresses."""
    problems = []
    for key, pattern in (("repo_url", WEB_ADDRESS), ("edit_uri", EDIT_PATH)):
        value = _value_node(node, key)
        if value is None or (isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null")):
            continue
        if not isinstance(value, yaml.ScalarNode) or not re.match(pattern.regex, value.value):
            shown_value = value.value if isinstance(value, yaml.ScalarNode) else "a list or mapping"
            problems.append(
                Problem.at(
                    _location(shown, value),
                    pattern.code,
                    f"{key} is '{shown_value}'; write {pattern.wanted}",
                )
            )
    return problems


def _playbook_entry(node: yaml.MappingNode) -> tuple[object, yaml.Node | None]:
    """The playbook plugin's options as given (None without any) and their node; `plugins`
    may be a list (`- playbook: {...}`) or, as MkDocs also allows, a mapping."""
    plugins = _value_node(node, "plugins")
    if isinstance(plugins, yaml.SequenceNode):
        candidates = [item for item in plugins.value if isinstance(item, yaml.MappingNode)]
    elif isinstance(plugins, yaml.MappingNode):
        candidates = [plugins]
    else:
        return None, None
    for candidate in candidates:
        options = _value_node(candidate, "playbook")
        if options is not None:
            if isinstance(options, yaml.ScalarNode) and options.tag.endswith(":null"):
                return None, None
            return _plain(options), options
    return None, None


def _value_node(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((value for k, value in mapping.value if getattr(k, "value", None) == key), None)


def _plain(node: yaml.Node) -> object:
    """The Python value of a node, tags ignored as for the whole file."""
    return _Loader(yaml.serialize(node)).get_single_data() if node is not None else None


def _location(shown: str, node: yaml.Node | None) -> Location:
    if node is None:
        return Location(shown)
    return Location(shown, node.start_mark.line + 1, node.start_mark.column + 1)


def _problem(where: Location, message: str) -> Problem:
    return Problem.at(where, "config", message)
