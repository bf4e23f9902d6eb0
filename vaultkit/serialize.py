"""ParsedFile to plain tuples and back, and many of them to bytes, for the index.

A warm report reads every note from the cache, so the cache holds them as one
marshal blob of plain tuples: one call loads tens of thousands of notes, and
repeated strings are stored once. The index is a local cache, rebuilt whenever
its blob cannot be read.
"""

from __future__ import annotations

import datetime as dt
import marshal
import sys

from vaultkit.model import Contact, Interview, ParsedFile, Problem, Task

FORMAT = 2
_CONTACT_DATES = ("outreach_sent", "nudge_sent", "replied", "follow_up")


def _day(value: dt.date | None) -> int | None:
    return value.toordinal() if value else None


_fromordinal = dt.date.fromordinal


def _from_day(value: int | None) -> dt.date | None:
    return _fromordinal(value) if value else None


Record = tuple[object, ...]


def _shared(text: str | None) -> str | None:
    """Values many notes repeat are made one object, so marshal stores them once."""
    return sys.intern(text) if text else text


def encode(parsed: ParsedFile) -> Record:
    problems = tuple((p.line, p.message) for p in parsed.problems)
    note = parsed.note
    if isinstance(note, Contact):
        body: tuple[object, ...] = (
            "c",
            note.name,
            note.lines,
            note.aliases,
            _shared(note.company),
            _shared(note.role),
            note.email,
            note.phone,
            note.linkedin,
            note.location,
            _shared(note.source),
            _shared(note.referred_by),
            tuple(map(sys.intern, note.tags)),
            _shared(note.status),
            *(_day(getattr(note, k)) for k in _CONTACT_DATES),
            note.cadence,
            tuple(d.toordinal() for d in note.log_dates),
        )
    elif isinstance(note, Interview):
        body = (
            "i",
            note.lines,
            _shared(note.contact),
            _day(note.date),
            note.time.isoformat() if note.time else None,
            _shared(note.status),
            _shared(note.medium),
            note.duration,
            _day(note.thank_you_sent),
            tuple(map(sys.intern, note.questions)),
            note.insights,
            tuple((t.text, t.done, _day(t.due), t.line) for t in note.tasks),
            note.referrals,
        )
    else:
        body = ("",)
    record = (problems, body)
    try:
        marshal.dumps(record)
    except ValueError:  # an explicit YAML tag made a value marshal cannot store
        return (problems, _plain(body))
    return record


def pack(records: dict[str, Record]) -> bytes:
    return marshal.dumps((FORMAT, records))


def unpack(blob: bytes) -> dict[str, Record]:
    """Records by path; ValueError when the blob is damaged or of another format."""
    try:
        version, records = marshal.loads(blob)
    except (EOFError, TypeError) as err:
        raise ValueError(f"unreadable index ({err})") from None
    if version != FORMAT or not isinstance(records, dict):
        raise ValueError("index of another format")
    return records


def _plain(value: object) -> object:
    """Values as marshal stores them; anything else becomes its text."""
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    return str(value)


def decode(path: str, record: Record) -> ParsedFile:
    problems, body = record
    parsed = ParsedFile(path, problems=[Problem(path, line, msg) for line, msg in problems])
    if body[0] == "c":
        (_, name, lines, aliases, company, role, email, phone, linkedin, location,
         source, referred_by, tags, status, outreach, nudge, replied, follow, cadence,
         log) = body  # fmt: skip
        parsed.note = Contact(
            path, name, lines, aliases, company, role, email, phone, linkedin,
            location, source, referred_by, tags, status, _from_day(outreach),
            _from_day(nudge), _from_day(replied), _from_day(follow), cadence,
            tuple(dt.date.fromordinal(d) for d in log),
        )  # fmt: skip
    elif body[0] == "i":
        (_, lines, contact, day, time, status, medium, duration, thanked, questions,
         insights, tasks, referrals) = body  # fmt: skip
        parsed.note = Interview(
            path, lines, contact, _from_day(day),
            dt.time.fromisoformat(time) if time else None, status, medium, duration,
            _from_day(thanked), questions, insights,
            tuple(Task(text, done, _from_day(due), line) for text, done, due, line in tasks),
            referrals,
        )  # fmt: skip
    return parsed
