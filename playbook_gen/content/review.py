"""`playbook-gen stale`: content past its review date, grouped by the owner who should review it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .catalogue import load_content
from .rules import Overdue, check, overdue
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
