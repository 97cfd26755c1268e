"""Diagrams drawn as SVG at build time, so they need no script and no internet to display.

Pages show them as images with a text alternative beside them; an SVG shown as an image can run
no script, whatever text the content holds. Their own words come from the site's catalogue.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from xml.sax.saxutils import escape as _xml_escape

from ..content.model import Audience, Office, Playbook
from ..content.walker import choices
from . import method, sitemap
from .i18n import N_, Words
from ..content.relations import Relations


#: Colours given in turn to a field's allowed values, as the model declares them.
TYPE_COLOURS = dict(zip(choices(Office, "type"), ("#0b4f6c", "#2e7d32", "#6a1b9a"), strict=True))
CONNECTION_COLOURS = dict(
    zip(choices(Audience, "connection"), ("#1565c0", "#ad1457", "#e65100"), strict=True)
)

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 190, 58, 20, 56, 16


def render_all(
    playbook: Playbook, relations: Relations, words: Words, word: Callable[[str], str]
) -> dict[str, bytes]:
    """Every diagram, in the site's language: `words` for the diagrams' own words, `word` for
    an allowed value's (an office type, a kind of connection)."""
    return {
        sitemap.HIERARCHY_FILE: office_hierarchy(playbook, relations, words, word).encode(),
        sitemap.NETWORK_FILE: network_map(playbook, words, word).encode(),
        **{
            sitemap.lifecycle_diagram(lifecycle_id): life_cycle(
                playbook, lifecycle_id, words
            ).encode()
            for lifecycle_id in playbook.lifecycles
        },
    }


#: Characters XML 1.0 does not allow; a document holding one is not shown at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text for an SVG text node or attribute: markup, quotes and characters XML forbids made
    harmless. A diagram is also a file of its own, opened directly in a browser."""
    return _xml_escape(_NOT_XML.sub("", text), {'"': "&quot;", "'": "&apos;"})


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" role="img" '
            f'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif">',
            f"<title>{escape(title)}</title>",
            *body,
            "</svg>",
            "",
        ]
    )


_BREAKABLE_SPACE = " \t\n\r\f\v"
_BREAKABLE = re.compile(f"[{_BREAKABLE_SPACE}]+")


def _wrap(text: str, width: int) -> list[str]:
    """Split text into at most two lines of about `width` characters; never at a no-break
    space (French puts one before a colon)."""
    words, lines, line = _BREAKABLE.split(text.strip(_BREAKABLE_SPACE)), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], (" ".join(lines[1:]))[: width - 1] + "…"]
    return lines


#: The life cycle runs down the page, one column wide, so that it reads on a phone (375 px).
CYCLE_W, PHASE_H, GATE_H, ARROW = 340, 50, 60, 18
PHASE_COLOUR, GATE_COLOUR = "#0b4f6c", "#ad5700"


def life_cycle(playbook: Playbook, lifecycle_id: str, words: Words) -> str:
    """A life cycle's phases top to bottom, each followed by the gate that ends it and who
    decides there."""
    phases = method.phases_of(playbook, lifecycle_id)
    body: list[str] = []
    y = MARGIN
    for number, phase in enumerate(phases, start=1):
        if number > 1:
            body.append(_arrow(y))
            y += ARROW
        body.append(
            f'<rect x="{MARGIN}" y="{y}" width="{CYCLE_W - 2 * MARGIN}" height="{PHASE_H}" '
            f'rx="6" fill="{PHASE_COLOUR}"/>'
        )
        for line_number, line in enumerate(_wrap(f"{number}. {phase.name}", 36)):
            body.append(
                f'<text x="{CYCLE_W / 2:.0f}" y="{y + 21 + line_number * 16}" '
                'text-anchor="middle" font-size="14" font-weight="600" fill="#ffffff">'
                f"{escape(line)}</text>"
            )
        y += PHASE_H
        gate = method.gate_ending(playbook, phase.id)
        if gate is None:
            continue
        body.append(_arrow(y))
        y += ARROW
        mid = CYCLE_W / 2
        gate_line = words.text(N_("Gate: %(name)s"), name=gate.name)
        body.append(
            f'<path d="M{MARGIN + 14},{y + GATE_H / 2} L{MARGIN + 28},{y} H{CYCLE_W - MARGIN - 28} '
            f"L{CYCLE_W - MARGIN - 14},{y + GATE_H / 2} L{CYCLE_W - MARGIN - 28},{y + GATE_H} "
            f'H{MARGIN + 28} Z" fill="#fff4e5" stroke="{GATE_COLOUR}" stroke-width="2"/>'
        )
        body.append(
            f'<text x="{mid:.0f}" y="{y + 19}" text-anchor="middle" font-size="13" '
            f'font-weight="600" fill="#5d2e00">{escape(_wrap(gate_line, 34)[0])}</text>'
        )
        for number, line in enumerate(_deciders(playbook, gate, words)):
            body.append(
                f'<text x="{mid:.0f}" y="{y + 35 + number * 14}" text-anchor="middle" '
                f'font-size="11" fill="#5d2e00">{escape(line)}</text>'
            )
        y += GATE_H
    lifecycle = playbook.lifecycles[lifecycle_id]
    title = words.text(N_("%(name)s life cycle"), name=lifecycle.name)
    return _svg(CYCLE_W, y + MARGIN, title, body)


def _deciders(playbook: Playbook, gate: object, words: Words) -> list[str]:
    """'Decided by <role>' and 'at <forum>', a line each (cut short past 40 characters)."""
    lines = []
    if gate.decided_by in playbook.roles:
        role = playbook.roles[gate.decided_by].name
        lines.append(words.text(N_("Decided by %(role)s"), role=role))
    if gate.forum in playbook.touchpoints:
        where = playbook.touchpoints[gate.forum].name
        if lines:
            lines.append(words.text(N_("at %(forum)s"), forum=where))
        else:
            lines.append(words.text(N_("Decided at %(forum)s"), forum=where))
    return [_wrap(line, 40)[0] + ("…" if len(_wrap(line, 40)) > 1 else "") for line in lines]


def _arrow(top: float) -> str:
    x = CYCLE_W / 2
    return (
        f'<path d="M{x:.0f},{top + 2} V{top + ARROW - 6}" stroke="#607d8b" stroke-width="2"/>'
        f'<path d="M{x - 5:.0f},{top + ARROW - 8} L{x:.0f},{top + ARROW - 1} '
        f'L{x + 5:.0f},{top + ARROW - 8} Z" fill="#607d8b"/>'
    )


def office_hierarchy(
    playbook: Playbook, relations: Relations, words: Words, word: Callable[[str], str]
) -> str:
    offices = playbook.offices
    roots = sorted(o.id for o in offices.values() if not o.parent or o.parent not in offices)
    positions: dict[str, tuple[float, int]] = {}
    next_leaf = [0]

    def place(office_id: str, depth: int) -> float:
        children = relations.referrers("offices", office_id, "offices")
        if children:
            xs = [place(child, depth + 1) for child in children]
            x = (xs[0] + xs[-1]) / 2
        else:
            x = next_leaf[0]
            next_leaf[0] += 1
        positions[office_id] = (x, depth)
        return x

    for root in roots:
        place(root, 0)
    columns = max(next_leaf[0], 1)
    depth = max((d for _, d in positions.values()), default=0) + 1
    legend_width = len(TYPE_COLOURS) * 130
    width = MARGIN * 2 + max(columns * BOX_W + (columns - 1) * GAP_X, legend_width)
    height = MARGIN * 2 + depth * BOX_H + (depth - 1) * GAP_Y + 28

    def box_left(office_id: str) -> tuple[float, float]:
        x, d = positions[office_id]
        return MARGIN + x * (BOX_W + GAP_X), MARGIN + d * (BOX_H + GAP_Y)

    pmo_of = {kind: words.text(N_("%(type)s PMO"), type=word(kind)) for kind in TYPE_COLOURS}
    body = ['<g stroke="#607d8b" stroke-width="1.5" fill="none">']
    for office_id in sorted(positions):
        parent = offices[office_id].parent
        if parent in positions:
            cx, cy = box_left(office_id)
            px, py = box_left(parent)
            body.append(
                f'<path d="M{px + BOX_W / 2:.0f},{py + BOX_H:.0f} V{(py + BOX_H + cy) / 2:.0f} '
                f'H{cx + BOX_W / 2:.0f} V{cy:.0f}"/>'
            )
    body.append("</g>")
    for office_id in sorted(positions):
        office = offices[office_id]
        x, y = box_left(office_id)
        colour = TYPE_COLOURS[office.type]
        body.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
            f'fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
        )
        body.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="6" height="{BOX_H}" rx="3" fill="{colour}"/>'
        )
        lines = _wrap(office.name, 24)
        for number, line in enumerate(lines):
            body.append(
                f'<text x="{x + BOX_W / 2 + 3:.0f}" y="{y + 22 + number * 16:.0f}" '
                f'text-anchor="middle" font-size="13" font-weight="600" fill="#1b1b1b">'
                f"{escape(line)}</text>"
            )
        body.append(
            f'<text x="{x + BOX_W / 2 + 3:.0f}" y="{y + BOX_H - 8:.0f}" text-anchor="middle" '
            f'font-size="11" fill="{colour}">{escape(pmo_of[office.type])}</text>'
        )
    legend_y = height - MARGIN - 6
    for number, (kind, colour) in enumerate(TYPE_COLOURS.items()):
        lx = MARGIN + number * 130
        body.append(f'<rect x="{lx}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>')
        body.append(
            f'<text x="{lx + 18}" y="{legend_y}" font-size="12" fill="#1b1b1b">'
            f"{escape(word(kind))}</text>"
        )
    title = words.text(
        N_("Hierarchy of the PMOs of %(organisation)s"), organisation=playbook.settings.organisation
    )
    return _svg(width, height, title, body)


def network_map(playbook: Playbook, words: Words, word: Callable[[str], str]) -> str:
    """The PMO in the middle; audiences around it in three sectors, one per kind of connection."""
    size, centre, radius = 760, 380, 250
    kinds = list(CONNECTION_COLOURS)
    groups = {
        kind: sorted(
            (a for a in playbook.audiences.values() if a.connection == kind), key=lambda a: a.name
        )
        for kind in kinds
    }
    body = []
    label_box = (150, 46)
    for index, kind in enumerate(kinds):
        start = -90 + index * 120
        colour = CONNECTION_COLOURS[kind]
        # A pale sector behind the group, with its name on the rim.
        a0, a1 = math.radians(start - 60), math.radians(start + 60)
        outer = radius + 110
        body.append(
            f'<path d="M{centre},{centre} L{centre + outer * math.cos(a0):.1f},'
            f"{centre + outer * math.sin(a0):.1f} A{outer},{outer} 0 0 1 "
            f'{centre + outer * math.cos(a1):.1f},{centre + outer * math.sin(a1):.1f} Z" '
            f'fill="{colour}" fill-opacity="0.07" stroke="none"/>'
        )
        lx = centre + (radius + 85) * math.cos(math.radians(start))
        ly = centre + (radius + 85) * math.sin(math.radians(start))
        body.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle" font-size="15" '
            f'font-weight="700" fill="{colour}">{escape(_capitalised(word(kind)))}</text>'
        )
        members = groups[kind]
        for number, audience in enumerate(members):
            spread = 80 if len(members) > 1 else 0
            angle = start - spread / 2 + (spread * number / max(len(members) - 1, 1))
            x = centre + radius * math.cos(math.radians(angle))
            y = centre + radius * math.sin(math.radians(angle))
            body.append(
                f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="{colour}" '
                f'stroke-width="2"/>'
            )
            w, h = label_box
            body.append(
                f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w}" height="{h}" rx="8" '
                f'fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
            )
            lines = _wrap(audience.name, 20)
            first = y + 5 - (len(lines) - 1) * 8
            for line_number, line in enumerate(lines):
                body.append(
                    f'<text x="{x:.1f}" y="{first + line_number * 16:.1f}" text-anchor="middle" '
                    f'font-size="13" fill="#1b1b1b">{escape(line)}</text>'
                )
    body.append(f'<circle cx="{centre}" cy="{centre}" r="70" fill="#0b4f6c"/>')
    name_lines = _wrap(playbook.settings.pmo_name, 11)
    for number, line in enumerate(name_lines):
        middle = number - (len(name_lines) - 1) / 2  # centre the lines on the circle
        body.append(
            f'<text x="{centre}" y="{centre + 5 + middle * 18:.0f}" text-anchor="middle" '
            f'font-size="15" font-weight="700" fill="#ffffff">{escape(line)}</text>'
        )
    title = words.text(
        N_("The network of the %(pmo)s: its audiences by kind of connection"),
        pmo=playbook.settings.pmo_name,
    )
    return _svg(size, size, title, body)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
