"""ParsedFile to plain tuples and back, for the index.

The index keeps each note as marshal bytes of plain tuples: the cheapest form
Python loads back. Any change to vaultkit's code makes the index read every
note again (see digest.reading), so the tuples can change freely.
"""

from __future__ import annotations

import datetime as dt
import marshal
from typing import Any

from vaultkit.core.model import Contact, Interview, LogEntry, ParsedFile, Problem, Task

_CONTACT_DATES = ("outreach_sent", "nudge_sent", "replied", "follow_up")


def _day(value: dt.date | None) -> int | None:
    return value.toordinal() if value else None


_fromordinal = dt.date.fromordinal


def _from_day(value: int | None) -> dt.date | None:
    return _fromordinal(value) if value else None


# What marshal gives back has no static type: a record is checked by unpacking it,
# and a damaged one raises ValueError or TypeError (see load).
Record = tuple[Any, ...]


def dump(parsed: ParsedFile) -> bytes:
    """A parsed file as the bytes the index keeps."""
    record = _record(parsed)
    try:
        return marshal.dumps(record)
    except ValueError:  # an explicit YAML tag made a value marshal cannot store
        return marshal.dumps(_plain(record))


def load(path: str, data: bytes) -> ParsedFile:
    """The parsed file back from the index's bytes; ValueError, EOFError or TypeError if damaged."""
    return _parsed(path, marshal.loads(data))


def _record(parsed: ParsedFile) -> Record:
    problems = tuple((p.line, p.message) for p in parsed.problems)
    note = parsed.note
    if isinstance(note, Contact):
        body: Record = (
            "c",
            note.name,
            note.lines,
            note.aliases,
            note.company,
            note.role,
            note.email,
            note.phone,
            note.linkedin,
            note.location,
            note.source,
            note.referred_by,
            note.tags,
            note.status,
            *(_day(getattr(note, k)) for k in _CONTACT_DATES),
            note.cadence,
            tuple((e.day.toordinal(), e.text, e.line) for e in note.log),
            note.outcome,
            note.first_name,
            note.follow_up_note,
            _tasks(note.tasks),
        )
    elif isinstance(note, Interview):
        body = (
            "i",
            note.lines,
            note.contact,
            _day(note.date),
            note.time.isoformat() if note.time else None,
            note.status,
            note.medium,
            note.duration,
            _day(note.thank_you_sent),
            note.questions,
            note.insights,
            _tasks(note.tasks),
            note.referrals,
        )
    else:
        body = ("",)
    return (problems, body)


def _tasks(tasks: tuple[Task, ...]) -> Record:
    return tuple((t.text, t.done, _day(t.due), t.line) for t in tasks)


def _from_tasks(tasks: tuple[tuple[str, bool, int | None, int], ...]) -> tuple[Task, ...]:
    return tuple([Task(text, done, _from_day(due), line) for text, done, due, line in tasks])


def _plain(value: object) -> Any:
    """Values as marshal stores them; anything else becomes its text."""
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    return str(value)


def _parsed(path: str, record: Record) -> ParsedFile:
    problems, body = record
    parsed = ParsedFile(path, problems=[Problem(path, line, msg) for line, msg in problems])
    if body[0] == "c":
        (_, name, lines, aliases, company, role, email, phone, linkedin, location,
         source, referred_by, tags, status, outreach, nudge, replied, follow, cadence,
         log, outcome, first_name, follow_up_note, tasks) = body  # fmt: skip
        parsed.note = Contact(
            path, name, lines, aliases, company, role, email, phone, linkedin,
            location, source, referred_by, tags, status, _from_day(outreach),
            _from_day(nudge), _from_day(replied), _from_day(follow), cadence,
            tuple([LogEntry(_fromordinal(d), text, line) for d, text, line in log]),
            outcome, first_name, follow_up_note, _from_tasks(tasks),
        )  # fmt: skip
    elif body[0] == "i":
        (_, lines, contact, day, time, status, medium, duration, thanked, questions,
         insights, tasks, referrals) = body  # fmt: skip
        parsed.note = Interview(
            path, lines, contact, _from_day(day),
            dt.time.fromisoformat(time) if time else None, status, medium, duration,
            _from_day(thanked), questions, insights, _from_tasks(tasks), referrals,
        )  # fmt: skip
    return parsed


def contact_names(data: bytes) -> tuple[str, tuple[str, ...], str | None]:
    """A contact's name, aliases and company from its bytes, without building the Contact.

    For shell completion, which reads thousands of them in a few milliseconds.
    ValueError, EOFError or TypeError if the bytes are not a contact's.
    """
    _, body = marshal.loads(data)
    if body[0] != "c":
        raise TypeError("not a contact record")
    name, aliases, company = body[1], body[3], body[4]
    if not isinstance(name, str) or not isinstance(aliases, tuple):
        raise TypeError("not a contact record")
    return name, aliases, company if isinstance(company, str) else None


def interview_link(data: bytes) -> tuple[str | None, dt.date | None, str | None]:
    """An interview's contact link, date and time (`HH:MM:SS` or None) from its bytes.

    ValueError, EOFError or TypeError if the bytes are not an interview's.
    """
    _, body = marshal.loads(data)
    if body[0] != "i":
        raise TypeError("not an interview record")
    contact, day, time = body[2], body[3], body[4]
    if not isinstance(contact, (str, type(None))) or not isinstance(time, (str, type(None))):
        raise TypeError("not an interview record")
    return contact, _from_day(day), time
