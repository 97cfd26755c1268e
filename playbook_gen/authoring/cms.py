"""Editing in the browser: Decap CMS's configuration, generated from the content model.

The forms follow the same declarations as validation, the JSON Schema and `new` (through the
walker's Shapes): a folder collection per kind, a files collection for the single files, and a
widget per field — markdown for Markdown, select for allowed values, relation for references
(searched by name, the id stored), list and object for nested data, with labels and hints from
the field's documentation. A mapping is edited as a list, one item per key, which the validator
reads back (`Keyed`). The validator stays the gate: what a form cannot check is still caught in
the pull request.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..content.kinds import FILES, KINDS
from ..content.model import ID_PATTERN, LIBRARY_FILE, Editing, Reviewable, Settings
from ..content.walker import Shape, declared_fields, field_words, is_required, shape_of
from ..text import N_

#: Where the bundled Decap CMS is (tools/bundle_decap.py puts it there; wheels carry it).
BUNDLE = Path(__file__).resolve().parent / "decap"
#: The site's folder for the editing pages.
ADMIN = "admin/"
#: The collection holding the single files (playbook.yml, mandate.yml, ...).
FILES_COLLECTION = "single-files"
#: Files of the bundle that the admin page does not need.
NOT_SERVED = {"VERSION"}

#: The fields of every entry and file about its upkeep, shown after the entry's own.
REVIEW_FIELDS = {f.name for f in dataclasses.fields(Reviewable)}
#: Where a reference to something other than an entry finds its choices: the single file and
#: the list field declaring them.
DECLARED_IN_FILES = {
    "raci-activities": ("raci", "activities"),
    "measures": ("playbook", "measures"),
}


class CmsError(Exception):
    """The editing pages cannot be written; the message says why, for the editor."""


def admin_files(
    settings: Settings,
    content_dir: Path,
    root: Path,
    language: str | None = None,
    gettext: Callable[[str], str] = str,
) -> dict[str, bytes]:
    """Every file of the site's admin/ folder, by its path in the site; the forms edit
    `content_dir`, named from `root` (the repository's top, where mkdocs.yml is). Decap speaks
    the site's `language` (theme.language) when it knows it; `gettext` gives our own words in
    it."""
    if settings.editing is None:
        raise CmsError(
            "playbook.yml has no 'editing' section naming the Git host and repository; add one"
            " (see 'How to edit this playbook')"
        )
    if not (BUNDLE / "decap-cms.js").is_file():
        raise CmsError(
            "Decap CMS is not bundled with this installation; run 'python tools/bundle_decap.py'"
            " in the tool's checkout (or reinstall the tool)"
        )
    return {
        ADMIN + "index.html": index_html(settings.pmo_name, language, gettext).encode("utf-8"),
        ADMIN + "config.yml": config_text(
            settings.editing, content_path(content_dir, root), language
        ).encode("utf-8"),
        **bundle_files(),
    }


def content_path(content_dir: Path, root: Path) -> str:
    """The content folder as the Git host names it: from the repository's top, with slashes."""
    return Path(os.path.relpath(content_dir.resolve(), root.resolve())).as_posix()


@functools.cache
def bundle_files() -> dict[str, bytes]:
    """Decap CMS's files by their path in the site, read once per process (a preview rebuilds
    the site on every save; the bundle does not change)."""
    return {
        ADMIN + path.name: path.read_bytes()
        for path in sorted(BUNDLE.iterdir())
        if path.is_file() and path.name not in NOT_SERVED
    }


def write_admin(site: Path, files: dict[str, bytes]) -> Path:
    """Replace the site's admin/ folder with `files`, whole: written aside, then swapped in."""
    target = site / ADMIN
    fresh = site / ".admin-new"
    shutil.rmtree(fresh, ignore_errors=True)
    for path, data in files.items():
        placed = fresh / path.removeprefix(ADMIN)
        placed.parent.mkdir(parents=True, exist_ok=True)
        placed.write_bytes(data)
    retired = site / ".admin-old"
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    fresh.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    return target


#: The admin page's title.
EDIT_TITLE = N_("Edit the playbook – %(pmo)s")


def index_html(
    pmo_name: str, language: str | None = None, gettext: Callable[[str], str] = str
) -> str:
    """The admin page: Decap CMS reads config.yml from the same folder. The page is in the
    language of Decap's interface."""
    title = html.escape(gettext(EDIT_TITLE) % {"pmo": pmo_name})
    lang = html.escape(language.replace("_", "-") if decap_locale(language) else "en")
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{title}</title>\n"
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        '</head>\n<body>\n<script src="decap-cms.js"></script>\n</body>\n</html>\n'
    )


def config_text(editing: Editing, content_path: str, language: str | None = None) -> str:
    header = (
        "# Decap CMS configuration, generated by playbook-gen from the content model: do not edit;\n"
        "# change the 'editing' section of playbook.yml instead.\n"
    )
    return header + yaml.safe_dump(
        cms_config(editing, content_path, language), sort_keys=False, allow_unicode=True, width=100
    )


def cms_config(editing: Editing, content_path: str, language: str | None = None) -> dict[str, Any]:
    """Decap CMS's config.yml: the backend from `editing`, forms for every kind and file, and
    the interface in the site's `language` when Decap ships it (English is its own)."""
    content = content_path.strip("/")
    config: dict[str, Any] = {"backend": backend(editing)}
    locale = decap_locale(language)
    if locale:
        config["locale"] = locale
    if editing.pull_requests:
        config["publish_mode"] = "editorial_workflow"
    # Used only when the admin page is opened from this computer (a preview): decap-server
    # then edits the working copy.
    config["local_backend"] = {"url": editing.local_server}
    config["media_folder"] = f"{content}/pages/library"
    config["public_folder"] = "library"
    # File names like our ids: lower-case ASCII, hyphens between words.
    config["slug"] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    config["collections"] = [
        *(folder_collection(kind, content) for kind in KINDS.values()),
        files_collection(content),
    ]
    return config


def backend(editing: Editing) -> dict[str, Any]:
    found: dict[str, Any] = {
        "name": editing.backend,
        "repo": editing.repo,
        "branch": editing.branch,
    }
    if editing.backend in ("gitlab", "gitea") and editing.app_id:
        found["auth_type"] = "pkce"
        found["app_id"] = editing.app_id
    if editing.base_url:
        found["base_url"] = editing.base_url.rstrip("/")
    api_root = editing.api_root
    if api_root is None and editing.base_url and editing.backend != "github":
        api_root = editing.base_url.rstrip("/") + API_PATHS[editing.backend]
    if api_root:
        found["api_root"] = api_root.rstrip("/")
    return found


def decap_locale(language: str | None) -> str | None:
    """Decap's name for the site's language if its bundle ships it: 'fr' for 'fr' or 'fr-CA',
    'pt' for 'pt-BR', 'zh_Hant' for 'zh-TW'; None for English, which is Decap's own."""
    if not language:
        return None
    code = language.replace("-", "_")
    base = code.split("_")[0].lower()
    if base == "en":
        return None
    shipped = decap_locales()
    for candidate in (code, DECAP_NAMES.get(code), base, DECAP_NAMES.get(base)):
        if candidate in shipped:
            return candidate
    return None


#: Languages Decap names otherwise than theme.language does.
DECAP_NAMES = {
    "el": "gr",
    "nb": "nb_no",
    "nn": "nn_no",
    "sr": "sr_Cyrl",
    "zh": "zh_Hans",
    "zh_TW": "zh_Hant",
    "zh_HK": "zh_Hant",
}
#: The bundle's map of the locales it registers: `{bg:()=>…,ca:()=>…,…}`.
_LOCALE_MAP = re.compile(
    r"\{((?:[a-z]{2}(?:_[A-Za-z]+)?:\(\)=>[\w$]+,)+[a-z]{2}(?:_[A-Za-z]+)?:\(\)=>[\w$]+)\}"
)


@functools.cache
def decap_locales() -> frozenset[str]:
    """The interface languages the bundled Decap CMS registers (none without a bundle)."""
    bundle = BUNDLE / "decap-cms.js"
    if not bundle.is_file():
        return frozenset()
    for found in _LOCALE_MAP.finditer(bundle.read_text(encoding="utf-8")):
        names = frozenset(item.split(":")[0] for item in found.group(1).split(","))
        if "en" in names:
            return names
    return frozenset()


#: Where a self-hosted GitLab's or Gitea's API is, below the host's address.
API_PATHS = {"gitlab": "/api/v4", "gitea": "/api/v1"}


def folder_collection(kind, content: str) -> dict[str, Any]:
    summary = (kind.cls.__doc__ or "").strip().splitlines()[0]
    return {
        "name": kind.folder,
        "label": kind.folder.capitalize(),
        "label_singular": kind.singular.capitalize(),
        "description": summary.split(": ", 1)[-1],
        "folder": f"{content}/{kind.folder}",
        "extension": "yml",
        "format": "yaml",
        "create": True,
        "delete": True,
        "identifier_field": kind.title_field,
        "slug": "{{slug}}",
        "summary": "{{" + kind.title_field + "}}",
        "sortable_fields": [kind.title_field],
        # The site is the preview: Decap's own would show the raw values.
        "editor": {"preview": False},
        "fields": fields_of(kind.cls),
    }


def files_collection(content: str) -> dict[str, Any]:
    return {
        "name": FILES_COLLECTION,
        "label": "Mandate, RACI, glossary and settings",
        "format": "yaml",
        "delete": False,
        "editor": {"preview": False},
        "files": [
            {
                "name": name,
                "label": file.title,
                "file": f"{content}/{name}.yml",
                "fields": fields_of(file.cls),
            }
            for name, file in FILES.items()
        ],
    }


def fields_of(cls: type) -> list[dict[str, Any]]:
    """A widget for each field an editor writes, in the order the model declares them."""
    one_of = cls.ONE_OF
    fields = []
    # The fields every entry shares (owner, reviewed) after its own.
    for f, hint in sorted(declared_fields(cls), key=lambda pair: pair[0].name in REVIEW_FIELDS):
        shape = shape_of(hint)
        field = widget(f.name, shape)
        if not is_required(f):
            field["required"] = False
            if f.default not in (dataclasses.MISSING, None) and shape.kind != "record":
                field["default"] = f.default
        if f.name in one_of:
            others = ", ".join(name for name in one_of if name != f.name)
            field["hint"] = f"{field.get('hint', '')} (give this or one of: {others})".strip()
        fields.append(field)
    return fields


def widget(name: str, shape: Shape) -> dict[str, Any]:
    """The form field for a value of this Shape."""
    field: dict[str, Any] = {"name": name, "label": label(name)}
    if shape.doc:
        field["hint"] = shape.doc
    field.update(widget_of(shape))
    return field


def widget_of(shape: Shape) -> dict[str, Any]:
    if shape.ref is not None:
        return relation(shape.ref)
    if shape.kind == "text":
        return text_widget(shape)
    if shape.kind == "bool":
        return {"widget": "boolean"}
    if shape.kind == "int":
        number: dict[str, Any] = {"widget": "number", "value_type": "int"}
        if shape.limits:
            number["min"], number["max"] = shape.limits
        return number
    if shape.kind == "date":
        # Stored as YYYY-MM-DD text, the day as picked (no time zone shift).
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": False,
            "picker_utc": True,
        }
    if shape.kind == "choice":
        return {"widget": "select", "options": list(shape.choices)}
    if shape.kind == "list":
        return list_widget(shape.item)
    if shape.kind == "mapping":
        return keyed_list(shape)
    return {"widget": "object", "collapsed": False, "fields": fields_of(shape.cls)}


def text_widget(shape: Shape) -> dict[str, Any]:
    if shape.pattern is LIBRARY_FILE:
        # An upload into the media folder, content/pages/library/, stored as 'library/<name>':
        # the path inside content/pages/ that the document's `file` names.
        return {"widget": "file"}
    if shape.markdown:
        # No image or code-block components: pictures belong in pages/, code nowhere.
        return {"widget": "markdown", "editor_components": [], "modes": ["rich_text", "raw"]}
    found: dict[str, Any] = {"widget": "string" if shape.one_line or shape.pattern else "text"}
    if shape.pattern:
        found["pattern"] = [shape.pattern.regex, "Write " + shape.pattern.wanted]
    return found


def list_widget(item: Shape) -> dict[str, Any]:
    """A list: of references (a relation picking several), of allowed values, of text or of
    records (each item a small form)."""
    if item.ref is not None:
        return {**relation(item.ref), "multiple": True}
    if item.kind == "choice":
        return {"widget": "select", "options": list(item.choices), "multiple": True}
    if item.kind == "record":
        fields = fields_of(item.cls)
        return {
            "widget": "list",
            "summary": "{{fields." + fields[0]["name"] + "}}",
            "fields": fields,
        }
    # Open, so that each line reads as written rather than as a folded "Item".
    return {
        "widget": "list",
        "collapsed": False,
        "field": {"name": "item", "label": "Item", **widget_of(item)},
    }


def keyed_list(shape: Shape) -> dict[str, Any]:
    """A mapping, edited as a list with the key as the first field of each item."""
    key = widget(shape.keyed.key, shape.key)
    if shape.item.kind == "record":
        fields = [key, *fields_of(shape.item.cls)]
    else:
        fields = [key, widget(shape.keyed.value, shape.item)]
    return {"widget": "list", "summary": "{{fields." + shape.keyed.key + "}}", "fields": fields}


def relation(target: str) -> dict[str, Any]:
    """A reference: searched by name, the id stored."""
    if target == "_id":
        return {"widget": "string", "pattern": [ID_PATTERN, ID_WORDS]}
    if target in DECLARED_IN_FILES:
        file, field = DECLARED_IN_FILES[target]
        return {
            "widget": "relation",
            "collection": FILES_COLLECTION,
            "file": file,
            "value_field": f"{field}.*.id",
            "search_fields": [f"{field}.*.name"],
            "display_fields": [f"{field}.*.name"],
        }
    title = KINDS[target].title_field
    return {
        "widget": "relation",
        "collection": target,
        "value_field": "{{slug}}",
        "search_fields": [title],
        "display_fields": [title],
    }


ID_WORDS = "Write an id: lower-case letters, digits and hyphens, e.g. 'risk-review'"


def label(name: str) -> str:
    words = field_words(name)
    return words[0].upper() + words[1:]
