"""Problems found in content, and the reporters that print them (text, json, github)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from dataclasses import dataclass
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]

#: Every problem code, declared once, with what it is about. Text output names the code after the
#: message, as yamllint names its rule; json and github output carry it as a field.
CODES = {
    # reading files
    "no-content": "the content folder is missing",
    "missing-file": "a file the playbook needs is missing (or that a document names)",
    "unreadable": "a file cannot be read",
    "outside-content": "a link to a file outside the content folder",
    "stray-file": "a file where only entry files belong",
    "file-too-large": "a file over the size limit",
    "not-utf8": "a file that is not UTF-8 text",
    "tab-indent": "a tab used for indentation",
    "yaml-syntax": "text that is not valid YAML",
    "empty-file": "a file with no content",
    "several-documents": "a file holding more than one YAML document",
    "duplicate-key": "a key given twice in one mapping",
    "too-many-values": "a file that expands to too many values",
    # the shape of each file
    "invalid-id": "a file name or id that is not a valid id",
    "duplicate-id": "two entries with the same id",
    "unknown-field": "a field the content model does not declare",
    "missing-field": "a required field that is missing or empty",
    "wrong-type": "a value of the wrong type",
    "not-allowed": "a value outside the field's allowed values",
    "invalid-date": "a date that is not a valid date",
    "invalid-time": "a time that is not HH:MM",
    "blank-text": "text that holds nothing but white space",
    "line-break": "a line break in one-line text (a name, a title)",
    "invalid-character": "a control or bidirectional-override character in text",
    "out-of-range": "a number or date outside its allowed range",
    "invalid-url": "a web address that is not http(s), or a path that is not one",
    "invalid-email": "an e-mail address that is not one",
    "invalid-phone": "a telephone number that is not one",
    "invalid-repository": "a repository that is not written owner/name",
    "invalid-branch": "a branch name that Git would not take",
    "language": "a site language for which the playbook's own words have no translation",
    "invalid-language": "a language code that is not one",
    "translation": "a translation file that does not fit its entry or the playbook's languages",
    "cms": "editing in the browser is on, but its pages cannot be made",
    "missing-key": "an item of a list written for a mapping, without its key",
    "yaml-tag": "a YAML tag, which content does not use",
    "too-deep": "a file nested deeper than content ever is",
    "none-of": "an entry without any of the fields one of which it needs (a way to reach)",
    "contradiction": "fields of one entry that say opposite things",
    # rules across files
    "unknown-reference": "a reference to an entry that does not exist",
    "raci-role-not-listed": "a RACI assignment to a role that is not a column",
    "raci-accountable": "a RACI activity without exactly one accountable role",
    "office-cycle": "offices whose parents go round in a circle",
    "office-depth": "an office hierarchy deeper than anyone reads",
    "duplicate-reference": "a list that names the same entry twice",
    "duplicate-term": "a glossary term or abbreviation defined twice",
    "duplicate-position": "two entries in one place of an order (phases, classes, gates)",
    "class-thresholds": "project class thresholds that overlap or leave a gap",
    "file-type": "a document pointing at a file of a type the site does not publish",
    "route-taken": "an entry or page that would replace another page or file of the site",
    # warnings
    "stale": "content past its review date",
    "untranslated": "content of a language not yet translated (the first language shows instead)",
    "placeholder": "a placeholder from `playbook-gen new` not yet replaced",
    # configuration and templates
    "config": "a setting of mkdocs.yml that cannot be used",
    "template": "a template that fails to load or render",
    "missing-template": "a registered kind without its template",
}


class Location(NamedTuple):
    """Where a value was written: a path relative to the repository, 1-based line and column.

    A named tuple, not a dataclass: loading creates one per value, and tuples are made fastest.
    """

    path: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a look) in the content, located at the value it is about."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a programming mistake, caught by any test that meets it
            raise ValueError(f"problem code {self.code!r} is not declared in problems.CODES")

    @classmethod
    def at(cls, where: Location, code: str, message: str, severity: Severity = "error") -> Problem:
        return cls(where.path, where.line, where.column, severity, code, message)

    def as_text(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} ({self.code})"
        )

    def as_github(self) -> str:
        level = "error" if self.severity == "error" else "warning"
        message = _github_escape(self.message)
        return (
            f"::{level} file={self.path},line={self.line},col={self.column},"
            f"title={self.code}::{message}"
        )


def _github_escape(text: str) -> str:
    # Workflow commands end at a newline; '%' must be escaped first.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems))


def has_errors(problems: list[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


def _text(problems: list[Problem]) -> str:
    """One `path:line:col: severity: message (code)` line each, then the counts."""
    if not problems:
        return ""
    errors = sum(problem.severity == "error" for problem in problems)
    counts = f"{errors} error(s), {len(problems) - errors} warning(s)"
    return "\n".join([*(problem.as_text() for problem in problems), counts])


def _json(problems: list[Problem]) -> str:
    return json.dumps([_json_row(problem) for problem in problems], indent=2)


def _github(problems: list[Problem]) -> str:
    return "\n".join(problem.as_github() for problem in problems)


#: The reporters every command shares, by the name `--format` takes.
REPORTERS = {"text": _text, "json": _json, "github": _github}


def report(problems: list[Problem], format: str = "text") -> str:
    """Every problem at once, in order, in the chosen format ('' for none in text or github)."""
    return REPORTERS[format](sort_problems(problems))


def _json_row(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.path,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity,
        "code": problem.code,
        "message": problem.message,
    }


def write_details(error: BaseException) -> str:
    """Write an unexpected error's full details to a file of their own; the file's path.

    The last line of defence (the command line, the plugin) prints one plain line naming this
    file rather than a traceback: the traceback is for whoever fixes the bug, not the editor."""
    handle, path = tempfile.mkstemp(prefix="playbook-gen-error-", suffix=".txt")
    with os.fdopen(handle, "w", encoding="utf-8") as details:
        details.write(f"command: {' '.join(sys.argv)}\n\n")
        details.write("".join(traceback.format_exception(error)))
    return path
