"""`vault log`: a dated line under the contact's `## Log`, and nothing else."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from vaultkit.commands.rewrite import Note, Written, meaning, rewrite
from vaultkit.core.model import Contact
from vaultkit.core.names import fold
from vaultkit.core.vault import Vault
from vaultkit.errors import FOUND, USAGE, VaultError
from vaultkit.store.sections import add_log_line


def log(
    vault: Vault, name: str, text: str, *, day: dt.date, today: dt.date, force: bool = False
) -> Written | None:
    """Write `- DAY TEXT` in NAME's log; None when that very line is there already."""
    words = log_text(text)
    contact = vault.names().resolve(name, vault.broken_files)
    refuse_future(day, today, force, contact)
    return add_to_log(vault, contact, day, words)


def log_text(text: str) -> str:
    """The words of a log line, or a VaultError when they cannot be one line."""
    if any(c in text for c in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        raise VaultError("the log text must be one line; write each event as its own", USAGE)
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise VaultError("the log text has a control character; type it as plain text", USAGE)
    words = text.strip()
    if not words:
        raise VaultError("the log text is empty; say what happened, like 'coffee chat'", USAGE)
    return words


def refuse_future(day: dt.date, today: dt.date, force: bool, contact: Contact) -> None:
    """A date after today is a plan, not a fact: refused unless forced."""
    if day > today and not force:
        raise VaultError(
            f"{day.isoformat()} is in the future: record it once it has happened, or plan it "
            f'with `vault plan "{contact.name}" {day.isoformat()}` (--force records it anyway)',
            FOUND,
        )


def add_to_log(vault: Vault, contact: Contact, day: dt.date, text: str) -> Written | None:
    """Add the line to the contact's note; None when it is there already."""
    if any(e.day == day and fold(e.text) == fold(text) for e in contact.log):
        return None

    def expect(before: Note, after: Note) -> bool:
        old, new = meaning(before), meaning(after)
        was, now = Counter(old.pop("log")), Counter(new.pop("log"))  # type: ignore[call-overload]
        return old == new and not was - now and list((now - was).elements()) == [(day, text)]

    rewrite(vault.root, contact.path, lambda raw: add_log_line(raw, day, text), expect)
    return Written(contact.path, f"- {day.isoformat()} {text}")
