"""Rules of the PMO's method across entries: phases in order, one gate per phase, project classes
whose thresholds leave no gap and no overlap, and library documents that point at real files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from .catalogue import STATIC_SUFFIXES, Loaded
from .kinds import KINDS, kind_of, singular
from .model import Unique
from ..problems import Problem
from ..text import N_
from .validate import did_you_mean
from .walker import fields_by_name, shape_of, unique_fields


def check(loaded: Loaded) -> list[Problem]:
    collections = loaded.collections
    problems = []
    for folder, kind in KINDS.items():
        for name, unique in unique_fields(kind.cls):
            problems += _shared(collections.get(folder, {}).values(), name, unique)
    return [
        *problems,
        *_thresholds(collections.get("classes", {}).values(), loaded),
        *_library_files(collections.get("documents", {}).values(), loaded.pages),
    ]


def _shared(entries: Iterable, name: str, unique: Unique) -> list[Problem]:
    """Values two entries share where each must have its own: two phases in one place of a
    life cycle would have no order; two gates cannot end one phase."""
    problems = []
    holder: dict[tuple, str] = {}
    for entry in sorted(entries, key=lambda entry: entry.path):
        value = getattr(entry, name)
        if value is None:
            continue
        group = getattr(entry, unique.within) if unique.within else None
        if (group, value) not in holder:
            holder[group, value] = entry.id
            continue
        other = holder[group, value]
        if isinstance(value, int):
            within = f" of the {singular(_target(entry, unique.within))} '{group}'" if group else ""
            message = f"{name} {value}{within} is taken by '{other}'; give each its own place"
        else:
            what = singular(kind_of(entry).folder)
            message = (
                f"'{name}' names '{value}', as the {what} '{other}' does already; each "
                f"{singular(_target(entry, name))} has one {what}"
            )
        problems.append(Problem.at(entry.where(name), "duplicate-position", message))
    return problems


def _target(entry: object, name: str) -> str:
    """The collection a field of the entry names (a phase's 'lifecycle': 'lifecycles')."""
    return shape_of(fields_by_name(type(entry))[name][1]).ref


def _thresholds(classes: Iterable, loaded: Loaded) -> list[Problem]:
    """For each measure, the classes' ranges must follow each other: from nothing (or zero) up,
    each starting where the one below ends, so that any figure lands in exactly one class."""
    settings = loaded.files.get("playbook")
    declared = settings.measures if settings else {}
    ranges: dict[str, list] = {}
    for project_class in classes:
        for index, threshold in enumerate(project_class.thresholds):
            if threshold.measure in declared:
                ranges.setdefault(threshold.measure, []).append((project_class, index, threshold))
    problems = []
    for measure, found in ranges.items():
        found.sort(key=lambda item: (item[2].at_least or 0, item[0].position))
        unit = declared[measure].unit
        lowest_class, index, lowest = found[0]
        if lowest.at_least:
            problems.append(
                Problem.at(
                    lowest_class.where("thresholds", index),
                    "class-thresholds",
                    f"no class holds a '{measure}' under {amount(lowest.at_least, unit)}: start "
                    "the lowest range at 0 (leave out 'at_least')",
                )
            )
        for (lower_class, _, lower), (upper_class, index, upper) in zip(found, found[1:]):
            start, end = upper.at_least or 0, lower.below
            if start == end:
                continue
            if end is None or start < end:
                message = (
                    f"the '{measure}' range of '{upper_class.id}' ({range_text(upper, unit)}) "
                    f"overlaps that of '{lower_class.id}' ({range_text(lower, unit)}): a project "
                    "would be in both"
                )
            else:
                message = (
                    f"the '{measure}' ranges leave a gap from {amount(end, unit)} to "
                    f"{amount(start, unit)} between '{lower_class.id}' and '{upper_class.id}': a "
                    "project there would have no class"
                )
            where = upper_class.where("thresholds", index)
            problems.append(Problem.at(where, "class-thresholds", message))
        highest_class, index, highest = found[-1]
        if highest.below is not None:
            problems.append(
                Problem.at(
                    highest_class.where("thresholds", index),
                    "class-thresholds",
                    f"no class holds a '{measure}' of {amount(highest.below, unit)} or more: end "
                    "the highest range open (leave out 'below')",
                )
            )
    return problems


def range_text(
    threshold,
    unit: str | None,
    say: Callable[..., str] | None = None,
    figure: Callable[[int, str | None], str] | None = None,
) -> str:
    """A threshold in words: '£100,000 to under £1,000,000', 'under 6 months', '18 months or
    more'. Pages give `say` (a message, marked for the catalogues, in the site's language) and
    `figure` (an amount as that language writes it); problems keep English."""
    say = say or _english
    figure = figure or amount
    if threshold.at_least and threshold.below is not None:
        low, high = figure(threshold.at_least, unit), figure(threshold.below, unit)
        return say(N_("%(low)s to under %(high)s"), low=low, high=high)
    if threshold.below is not None:
        return say(N_("under %(high)s"), high=figure(threshold.below, unit))
    return say(N_("%(low)s or more"), low=figure(threshold.at_least or 0, unit))


def _english(message: str, **values: str) -> str:
    return message % values


def amount(value: int, unit: str | None) -> str:
    """A figure with its unit: a currency sign goes before it, a word after."""
    if unit and len(unit) == 1 and not unit.isalnum():
        return f"{unit}{value:,}"
    return f"{value:,} {unit}" if unit else f"{value:,}"


def _library_files(documents: Iterable, pages: dict[str, str]) -> list[Problem]:
    """A document kept in the repository names a file that pages/ publishes, of a type readers
    download (pages/ refuses the rest, and its size limit applies)."""
    published = {path for path in pages if not path.endswith(".md")}
    problems = []
    for document in documents:
        if document.file is None:
            continue
        suffix = PurePosixPath(document.file).suffix.lower()
        if suffix not in STATIC_SUFFIXES:
            allowed = ", ".join(sorted(STATIC_SUFFIXES))
            problems.append(
                Problem.at(
                    document.where("file"),
                    "file-type",
                    f"'{document.file}' is not a file the library publishes; use one of {allowed}",
                )
            )
        elif document.file not in published:
            hint = did_you_mean(document.file, published)
            problems.append(
                Problem.at(
                    document.where("file"),
                    "missing-file",
                    f"there is no file '{document.file}' in content/pages/{hint}",
                )
            )
    return problems
