"""`vault prepare NAME|FILE`: questions from the bank for a conversation to come.

The interview FILE, or NAME's next planned interview with fewer questions than
the report asks for, gets questions the person has not been asked, from
different topics of the bank (as `vault new interview` chooses them), after the
ones already written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vaultkit.commands.rewrite import Note, meaning, rewrite
from vaultkit.core.model import Contact, Interview
from vaultkit.core.names import note_name
from vaultkit.core.questions import asked_keys, asked_of, choose, load_bank, question_key
from vaultkit.core.vault import Vault
from vaultkit.core.words import plural
from vaultkit.errors import FOUND, VaultError
from vaultkit.store.sections import add_items


@dataclass(frozen=True)
class Prepared:
    path: str
    added: list[str]
    already: str = ""
    warnings: list[str] = field(default_factory=list)


def prepare(vault: Vault, name: str, *, today: dt.date, now: dt.time | None) -> Prepared:
    """Add questions to the interview note NAME, or NAME's next planned one, up to enough."""
    wanted = vault.config.follow_up.prepare_questions
    given = _interview_named(vault, name)
    if given is not None:
        if len(given.questions) >= wanted:
            return Prepared(given.path, [], f"{given.path} already has {_count(given)}")
        return _fill(vault, given, vault.contact_of(given), wanted, today, now)
    contact = vault.names().resolve(name, vault.broken_files)
    planned = [
        i
        for i in vault.interviews_of(contact)
        if i.effective_status(today, now) == "planned" and (i.date is None or i.date >= today)
    ]
    if not planned:
        raise VaultError(
            f"{contact.name} has no planned interview to prepare; "
            f'create one with `vault new interview "{contact.name}" --date DATE`',
            FOUND,
        )
    short = [i for i in planned if len(i.questions) < wanted]
    if not short:
        return Prepared(planned[0].path, [], f"{planned[0].path} already has {_count(planned[0])}")
    return _fill(vault, short[0], contact, wanted, today, now)


def _interview_named(vault: Vault, given: str) -> Interview | None:
    """The interview note at the vault path `given`, if it is one."""
    path = given.strip().removeprefix("./")
    if not path.lower().endswith(".md"):
        return None
    return next((i for i in vault.interviews if i.path == path), None)


def _count(interview: Interview) -> str:
    return plural(len(interview.questions), "question")


def _fill(
    vault: Vault,
    interview: Interview,
    contact: Contact | None,
    wanted: int,
    today: dt.date,
    now: dt.time | None,
) -> Prepared:
    """Questions from the bank, not asked of the person before, until `wanted` are written."""
    bank = load_bank(vault.root)
    if contact is None:  # no contact note to learn from: only this interview's questions
        asked, seed, who = {question_key(q) for q in interview.questions}, interview.path, "they"
    else:
        asked = asked_keys(asked_of(vault, contact, today, now))
        seed, who = note_name(contact.path), contact.name
    chosen = choose(bank, asked, seed)[: wanted - len(interview.questions)]
    if not chosen:
        raise VaultError(
            f"{bank.source} has no question left that {who} {_asked(who)} been asked; "
            "add some there, or write your own under ## Questions",
            FOUND,
        )
    _add_questions(vault, interview, chosen)
    warnings = []
    if len(interview.questions) + len(chosen) < wanted:
        warnings.append(
            f"only {plural(len(chosen), 'question')} left in {bank.source} that "
            f"{who} {_asked(who)} been asked; write the rest yourself"
        )
    return Prepared(interview.path, chosen, warnings=warnings)


def _asked(who: str) -> str:
    return "have not" if who == "they" else "has not"


def _add_questions(vault: Vault, interview: Interview, questions: list[str]) -> None:
    def expect(before: Note, after: Note) -> bool:
        old, new = meaning(before), meaning(after)
        return (
            new.pop("questions") == (*old.pop("questions"), *questions)  # type: ignore[misc]
            and old == new
        )

    rewrite(vault.root, interview.path, lambda raw: add_items(raw, "Questions", questions), expect)
