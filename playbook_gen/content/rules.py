"""Rules across entries: references, the RACI matrix, the office hierarchy, review dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import method
from .catalogue import Loaded
from .dates import add_months
from .kinds import declared_in, kind_of, singular
from .model import ID_PATTERN, Entry, Record, entry_name
from ..problems import Location, Problem
from .validate import did_you_mean
from .walker import Reference, Value, references, values


def check(loaded: Loaded, today: dt.date | None = None) -> list[Problem]:
    """Every cross-file problem of the loaded content."""
    known = {collection: set(ids) for collection, ids in loaded.ids.items()}
    raci = loaded.files.get("raci")
    if raci:
        # When raci.yml itself is broken, its own errors say so; checking references to its
        # activities would only add one misleading error per service.
        known["raci-activities"] = set(raci.activities)
    settings = loaded.files.get("playbook")
    if settings:
        known["measures"] = set(settings.measures)
    problems: list[Problem] = []
    for record in _records(loaded):
        problems += _references(record, known)
        problems += _placeholders(record)
    if raci:
        problems += _raci(raci)
    problems += _office_cycles(loaded)
    problems += method.check(loaded)
    glossary = loaded.files.get("glossary")
    if glossary:
        problems += _glossary(glossary)
    settings = loaded.files.get("playbook")
    months = settings.review_every_months if settings else 6
    problems += stale_warnings(loaded, months, today or dt.date.today())
    return problems


def _records(loaded: Loaded) -> list[Record]:
    records: list[Record] = list(loaded.files.values())
    for entries in loaded.collections.values():
        records += entries.values()
    return records


def _references(record: Record, known: dict[str, set[str]]) -> list[Problem]:
    problems: list[Problem] = []
    listed: dict[tuple[int, str], dict[str, object]] = {}
    for found in references(record):
        where = found.record.where(*_key(found))
        problems += _check_ref(found.value, found.target, where, known)
        if isinstance(found.key, int):  # an item of a list: each entry once
            seen = listed.setdefault((id(found.record), found.field), {})
            if found.value in seen:
                problems.append(
                    Problem.at(
                        where,
                        "duplicate-reference",
                        f"'{found.field}' names '{found.value}' twice (items {seen[found.value]} "
                        f"and {found.key + 1}); name each {singular(found.target)} once",
                    )
                )
            else:
                seen[found.value] = found.key + 1
    return problems


def _key(found: Value | Reference) -> tuple:
    return (found.field,) if found.key is None else (found.field, found.key)


def _check_ref(value: str, collection: str, where, known: dict[str, set[str]]) -> list[Problem]:
    if collection == "_id":
        if re.match(ID_PATTERN, value):
            return []
        return [
            Problem.at(
                where,
                "invalid-id",
                f"'{value}' is not a valid id: use lower-case letters, digits and hyphens",
            )
        ]
    if collection not in known or value in known[collection]:
        return []
    hint = did_you_mean(value, known[collection])
    return [
        Problem.at(
            where,
            "unknown-reference",
            f"there is no {singular(collection)} '{value}' in {declared_in(collection)}{hint}",
        )
    ]


def _raci(raci) -> list[Problem]:
    problems: list[Problem] = []
    columns = set(raci.roles)
    for activity_id, activity in raci.activities.items():
        accountable = [role for role, letter in activity.assignments.items() if letter == "A"]
        for role in activity.assignments:
            if role not in columns:
                problems.append(
                    Problem.at(
                        activity.where("assignments", role),
                        "raci-role-not-listed",
                        f"role '{role}' in activity '{activity_id}' is not one of the RACI "
                        f"roles listed at the top of raci.yml{did_you_mean(role, columns)}",
                    )
                )
        if len(accountable) != 1:
            detail = (
                "none is marked A"
                if not accountable
                else f"{len(accountable)} are: " + ", ".join(accountable)
            )
            problems.append(
                Problem.at(
                    raci.where("activities", activity_id),
                    "raci-accountable",
                    f"activity '{activity_id}' must have exactly one accountable role (A); "
                    f"{detail}",
                )
            )
    return problems


#: Deeper office trees are refused: no organisation has them, and diagrams could not show them.
MAX_OFFICE_DEPTH = 20


def _office_cycles(loaded: Loaded) -> list[Problem]:
    """Offices whose parents go round in a circle, and trees deeper than MAX_OFFICE_DEPTH.

    Each office's depth is worked out once, following parents until an office already known, so
    that a long chain costs its length, not its square."""
    offices = loaded.collections.get("offices", {})
    problems: list[Problem] = []
    depth: dict[str, int] = {}
    for start in sorted(offices):
        chain: list[str] = []
        on_chain: set[str] = set()
        current: str | None = start
        while current in offices and current not in depth and current not in on_chain:
            chain.append(current)
            on_chain.add(current)
            current = offices[current].parent
        if current in on_chain:
            loop = chain[chain.index(current) :]
            first = loop.index(min(loop))
            cycle = loop[first:] + loop[:first]
            problems.append(
                Problem.at(
                    offices[cycle[0]].where("parent"),
                    "office-cycle",
                    "the office hierarchy goes round in a circle: "
                    + " → ".join([*cycle, cycle[0]])
                    + "; one of these offices must have another parent (or none)",
                )
            )
            depth.update(dict.fromkeys(chain, 0))
            continue
        level = depth.get(current, -1) if current in offices else -1
        for office in reversed(chain):
            level += 1
            depth[office] = level
    too_deep = sorted(office for office, level in depth.items() if level == MAX_OFFICE_DEPTH)
    if too_deep:
        problems.append(
            Problem.at(
                offices[too_deep[0]].where("parent"),
                "office-depth",
                f"the office hierarchy is more than {MAX_OFFICE_DEPTH} levels deep here; "
                "attach this office higher up",
            )
        )
    return problems


def _glossary(glossary) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, term in enumerate(glossary.terms):
        for label, word in (("term", term.term), ("abbreviation", term.abbreviation)):
            if not word:
                continue
            folded = f"{label}:{word.casefold()}"
            if folded in seen:
                problems.append(
                    Problem.at(
                        term.where(label),
                        "duplicate-term",
                        f"the {label} '{word}' is already defined (item {seen[folded] + 1})",
                    )
                )
            else:
                seen[folded] = index
    return problems


@dataclass(frozen=True)
class Overdue:
    """A file or entry past its review date, for the stale warnings and `playbook-gen stale`."""

    where: Location
    what: str
    owner: str | None
    reviewed: dt.date
    due: dt.date


def overdue(loaded: Loaded, months: int, today: dt.date) -> list[Overdue]:
    """Content not reviewed within the review policy, in file order."""
    found: list[Overdue] = []
    for record in _records(loaded):
        reviewed = getattr(record, "reviewed", None)
        if reviewed is None:
            continue
        due = add_months(reviewed, months)
        if due < today:
            owner = getattr(record, "owner", None)
            found.append(Overdue(record.where("reviewed"), _what(record), owner, reviewed, due))
    return sorted(found, key=lambda item: item.where)


def _what(record: Record) -> str:
    """How an editor names a record: "service 'Risk review'", or the file name."""
    if isinstance(record, Entry):
        name = entry_name(record) or record.id
        return f"{kind_of(record).singular} '{name}'"
    return record.source.path.rsplit("/", 1)[-1]


def stale_warnings(loaded: Loaded, months: int, today: dt.date) -> list[Problem]:
    """Content not reviewed within the review policy, as warnings at its 'reviewed' line."""
    return [
        Problem.at(
            item.where,
            "stale",
            f"last reviewed {item.reviewed.isoformat()}, due for review since "
            f"{item.due.isoformat()} (every {months} months; owner: {item.owner or 'no owner'})",
            severity="warning",
        )
        for item in overdue(loaded, months, today)
    ]


#: What `playbook-gen new` writes where an editor has to fill in text.
PLACEHOLDER = re.compile(r"^\s*TODO\b")


def _placeholders(record: Record) -> list[Problem]:
    """Scaffold text not yet replaced, as warnings at the placeholder itself."""
    problems: list[Problem] = []
    for found in values(record):
        if isinstance(found.value, str) and PLACEHOLDER.match(found.value):
            text = " ".join(found.value.split())
            text = text if len(text) <= 60 else text[:57] + "..."
            problems.append(
                Problem.at(
                    found.record.where(*_key(found)),
                    "placeholder",
                    f"'{found.field}' still holds the placeholder \"{text}\"; "
                    "replace it with the real content",
                    severity="warning",
                )
            )
    return problems
