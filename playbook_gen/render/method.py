"""The PMO's method as pages read it: a life cycle's phases in order, the gate after each, what
a project class must do, and where a role or an audience meets the PMO in a project's life."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.kinds import KINDS
from ..content.method import range_text
from ..content.model import Gate, Phase, Playbook, ProjectClass, Threshold
from ..content.relations import Relations
from . import sitemap
from .i18n import Words


def template_helpers(playbook: Playbook, relations: Relations, words: Words) -> dict[str, object]:
    """What the method's templates (and the role and audience pages) call, by name; ranges
    read in the site's language (`words`)."""
    measures = playbook.settings.measures
    return {
        "phases_of": lambda lifecycle_id: phases_of(playbook, lifecycle_id),
        "gate_ending": lambda phase_id: gate_ending(playbook, phase_id),
        "requirements": lambda class_id: requirements(playbook, class_id),
        "measures_used": measures_used(playbook),
        "threshold_on": threshold_on,
        "range_text": lambda threshold: range_text(
            threshold, measures[threshold.measure].unit, words.gettext, words.amount
        ),
        "lifecycle_diagram": sitemap.lifecycle_diagram,
        "activities_in": lambda phase_id: activities_in(playbook, phase_id),
        "phase_roles": lambda role_id: phase_roles(playbook, relations, role_id),
        "phase_services": lambda audience_id: phase_services(playbook, relations, audience_id),
    }


def phases_of(playbook: Playbook, lifecycle_id: str) -> list[Phase]:
    """A life cycle's phases, first to last."""
    found = [phase for phase in playbook.phases.values() if phase.lifecycle == lifecycle_id]
    return sorted(found, key=lambda phase: phase.position)


def gate_ending(playbook: Playbook, phase_id: str) -> Gate | None:
    return next((gate for gate in playbook.gates.values() if gate.ends == phase_id), None)


def activities_in(playbook: Playbook, phase_id: str) -> list[tuple[str, object]]:
    """(id, activity) of the RACI activities that name the phase."""
    return [
        (key, activity)
        for key, activity in playbook.raci.activities.items()
        if phase_id in activity.phases
    ]


def for_class(record: object, class_id: str) -> bool:
    """Whether a gate, output, document or service applies to a class: it names the class, or
    names none (then it is for every project)."""
    return not record.classes or class_id in record.classes


@dataclass
class Requirements:
    """What projects of one class go through and produce, in the life cycles' order."""

    gates: list[Gate] = field(default_factory=list)
    outputs: list[tuple[Phase, object]] = field(default_factory=list)  # (phase, Output)
    documents: list[str] = field(default_factory=list)  # ids of documents the class must use
    controls: list[str] = field(default_factory=list)  # ids of mandatory services that apply
    services: list[str] = field(default_factory=list)  # ids of other services for the class


def requirements(playbook: Playbook, class_id: str) -> Requirements:
    found = Requirements()
    lifecycles = sorted(playbook.lifecycles.values(), key=KINDS["lifecycles"].sort_key)
    for lifecycle in lifecycles:
        for phase in phases_of(playbook, lifecycle.id):
            found.outputs += [
                (phase, output) for output in phase.outputs if class_id in output.classes
            ]
            gate = gate_ending(playbook, phase.id)
            if gate and for_class(gate, class_id):
                found.gates.append(gate)
    found.documents = sorted(
        (d.id for d in playbook.documents.values() if class_id in d.classes),
        key=lambda document_id: playbook.documents[document_id].name,
    )
    found.controls = sorted(
        service.id
        for service in playbook.services.values()
        if service.kind == "mandatory" and for_class(service, class_id)
    )
    found.services = sorted(
        service.id
        for service in playbook.services.values()
        if service.kind != "mandatory" and class_id in service.classes
    )
    return found


def measures_used(playbook: Playbook) -> list[str]:
    """The measures some class has a threshold on, in the order playbook.yml declares them."""
    named = {t.measure for c in playbook.classes.values() for t in c.thresholds}
    return [measure for measure in playbook.settings.measures if measure in named]


def threshold_on(project_class: ProjectClass, measure: str) -> Threshold | None:
    return next((t for t in project_class.thresholds if t.measure == measure), None)


def phase_roles(playbook: Playbook, relations: Relations, role_id: str) -> list[tuple]:
    """(phase, [what the role does there]) for each phase where the role meets the PMO: it names
    the phase, decides its gate, or provides one of its outputs."""
    named = set(relations.related("roles", role_id, "phases"))
    found = []
    for phase in _in_order(playbook):
        does = []
        gate = gate_ending(playbook, phase.id)
        if gate and gate.decided_by == role_id:
            does.append(("decides", gate))
        does += [("provides", output) for output in phase.outputs if output.provided_by == role_id]
        if does or phase.id in named:
            found.append((phase, does))
    return found


def phase_services(playbook: Playbook, relations: Relations, audience_id: str) -> list[tuple]:
    """(phase, [(kind, id)]) for each phase in which a service or touchpoint for the audience
    belongs: where that group meets the PMO in a project's life."""
    mine = {
        kind: set(relations.referrers("audiences", audience_id, kind))
        for kind in ("services", "touchpoints")
    }
    found = []
    for phase in _in_order(playbook):
        met = [
            (kind, entry_id)
            for kind in ("services", "touchpoints")
            for entry_id in relations.referrers("phases", phase.id, kind)
            if entry_id in mine[kind]
        ]
        if met:
            found.append((phase, met))
    return found


def _in_order(playbook: Playbook) -> list[Phase]:
    lifecycles = sorted(playbook.lifecycles.values(), key=KINDS["lifecycles"].sort_key)
    return [phase for lifecycle in lifecycles for phase in phases_of(playbook, lifecycle.id)]
