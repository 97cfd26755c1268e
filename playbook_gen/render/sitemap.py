"""The site's own pages (those no content kind declares) and the shape of the navigation.

Each kind's entry pages and listing come from its registration (`content/kinds.py`); this file
adds the pages drawn from the single files and the overview pages, and says where every kind
sits in the navigation. A kind placed nowhere here gets a section of its own, before
'What changed'.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text import N_


@dataclass(frozen=True)
class FixedPage:
    """A page the generator always writes."""

    path: str
    template: str
    title: str  # its label in the navigation
    what: str  # what it is, in messages: "the RACI matrix"
    source: str | None = None  # the single file it shows, for the 'edit the source' link
    reviewed: str | None = None  # the file whose owner and review date it shows (default: source)


FIXED_PAGES = (
    FixedPage("index.md", "home.md.j2", N_("Home"), "the home page", "playbook", "mandate"),
    FixedPage("mandate.md", "mandate.md.j2", N_("Mandate"), "the mandate", "mandate"),
    FixedPage(
        "roles/pmo-and-project-manager.md",
        "pmo-vs-pm.md.j2",
        N_("The PMO and the project manager"),
        "the comparison of the PMO and the project manager",
        "mandate",
    ),
    FixedPage("roles/raci.md", "raci.md.j2", N_("Who does what (RACI)"), "the RACI matrix", "raci"),
    FixedPage(
        "services/what-we-do-not-do.md",
        "not-our-job.md.j2",
        N_("What we do not do"),
        "the page of what the PMO does not do",
        "mandate",
    ),
    FixedPage("engagement/index.md", "network.md.j2", N_("Engagement"), "the network map"),
    FixedPage("glossary.md", "glossary.md.j2", N_("Glossary"), "the glossary", "glossary"),
    FixedPage(
        "what-changed.md", "what-changed.md.j2", N_("What changed"), "the 'What changed' page"
    ),
)


#: Files the generator writes besides pages: the diagrams, and the touchpoint calendars.
HIERARCHY_FILE = "offices/hierarchy.svg"
NETWORK_FILE = "engagement/network-map.svg"
DIAGRAMS = (HIERARCHY_FILE, NETWORK_FILE)
CALENDAR_FILE = "engagement/calendar/pmo-touchpoints.ics"
#: Each life cycle drawn from its phases and gates, in a folder of their own.
LIFECYCLE_DIAGRAMS = "how-projects-run/diagrams/"


def lifecycle_diagram(lifecycle_id: str) -> str:
    return f"{LIFECYCLE_DIAGRAMS}{lifecycle_id}.svg"


def audience_calendar(audience_id: str) -> str:
    """The calendar file of one audience's touchpoints."""
    return f"engagement/calendar/{audience_id}.ics"


@dataclass(frozen=True)
class Listing:
    """A kind's listing in the navigation (titled by its page, or by `title`)."""

    kind: str
    title: str | None = None


@dataclass(frozen=True)
class Entries:
    """A kind's entry pages in the navigation; left out when there are too many to list."""

    kind: str


#: Stands for the sections of kinds that no section below names.
OTHER_KINDS = "other kinds"
#: Stands for the hand-written pages, in the order of their paths.
HANDWRITTEN = "hand-written pages"

#: The navigation: a fixed page's path, a (title, [items]) section, or a kind's Listing/Entries.
NAVIGATION: list = [
    "index.md",
    "mandate.md",
    (N_("PMO types and offices"), [Listing("offices"), Entries("offices")]),
    (
        N_("Roles"),
        [
            Listing("roles"),
            "roles/pmo-and-project-manager.md",
            "roles/raci.md",
            Entries("roles"),
        ],
    ),
    (N_("Services"), [Listing("services"), "services/what-we-do-not-do.md", Entries("services")]),
    (
        N_("How projects run here"),
        [
            Listing("lifecycles"),
            Entries("lifecycles"),
            Listing("classes", title=N_("Which rules apply")),
            (N_("Phases"), [Listing("phases"), Entries("phases")]),
            (N_("Gates"), [Listing("gates"), Entries("gates")]),
            (N_("Project classes"), [Entries("classes")]),
        ],
    ),
    (N_("Templates and standards"), [Listing("documents"), Entries("documents")]),
    (N_("For you"), [Listing("audiences"), Entries("audiences")]),
    (
        N_("Engagement"),
        [
            "engagement/index.md",
            Listing("touchpoints", title=N_("Calendar")),
            (N_("Tactics"), [Listing("tactics"), Entries("tactics")]),
            # Touchpoints have no index of their own: the calendar lists them all.
            (N_("Touchpoints"), [Entries("touchpoints")]),
        ],
    ),
    (N_("Challenges"), [Listing("challenges"), Entries("challenges")]),
    OTHER_KINDS,
    "what-changed.md",
    "glossary.md",
    HANDWRITTEN,
]
