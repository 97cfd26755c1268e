"""`playbook-gen stale`: content past its review date, grouped by the owner who should review it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .catalogue import Loaded, load_content
from .rules import Overdue, check, overdue
from .translations import Coverage
from ..problems import Problem, has_errors, sort_problems

NO_OWNER = "No owner"


def find_overdue(
    content_dir: Path, root: Path, today: dt.date
) -> tuple[list[Problem], list[Overdue], int]:
    """Every problem of the content, what is overdue, and the review period in months."""
    loaded = load_content(content_dir, root)
    problems = sort_problems(loaded.problems + check(loaded, today))
    settings = loaded.files.get("playbook")
    months = settings.review_every_months if settings else 6
    found = [] if has_errors(problems) else overdue(loaded, months, today)
    return problems, found, months


def stale_report(found: list[Overdue], months: int, today: dt.date) -> str:
    """Plain text: one block per owner (alphabetical, no owner last), one line per entry."""
    policy = f"review every {months} months, today is {today.isoformat()}"
    if not found:
        return f"Nothing is past its review date ({policy})."
    groups: dict[str, list[Overdue]] = {}
    for item in found:
        groups.setdefault(item.owner or NO_OWNER, []).append(item)
    order = sorted(groups, key=lambda owner: (owner == NO_OWNER, owner.casefold()))
    count = len(found)
    lines = [
        f"{count} {'entry is' if count == 1 else 'entries are'} past the review date ({policy}):"
    ]
    for owner in order:
        lines += ["", f"{owner} ({len(groups[owner])})"]
        for item in groups[owner]:
            where = item.where
            lines.append(
                f"  {where.path}:{where.line}:{where.column}: {item.what}, last reviewed "
                f"{item.reviewed.isoformat()}, due since {item.due.isoformat()}"
            )
    return "\n".join(lines)


def untranslated_report(loaded: Loaded) -> str:
    """Plain text: per language other than the first, what is not (fully) translated, one block
    per owner, one line per entry or file with the translation file to write."""
    languages = list(getattr(loaded.files.get("playbook"), "languages", []))
    if len(languages) < 2:
        return "The playbook has one language: there is nothing to translate."
    blocks = []
    for language in languages[1:]:
        missing = [
            item
            for item in loaded.translations.coverage.get(language, {}).values()
            if not item.complete
        ]
        translated_pages = loaded.translations.pages.get(language, {})
        pages = sorted(
            shown
            for page, shown in loaded.pages.items()
            if page.endswith(".md") and page not in translated_pages
        )
        if not missing and not pages:
            blocks.append(f"'{language}': everything is translated.")
            continue
        groups: dict[str, list[Coverage]] = {}
        for item in missing:
            groups.setdefault(item.owner or NO_OWNER, []).append(item)
        for shown in pages:  # hand-written pages have no owner
            groups.setdefault(NO_OWNER, []).append(Coverage(shown, None, 1))
        order = sorted(groups, key=lambda owner: (owner == NO_OWNER, owner.casefold()))
        count = len(missing)
        lines = [
            f"'{language}': {count} {'entry or file is' if count == 1 else 'entries and files are'}"
            f" not fully translated; readers see the text in '{languages[0]}':"
        ]
        for owner in order:
            lines += ["", f"{owner} ({len(groups[owner])})"]
            for item in sorted(groups[owner], key=lambda item: item.path):
                file = translation_path(item.path, language)
                state = (
                    f"{item.translated} of {item.texts} texts translated in {file}"
                    if item.translated
                    else f"not translated; write {file}"
                )
                lines.append(f"  {item.path}: {state}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def translation_path(path: str, language: str) -> str:
    """content/services/risk-review.yml -> content/services/risk-review.fr.yml"""
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{language}.{suffix}" if dot else f"{path}.{language}"
