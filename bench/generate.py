"""Synthetic but valid playbooks of any size, for the benchmark and the scaling test.

Entries get realistic field sizes (about 1.5 KB of YAML each) and cross-references: services
serve audiences and cover RACI activities, offices form a tree, tactics and challenges point at
each other. The single files (playbook, mandate, RACI, glossary) and the seven roles the RACI
names come from the starter content, so the result is a larger copy of a real playbook.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

#: Share of the entries each collection gets; audiences stay the five of the starter.
SHARES = {
    "offices": 0.05,
    "roles": 0.05,
    "services": 0.30,
    "touchpoints": 0.20,
    "tactics": 0.25,
    "challenges": 0.15,
}

WORDS = (
    "portfolio project sponsor benefits risk schedule budget milestone stakeholder governance "
    "delivery capacity report review water network treatment customer asset engineering plan "
    "decision change lesson training forum clinic assurance tolerance stage gate evidence"
).split()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def bullets(rng: random.Random, count: int) -> list[str]:
    return [sentence(rng, rng.randint(6, 12)) for _ in range(count)]


def generate(target: Path, entries: int, seed: int = 1) -> dict[str, int]:
    """Write a playbook with about `entries` entries into `target`; return the count per kind."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    content = target / "content"
    # One language, as the benchmark has always measured: the starter's French translations
    # and its `languages` setting are left out.
    shutil.copytree(REPO / "content", content, ignore=shutil.ignore_patterns("*.md", "*.fr.yml"))
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    settings = content / "playbook.yml"
    settings.write_text(
        re.sub(r"(?m)^(# .*\n)*languages: .*\n", "", settings.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    # The starter's method (life cycles, gates, classes, library) stays as it is, with the
    # forums its gates name; the other collections are generated.
    forums = {
        yaml.safe_load(gate.read_text(encoding="utf-8")).get("forum")
        for gate in (content / "gates").glob("*.yml")
    }
    for collection in SHARES:
        for path in (content / collection).glob("*.yml"):
            if collection != "roles" and not (collection == "touchpoints" and path.stem in forums):
                path.unlink()

    audiences = sorted(p.stem for p in (content / "audiences").glob("*.yml"))
    raci = yaml.safe_load((content / "raci.yml").read_text(encoding="utf-8"))
    activities = sorted(activity["id"] for activity in raci["activities"])
    counts = {name: max(2, round(entries * share)) for name, share in SHARES.items()}
    ids = {name: [f"{name[:-1]}-{n:05d}" for n in range(counts[name])] for name in SHARES}
    ids["roles"] = sorted(p.stem for p in (content / "roles").glob("*.yml")) + ids["roles"]
    some = lambda pool, low, high: sorted(rng.sample(pool, min(len(pool), rng.randint(low, high))))  # noqa: E731

    def write(collection: str, entry_id: str, data: dict) -> None:
        data |= {"owner": f"Owner {rng.randint(1, 40)}", "reviewed": "2026-10-01"}
        (content / collection / f"{entry_id}.yml").write_text(
            yaml.safe_dump(data, sort_keys=False, width=96, allow_unicode=True), encoding="utf-8"
        )

    for n, office in enumerate(ids["offices"]):
        write("offices", office, {
            "name": f"Office {n}",
            "type": "enterprise" if n == 0 else ("departmental" if n < 10 else "project"),
            "summary": sentence(rng, 12),
            "scope": paragraph(rng, 4),
            "reports_to": "Chief Operating Officer",
            **({"parent": ids["offices"][rng.randrange(min(n, 10))]} if n else {}),
            "services": some(ids["services"], 2, 6),
            "contacts": [{"name": f"Person {n}", "role": "pmo-lead",
                          "email": f"person{n}@example.org"}],
        })  # fmt: skip
    for role in ids["roles"][7:]:
        write("roles", role, {
            "name": f"Role {role[-5:]}",
            "summary": sentence(rng, 10),
            "purpose": paragraph(rng, 3),
            "responsibilities": bullets(rng, 5),
            "works_with_pmo": paragraph(rng, 2),
            "skills": [{"name": rng.choice(WORDS), "why": sentence(rng, 10)} for _ in range(3)],
        })  # fmt: skip
    for service in ids["services"]:
        write("services", service, {
            "name": f"Service {service[-5:]}",
            "summary": sentence(rng, 12),
            "description": paragraph(rng, 4),
            "audiences": some(audiences, 1, 3),
            "you_get": bullets(rng, 4),
            "how_to_request": paragraph(rng, 2),
            "turnaround": f"{rng.randint(1, 20)} working days",
            "owner_role": rng.choice(ids["roles"]),
            "activities": some(activities, 1, 2),
        })  # fmt: skip
    for touchpoint in ids["touchpoints"]:
        write("touchpoints", touchpoint, {
            "name": f"Touchpoint {touchpoint[-5:]}",
            "purpose": paragraph(rng, 3),
            "audiences": some(audiences, 1, 2),
            "vehicle": rng.choice(["meeting", "newsletter", "training", "one-to-one", "event"]),
            "cadence": rng.choice(["weekly", "monthly", "quarterly", "yearly"]),
            "starts": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "run_by": rng.choice(ids["roles"]),
            "connection": rng.choice(["operational", "personal", "strategic"]),
            "time": f"{rng.randint(8, 16):02d}:00",
            "duration_minutes": rng.choice([30, 60, 90]),
        })  # fmt: skip
    for tactic in ids["tactics"]:
        write("tactics", tactic, {
            "name": f"Tactic {tactic[-5:]}",
            "goal": sentence(rng, 12),
            "when_to_use": paragraph(rng, 3),
            "audiences": some(audiences, 1, 3),
            "connection": rng.choice(["operational", "personal", "strategic"]),
            "effort": rng.choice(["low", "medium", "high"]),
            "steps": bullets(rng, 5),
            "signs_of_success": bullets(rng, 3),
            "challenges": some(ids["challenges"], 1, 3),
        })  # fmt: skip
    for challenge in ids["challenges"]:
        write("challenges", challenge, {
            "question": f"Question {challenge[-5:]}: " + sentence(rng, 8),
            "symptoms": bullets(rng, 3),
            "answer": paragraph(rng, 5),
            "audiences": some(audiences, 1, 2),
            "tactics": some(ids["tactics"], 1, 3),
        })  # fmt: skip
    counts["roles"] += 7
    counts["audiences"] = len(audiences)
    return counts


if __name__ == "__main__":
    import sys

    print(generate(Path(sys.argv[1]), int(sys.argv[2])))
