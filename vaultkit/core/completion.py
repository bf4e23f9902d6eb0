"""Shell completion's answers: the names, interview dates and files that fit what is typed.

It works on what the index holds (store/cached.py reads it) and knows no shell: the CLI
turns these answers into Click's completion items, and each shell quotes them its way.
A name fits when any of its spellings (the `name`, the file name, an alias) starts
with what was typed, compared as NAME arguments are matched: ignoring case and accents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from vaultkit.core.model import Contact, Interview
from vaultkit.core.names import NameIndex, fold, note_name
from vaultkit.core.vault import match_interviews

LATEST = "latest"


class KnownContact(NamedTuple):
    """A contact as completion needs it."""

    path: str
    name: str
    aliases: tuple[str, ...]
    company: str | None


class KnownInterview(NamedTuple):
    """An interview as completion needs it."""

    path: str
    contact: str | None  # the note name its `contact` link points to
    date: dt.date | None
    time: str | None  # `HH:MM:SS`


class Suggestion(NamedTuple):
    value: str
    help: str | None = None  # shown beside the value by shells that show help (zsh, fish)


def names_starting(contacts: Iterable[KnownContact], typed: str) -> list[Suggestion]:
    """Each name that starts like `typed`, once, in the order of the names.

    A contact is offered by its `name` when that fits; otherwise by the file name or
    the aliases that do (typing an alias completes the alias, which NAME also accepts).
    """
    key = _prefix_key(typed)
    found: dict[str, str | None] = {}
    for contact in contacts:
        if fold(contact.name).startswith(key):
            found.setdefault(contact.name, contact.company)
            continue
        for spelling in (note_name(contact.path), *contact.aliases):
            if spelling and spelling != contact.name and fold(spelling).startswith(key):
                found.setdefault(spelling, _also_known_as(contact))
    return [Suggestion(value, found[value]) for value in sorted(found, key=_name_order)]


def _prefix_key(typed: str) -> str:
    """`typed` folded as names are, keeping a space it ends with (`Zoë ` is not `Zoëlle`)."""
    key = fold(typed)
    return key + " " if key and typed[-1:].isspace() else key


def _also_known_as(contact: KnownContact) -> str:
    return f"{contact.name}, {contact.company}" if contact.company else contact.name


def _name_order(value: str) -> tuple[str, str]:
    return fold(value), value


def interviews_of(
    name: str, contacts: Iterable[KnownContact], interviews: Iterable[KnownInterview]
) -> list[KnownInterview]:
    """NAME's interviews, newest first, undated last; none when NAME means nobody or
    several people. Matched as every command matches them (NameIndex, match_interviews),
    so a link that names two people belongs to neither here too."""
    names = NameIndex.of([Contact(c.path, c.name, {}, c.aliases, c.company) for c in contacts])
    found = names.get(name)
    if len(found) != 1:
        return []
    # Only links that could name them are matched: the others cannot be theirs.
    mine = {key for key, people in names.by_key.items() if found[0] in people}
    known = {i.path: i for i in interviews if i.contact and fold(i.contact) in mine}
    notes = [Interview(i.path, {}, i.contact, i.date, _time(i.time)) for i in known.values()]
    theirs = match_interviews(names, notes)[0].get(found[0].path, [])  # oldest first
    dated = [known[i.path] for i in theirs if i.date is not None]
    return dated[::-1] + [known[i.path] for i in theirs if i.date is None]


def _time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def interview_dates(interviews: list[KnownInterview], typed: str) -> list[Suggestion]:
    """`latest`, then each interview's date, newest first, that starts like `typed`.

    Two interviews on one day are offered with their times (`2026-11-03 15:30`), so each
    value opens one interview.
    """
    per_day: dict[dt.date, list[KnownInterview]] = {}
    for interview in interviews:
        if interview.date is not None:
            per_day.setdefault(interview.date, []).append(interview)
    values = [Suggestion(LATEST, interviews[0].path if interviews else None)]
    for day, those in per_day.items():
        if len(those) == 1 or any(i.time is None for i in those):
            values.append(Suggestion(day.isoformat(), those[0].path))
        else:
            values += [
                Suggestion(f"{day.isoformat()} {i.time[:5]}", i.path) for i in those if i.time
            ]
    wanted = typed.strip().lower()
    return [s for s in values if s.value.lower().startswith(wanted)]


def interview_files(interviews: list[KnownInterview], typed: str) -> list[Suggestion]:
    """The interviews' paths from the vault's root, newest first, that start like `typed`."""
    key = fold(typed)
    return [Suggestion(i.path) for i in interviews if fold(i.path).startswith(key)]
