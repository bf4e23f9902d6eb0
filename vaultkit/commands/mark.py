"""`vault mark`: record what happened, one line per fact, and nothing else.

outreach, nudge and reply are dates on the contact; thank-you is a date on the
interview it thanks for; update and advice are dated `## Log` lines (so the
stay-in-touch cadence starts again); pause and decline are the contact's status;
cancel calls off their next planned interview. A recorded fact that moves the
person on also moves the note's `status:` line forward when it was behind.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from dataclasses import dataclass

from vaultkit.commands.log import add_to_log, refuse_future
from vaultkit.commands.rewrite import Written, anything, property_change, rewrite
from vaultkit.core.dates import format_date_time
from vaultkit.core.model import (
    MARK_EVENTS,
    MARK_LOG_EVENTS,
    MARK_STATUS_EVENTS,
    SILENT_STATUSES,
    Contact,
    Interview,
)
from vaultkit.core.note import read_note
from vaultkit.core.stage import dated_stage, is_behind, stage
from vaultkit.core.vault import Vault
from vaultkit.errors import FOUND, USAGE, VaultError


@dataclass(frozen=True)
class Moment:
    """When the command runs: the day, and the time of day (None: the end of the day)."""

    today: dt.date
    now: dt.time | None = None


@dataclass(frozen=True)
class Marked:
    written: list[Written]  # each line written, in order; empty when nothing was needed
    already: str = ""  # why nothing was needed


def mark(
    vault: Vault,
    name: str,
    event: str,
    *,
    day: dt.date | None,
    at: dt.time | None = None,
    moment: Moment,
    force: bool = False,
) -> Marked:
    """Record EVENT for the contact NAME as having happened on `day` (None: today), at `at`.

    For cancel, `day` names the interview to call off (None: their next planned one).
    """
    contact = vault.names().resolve(name, vault.broken_files)
    interviews = vault.interviews_of(contact)
    if event in MARK_STATUS_EVENTS:
        return _set_status(vault, contact, MARK_STATUS_EVENTS[event])
    if event == "cancel":
        return _cancel(vault, contact, interviews, day, moment)
    day = moment.today if day is None else day
    if at is None and day == moment.today:
        at = moment.now  # today means now: a conversation later today has not happened yet
    refuse_future(day, moment.today, force, contact)
    if event in MARK_LOG_EVENTS:
        line = add_to_log(vault, contact, day, MARK_LOG_EVENTS[event])
        done = Marked([line] if line else [], f"{contact.path} already has that line")
        return _moved_on(vault, contact, interviews, moment, done)
    key = MARK_EVENTS[event]
    if event == "thank-you":
        interview = _interview_to_thank(contact, interviews, day, at, force)
        done = _set_date(vault, interview, key, day, force)
        interviews = [
            dataclasses.replace(i, thank_you_sent=day) if i.path == interview.path else i
            for i in interviews
        ]
        return _moved_on(vault, contact, interviews, moment, done)
    _check_order(contact, key, day, force)
    done = _set_date(vault, contact, key, day, force)
    contact = copy.copy(contact)
    setattr(contact, key, day)
    return _moved_on(vault, contact, interviews, moment, done)


def _set_date(
    vault: Vault, note: Contact | Interview, key: str, day: dt.date, force: bool
) -> Marked:
    current = getattr(note, key)
    value = day.isoformat()
    if current == day:
        return Marked([], f"{note.path} already has {key}: {value}")
    if current is not None and not force:
        raise VaultError(
            f"{note.path} already has {key}: {current.isoformat()}; pass --force to replace it",
            FOUND,
        )
    written = _written_value(vault, note.path, key)
    if written is not None and not force:
        # Not a date (words, an impossible date): still what the user wrote, kept unless asked.
        raise VaultError(
            f"{note.path} already has {key}: {written!r}, which is not a date; "
            "pass --force to replace it",
            FOUND,
        )
    rewrite(vault.root, note.path, property_change(key, value), anything)
    return Marked([Written(note.path, f"{key}: {value}")])


def _written_value(vault: Vault, path: str, key: str) -> object | None:
    """What the note's `key` line holds as written, or None when it is empty (or unreadable,
    which the rewrite reports)."""
    try:
        raw = (vault.root / path).read_bytes()
    except OSError:
        return None
    value = (read_note(path, raw).props or {}).get(key)
    return None if value in (None, "", []) else value


# Dates that must not come before another: (the earlier, the later).
_ORDER = (("outreach_sent", "replied"), ("outreach_sent", "nudge_sent"))
_WORDS = {"outreach_sent": "outreach", "nudge_sent": "nudge", "replied": "reply"}


def _check_order(contact: Contact, key: str, day: dt.date, force: bool) -> None:
    """A reply or nudge before the outreach, or an outreach after them, is refused."""
    for earlier, later in _ORDER:
        if force or key not in (earlier, later):
            continue
        other_key = later if key == earlier else earlier
        other: dt.date | None = getattr(contact, other_key)
        if other is None:
            continue
        wrong = day > other if key == earlier else day < other
        if wrong:
            raise VaultError(
                f"{contact.path} has {other_key}: {other.isoformat()}, so a {_WORDS[key]} on "
                f"{day.isoformat()} would come {'after' if key == earlier else 'before'} "
                f"the {_WORDS[other_key]}; check the date (--force records it anyway)",
                FOUND,
            )


def _interview_to_thank(
    contact: Contact,
    interviews: list[Interview],
    day: dt.date,
    at: dt.time | None,
    force: bool,
) -> Interview:
    """The latest conversation held by `day` (at `at`) and not yet thanked for.

    A conversation that has not happened yet is refused: a thank-you comes after it.
    """
    held = [i for i in interviews if i.effective_status(day, at) == "done"]
    by_then = [i for i in held if i.date is None or i.date <= day]
    if by_then:
        waiting = [i for i in by_then if i.thank_you_sent is None]
        return (waiting or by_then)[-1]
    if held and not force:  # marked done, but dated after the thank-you
        raise VaultError(
            f"{held[0].path} is on {held[0].date}, after {day.isoformat()}: a thank-you "
            "comes after the conversation; check the date (--force records it anyway)",
            FOUND,
        )
    if held:
        return held[0]
    planned = [i for i in interviews if i.effective_status(day, at) == "planned"]
    if planned and force:
        return planned[0]
    if planned:
        first = planned[0]
        when = format_date_time(first.date, first.time).replace("T", " ") if first.date else ""
        raise VaultError(
            f"{contact.name}'s conversation{' on ' + when if when else ''} has not happened "
            f"yet ({first.path}); mark the thank-you once it has (--force records it anyway)",
            FOUND,
        )
    raise VaultError(
        f"{contact.name} has no done interview on or before {day.isoformat()}; "
        f'create one with `vault new interview "{contact.name}"`',
        FOUND,
    )


def _set_status(vault: Vault, contact: Contact, status: str) -> Marked:
    if contact.status == status:
        return Marked([], f"{contact.path} already has status: {status}")
    rewrite(vault.root, contact.path, property_change("status", status), anything)
    return Marked([Written(contact.path, f"status: {status}")])


def _cancel(
    vault: Vault,
    contact: Contact,
    interviews: list[Interview],
    day: dt.date | None,
    moment: Moment,
) -> Marked:
    """Call off the planned interview on `day`, or the next one; the status follows."""
    interview = _to_cancel(contact, interviews, day, moment)
    if interview.status == "cancelled":
        return Marked([], f"{interview.path} already has status: cancelled")
    rewrite(vault.root, interview.path, property_change("status", "cancelled"), anything)
    done = Marked([Written(interview.path, "status: cancelled")])
    interviews = [
        dataclasses.replace(i, status="cancelled") if i.path == interview.path else i
        for i in interviews
    ]
    shown = dated_stage(contact, interviews, moment.today, moment.now)
    if contact.status == "scheduled" and shown != "scheduled":
        # The line said scheduled for the conversation now called off: it goes back.
        rewrite(vault.root, contact.path, property_change("status", shown), anything)
        done.written.append(Written(contact.path, f"status: {shown}"))
        return done
    return _moved_on(vault, contact, interviews, moment, done)


def _to_cancel(
    contact: Contact, interviews: list[Interview], day: dt.date | None, moment: Moment
) -> Interview:
    if day is not None:
        on_day = [i for i in interviews if i.date == day]
        if not on_day:
            raise VaultError(f"{contact.name} has no interview on {day.isoformat()}", FOUND)
        return on_day[-1]
    planned = [i for i in interviews if i.effective_status(moment.today, moment.now) == "planned"]
    if not planned:
        raise VaultError(
            f"{contact.name} has no planned interview to cancel; "
            "give its day with --date to cancel another",
            FOUND,
        )
    return planned[0]


def _moved_on(
    vault: Vault, contact: Contact, interviews: list[Interview], moment: Moment, done: Marked
) -> Marked:
    """The note's `status:` line moved forward when the facts, as now recorded, passed it.

    A note with no status line, or one the user set to declined or paused, is left be.
    """
    if contact.status is None or contact.status in SILENT_STATUSES:
        return done
    now = stage(contact, interviews, moment.today, moment.now)
    if not is_behind(contact, now):
        return done
    rewrite(vault.root, contact.path, property_change("status", now), anything)
    return Marked([*done.written, Written(contact.path, f"status: {now}")], done.already)


def check_event_options(event: str, *, dated: bool) -> None:
    """--date means nothing for pause and decline: a usage error, not a silent no-op."""
    if dated and event in MARK_STATUS_EVENTS:
        raise VaultError(f"--date does not go with {event}: it sets the status only", USAGE)
