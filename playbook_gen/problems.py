"""Problems found in content, and the reporters that print them (text, json, github)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


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

    @classmethod
    def at(cls, where: Location, code: str, message: str, severity: Severity = "error") -> Problem:
        return cls(where.path, where.line, where.column, severity, code, message)

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

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


def report(problems: list[Problem], format: str) -> str:
    """Render every problem at once in the chosen format."""
    problems = sort_problems(problems)
    if format == "json":
        return json.dumps([_json_row(problem) for problem in problems], indent=2)
    if format == "github":
        return "\n".join(problem.as_github() for problem in problems)
    return "\n".join(problem.as_text() for problem in problems)


def _json_row(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.path,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity,
        "code": problem.code,
        "message": problem.message,
    }
