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

from vaultkit.core.names import fold, note_name

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


def _keys(contact: KnownContact) -> set[str]:
    """Every folded name a contact answers to, as NameIndex keys them."""
    spellings = (note_name(contact.path), contact.name, *contact.aliases)
    return {fold(s) for s in spellings if s}


def person_named(contacts: Iterable[KnownContact], name: str) -> KnownContact | None:
    """The one contact NAME means, or None when it means nobody or several people."""
    key = fold(name)
    found = [c for c in contacts if key in _keys(c)]
    return found[0] if len(found) == 1 else None


def interviews_with(
    person: KnownContact, contacts: Iterable[KnownContact], interviews: Iterable[KnownInterview]
) -> list[KnownInterview]:
    """The person's interviews, newest first: those whose link names them and nobody else."""
    mine = _keys(person)
    shared = {k for c in contacts if c.path != person.path for k in _keys(c) & mine}
    theirs = [
        i
        for i in interviews
        if i.contact and fold(i.contact) in mine and fold(i.contact) not in shared
    ]
    dated = sorted((i for i in theirs if i.date), key=_when, reverse=True)
    return dated + sorted((i for i in theirs if not i.date), key=lambda i: i.path)


def _when(interview: KnownInterview) -> tuple[dt.date, str, str]:
    return interview.date or dt.date.min, interview.time or "", interview.path


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
