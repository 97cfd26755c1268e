"""Who refers to whom: the links between entries, in both directions, for the pages to list."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Playbook


def _sorted(mapping: dict[str, list[str]]) -> dict[str, list[str]]:
    return {key: sorted(set(values)) for key, values in mapping.items()}


@dataclass
class Relations:
    """Back-references computed once per build; every list holds ids, sorted."""

    services_by_audience: dict[str, list[str]] = field(default_factory=dict)
    touchpoints_by_audience: dict[str, list[str]] = field(default_factory=dict)
    tactics_by_audience: dict[str, list[str]] = field(default_factory=dict)
    challenges_by_audience: dict[str, list[str]] = field(default_factory=dict)
    offices_by_service: dict[str, list[str]] = field(default_factory=dict)
    children_of_office: dict[str, list[str]] = field(default_factory=dict)
    services_by_role: dict[str, list[str]] = field(default_factory=dict)
    touchpoints_by_role: dict[str, list[str]] = field(default_factory=dict)
    audiences_by_role: dict[str, list[str]] = field(default_factory=dict)
    tactics_by_challenge: dict[str, list[str]] = field(default_factory=dict)
    challenges_by_tactic: dict[str, list[str]] = field(default_factory=dict)
    services_by_activity: dict[str, list[str]] = field(default_factory=dict)
    #: role id -> (office id, contact) for every office contact holding that role.
    contacts_by_role: dict[str, list[tuple[str, object]]] = field(default_factory=dict)

    def get(self, name: str, key: str) -> list:
        return getattr(self, name).get(key, [])


def relate(playbook: Playbook) -> Relations:
    services_by_audience = defaultdict(list)
    offices_by_service = defaultdict(list)
    services_by_role = defaultdict(list)
    services_by_activity = defaultdict(list)
    for service in playbook.services.values():
        for audience in service.audiences:
            services_by_audience[audience].append(service.id)
        services_by_role[service.owner_role].append(service.id)
        for activity in service.activities:
            services_by_activity[activity].append(service.id)

    children = defaultdict(list)
    contacts = defaultdict(list)
    for office in playbook.offices.values():
        for service in office.services:
            offices_by_service[service].append(office.id)
        if office.parent:
            children[office.parent].append(office.id)
        for contact in office.contacts:
            contacts[contact.role].append((office.id, contact))

    touchpoints_by_audience = defaultdict(list)
    touchpoints_by_role = defaultdict(list)
    for touchpoint in playbook.touchpoints.values():
        for audience in touchpoint.audiences:
            touchpoints_by_audience[audience].append(touchpoint.id)
        touchpoints_by_role[touchpoint.run_by].append(touchpoint.id)

    tactics_by_audience = defaultdict(list)
    tactics_by_challenge = defaultdict(list)
    challenges_by_tactic = defaultdict(list)
    for tactic in playbook.tactics.values():
        for audience in tactic.audiences:
            tactics_by_audience[audience].append(tactic.id)
        for challenge in tactic.challenges:
            tactics_by_challenge[challenge].append(tactic.id)
            challenges_by_tactic[tactic.id].append(challenge)

    challenges_by_audience = defaultdict(list)
    for challenge in playbook.challenges.values():
        for audience in challenge.audiences:
            challenges_by_audience[audience].append(challenge.id)
        for tactic in challenge.tactics:
            tactics_by_challenge[challenge.id].append(tactic)
            challenges_by_tactic[tactic].append(challenge.id)

    audiences_by_role = defaultdict(list)
    for audience in playbook.audiences.values():
        audiences_by_role[audience.contact_role].append(audience.id)

    return Relations(
        services_by_audience=_sorted(services_by_audience),
        touchpoints_by_audience=_sorted(touchpoints_by_audience),
        tactics_by_audience=_sorted(tactics_by_audience),
        challenges_by_audience=_sorted(challenges_by_audience),
        offices_by_service=_sorted(offices_by_service),
        children_of_office=_sorted(children),
        services_by_role=_sorted(services_by_role),
        touchpoints_by_role=_sorted(touchpoints_by_role),
        audiences_by_role=_sorted(audiences_by_role),
        tactics_by_challenge=_sorted(tactics_by_challenge),
        challenges_by_tactic=_sorted(challenges_by_tactic),
        services_by_activity=_sorted(services_by_activity),
        contacts_by_role={
            role: sorted(found, key=lambda pair: (pair[0], pair[1].name))
            for role, found in contacts.items()
        },
    )
