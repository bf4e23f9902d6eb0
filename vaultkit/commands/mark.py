"""`vault mark`: record what happened by writing one property, and nothing else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vaultkit.core.model import MARK_EVENTS, Contact, Interview
from vaultkit.core.vault import Vault
from vaultkit.errors import FOUND, VaultError
from vaultkit.store.atomic import write_atomic
from vaultkit.store.edit import EditError, set_property


@dataclass(frozen=True)
class Marked:
    path: str
    key: str
    value: str
    changed: bool  # False when the note already said exactly this


def mark(vault: Vault, name: str, event: str, *, day: dt.date, force: bool = False) -> Marked:
    """Set the event's date property on the contact, or on their latest done interview."""
    contact = vault.names().resolve(name, vault.broken_files)
    key = MARK_EVENTS[event]
    note: Contact | Interview = contact
    if event == "thank-you":
        note = _latest_done_interview(vault, contact, day)
    current = getattr(note, key)
    value = day.isoformat()
    if current == day:
        return Marked(note.path, key, value, changed=False)
    if current is not None and not force:
        raise VaultError(
            f"{note.path} already has {key}: {current.isoformat()}; pass --force to replace it",
            FOUND,
        )
    path = vault.root / note.path
    try:
        new = set_property(path.read_bytes(), key, value)
    except EditError as err:
        raise VaultError(f"{note.path}: {err}; nothing was written", FOUND) from None
    except OSError as err:
        raise VaultError(f"{note.path}: cannot be read ({err.strerror})", FOUND) from None
    write_atomic(path, new)
    return Marked(note.path, key, value, changed=True)


def _latest_done_interview(vault: Vault, contact: Contact, day: dt.date) -> Interview:
    done = [i for i in vault.interviews_of(contact) if i.effective_status(day) == "done"]
    if not done:
        raise VaultError(
            f"{contact.name} has no done interview on or before {day.isoformat()}; "
            f'create one with `vault new interview "{contact.name}"`',
            FOUND,
        )
    return done[-1]
