"""The content model: one class per content kind, one documented attribute per field.

These declarations are the single source of truth: validation, the JSON Schema, `new` and the
change digest all read them through `walker.py`, and each class's registration (`kinds.py`) says
where its files and pages live. A field is required when it has no default. `Annotated` metadata says what a field means (`Doc`),
that it is Markdown (`Markdown`), or that it names an entry of another collection (`Ref`).
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from ..problems import Location
from ..text import N_
from .kinds import FILES, KINDS, Column, collection, single_file

if TYPE_CHECKING:
    from .translations import Translations


@dataclass(frozen=True)
class Doc:
    """The one-line description of a field, shown in errors, schemas and editors."""

    text: str


@dataclass(frozen=True)
class Markdown:
    """Marks a text field whose value is rendered as Markdown."""


@dataclass(frozen=True)
class Ref:
    """Marks a value that is the id of an entry in another collection (or 'raci-activities')."""

    collection: str


@dataclass(frozen=True)
class Pattern:
    """Marks a text field whose value must match `regex`; `wanted` tells an editor what fits,
    `example` is one that does (what `new` writes), `code` the problem's code."""

    regex: str
    wanted: str
    example: str
    code: str


@dataclass(frozen=True)
class OneLine:
    """Marks text that is a single line (a name, a title, a period): a line break is an error."""


@dataclass(frozen=True)
class Unique:
    """Marks a value no two entries of a kind share (within the group the field `within` names):
    a phase's place in its life cycle, the phase a gate ends."""

    within: str | None = None


@dataclass(frozen=True)
class Keyed:
    """How a mapping may also be written as a list, one item per key: `key` names the item's
    field holding the key, and `value` the field holding a plain value (for a record, its own
    fields are the item's). Forms such as the CMS's edit lists, never mappings."""

    key: str = "id"
    value: str = "value"


#: Names, titles and other one-line text; plain text without it may run over lines.
LINE = OneLine()


@dataclass(frozen=True)
class Range:
    """Marks a whole number that must lie from `low` to `high`, both included."""

    low: int
    high: int


ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
#: A time of day, 24-hour: validated here, read by the calendar, given to editors by the schema.
TIME = Pattern(
    r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
    "a 24-hour time as HH:MM, e.g. '09:30'",
    example="09:30",
    code="invalid-time",
)

#: Addresses and numbers that build links: checked as what they are, so that a web address typed
#: into `email` is an error rather than a broken link, and no link runs a script.
WEB_ADDRESS = Pattern(
    r"^https?://[^\s\"'<>`\\]+$",
    "a web address starting with https:// (or http://)",
    example="https://git.example.org/pmo/playbook",
    code="invalid-url",
)
EDIT_PATH = Pattern(
    r"^[A-Za-z0-9._~!$&()*+,;=@%/-]*$",
    "a path such as 'edit/main/', without spaces, quotes or ':'",
    example="edit/main/",
    code="invalid-url",
)
EMAIL = Pattern(
    r"^[^@\s\"'<>()\[\]:;,\\]+@[^@\s\"'<>()\[\]:;,\\]+\.[^@\s\"'<>()\[\]:;,\\.]+$",
    "an e-mail address such as 'pmo@example.org'",
    example="pmo@example.org",
    code="invalid-email",
)
PHONE = Pattern(
    r"^\+?[0-9][0-9 ().\-/]*[0-9]( ?(ext\.?|x) ?[0-9]+)?$",
    "a telephone number such as '+44 117 496 0210'",
    example="+44 117 496 0210",
    code="invalid-phone",
)

#: A file of content/pages/ named from a field: a relative path, no way out of the folder.
LIBRARY_FILE = Pattern(
    r"^(?!/)(?!.*(^|/)\.\.?(/|$))[A-Za-z0-9._~ ()+,-]+(/[A-Za-z0-9._~ ()+,-]+)*$",
    "a path inside content/pages/, such as 'library/business-case.docx'",
    example="library/business-case.docx",
    code="invalid-url",
)

Connection = Literal["operational", "personal", "strategic"]
#: How often something recurs. The fixed cadences have dates (calendar events, "Next"); the
#: others have none, and nothing is dated for them.
Cadence = Literal[
    "daily",
    "weekly",
    "fortnightly",
    "monthly",
    "quarterly",
    "half-yearly",
    "yearly",
    "event-driven",
    "on-request",
]
UNDATED_CADENCES = ("event-driven", "on-request")
KpiCadence = Literal["weekly", "fortnightly", "monthly", "quarterly", "half-yearly", "yearly"]
OfficeType = Literal["enterprise", "departmental", "project"]
Effort = Literal["low", "medium", "high"]
Vehicle = Literal[
    "meeting",
    "forum",
    "workshop",
    "newsletter",
    "e-mail",
    "report",
    "dashboard",
    "community-of-practice",
    "training",
    "one-to-one",
    "intranet",
    "event",
]
#: How a service reaches a project: imposed by policy or law, asked for, or used unaided.
ServiceKind = Literal["mandatory", "on-request", "self-service"]
RaciLetter = Literal["R", "A", "C", "I"]

MD = Markdown()


class Record:
    """Base of every declared class: remembers where the mapping and each of its fields came from."""

    #: Optional fields of which an entry must give at least one (say, some way to reach a person).
    ONE_OF: ClassVar[tuple[str, ...]] = ()

    source: Location
    #: field name -> the YAML mark (0-based line and column) of its value; (field, index or key)
    #: -> the mark of that item. Marks are kept as the parser made them, since a Location is
    #: needed only for the few values a message is about.
    locations: dict[object, Any]

    def contradictions(self) -> Iterator[tuple[str, str]]:
        """(field, message) for each field that contradicts another of the same record; a
        class whose fields can disagree says how."""
        return iter(())

    def where(self, *key: object) -> Location:
        """The location of a field or item, falling back to the mapping it belongs to."""
        found = self.locations.get(key[0] if len(key) == 1 else key) or self.locations.get(key[0])
        if found is None:
            return self.source
        return Location(self.source.path, found.line + 1, found.column + 1)


@dataclass
class Reviewable(Record):
    owner: Annotated[str | None, LINE, Doc("Who keeps this content current (a person or team)")] = (
        None
    )
    reviewed: Annotated[dt.date | None, Doc("When the content was last reviewed (YYYY-MM-DD)")] = (
        None
    )


# --- top-level files -------------------------------------------------------------------------


@dataclass
class Measure(Record):
    name: Annotated[str, LINE, Doc("What is measured, e.g. 'Estimated whole-life cost'")]
    unit: Annotated[str | None, LINE, Doc("Its unit, e.g. '£' or 'months'")] = None
    question: Annotated[
        str | None, LINE, Doc("The question a sponsor answers, e.g. 'What will it cost?'")
    ] = None


@dataclass
class Contact(Record):
    ONE_OF = ("email", "phone", "web", "chat", "location")

    email: Annotated[str | None, EMAIL, Doc("E-mail address to reach the PMO")] = None
    name: Annotated[str | None, LINE, Doc("Name of the person or team to contact")] = None
    phone: Annotated[str | None, PHONE, Doc("Telephone number")] = None
    web: Annotated[
        str | None, WEB_ADDRESS, Doc("A web page or form for reaching the PMO, e.g. a service desk")
    ] = None
    chat: Annotated[str | None, LINE, Doc("Chat channel, e.g. a Teams or Slack channel")] = None
    location: Annotated[str | None, LINE, Doc("Where to find the PMO in person")] = None


#: A repository on a Git host: owner (or group, subgroups included) and name.
REPOSITORY = Pattern(
    r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$",
    "the repository as owner/name, e.g. 'pmo/playbook'",
    example="pmo/playbook",
    code="invalid-repository",
)
#: A branch name as Git allows it, kept to the characters branch names are made of in practice.
BRANCH = Pattern(
    r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$",
    "a branch name such as 'main'",
    example="main",
    code="invalid-branch",
)
GitHost = Literal["github", "gitlab", "gitea"]
#: A language as BCP 47 writes it: 'fr', 'de-CH', 'pt-BR'.
LANGUAGE = Pattern(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    "a language code such as 'en', 'fr' or 'de-CH'",
    example="fr",
    code="invalid-language",
)


@dataclass
class Editing(Record):
    """Editing in the browser (Decap CMS at /admin/): where the repository is, how changes land."""

    backend: Annotated[GitHost, Doc("The Git host: github, gitlab or gitea")]
    repo: Annotated[str, REPOSITORY, Doc("The repository on that host, as owner/name")]
    branch: Annotated[str, BRANCH, Doc("The branch the site is published from")] = "main"
    base_url: Annotated[
        str | None,
        WEB_ADDRESS,
        Doc("The host's address when it is not github.com or gitlab.com (self-hosted, Gitea)"),
    ] = None
    api_root: Annotated[
        str | None,
        WEB_ADDRESS,
        Doc("The host's API address, e.g. 'https://git.example.org/api/v1' for Gitea"),
    ] = None
    app_id: Annotated[
        str | None,
        LINE,
        Doc("The OAuth application id registered on GitLab or Gitea, for signing in"),
    ] = None
    pull_requests: Annotated[
        bool, Doc("Whether each change becomes a branch with a pull request (else a commit)")
    ] = True
    in_site: Annotated[bool, Doc("Whether the build adds the editing pages at /admin/")] = True
    local_server: Annotated[
        str,
        WEB_ADDRESS,
        Doc(
            "The address of decap-server, for editing a working copy from a preview on this computer"
        ),
    ] = "http://localhost:8081/api/v1"

    def contradictions(self) -> Iterator[tuple[str, str]]:
        host = {"github": "GitHub", "gitlab": "GitLab", "gitea": "Gitea"}[self.backend]
        if self.backend in ("gitlab", "gitea") and not self.app_id:
            yield (
                "backend",
                f"signing in with {host} needs the id of an OAuth application registered on it"
                " for the playbook: add 'app_id' (see 'How to edit this playbook')",
            )
        if self.backend == "gitea" and not self.base_url:
            yield (
                "backend",
                "Gitea has no address of its own: add 'base_url', e.g. 'https://gitea.example.org'",
            )


@single_file(name="playbook", title="Settings", attribute="settings")
@dataclass
class Settings(Reviewable):
    """playbook.yml: who the PMO is and how the site is kept."""

    organisation: Annotated[str, LINE, Doc("Name of the organisation")] = field(kw_only=True)
    pmo_name: Annotated[str, LINE, Doc("Name of the PMO, as readers know it")] = field(kw_only=True)
    contact: Annotated[Contact, Doc("How to reach the PMO")] = field(kw_only=True)
    tagline: Annotated[str | None, LINE, Doc("One line under the PMO's name on the home page")] = (
        None
    )
    repository_url: Annotated[
        str | None, WEB_ADDRESS, Doc("Web address of the repository, for 'edit the source' links")
    ] = None
    edit_uri: Annotated[
        str,
        EDIT_PATH,
        Doc("Path from the repository URL to a file's edit view, e.g. 'edit/main/'"),
    ] = "edit/main/"
    review_every_months: Annotated[
        int, Range(1, 120), Doc("Content not reviewed for this many months is reported as stale")
    ] = 6
    measures: Annotated[
        dict[Annotated[str, Ref("_id")], Measure],
        Keyed("id"),
        Doc("Measure id -> what project classes are decided on (cost, duration, risk score)"),
    ] = field(default_factory=dict)
    we_serve: Annotated[
        str,
        LINE,
        Doc("Whom the PMO serves, as headings name them: 'How this helps the business'"),
    ] = "the business"
    editing: Annotated[
        Editing | None, Doc("Editing in the browser: the Git host and repository (see /admin/)")
    ] = None
    languages: Annotated[
        list[Annotated[str, LANGUAGE]],
        Doc(
            "The site's languages, the entries' own first (e.g. [en, fr]); each other language "
            "gets its site from translation files such as 'risk-review.fr.yml'"
        ),
    ] = field(default_factory=list)


@dataclass
class ScopeItem(Record):
    item: Annotated[str, LINE, Doc("Something the PMO does")]
    detail: Annotated[str | None, MD, Doc("More about it")] = None


@dataclass
class OutOfScopeItem(Record):
    item: Annotated[str, LINE, Doc("Something the PMO does not do")]
    instead: Annotated[str, MD, Doc("Where to go instead")]


@dataclass
class Priorities(Record):
    period: Annotated[str, LINE, Doc("The period, e.g. '2026 H2'")]
    starts: Annotated[dt.date, Doc("First day of the period; the latest period is current")]
    items: Annotated[list[str], Doc("The priorities for the period")]


@dataclass
class Kpi(Record):
    name: Annotated[str, LINE, Doc("Name of the indicator")]
    definition: Annotated[str, Doc("What is measured and how")]
    target: Annotated[str, LINE, Doc("The value aimed for")]
    cadence: Annotated[KpiCadence, Doc("How often it is measured")]


@dataclass
class Comparison(Record):
    topic: Annotated[str, LINE, Doc("The point compared")]
    pmo: Annotated[str, Doc("How the PMO stands on it")]
    project_manager: Annotated[str, Doc("How a project manager stands on it")]


@single_file(name="mandate", title="Mandate")
@dataclass
class Mandate(Reviewable):
    """mandate.yml: why the PMO exists, what it does and does not do."""

    summary: Annotated[str, MD, Doc("The mandate in brief")] = field(kw_only=True)
    created_because: Annotated[list[str], Doc("The problems the PMO was created to solve")] = field(
        kw_only=True
    )
    sponsored_by: Annotated[str, LINE, Doc("Who sponsors the PMO")] = field(kw_only=True)
    reports_to: Annotated[str, LINE, Doc("Whom the PMO reports to")] = field(kw_only=True)
    objectives: Annotated[list[str], Doc("What the PMO does")] = field(kw_only=True)
    benefits: Annotated[list[str], Doc("How that helps those the PMO serves")] = field(kw_only=True)
    in_scope: Annotated[list[ScopeItem], Doc("What is in the PMO's remit")] = field(kw_only=True)
    out_of_scope: Annotated[
        list[OutOfScopeItem], Doc("What the PMO does not do, and where to go instead")
    ] = field(kw_only=True)
    priorities: Annotated[
        list[Priorities], Doc("Priorities per period; earlier periods are kept as history")
    ] = field(default_factory=list)
    kpis: Annotated[list[Kpi], Doc("Indicators the PMO monitors")] = field(default_factory=list)
    pmo_vs_project_manager: Annotated[
        list[Comparison], Doc("The PMO beside the project manager, point by point")
    ] = field(default_factory=list)
    legal_basis: Annotated[
        str | None, MD, Doc("The law, policy or decision that sets up the PMO and gives it powers")
    ] = None
    history: Annotated[str | None, MD, Doc("How the PMO came to be and how it has changed")] = None


@dataclass
class RaciActivity(Record):
    name: Annotated[str, LINE, Doc("Name of the activity")]
    assignments: Annotated[
        dict[Annotated[str, Ref("roles")], RaciLetter],
        Keyed("role", "letter"),
        Doc("Role id -> R (responsible), A (accountable), C (consulted) or I (informed)"),
    ]
    description: Annotated[str | None, Doc("What the activity covers")] = None
    phases: Annotated[
        list[Annotated[str, Ref("phases")]],
        Doc("The phases of the project life cycle it happens in"),
    ] = field(default_factory=list)


@single_file(name="raci", title="RACI")
@dataclass
class Raci(Reviewable):
    """raci.yml: who is responsible, accountable, consulted and informed for each activity."""

    roles: Annotated[list[Annotated[str, Ref("roles")]], Doc("The roles shown as columns")] = field(
        kw_only=True
    )
    activities: Annotated[
        dict[Annotated[str, Ref("_id")], RaciActivity],
        Keyed("id"),
        Doc("Activity id -> its assignments"),
    ] = field(kw_only=True)


@dataclass
class Term(Record):
    term: Annotated[str, LINE, Doc("The term as written in full")]
    definition: Annotated[str, Doc("What it means, in plain words")]
    abbreviation: Annotated[
        str | None, LINE, Doc("Its abbreviation, explained on hover site-wide")
    ] = None


@single_file(name="glossary", title="Glossary")
@dataclass
class Glossary(Reviewable):
    """glossary.yml: terms and abbreviations."""

    terms: Annotated[list[Term], Doc("The terms, in any order")] = field(kw_only=True)


# --- collections: one file per entry, the file name is the id ---------------------------------


@dataclass
class Entry(Reviewable):
    """An entry of a collection; `id` and `path` come from its file, not from its fields."""

    id: str = field(default="", init=False, metadata={"from_file": True})
    path: str = field(default="", init=False, metadata={"from_file": True})


@dataclass
class OfficeContact(Record):
    ONE_OF = ("email", "phone")

    name: Annotated[str, LINE, Doc("The person's name")]
    role: Annotated[str, Ref("roles"), Doc("Their role")]
    email: Annotated[str | None, EMAIL, Doc("Their e-mail address")] = None
    phone: Annotated[str | None, PHONE, Doc("Their telephone number")] = None


@collection(
    folder="offices",
    singular="office",
    title=N_("PMO types and offices"),
    pages="offices",
    template="office.md.j2",
    listing="offices.md.j2",
    per_page=None,
    lists_related=("offices", "services"),
)
@dataclass
class Office(Entry):
    """offices/: a PMO of this organisation."""

    name: Annotated[str, LINE, Doc("Name of the office")] = field(kw_only=True)
    type: Annotated[OfficeType, Doc("enterprise, departmental (or portfolio) or project")] = field(
        kw_only=True
    )
    summary: Annotated[str, LINE, Doc("One line on what it is")] = field(kw_only=True)
    scope: Annotated[str, MD, Doc("What it covers")] = field(kw_only=True)
    reports_to: Annotated[str, LINE, Doc("Whom it reports to")] = field(kw_only=True)
    parent: Annotated[str | None, Ref("offices"), Doc("The office it sits under")] = None
    services: Annotated[list[Annotated[str, Ref("services")]], Doc("Services it offers")] = field(
        default_factory=list
    )
    contacts: Annotated[list[OfficeContact], Doc("People to contact")] = field(default_factory=list)


@dataclass
class Skill(Record):
    name: Annotated[str, LINE, Doc("The skill, e.g. diplomacy")]
    why: Annotated[str, Doc("Why the role needs it")]


@collection(
    folder="roles",
    singular="role",
    title=N_("Roles"),
    pages="roles",
    template="role.md.j2",
    listing="roles.md.j2",
    # Roles in the PMO first, so each page of a long listing groups them the same way.
    order=lambda role: (not role.in_pmo, role.name),
    lists_related=("services", "touchpoints", "audiences", "offices"),
)
@dataclass
class Role(Entry):
    """roles/: a role that works in or with the PMO."""

    name: Annotated[str, LINE, Doc("Name of the role")] = field(kw_only=True)
    summary: Annotated[str, LINE, Doc("One line on the role")] = field(kw_only=True)
    purpose: Annotated[str, MD, Doc("Why the role exists")] = field(kw_only=True)
    responsibilities: Annotated[list[str], Doc("What the role does")] = field(kw_only=True)
    works_with_pmo: Annotated[str, MD, Doc("How the role works with the PMO")] = field(kw_only=True)
    skills: Annotated[list[Skill], Doc("Skills the role relies on")] = field(default_factory=list)
    in_pmo: Annotated[bool, Doc("Whether this is a role inside the PMO")] = False
    phases: Annotated[
        list[Annotated[str, Ref("phases")]],
        Doc("The phases of the project life cycle where the role meets the PMO"),
    ] = field(default_factory=list)


@collection(
    folder="services",
    singular="service",
    title=N_("Services"),
    pages="services",
    template="service.md.j2",
    listing="services.md.j2",
    columns=(
        Column(N_("Service"), "name"),
        Column(N_("What it is"), "summary"),
        Column(N_("Tier"), "tier"),
        Column(N_("For"), "audiences", filter="for"),
        Column(N_("Turnaround"), "turnaround"),
        Column(N_("Owned by"), "owner_role", filter="owner"),
    ),
    # Mandatory controls, then what you ask for, then self-service; in each the declared
    # position (a tier ladder reads in its own order), then by name.
    order=lambda service: (
        SERVICE_KINDS.index(service.kind),
        service.position is None,
        service.position or 0,
        service.name,
    ),
    lists_related=("offices",),
    apart=lambda service: service.kind == "mandatory",
)
@dataclass
class Service(Entry):
    """services/: a service of the PMO's catalogue, or a control every project must go through."""

    name: Annotated[str, LINE, Doc("Name of the service")] = field(kw_only=True)
    summary: Annotated[str, LINE, Doc("One line on what it is")] = field(kw_only=True)
    description: Annotated[str, MD, Doc("What the service is")] = field(kw_only=True)
    audiences: Annotated[list[Annotated[str, Ref("audiences")]], Doc("Who it is for")] = field(
        kw_only=True
    )
    owner_role: Annotated[str, Ref("roles"), Doc("The role that owns the service")] = field(
        kw_only=True
    )
    kind: Annotated[
        ServiceKind,
        Doc(
            "mandatory (a control set by policy or law), on-request (you ask for it) or"
            " self-service (you use it yourself)"
        ),
    ] = "on-request"
    applies_when: Annotated[
        str | None, MD, Doc("Which projects or situations it applies to, e.g. 'over 500 K'")
    ] = None
    you_get: Annotated[list[str], Doc("What you get")] = field(default_factory=list)
    you_do: Annotated[list[str], Doc("What the project or client must do or provide")] = field(
        default_factory=list
    )
    how_to_request: Annotated[
        str | None, MD, Doc("How to ask for it (not for mandatory controls, which nobody asks for)")
    ] = None
    turnaround: Annotated[str | None, LINE, Doc("Typical turnaround, e.g. '5 working days'")] = None
    cost: Annotated[
        str | None, LINE, Doc("What it costs and who pays, e.g. 'free to projects'")
    ] = None
    tier: Annotated[str | None, LINE, Doc("The tier or level it belongs to, e.g. 'Enable'")] = None
    position: Annotated[
        int | None,
        Range(1, 999),
        Doc("Its place in the listing, lowest first; services without one follow, by name"),
    ] = None

    def contradictions(self) -> Iterator[tuple[str, str]]:
        if self.kind == "mandatory" and self.how_to_request:
            yield (
                "how_to_request",
                "a mandatory control is not requested: remove 'how_to_request' and say in"
                " 'you_do' what projects must do, or make the service 'on-request'",
            )

    activities: Annotated[
        list[Annotated[str, Ref("raci-activities")]], Doc("RACI activities the service covers")
    ] = field(default_factory=list)
    phases: Annotated[
        list[Annotated[str, Ref("phases")]], Doc("The phases of the project life cycle it serves")
    ] = field(default_factory=list)
    classes: Annotated[
        list[Annotated[str, Ref("classes")]],
        Doc("The project classes it applies to; none means it does not depend on the class"),
    ] = field(default_factory=list)


@collection(
    folder="audiences",
    singular="audience",
    title=N_("For you"),
    pages="for-you",
    template="audience.md.j2",
    listing="audiences.md.j2",
    per_page=None,
    lists_related=("services", "touchpoints", "tactics", "challenges"),
)
@dataclass
class Audience(Entry):
    """audiences/: a stakeholder group of the PMO's network."""

    name: Annotated[str, LINE, Doc("Name of the group")] = field(kw_only=True)
    summary: Annotated[str, LINE, Doc("One line for the 'start here' links")] = field(kw_only=True)
    who: Annotated[str, MD, Doc("Who belongs to the group")] = field(kw_only=True)
    connection: Annotated[
        Connection, Doc("Kind of connection: operational, personal, strategic")
    ] = field(kw_only=True)
    whats_in_it_for_you: Annotated[list[str], Doc("What the group gains from the PMO")] = field(
        kw_only=True
    )
    we_need_from_you: Annotated[list[str], Doc("What the PMO needs from the group")] = field(
        kw_only=True
    )
    contact_role: Annotated[str, Ref("roles"), Doc("The role this group should contact")] = field(
        kw_only=True
    )


@dataclass
class Decision(Record):
    decision: Annotated[str, LINE, Doc("What the forum decides, e.g. 'approves business cases'")]
    threshold: Annotated[
        str | None, LINE, Doc("When it decides it, e.g. 'projects over 500 K'")
    ] = None


@collection(
    folder="touchpoints",
    singular="touchpoint",
    title=N_("Touchpoints"),
    pages="engagement/touchpoints",
    template="touchpoint.md.j2",
    listing="calendar.md.j2",
    listing_page="engagement/calendar.md",
)
@dataclass
class Touchpoint(Entry):
    """touchpoints/: a way the PMO keeps in touch: a meeting, a forum, a report, an event."""

    name: Annotated[str, LINE, Doc("Name of the touchpoint")] = field(kw_only=True)
    purpose: Annotated[str, MD, Doc("What it is for")] = field(kw_only=True)
    audiences: Annotated[list[Annotated[str, Ref("audiences")]], Doc("Who it is for")] = field(
        kw_only=True
    )
    vehicle: Annotated[Vehicle, Doc("How it happens")] = field(kw_only=True)
    cadence: Annotated[
        Cadence, Doc("How often it happens; event-driven or on-request when it has no fixed rhythm")
    ] = field(kw_only=True)
    cadence_note: Annotated[
        str | None, LINE, Doc("What changes the cadence, e.g. 'monthly while off target'")
    ] = None
    starts: Annotated[
        dt.date | None, Doc("Date of the first occurrence, when known (dates the calendar)")
    ] = None
    decisions: Annotated[
        list[Decision], Doc("For a governance forum: what it decides, and from what threshold")
    ] = field(default_factory=list)
    run_by: Annotated[str, Ref("roles"), Doc("The role that runs it")] = field(kw_only=True)
    connection: Annotated[Connection, Doc("Kind of connection it builds")] = field(kw_only=True)
    time: Annotated[str | None, TIME, Doc("Start time, HH:MM (local time)")] = None
    duration_minutes: Annotated[
        int | None, Range(1, 1440), Doc("How long it lasts, in minutes")
    ] = None
    phases: Annotated[
        list[Annotated[str, Ref("phases")]],
        Doc("The phases of the project life cycle it belongs to"),
    ] = field(default_factory=list)

    def contradictions(self) -> Iterator[tuple[str, str]]:
        if self.starts and self.cadence in UNDATED_CADENCES:
            yield (
                "starts",
                f"a touchpoint held {self.cadence.replace('-', ' ')} has no start date to"
                " repeat: remove 'starts', or give a fixed cadence such as 'monthly'",
            )

    @property
    def dated(self) -> bool:
        """Whether its dates are known: a start and a fixed cadence (else none is invented)."""
        return self.starts is not None and self.cadence not in UNDATED_CADENCES


@collection(
    folder="tactics",
    singular="tactic",
    title=N_("Tactics"),
    pages="engagement/tactics",
    template="tactic.md.j2",
    listing="tactics.md.j2",
    columns=(
        Column(N_("Tactic"), "name"),
        Column(N_("Goal"), "goal"),
        Column(N_("Involves"), "audiences", filter="for"),
        Column(N_("Connection"), "connection", filter="connection"),
        Column(N_("Effort"), "effort", filter="effort"),
    ),
    lists_related=("challenges",),
)
@dataclass
class Tactic(Entry):
    """tactics/: an engagement play."""

    name: Annotated[str, LINE, Doc("Name of the tactic")] = field(kw_only=True)
    goal: Annotated[str, LINE, Doc("What it achieves")] = field(kw_only=True)
    when_to_use: Annotated[str, MD, Doc("When to use it")] = field(kw_only=True)
    audiences: Annotated[list[Annotated[str, Ref("audiences")]], Doc("Who it involves")] = field(
        kw_only=True
    )
    connection: Annotated[Connection, Doc("Kind of connection it builds")] = field(kw_only=True)
    effort: Annotated[Effort, Doc("low, medium or high")] = field(kw_only=True)
    steps: Annotated[list[str], Doc("How to do it")] = field(kw_only=True)
    signs_of_success: Annotated[list[str], Doc("How you know it works")] = field(kw_only=True)
    challenges: Annotated[list[Annotated[str, Ref("challenges")]], Doc("Challenges it answers")] = (
        field(default_factory=list)
    )


@collection(
    folder="challenges",
    singular="challenge",
    title=N_("Challenges"),
    pages="challenges",
    template="challenge.md.j2",
    listing="challenges.md.j2",
    title_field="question",
    # Challenges are listed with their whole answers, so fewer fit on a page.
    per_page=8,
    lists_related=("tactics",),
)
@dataclass
class Challenge(Entry):
    """challenges/: a common misunderstanding or problem, and the answer."""

    question: Annotated[str, LINE, Doc("The question or complaint, as people put it")] = field(
        kw_only=True
    )
    symptoms: Annotated[list[str], Doc("How it shows")] = field(default_factory=list)
    answer: Annotated[str, MD, Doc("The answer")] = field(kw_only=True)
    audiences: Annotated[list[Annotated[str, Ref("audiences")]], Doc("Who it concerns")] = field(
        default_factory=list
    )
    tactics: Annotated[list[Annotated[str, Ref("tactics")]], Doc("Tactics that help")] = field(
        default_factory=list
    )


# --- the method: life cycles, their phases and gates, project classes, the library ------------


@collection(
    folder="lifecycles",
    singular="life cycle",
    title=N_("How projects run here"),
    pages="how-projects-run",
    template="lifecycle.md.j2",
    optional=True,
    listing="lifecycles.md.j2",
    order=lambda lifecycle: (lifecycle.position is None, lifecycle.position or 0, lifecycle.name),
    per_page=None,
    lists_related=("phases", "classes"),
)
@dataclass
class Lifecycle(Entry):
    """lifecycles/: a project life cycle (an approach), whose phases name it."""

    name: Annotated[str, LINE, Doc("Name of the life cycle, e.g. 'Standard' or 'Agile'")] = field(
        kw_only=True
    )
    summary: Annotated[str, LINE, Doc("One line on what it is")] = field(kw_only=True)
    description: Annotated[str | None, MD, Doc("More about it")] = None
    when_to_use: Annotated[str | None, MD, Doc("Which projects follow it")] = None
    position: Annotated[
        int | None, Range(1, 99), Unique(), Doc("Its place among the life cycles, lowest first")
    ] = None


@dataclass
class Output(Record):
    name: Annotated[str, LINE, Doc("What the phase produces, e.g. 'Business case'")]
    provided_by: Annotated[str | None, Ref("roles"), Doc("The role that provides it")] = None
    classes: Annotated[
        list[Annotated[str, Ref("classes")]],
        Doc("The project classes that need it; none means every project"),
    ] = field(default_factory=list)
    document: Annotated[
        str | None, Ref("documents"), Doc("Its template or guide in the library")
    ] = None


@collection(
    folder="phases",
    singular="phase",
    title=N_("Phases"),
    pages="how-projects-run/phases",
    template="phase.md.j2",
    optional=True,
    # A life cycle's phases in their order, life cycle after life cycle.
    order=lambda phase: (phase.lifecycle, phase.position),
    per_page=None,
    lists_related=("gates", "documents", "services", "touchpoints", "roles", "lifecycles"),
)
@dataclass
class Phase(Entry):
    """phases/: a phase of a project life cycle, in its place; a gate may end it."""

    name: Annotated[str, LINE, Doc("Name of the phase, e.g. 'Initiate'")] = field(kw_only=True)
    lifecycle: Annotated[str, Ref("lifecycles"), Doc("The life cycle it belongs to")] = field(
        kw_only=True
    )
    position: Annotated[
        int, Range(1, 99), Unique(within="lifecycle"), Doc("Its place in the life cycle: 1 first")
    ] = field(kw_only=True)
    purpose: Annotated[str, MD, Doc("What the phase is for")] = field(kw_only=True)
    activities: Annotated[list[str], Doc("The key activities of the phase")] = field(
        default_factory=list
    )
    outputs: Annotated[list[Output], Doc("What it produces, who provides it, who needs it")] = (
        field(default_factory=list)
    )


@collection(
    folder="gates",
    singular="gate",
    title=N_("Gates"),
    pages="how-projects-run/gates",
    template="gate.md.j2",
    optional=True,
    order=lambda gate: gate.ends,
    per_page=None,
    lists_related=("phases",),
)
@dataclass
class Gate(Entry):
    """gates/: the decision that ends a phase: who decides, on what, and what a 'no' means."""

    ONE_OF = ("decided_by", "forum")

    name: Annotated[str, LINE, Doc("Name of the gate, e.g. 'Business case approval'")] = field(
        kw_only=True
    )
    ends: Annotated[str, Ref("phases"), Unique(), Doc("The phase the gate ends")] = field(
        kw_only=True
    )
    decided_by: Annotated[str | None, Ref("roles"), Doc("The role that decides")] = None
    forum: Annotated[
        str | None, Ref("touchpoints"), Doc("The forum (a touchpoint) where it is decided")
    ] = None
    criteria: Annotated[list[str], Doc("What must be true to pass")] = field(default_factory=list)
    if_no: Annotated[str | None, MD, Doc("What happens when the answer is no")] = None
    classes: Annotated[
        list[Annotated[str, Ref("classes")]],
        Doc("The project classes that go through it; none means every project"),
    ] = field(default_factory=list)


@dataclass
class Threshold(Record):
    ONE_OF = ("at_least", "below")

    measure: Annotated[str, Ref("measures"), Doc("The measure, as declared in playbook.yml")]
    at_least: Annotated[
        int | None, Range(0, 10**15), Doc("The class starts at this value (included)")
    ] = None
    below: Annotated[
        int | None, Range(0, 10**15), Doc("The class ends below this value (not included)")
    ] = None

    def contradictions(self) -> Iterator[tuple[str, str]]:
        if self.at_least is not None and self.below is not None and self.at_least >= self.below:
            yield "below", f"'below' ({self.below}) must be more than 'at_least' ({self.at_least})"


@collection(
    folder="classes",
    singular="project class",
    title=N_("Which rules apply to my project"),
    pages="how-projects-run/classes",
    template="class.md.j2",
    optional=True,
    listing="classes.md.j2",
    order=lambda project_class: project_class.position,
    per_page=None,
    lists_related=("phases", "gates", "documents", "services", "lifecycles"),
)
@dataclass
class ProjectClass(Entry):
    """classes/: a class of project (a tailoring level) and the figures that put a project in it.

    A project belongs to the highest class any of its figures reaches.
    """

    name: Annotated[str, LINE, Doc("Name of the class, e.g. 'Light'")] = field(kw_only=True)
    summary: Annotated[str, LINE, Doc("One line on which projects it holds")] = field(kw_only=True)
    position: Annotated[
        int,
        Range(1, 99),
        Unique(),
        Doc("Its rank: 1 is the lightest; a project takes the highest it meets"),
    ] = field(kw_only=True)
    thresholds: Annotated[list[Threshold], Doc("The figures that put a project in this class")] = (
        field(default_factory=list)
    )
    description: Annotated[str | None, MD, Doc("More about projects of this class")] = None
    requires: Annotated[
        list[str], Doc("Other rules for projects of this class, in a few words each")
    ] = field(default_factory=list)


DocumentType = Literal["template", "standard", "guide", "checklist", "form", "example"]


@collection(
    folder="documents",
    singular="document",
    title=N_("Templates and standards"),
    pages="library",
    template="document.md.j2",
    optional=True,
    listing="documents.md.j2",
    columns=(
        Column(N_("Document"), "name"),
        Column(N_("What it is for"), "purpose"),
        Column(N_("Type"), "type", filter="type"),
        Column(N_("Phase"), "phases", filter="phase"),
        Column(N_("Required for"), "classes", filter="class"),
        Column(N_("Format"), "format"),
    ),
    lists_related=("phases",),
)
@dataclass
class Document(Entry):
    """documents/: a template, standard or guide of the PMO's library, and where it is."""

    ONE_OF = ("url", "file")

    name: Annotated[str, LINE, Doc("Name of the document")] = field(kw_only=True)
    purpose: Annotated[str, LINE, Doc("What it is for, in one line")] = field(kw_only=True)
    type: Annotated[DocumentType, Doc("template, standard, guide, checklist, form or example")] = (
        "template"
    )
    phases: Annotated[list[Annotated[str, Ref("phases")]], Doc("The phases it is used in")] = field(
        default_factory=list
    )
    classes: Annotated[
        list[Annotated[str, Ref("classes")]], Doc("The project classes that must use it")
    ] = field(default_factory=list)
    format: Annotated[str | None, LINE, Doc("Its format, e.g. 'Word' or 'PDF'")] = None
    url: Annotated[
        str | None, WEB_ADDRESS, Doc("Where it is kept, when not in this repository")
    ] = None
    file: Annotated[
        str | None,
        LIBRARY_FILE,
        Doc("A file in content/pages/ that the site publishes, e.g. 'library/business-case.docx'"),
    ] = None
    version: Annotated[str | None, LINE, Doc("Its version, e.g. '2.1'")] = None


SERVICE_KINDS: tuple[str, ...] = typing.get_args(ServiceKind)


def entry_name(record: object | None) -> str | None:
    """What readers call an entry (its kind's title field) or an item (its name)."""
    for kind in KINDS.values():
        if type(record) is kind.cls:
            return kind.title_of(record)
    return getattr(record, "name", None)


@dataclass
class Playbook:
    """Everything in content/, checked and cross-referenced."""

    files: dict[str, Reviewable]  # single file name -> its record
    collections: dict[str, dict[str, Entry]]  # kind's folder -> entries by id
    pages: dict[str, str] = field(default_factory=dict)  # hand-written: relative path -> source
    #: Its texts in the other languages (content/translations.py), when it has several.
    translations: Translations | None = None

    def __post_init__(self) -> None:
        # `pb.services`, `pb.mandate`, `pb.settings`: each collection and file by its name, as
        # plain attributes (templates read them on every page).
        for name in KINDS:
            self.__dict__.setdefault(name, self.collections.setdefault(name, {}))
        for name, file in FILES.items():
            if name in self.files:
                self.__dict__.setdefault(file.attribute, self.files[name])

    def collection(self, name: str) -> dict[str, Entry]:
        return self.collections.get(name, {})

    @property
    def languages(self) -> list[str]:
        """The site's languages, the entries' own first; empty for a playbook of one."""
        return list(self.settings.languages) if len(self.settings.languages) > 1 else []

    def in_language(self, language: str | None) -> Playbook:
        """The playbook as readers of `language` see it: translated texts where there are
        some, the first language's elsewhere. Itself for its first or an unknown language."""
        found = self.translations.records.get(language) if self.translations else None
        if not found:
            return self
        return Playbook(
            files={
                name: found.get(name, {}).get(name, record) for name, record in self.files.items()
            },
            collections={
                folder: {
                    entry_id: found.get(folder, {}).get(entry_id, entry)
                    for entry_id, entry in entries.items()
                }
                for folder, entries in self.collections.items()
            },
            pages=self.pages,
            translations=self.translations,
        )
