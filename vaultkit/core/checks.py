"""`vault check`: every problem in the vault, those of single files and those that span notes
(dangling links, shared emails and names, interviews without a contact)."""

from __future__ import annotations

import marshal
from collections.abc import Mapping
from dataclasses import astuple, dataclass

from vaultkit.core.adoption import adopt_hint
from vaultkit.core.model import Contact, Problem
from vaultkit.core.names import fold, note_name
from vaultkit.core.partial import IndexedNotes
from vaultkit.core.vault import Vault

ACROSS_KEY = "check across notes"


@dataclass(frozen=True)
class CheckResult:
    problems: list[Problem]
    contacts: int
    interviews: int
    other_notes: int
    seconds: float
    hints: tuple[str, ...] = ()  # not problems: what to do about notes without a type

    @property
    def files_with_problems(self) -> int:
        return len({p.path for p in self.problems})

    def as_json(self) -> dict[str, object]:
        return {
            "problems": [
                {"path": p.path, "line": p.line, "message": p.message} for p in self.problems
            ],
            "contacts": self.contacts,
            "interviews": self.interviews,
            "other_notes": self.other_notes,
            "hints": list(self.hints),
        }


def check(
    vault: Vault, untyped: Mapping[str, int] | None = None, indexed: IndexedNotes | None = None
) -> CheckResult:
    """Every problem; `untyped` counts the notes without a type in the contacts and
    interviews folders (by folder, as `contacts/`), each told once as a hint.

    With `indexed`, the problems of single files are read from the few files that have any,
    and those across notes from the answer kept for these notes, when there is one.
    """
    problems = _from_rows(vault, indexed) if indexed is not None else None
    if problems is not None:
        counts = vault.counts
        return CheckResult(
            problems=problems,
            contacts=counts.contacts,
            interviews=counts.interviews,
            other_notes=counts.other_notes,
            seconds=vault.seconds,
            hints=untyped_hints(vault, untyped or {}),
        )
    return CheckResult(
        problems=vault_problems(vault),
        contacts=len(vault.contacts),
        interviews=len(vault.interviews),
        other_notes=vault.other_notes,
        seconds=vault.seconds,
        hints=untyped_hints(vault, untyped or {}),
    )


def untyped_hints(vault: Vault, untyped: Mapping[str, int]) -> tuple[str, ...]:
    folders = vault.config.folders
    kinds = {folders.contacts.strip("/") + "/": "contact"}
    kinds[folders.interviews.strip("/") + "/"] = "interview"
    return tuple(
        adopt_hint(folder, kinds.get(folder, "contact"), count)
        for folder, count in sorted(untyped.items())
        if count
    )


def vault_problems(vault: Vault) -> list[Problem]:
    """Every problem in the vault, file problems first, in path and line order."""
    return _in_order(vault.file_problems + across_notes(vault))


def _in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))


def _from_rows(vault: Vault, rows: IndexedNotes) -> list[Problem] | None:
    """Every problem, without reading the notes that have none; None when the problems
    across notes are not kept for these notes."""
    across = _kept_across(vault)
    files = rows.with_problems() if across is not None else None
    if across is None or files is None:
        return None
    return _in_order([p for f in files for p in f.problems] + across)


def across_notes(vault: Vault) -> list[Problem]:
    """Dangling links, shared emails and shared names: kept beside the index for each
    generation of the notes, since they depend on nothing else."""
    kept = _kept_across(vault)
    if kept is not None:
        return kept
    found = missing_links(vault) + shared_emails(vault) + shared_names(vault)
    if vault.answers:
        vault.answers.put(ACROSS_KEY, marshal.dumps([astuple(p) for p in found]))
    return found


def _kept_across(vault: Vault) -> list[Problem] | None:
    kept = vault.answers.get(ACROSS_KEY) if vault.answers else None
    if kept is None:
        return None
    try:
        return [Problem(path, line, message) for path, line, message in marshal.loads(kept)]
    except Exception:  # a damaged or foreign answer is worked out again
        return None


def missing_links(vault: Vault) -> list[Problem]:
    names, unreadable = vault.names(), vault.unreadable()
    found = []
    for contact in vault.contacts:
        if contact.referred_by and not names.get(contact.referred_by):
            where = contact.lines.get("referred_by")
            why = _no_note("referred_by", contact.referred_by, unreadable)
            found.append(Problem(contact.path, where, why))
    for interview in vault.interviews:
        line = interview.lines.get("contact")
        if not interview.contact:
            # With no contact line, point at the type line: the new line goes beside it.
            line = line or interview.lines.get("type")
            found.append(
                Problem(interview.path, line, 'contact: missing; write contact: "[[Their Name]]"')
            )
        elif not names.get(interview.contact):
            why = _no_note("contact", interview.contact, unreadable)
            found.append(Problem(interview.path, line, why))
    return found


def _no_note(key: str, name: str, unreadable: dict[str, str]) -> str:
    """Why a link finds nobody: their note cannot be read, or there is no note at all."""
    broken = unreadable.get(fold(name))
    if broken is not None:
        return f"{key}: [[{name}]] is {broken}, which cannot be read; fix that note first"
    return (
        f"{key}: no contact note for [[{name}]]; "
        f'create it with `vault new contact "{name}"` or fix the link'
    )


def shared_names(vault: Vault) -> list[Problem]:
    """Two contacts answering to one name or alias: a link to it can mean either."""
    found = []
    for key, same in vault.names().by_key.items():
        if len(same) < 2:
            continue
        for contact in same:
            others = ", ".join(sorted(c.path for c in same if c is not contact))
            prop, written = _named_by(contact, key)
            found.append(
                Problem(
                    contact.path,
                    contact.lines.get(prop) or contact.lines.get("type"),
                    f"{prop}: {written!r} is also a name of {others}, so [[{written}]] and "
                    f'`vault show "{written}"` cannot tell them apart; rename one, or give '
                    f'the path to commands (`vault show "{contact.path}"`)',
                )
            )
    return found


def _named_by(contact: Contact, key: str) -> tuple[str, str]:
    """The property that gives the contact the name `key`, and the name as written there."""
    if fold(contact.name) == key:
        return ("name" if "name" in contact.lines else "file name"), contact.name
    for alias in contact.aliases:
        if fold(alias) == key:
            return "aliases", alias
    return "file name", note_name(contact.path)


def shared_emails(vault: Vault) -> list[Problem]:
    by_email: dict[str, list[Contact]] = {}
    for contact in vault.contacts:
        if contact.email:
            by_email.setdefault(fold(contact.email), []).append(contact)
    found = []
    for same in by_email.values():
        if len(same) < 2:
            continue
        for contact in same:
            others = ", ".join(c.path for c in same if c is not contact)
            found.append(
                Problem(
                    contact.path,
                    contact.lines.get("email"),
                    f"email: {contact.email} is also the email of {others}; "
                    "merge the two notes or correct one",
                )
            )
    return found
