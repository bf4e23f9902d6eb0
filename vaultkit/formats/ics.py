"""Follow-ups in the calendar: the report and the planned interviews as iCalendar (RFC 5545).

Written with the icalendar library. Each report item from today to `days` ahead
is an all-day event with an alarm at 09:00 on its day; an item already overdue is
shown on today, so it is seen (with `todo`, VTODOs keep their own due dates, as
task lists show what is overdue themselves). Each planned interview is an event at
its time in the vault's time zone, or all day when it has no time.

Every byte depends only on the notes, the settings and the day: a UID is derived
from the note's vault-relative path, the kind of item and what it is about, and
DTSTAMP is the day's midnight (UTC). A calendar subscribed to the file updates its
items, drops the ones that are done, and two machines write the same file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import marshal
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from vaultkit.core.config import Config
from vaultkit.core.markup import plain
from vaultkit.core.model import Interview
from vaultkit.core.names import fold
from vaultkit.core.report import ReportItem, build_report
from vaultkit.core.rules import DueItem, Facts
from vaultkit.core.vault import Vault
from vaultkit.errors import USAGE, VaultError
from vaultkit.formats.registry import ExportRequest
from vaultkit.formats.report_text import next_steps, when
from vaultkit.store.atomic import write_if_changed
from vaultkit.store.parts import KeptParts

if TYPE_CHECKING:  # icalendar is imported when a calendar is made, not for a kept one
    from icalendar import Alarm, Calendar, Event, Todo

SUFFIX = ".ics"
PRODID = "-//vaultkit//vault export ics//EN"
CALENDAR_NAME = "Follow-ups"
ALARM_AT = dt.timedelta(hours=9)  # after the start of the item's day: 09:00 local time
DEFAULT_MINUTES = 30  # an interview with no duration
# What each item asks of you, as the first word or words of its summary.
VERBS = {
    "thank-you": "Thank",
    "nudge": "Nudge",
    "let-go": "Let go of",
    "follow-up": "Follow up with",
    "stay-in-touch": "Update",
    "action": "Follow through with",
    "prepare": "Prepare for",
    "missing-contact": "Add",
    "interview": "Talk with",
}
# Bumped when the output changes shape, so answers kept by an older vaultkit are not used.
_FORMAT = 1

Component: TypeAlias = "Event | Todo"


def export(vault: Vault, request: ExportRequest) -> bytes:
    """The calendar as bytes, from the vault's kept answers when nothing changed."""
    zone = time_zone(vault.config)
    key = _answer_key(vault, request, zone)
    kept = vault.answers.get(key) if vault.answers else None
    if kept is not None:
        data = _kept(kept, request.now)
        if data is not None:
            return data
    data = render(vault, request, zone)
    if vault.answers:
        times = _turning_points(vault.interviews, request.today)
        vault.answers.put(key, marshal.dumps((times, _passed(times, request.now), data)))
    return data


def render(vault: Vault, request: ExportRequest, zone: ZoneInfo | None) -> bytes:
    """The calendar for the request: reminders (events or to-dos) and planned interviews.

    Each component is made by icalendar, or taken as icalendar made it last time when
    nothing it is made from has changed (see store/parts.py); the calendar around them
    is made by icalendar every time.
    """
    report = build_report(vault, today=request.today, days=request.days, now=request.now)
    facts = Facts.of(vault, request.today, request.now)
    planned = [i for i in vault.interviews if i.date is not None and facts.status(i) == "planned"]
    link = _note_link(vault.root)
    stamp = dt.datetime.combine(request.today, dt.time(), tzinfo=dt.UTC)
    dated = [item for item in report.items if item.item.due is not None]  # a calendar needs a day
    parts = [
        _reminder_part(item, uid, request, stamp, link)
        for item, uid in zip(dated, reminder_uids(dated), strict=True)
    ]
    parts += [_interview_part(i, facts.person(i), zone, stamp, link) for i in planned]
    kept = KeptParts(vault.config, "calendar") if vault.answers else None
    body = b"".join(_made(part, kept) for part in sorted(parts, key=_by_order))
    if kept is not None:
        kept.save()
    from icalendar import Timezone

    calendar = _calendar(zone)
    timed = [i.date for i in planned if i.date is not None and i.time is not None]
    if zone is not None and timed:
        first, last = min(timed), max(timed)
        calendar.add_component(
            Timezone.from_tzinfo(
                zone, zone.key, dt.date(first.year, 1, 1), dt.date(last.year + 1, 1, 1)
            )
        )
    head: bytes = calendar.to_ical()
    if not head.endswith(_END):
        raise AssertionError("icalendar wrote a calendar that does not end in END:VCALENDAR")
    return head[: -len(_END)] + body + _END


_END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class _Part:
    """A component to be: where it goes in the calendar, what it is made from, how."""

    order: tuple[str, str, str]  # day and time, summary, UID
    key: str  # a digest of everything the component is made from
    make: Callable[[], Component]


def _by_order(part: _Part) -> tuple[str, str, str]:
    return part.order


def _made(part: _Part, kept: KeptParts | None) -> bytes:
    """The component's bytes, as icalendar makes them."""
    found = kept.get(part.key) if kept is not None else None
    if found is None:
        found = part.make().to_ical()
        if kept is not None:
            kept.put(part.key, found)
    return found


def _digest(*inputs: object) -> str:
    return hashlib.sha256(repr((_FORMAT, *inputs)).encode("utf-8")).hexdigest()


def _reminder_part(
    item: ReportItem, uid: str, request: ExportRequest, stamp: dt.datetime, link: LinkMaker
) -> _Part:
    due = item.item
    day = _day_of(due, request)
    order = (day.isoformat() + " ", summary_of(due.kind, due.person, due.reason), uid)
    key = _digest("reminder", tuple(item.item), item.days_overdue, uid, request.todo,
                  request.today, stamp, link.vault_name)  # fmt: skip
    return _Part(order, key, lambda: reminder(item, uid, request, stamp, link))


def _interview_part(
    interview: Interview, person: str, zone: ZoneInfo | None, stamp: dt.datetime, link: LinkMaker
) -> _Part:
    assert interview.date is not None
    moment = interview.time.isoformat() if interview.time else ""
    uid = item_uid(interview.path, "interview", "")
    order = (f"{interview.date.isoformat()} {moment}", f"{VERBS['interview']} {person}", uid)
    key = _digest("interview", repr(interview), person, zone.key if zone else None, stamp,
                  link.vault_name)  # fmt: skip
    return _Part(order, key, lambda: interview_event(interview, person, zone, stamp, link))


def _calendar(zone: ZoneInfo | None) -> Calendar:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    if zone is not None:
        calendar.add("x-wr-timezone", zone.key)
    return calendar


def reminder(
    item: ReportItem, uid: str, request: ExportRequest, stamp: dt.datetime, link: LinkMaker
) -> Component:
    """One report item as an all-day event with its alarm, or as a to-do."""
    from icalendar import Event, Todo

    due = item.item
    component: Component = Todo() if request.todo else Event()
    component.add("uid", uid)
    component.add("dtstamp", stamp)
    day = _day_of(due, request)
    if request.todo:
        component.add("due", day)
        component.add("status", "NEEDS-ACTION")
    else:
        component.add("dtstart", day)
        component.add("dtend", day + dt.timedelta(days=1))
        component.add("transp", "TRANSPARENT")
    summary = summary_of(due.kind, due.person, due.reason)
    component.add("summary", summary)
    component.add("description", reminder_description(item))
    component.add("categories", [due.kind])
    url = link(due.path)
    if url:
        component.add("url", url)
    component.add_component(_alarm(summary, related="END" if request.todo else "START"))
    return component


def _day_of(due: DueItem, request: ExportRequest) -> dt.date:
    """A to-do's own due day; an event's, or today for one overdue (it is still to do)."""
    assert due.due is not None  # undated items are left out of the calendar
    return due.due if request.todo else max(due.due, request.today)


def summary_of(kind: str, person: str, reason: str) -> str:
    """`Thank Alex Rivera`, `Nudge Noah Fischer`; an action item adds what was promised."""
    summary = f"{VERBS[kind]} {person}"
    return f"{summary}: {plain(reason)}" if kind == "action" else summary


def reminder_description(item: ReportItem) -> str:
    """The report's reason, when it was due if that has passed, the file and the next step."""
    due = item.item
    reason = plain(due.reason)
    lines = [reason[:1].upper() + reason[1:]]
    if item.days_overdue and due.due is not None:
        lines.append(f"Due {due.due.isoformat()}, {when(item)}.")
    lines.append(f"Open: {due.path}")
    if due.steps:
        lines.append("Next: " + next_steps(due.steps))
    return "\n".join(lines)


def reminder_uids(items: Iterable[ReportItem]) -> list[str]:
    """A UID for each item, from its path, kind and subject; repeats are numbered in order."""
    seen: dict[tuple[str, str, str], int] = {}
    uids = []
    for item in items:
        due = item.item
        key = (due.path, due.kind, _subject(due.kind, due.person, due.reason))
        seen[key] = seen.get(key, 0) + 1
        uids.append(item_uid(*key, repeat=seen[key]))
    return uids


def _subject(kind: str, person: str, reason: str) -> str:
    """What an item is about, beyond its note and kind: a task's text, a missing person.

    Never a date, so an item whose date moves keeps its UID and the calendar moves it.
    """
    if kind == "action":
        return reason
    if kind == "missing-contact":
        return fold(person)
    return ""


def item_uid(path: str, kind: str, subject: str, *, repeat: int = 1) -> str:
    """A stable UID: a digest of the note's path, the kind and the subject."""
    text = "\0".join([path, kind, subject] + ([str(repeat)] if repeat > 1 else []))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + "@vaultkit"


def interview_event(
    interview: Interview,
    person: str,
    zone: ZoneInfo | None,
    stamp: dt.datetime,
    link: LinkMaker,
) -> Event:
    """A planned interview: at its time in `zone` (floating when None), else all day."""
    from icalendar import Event

    assert interview.date is not None
    event = Event()
    event.add("uid", item_uid(interview.path, "interview", ""))
    event.add("dtstamp", stamp)
    if interview.time is None:
        event.add("dtstart", interview.date)
        event.add("dtend", interview.date + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        start = dt.datetime.combine(interview.date, interview.time, tzinfo=zone)
        event.add("dtstart", start)
        event.add("duration", dt.timedelta(minutes=interview.duration or DEFAULT_MINUTES))
    event.add("summary", f"{VERBS['interview']} {person}")
    if interview.medium:
        event.add("location", interview.medium)
    event.add("description", interview_description(interview))
    event.add("categories", ["interview"])
    url = link(interview.path)
    if url:
        event.add("url", url)
    return event


def interview_description(interview: Interview) -> str:
    """What the conversation is, the questions prepared for it and the file to open."""
    minutes = interview.duration or DEFAULT_MINUTES
    lines = [f"Informational interview, {minutes} minutes."]
    questions = [plain(q) for q in interview.questions]
    if questions:
        lines += ["Questions:", *(f"- {q}" for q in questions)]
    lines.append(f"Open: {interview.path}")
    return "\n".join(lines)


def _alarm(summary: str, *, related: str) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", ALARM_AT, parameters={"RELATED": related})
    return alarm


class LinkMaker:
    """Obsidian links to notes (`obsidian://open?vault=...&file=...`) in an Obsidian vault."""

    def __init__(self, vault_name: str | None) -> None:
        self.vault_name = vault_name

    def __call__(self, path: str) -> str | None:
        if self.vault_name is None:
            return None
        return (
            f"obsidian://open?vault={quote(self.vault_name, safe='')}&file={quote(path, safe='')}"
        )


def _note_link(root: Path) -> LinkMaker:
    """Links when the vault is an Obsidian vault (it has a .obsidian folder), else none."""
    return LinkMaker(root.name if (root / ".obsidian").is_dir() else None)


def time_zone(config: Config) -> ZoneInfo | None:
    """The zone of interview times: vault.toml's `timezone`, else the system's, else None
    (times are then written as floating local times, which calendars read as their own)."""
    for name in [config.timezone] if config.timezone else _system_zone_names():
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
    return None


def _system_zone_names() -> list[str]:
    """Names the system gives its time zone: TZ, the /etc/localtime link, /etc/timezone."""
    names = []
    if os.environ.get("TZ"):
        names.append(os.environ["TZ"].lstrip(":"))
    target = os.path.realpath("/etc/localtime")
    if "/zoneinfo/" in target:
        names.append(target.split("/zoneinfo/", 1)[1])
    with contextlib.suppress(OSError, UnicodeDecodeError):
        names.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    return [n for n in names if n and not n.startswith("/")]


def _answer_key(vault: Vault, request: ExportRequest, zone: ZoneInfo | None) -> str:
    settings = repr(vault.config.follow_up)
    link = _note_link(vault.root).vault_name
    return (
        f"ics {_FORMAT} {request.today.isoformat()} {request.days} {request.todo} "
        f"{zone.key if zone else None} {link!r} {settings}"
    )


def _turning_points(interviews: Iterable[Interview], today: dt.date) -> list[str]:
    """Times today at which an interview without a status stops being planned."""
    return sorted(
        {i.time.isoformat() for i in interviews if i.date == today and i.time and not i.status}
    )


def _passed(times: list[str], now: dt.time | None) -> int:
    return len(times) if now is None else sum(1 for t in times if dt.time.fromisoformat(t) <= now)


def _kept(data: bytes, now: dt.time | None) -> bytes | None:
    """A kept calendar, unless the time of day has since changed which interviews are done."""
    try:
        times, passed, calendar = marshal.loads(data)
        if _passed(times, now) == passed and isinstance(calendar, bytes):
            return calendar
    except Exception:  # a damaged answer is worked out again
        pass
    return None


# -- the calendar file `vault watch` keeps current ---------------------------------------


def calendar_path(config: Config) -> Path:
    """Where vault.toml's `calendar` points: relative to the vault's root, or absolute."""
    if config.calendar is None:
        raise VaultError('no calendar is set; add a line like calendar = "Follow-ups.ics"', USAGE)
    return config.root / Path(config.calendar).expanduser()


def write_calendar(vault: Vault, today: dt.date, now: dt.time | None = None) -> bool:
    """Write the calendar file if its content changed; True when it was written.

    A file there that vaultkit did not write is never replaced.
    """
    path = calendar_path(vault.config)
    data = export(vault, ExportRequest(today=today, now=now))
    return write_if_changed(path, data, mark=PRODID.encode())
