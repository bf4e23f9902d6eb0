"""`vault new contact|interview`: a note from its template, never over an existing one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.core.config import Config
from vaultkit.core.dates import format_date_time
from vaultkit.core.model import Contact, Interview
from vaultkit.core.names import note_name, safe_file_stem
from vaultkit.core.note import read_note
from vaultkit.core.questions import suggest
from vaultkit.core.vault import Vault
from vaultkit.errors import FOUND, USAGE, VaultError
from vaultkit.formats.templating import Templates
from vaultkit.store.atomic import write_atomic


@dataclass
class NewNote:
    path: Path
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ContactFields:
    company: str | None = None
    role: str | None = None
    email: str | None = None
    linkedin: str | None = None
    location: str | None = None
    source: str | None = None
    referred_by: str | None = None
    tags: tuple[str, ...] = ()


def new_contact(vault: Vault, name: str, fields: ContactFields, *, today: dt.date) -> NewNote:
    """Write contacts/<Name>.md from the contact template."""
    name = " ".join(name.split())
    names = vault.names()
    existing = names.same_person(name)
    if existing:
        raise VaultError(_taken(name, existing[0]), FOUND)
    warnings = []
    referrer = fields.referred_by
    if referrer:
        matches = names.find(referrer)
        if len(matches) == 1:
            referrer = _stem(matches[0])
        else:
            warnings.append(
                f"no contact note for {referrer!r} yet; the link is written as given "
                f'(create it with `vault new contact "{referrer}"`)'
            )
    context: dict[str, object] = {
        **fields.__dict__,
        "name": name,
        "referred_by": referrer,
        "today": today.isoformat(),
    }
    context["tags"] = list(fields.tags)
    folder = vault.config.folders.contacts
    path = Path(folder) / f"{safe_file_stem(name)}.md"
    _write_note(vault.config, path, "contact.md", context, Contact)
    return NewNote(vault.root / path, warnings)


def new_interview(
    vault: Vault, name: str, *, day: dt.date, time: dt.time | None, today: dt.date
) -> NewNote:
    """Write interviews/<date> <Name>.md for an existing contact, questions pre-filled.

    The questions come from the vault's question bank: 3 to 5 from different
    topics that this person has not been asked in another interview.
    """
    contact = vault.names().resolve(name, vault.broken_files)
    stem = _stem(contact)
    suggested = suggest(vault, contact, today)
    context: dict[str, object] = {
        "contact": stem,
        "name": contact.name,
        "date": format_date_time(day, time),
        "medium": None,
        "duration": None,
        "questions": suggested.questions,
        "follow_ups": suggested.follow_ups,
        "today": today.isoformat(),
    }
    folder = vault.config.folders.interviews
    path = Path(folder) / f"{day.isoformat()} {stem}.md"
    _write_note(vault.config, path, "interview.md", context, Interview)
    return NewNote(vault.root / path, suggested.warnings)


def _taken(name: str, contact: Contact) -> str:
    """Why NAME cannot have a note of its own: it is someone's already."""
    if contact.name == name:
        return f"{name!r} already has a note: {contact.path}"
    return (
        f"{name!r} is {contact.name}, who already has a note: {contact.path}; "
        "use that note, or a name that tells the two apart"
    )


def _stem(contact: Contact) -> str:
    return note_name(contact.path)


def _write_note(
    config: Config, path: Path, template: str, context: Mapping[str, object], kind: type
) -> None:
    templates = Templates(config.root / config.folders.templates)
    text = templates.render(template, context)
    parsed = read_note(path.as_posix(), text.encode())
    if not isinstance(parsed.note, kind) or parsed.problems:
        reason = parsed.problems[0].message if parsed.problems else f"it is not a {kind.__name__}"
        where = templates.path_of(template)
        raise VaultError(f"{where}: the template makes a note that cannot be read: {reason}", USAGE)
    target = config.root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text.encode(), exclusive=True)
