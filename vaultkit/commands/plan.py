"""`vault plan`: the contact's `follow_up` date, and what it is for, set or cleared."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vaultkit.commands.log import log_text
from vaultkit.commands.rewrite import Written, anything, rewrite
from vaultkit.core.model import Contact
from vaultkit.core.vault import Vault
from vaultkit.errors import USAGE, VaultError
from vaultkit.store.edit import set_property

NOTE_KEY = "follow_up_note"


@dataclass(frozen=True)
class Planned:
    written: list[Written]
    already: str = ""
    warnings: list[str] = field(default_factory=list)


def plan(
    vault: Vault, name: str, day: dt.date | None, *, note: str | None, today: dt.date
) -> Planned:
    """Set NAME's follow_up to `day` (None clears it and its note), with `note` if given.

    Moving the date keeps the note that is there unless another is given.
    """
    if day is None and note is not None:
        raise VaultError("--note goes with a date; clear takes none", USAGE)
    words = log_text(note) if note is not None else None
    contact = vault.names().resolve(name, vault.broken_files)
    changes = _changes(contact, day, words)
    if not changes:
        what = f"follow_up: {day.isoformat()}" if day else "no follow_up"
        return Planned([], f"{contact.path} already has {what}")

    def change(raw: bytes) -> bytes:
        for key, value in changes:
            raw = set_property(raw, key, value)
        return raw

    rewrite(vault.root, contact.path, change, anything)
    written = [Written(contact.path, f"{key}: {value}".rstrip()) for key, value in changes]
    return Planned(written, warnings=_warnings(contact, day, today))


def _changes(contact: Contact, day: dt.date | None, note: str | None) -> list[tuple[str, str]]:
    """The properties to write, as (key, YAML text); an empty text empties the property."""
    from vaultkit.formats.templating import yaml_value  # quoting, only for a note

    changes = []
    if contact.follow_up != day:
        changes.append(("follow_up", day.isoformat() if day else ""))
    if day is None and contact.follow_up_note:
        changes.append((NOTE_KEY, ""))
    elif note is not None and note != contact.follow_up_note:
        changes.append((NOTE_KEY, yaml_value(note)))
    return changes


def _warnings(contact: Contact, day: dt.date | None, today: dt.date) -> list[str]:
    found = []
    if day is not None and day < today:
        found.append(f"{day.isoformat()} is in the past: the follow-up is due now")
    if day is not None and contact.is_silenced:
        found.append(
            f"{contact.name} is {contact.status}: the report says nothing of them, "
            "this follow-up included, until the status changes"
        )
    return found
