"""Smaller vaults that answer as the whole one does, for the commands that read one
person, or one kind of note: built from a few rows of the index instead of every note.

A person's vault holds every note that can change what `show` or `questions` say of
them: the contacts that answer to the name typed; every contact sharing one of the
person's names (which decides whose interviews are whose, and what to type for them);
every note that mentions one of their names (their interviews, the people they referred);
for each name their own notes mention (their referrer, the people suggested in their
interviews), every contact of that name and every note that mentions it (which decides
whether, and where, a missing contact is reported); and every note that cannot be read.
Rules and lookups run on it unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from vaultkit.core.model import Contact, Interview, ParsedFile
from vaultkit.core.names import Lookup, NameIndex, fold, name_keys
from vaultkit.core.vault import Vault, match_interviews


class IndexedNotes(Protocol):
    """Notes read from the index a few at a time (see store/rows.py). Each answer is None
    when it cannot be given (the index changed meanwhile): the whole vault answers then."""

    def at(self, paths: Iterable[str]) -> list[ParsedFile] | None: ...

    def of_kind(self, kind: str) -> list[ParsedFile] | None: ...

    def with_problems(self) -> list[ParsedFile] | None: ...

    def briefs(self) -> list[Interview] | None: ...

    def named(self, lookup: Lookup) -> set[str] | None: ...

    def mentioning(self, keys: Iterable[str]) -> set[str] | None: ...


def person_vault(vault: Vault, rows: IndexedNotes, typed: str) -> Vault | None:
    """The notes that decide what is said of the one contact `typed` names, as a vault;
    None when it names no one, or several (the whole vault says why)."""
    first = _notes(rows, rows.named(Lookup.of(typed)))
    if first is None:
        return None
    found = NameIndex.of(_contacts(first)).find(typed)
    if len(found) != 1:
        return None
    contact = found[0]
    around = _near(rows, name_keys(contact))
    if around is None:
        return None
    known = _merged(first, around)
    names = NameIndex.of(_contacts(known))
    own = match_interviews(names, _interviews(known))[0].get(contact.path, [])
    mentioned = {fold(n) for i in own for n in i.referrals}
    if contact.referred_by:
        mentioned.add(fold(contact.referred_by))
    far = _near(rows, mentioned)
    broken = rows.of_kind("broken")
    if far is None or broken is None:
        return None
    return Vault(vault.config, _merged(known, far, broken))


def contacts_vault(vault: Vault, rows: IndexedNotes) -> Vault | None:
    """Every contact, and every interview in brief: enough for where each contact stands
    and for listing either (not for the rules, which read the whole interview)."""
    contacts, briefs = rows.of_kind("contact"), rows.briefs()
    if contacts is None or briefs is None:
        return None
    interviews = [ParsedFile(i.path, i) for i in briefs]
    return Vault(vault.config, _merged(contacts, interviews))


def _near(rows: IndexedNotes, keys: set[str]) -> list[ParsedFile] | None:
    """The contacts answering to any of these names, and the notes mentioning one."""
    if not keys:
        return []
    named = rows.named(Lookup(frozenset(keys), frozenset(), frozenset()))
    mentioning = rows.mentioning(keys)
    if named is None or mentioning is None:
        return None
    return _notes(rows, named | mentioning)


def _notes(rows: IndexedNotes, paths: set[str] | None) -> list[ParsedFile] | None:
    return None if paths is None else rows.at(paths) if paths else []


def _merged(*groups: list[ParsedFile]) -> list[ParsedFile]:
    """The files of every group, once each, by path (as a whole vault lists them)."""
    by_path = {f.path: f for group in groups for f in group}
    return [by_path[p] for p in sorted(by_path)]


def _contacts(files: list[ParsedFile]) -> list[Contact]:
    return [f.note for f in files if isinstance(f.note, Contact)]


def _interviews(files: list[ParsedFile]) -> list[Interview]:
    return [f.note for f in files if isinstance(f.note, Interview)]
