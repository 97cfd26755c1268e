"""Who refers to whom: the links between entries, in both directions, from the `Ref` fields.

Nothing here knows any pair of kinds: every reference an entry holds (in a field, a list, or a
record nested in it) is indexed once, so that a page can list the entries naming it — the
services for an audience, the offices under an office, the office contacts holding a role —
and a kind added to the registry is linked back from the entries it names without more code.
"""

from __future__ import annotations

from .kinds import KINDS
from .model import Playbook, Record
from .walker import references


class Relations:
    """Back-references computed once per build; every list of ids is sorted."""

    def __init__(self, playbook: Playbook) -> None:
        #: (target kind, target id) -> referring kind -> [(entry id, record holding the ref)]
        self._to: dict[tuple[str, str], dict[str, list[tuple[str, Record]]]] = {}
        #: (kind, entry id) -> target kind -> ids it names
        self._from: dict[tuple[str, str], dict[str, list[str]]] = {}
        #: (kind, target kind) -> ids of the target kind's entries that kind names
        self._named: dict[tuple[str, str], set[str]] = {}
        for folder in KINDS:
            for entry in playbook.collection(folder).values():
                named = self._from[folder, entry.id] = {}
                for found in references(entry):
                    target, value = found.target, found.value
                    by_kind = self._to.setdefault((target, value), {})
                    by_kind.setdefault(folder, []).append((entry.id, found.record))
                    named.setdefault(target, []).append(value)
                    self._named.setdefault((folder, target), set()).add(value)

    def referrers(self, target: str, target_id: str, kind: str) -> list[str]:
        """Ids of the `kind` entries that name this entry (of kind `target`)."""
        holders = self._to.get((target, target_id), {}).get(kind, [])
        return sorted({entry_id for entry_id, _record in holders})

    def holders(self, target: str, target_id: str, kind: str) -> list[tuple[str, Record]]:
        """(entry id, record) for each record nested in a `kind` entry that names this entry."""
        found = self._to.get((target, target_id), {}).get(kind, [])
        return sorted(found, key=lambda pair: (pair[0], getattr(pair[1], "name", "")))

    def related(self, kind: str, entry_id: str, other: str) -> list[str]:
        """Ids of `other` entries linked with this one either way: named by it, or naming it."""
        named = self._from.get((kind, entry_id), {}).get(other, [])
        return sorted(set(named) | set(self.referrers(kind, entry_id, other)))

    def referring_kinds(self, target: str, target_id: str) -> list[str]:
        """The kinds with entries naming this entry, in the registry's order."""
        found = self._to.get((target, target_id), {})
        return [folder for folder in KINDS if found.get(folder)]

    def named_by(self, kind: str, target: str) -> set[str]:
        """Ids of `target` entries that some `kind` entry names (a listing filter's choices)."""
        return self._named.get((kind, target), set())


def relate(playbook: Playbook) -> Relations:
    return Relations(playbook)
