"""The touchpoint calendar as iCalendar files (RFC 5545): one recurring event per touchpoint
whose dates are known (a start and a fixed cadence); nothing is dated for the others.

Events and calendars are named from the content (a touchpoint's name and purpose, the PMO's and
the audiences' names); the category, a vehicle, is said in the site's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import icalendar
from icalendar import vCategory, vDDDTypes, vDuration, vRecur, vText

from ..content.dates import add_months
from ..content.model import UNDATED_CADENCES, Playbook, Touchpoint
from ..content.walker import choices
from . import sitemap

#: Cadence -> (RRULE frequency, interval), for each fixed cadence the model allows, in its order.
RECURRENCE = dict(
    zip(
        [cadence for cadence in choices(Touchpoint, "cadence") if cadence not in UNDATED_CADENCES],
        [
            ("DAILY", 1),
            ("WEEKLY", 1),
            ("WEEKLY", 2),
            ("MONTHLY", 1),
            ("MONTHLY", 3),
            ("MONTHLY", 6),
            ("YEARLY", 1),
        ],
        strict=True,
    )
)


def render_all(playbook: Playbook, word: Callable[[str], str]) -> dict[str, bytes]:
    """The whole calendar and one per audience; `word` says an allowed value (a vehicle) in
    the site's language."""
    touchpoints = sorted((t for t in playbook.touchpoints.values() if t.dated), key=lambda t: t.id)
    # Each event is serialised once and shared by the full calendar and its audiences' ones.
    events = {t.id: event(playbook, t, word).to_ical() for t in touchpoints}
    files = {
        sitemap.CALENDAR_FILE: calendar_bytes(list(events.values()), playbook.settings.pmo_name)
    }
    for audience in playbook.audiences.values():
        chosen = [events[t.id] for t in touchpoints if audience.id in t.audiences]
        name = f"{playbook.settings.pmo_name} — {audience.name}"
        files[sitemap.audience_calendar(audience.id)] = calendar_bytes(chosen, name)
    return files


def calendar_bytes(events: list[bytes], name: str) -> bytes:
    """A VCALENDAR holding the given serialised VEVENTs, after its own properties."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//PMO Playbook//playbook-gen//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", vText(_one_line(name)))
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head + b"".join(events) + b"END:VCALENDAR" + end


def event(
    playbook: Playbook, touchpoint: Touchpoint, word: Callable[[str], str]
) -> icalendar.Event:
    # Properties are given as icalendar's typed values: `add` would work out each type again.
    item = icalendar.Event()
    domain = "".join(ch for ch in playbook.settings.organisation.lower() if ch.isalnum()) or "pmo"
    item["uid"] = vText(f"{touchpoint.id}@{domain}.pmo-playbook")
    # A fixed stamp keeps the file identical between builds of the same content.
    stamp_day = touchpoint.reviewed or touchpoint.starts
    item["dtstamp"] = vDDDTypes(dt.datetime.combine(stamp_day, dt.time(), tzinfo=dt.timezone.utc))
    item["summary"] = vText(_one_line(touchpoint.name))
    item["description"] = vText(_one_line(touchpoint.purpose))
    item["categories"] = vCategory([word(touchpoint.vehicle)])
    start = start_of(touchpoint)
    item["dtstart"] = vDDDTypes(start)
    if isinstance(start, dt.datetime):
        item["duration"] = vDuration(dt.timedelta(minutes=touchpoint.duration_minutes or 60))
    frequency, interval = RECURRENCE[touchpoint.cadence]
    rule = {"freq": frequency}
    if interval > 1:
        rule["interval"] = interval
    item["rrule"] = vRecur(rule)
    return item


def start_of(touchpoint: Touchpoint) -> dt.date | dt.datetime:
    """A timed start (floating local time) when a time is given, else an all-day date."""
    if touchpoint.time:
        hour, minute = parse_time(touchpoint.time)
        return dt.datetime.combine(touchpoint.starts, dt.time(hour, minute))
    return touchpoint.starts


def parse_time(text: str) -> tuple[int, int]:
    hour, _, minute = text.partition(":")
    return int(hour), int(minute)


def next_occurrence(touchpoint: Touchpoint, today: dt.date) -> dt.date | None:
    """The first occurrence on or after `today` (the start itself if it is later); None when
    the touchpoint's dates are not known."""
    if not touchpoint.dated:
        return None
    day = touchpoint.starts
    frequency, interval = RECURRENCE[touchpoint.cadence]
    step = 0
    while day < today:
        step += 1
        if frequency == "DAILY":
            day = touchpoint.starts + dt.timedelta(days=interval * step)
        elif frequency == "WEEKLY":
            day = touchpoint.starts + dt.timedelta(weeks=interval * step)
        else:
            months = interval * step * (12 if frequency == "YEARLY" else 1)
            day = add_months(touchpoint.starts, months)
    return day


def _one_line(text: str) -> str:
    """Text for a calendar property: one line (icalendar folds and escapes the rest)."""
    return " ".join(text.split())
