"""A day's due items after a change, worked out again only for what the change touches.

The rules look at one person at a time: a contact, their interviews, and the names of
every contact (to match links and to tell two people of one name apart). So the kept
answer keeps, beside its items, what they depend on: each contact's names, each
contact's interviews, the mentions of people with no note, the times today at which an
interview becomes done, and the files that have problems. After a change to some notes
only the people those notes belong to (before and after the change) are worked out
again, and their items replace the ones they had.

That holds while the names stay the same and no note has problems. When a contact came,
went or answers to other names, or a changed note has (or had) problems, the rules run
again over the whole vault; so they do when the index cannot say what changed.
"""

from __future__ import annotations

import datetime as dt
import marshal
from collections.abc import Iterable
from dataclasses import dataclass

from vaultkit.core.config import FollowUp
from vaultkit.core.model import DUE_KINDS, Contact, Interview, ParsedFile
from vaultkit.core.names import NameIndex, fold, name_keys
from vaultkit.core.rules import (
    DueItem,
    Facts,
    Mention,
    due_items,
    missing_items,
    missing_mentions,
    put_in_order,
)
from vaultkit.core.vault import AnswerCache, unreadable_names

MISSING = "missing-contact"  # worked out from every person's mentions, not per person
PER_PERSON = tuple(kind for kind in DUE_KINDS if kind != MISSING)
# A mention as kept: the day as an ordinal, then as in rules.Mention.
KeptMention = tuple[int, str, str, str, str]


@dataclass(frozen=True)
class Depends:
    """What the items of one answer depend on, beside the notes of their person."""

    contact_keys: dict[str, tuple[str, ...]]  # each contact's path: the names it answers to
    members: dict[str, tuple[str, ...]]  # each contact's path: its interviews' paths
    mentions: dict[str, list[KeptMention]]  # each person (see person_of): their mentions
    turning: dict[str, str]  # interviews today with a time and no status: the time
    problem_paths: frozenset[str]  # files with problems: a change to one is worked out whole
    broken: tuple[str, ...]  # the files that could not be read at all

    @classmethod
    def of(cls, facts: Facts, problem_paths: Iterable[str], broken: Iterable[str]) -> Depends:
        """What the answer worked out from `facts` depends on."""
        members = {path: tuple(i.path for i in found) for path, found in facts.by_contact.items()}
        return cls(
            {c.path: keys_of(c) for c in facts.contacts},
            members,
            _mentions_by_person(facts),
            _turning(facts),
            frozenset(problem_paths),
            tuple(broken),
        )

    def dump(self) -> bytes:
        mentions = {person: list(found) for person, found in self.mentions.items()}
        return marshal.dumps(
            (
                self.contact_keys,
                self.members,
                mentions,
                self.turning,
                tuple(sorted(self.problem_paths)),
                self.broken,
            )
        )

    @classmethod
    def load(cls, data: bytes) -> Depends:
        """ValueError, EOFError or TypeError when the bytes are not a Depends'."""
        keys, members, mentions, turning, problems, broken = marshal.loads(data)
        if not all(isinstance(d, dict) for d in (keys, members, mentions, turning)):
            raise TypeError("not what an answer depends on")
        return cls(keys, members, mentions, turning, frozenset(problems), tuple(broken))

    def turning_points(self) -> tuple[dt.time, ...]:
        """The times today at which an interview without a status becomes done."""
        return tuple(sorted({dt.time.fromisoformat(t) for t in self.turning.values()}))


def keys_of(contact: Contact) -> tuple[str, ...]:
    """The folded names a contact answers to, as NameIndex keys them, in order."""
    return tuple(sorted(name_keys(contact)))


def person_of(facts: Facts, path: str) -> str:
    """Whose a note is: a contact's own path, the path of the one contact an interview
    links to, else the interview's own path (a person of its own)."""
    contact = facts.contact_by_interview.get(path)
    return contact.path if contact else path


def _mentions_by_person(facts: Facts) -> dict[str, list[KeptMention]]:
    found: dict[str, list[KeptMention]] = {}
    for day, path, name, why, referrer in missing_mentions(facts):
        kept = (day.toordinal(), path, name, why, referrer)
        found.setdefault(person_of(facts, path), []).append(kept)
    return found


def _turning(facts: Facts) -> dict[str, str]:
    return {
        i.path: i.time.isoformat()
        for i in facts.interviews
        if i.date == facts.today and i.time and not i.status
    }


class _KnownNames(NameIndex):
    """Every contact's names, with the contacts of the notes worked out again; the others
    stand in by path only (the rules only count them, or compare one with the rest)."""

    def __init__(self, paths: dict[str, list[str]], loaded: dict[str, Contact]) -> None:
        super().__init__()
        self.paths = paths
        self.loaded = loaded

    def get(self, name: str) -> list[Contact]:
        found = self.paths.get(fold(name), ())
        return [self.loaded.get(path) or Contact(path, "", {}) for path in found]


@dataclass(frozen=True)
class Spliced:
    """The answer brought up to date, and what it now depends on."""

    items: list[DueItem]
    depends: Depends


def spliced(
    items: list[DueItem],
    depends: Depends,
    changed: frozenset[str],
    answers: AnswerCache,
    settings: FollowUp,
    today: dt.date,
    now: dt.time | None,
) -> Spliced | None:
    """The items once the notes of `changed` are as the index now holds them, working out
    again only the people those notes belong to; None when the whole vault must be."""
    now_rows = answers.rows(changed)
    if now_rows is None or not _names_stay(depends, changed, now_rows):
        return None
    names: dict[str, list[str]] = {}
    for path, keys in depends.contact_keys.items():
        for key in keys:
            names.setdefault(key, []).append(path)
    owner = {i: c for c, found in depends.members.items() for i in found}
    people, moved = _people_touched(changed, now_rows, names, owner)
    contacts = sorted(p for p in people if p in depends.contact_keys)
    wanted = {*contacts, *(i for c in contacts for i in depends.members.get(c, ()))}
    wanted.update(i for i, person in moved.items() if person in people)
    rest = answers.rows(wanted - changed)
    if rest is None:
        return None
    notes = {**rest, **{p: f for p, f in now_rows.items() if p in wanted or p in moved}}
    facts = _facts_of(notes, contacts, names, depends, settings, today, now)
    if facts is None:
        return None
    kept = [i for i in items if i.kind != MISSING and owner.get(i.path, i.path) not in people]
    mentions = {p: m for p, m in depends.mentions.items() if p not in people}
    mentions.update(_mentions_by_person(facts))
    every: list[Mention] = [
        (dt.date.fromordinal(m[0]), *m[1:]) for found in mentions.values() for m in found
    ]
    members = {p: m for p, m in depends.members.items() if p not in people}
    members.update((c, tuple(i.path for i in facts.by_contact.get(c, []))) for c in contacts)
    members = {c: m for c, m in members.items() if m}
    turning = {p: t for p, t in depends.turning.items() if p not in changed}
    turning.update(_turning(facts))
    return Spliced(
        put_in_order(kept, [*due_items(facts, PER_PERSON), *missing_items(every)]),
        Depends(
            depends.contact_keys,
            members,
            mentions,
            turning,
            depends.problem_paths,
            depends.broken,
        ),
    )


def _names_stay(depends: Depends, changed: frozenset[str], rows: dict[str, ParsedFile]) -> bool:
    """Whether the change leaves every contact's names as they were, and touches no file
    that has or had problems."""
    if changed & depends.problem_paths or any(f.problems for f in rows.values()):
        return False
    for path in changed:
        note = rows[path].note if path in rows else None
        keys = keys_of(note) if isinstance(note, Contact) else None
        if depends.contact_keys.get(path) != keys:
            return False
    return True


def _people_touched(
    changed: frozenset[str],
    rows: dict[str, ParsedFile],
    names: dict[str, list[str]],
    owner: dict[str, str],
) -> tuple[set[str], dict[str, str]]:
    """The people whose items may change, before and after; and each changed interview's
    person now."""
    people: set[str] = set()
    moved: dict[str, str] = {}
    for path in changed:
        people.update((path, owner.get(path, path)))
        note = rows[path].note if path in rows else None
        if isinstance(note, Interview):
            found = names.get(fold(note.contact), []) if note.contact else []
            moved[path] = found[0] if len(found) == 1 else path
            people.add(moved[path])
    return people, moved


def _facts_of(
    notes: dict[str, ParsedFile],
    contacts: list[str],
    names: dict[str, list[str]],
    depends: Depends,
    settings: FollowUp,
    today: dt.date,
    now: dt.time | None,
) -> Facts | None:
    """The facts of these notes only, with every contact's names; None if a note is not
    what the kept answer says it is."""
    loaded = {c: notes[c].note for c in contacts if c in notes}
    found = {c: n for c, n in loaded.items() if isinstance(n, Contact)}
    if len(found) != len(contacts):
        return None
    interviews = [f.note for p, f in sorted(notes.items()) if isinstance(f.note, Interview)]
    facts = Facts(
        [found[c] for c in contacts],
        interviews,
        settings,
        today,
        now,
        unreadable_names(depends.broken),
        _KnownNames(names, found),
    )
    if any(c not in found for c in facts.by_contact):  # matched to a stand-in: not ours
        return None
    return facts
