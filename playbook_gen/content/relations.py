"""Who refers to whom: the links between entries, in both directions, from the `Ref` fields.

Nothing here knows any pair of kinds: every reference an entry holds (in a field, a list, or a
record nested in it) is indexed once, so that a page can list the entries naming it — the
services for an audience, the offices under an office, the office contacts holding a role —
and a kind added to the registry is linked back from the entries it names without more code.
"""

from __future__ import annotations

from collections import defaultdict

from .kinds import KINDS
from .model import Playbook, Record
from .walker import may_refer, values


class Relations:
    """Back-references computed once per build; every list of ids is sorted."""

    def __init__(self, playbook: Playbook) -> None:
        #: (target kind, target id) -> referring kind -> [(entry id, record holding the ref)]
        self._to: dict[tuple[str, str], dict[str, list[tuple[str, Record]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        #: (kind, entry id) -> target kind -> ids it names
        self._from: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for folder, kind in KINDS.items():
            for entry in playbook.collection(folder).values():
                for found in values(entry, may_refer):
                    target = found.shape.ref
                    if target is None:
                        continue
                    self._to[target, found.value][folder].append((entry.id, found.record))
                    self._from[folder, entry.id][target].append(found.value)

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
        return {
            target_id
            for (found_target, target_id), by_kind in self._to.items()
            if found_target == target and by_kind.get(kind)
        }


def relate(playbook: Playbook) -> Relations:
    return Relations(playbook)
