"""The vault as an address book: one vCard per contact, written with vobject.

Version 3.0 by default, which Apple Contacts, Google Contacts and Android all
import; 4.0 (RFC 6350) on request. Each card has a UID derived from the note's
path, so importing the file again updates the cards instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import uuid

import vobject

from vaultkit.core.model import Contact
from vaultkit.core.names import fold
from vaultkit.core.rules import Facts, last_interaction
from vaultkit.core.vault import Vault
from vaultkit.formats.registry import ExportRequest

SUFFIX = ".vcf"
PRODID = "-//vaultkit//vault export vcard//EN"
# A fixed namespace: the same note path gives the same UID on every machine, for ever.
NAMESPACE = uuid.UUID("5f0b7a8e-2c1d-4e4b-9a59-6b7c1d2e3f40")


def export(vault: Vault, request: ExportRequest) -> bytes:
    """Every contact as a vCard, by name."""
    facts = Facts.of(vault, request.today, request.now)
    contacts = sorted(vault.contacts, key=lambda c: (fold(c.name), c.path))
    version = "4.0" if request.v4 else "3.0"
    cards = [card(c, last_interaction(facts, c), version=version) for c in contacts]
    return "".join(cards).encode("utf-8")


def card(contact: Contact, last: dt.date | None, *, version: str = "3.0") -> str:
    """One contact's vCard as text, lines ending in CRLF."""
    vcard = vobject.vCard()
    vcard.add("version").value = version
    vcard.add("prodid").value = PRODID
    vcard.add("uid").value = card_uid(contact.path)
    vcard.add("fn").value = contact.name
    family, given = split_name(contact.name)
    vcard.add("n").value = vobject.vcard.Name(family=family, given=given)
    if contact.company:
        vcard.add("org").value = [contact.company]
    if contact.role:
        vcard.add("title").value = contact.role
    if contact.email:
        email = vcard.add("email")
        email.value = contact.email
        if version == "3.0":
            email.type_param = "INTERNET"
    if contact.phone:
        vcard.add("tel").value = contact.phone
    if contact.linkedin:
        vcard.add("url").value = contact.linkedin
    if contact.tags:
        vcard.add("categories").value = list(contact.tags)
    summary = note_line(contact, last)
    if summary:
        vcard.add("note").value = summary
    text: str = vcard.serialize()
    return text


def card_uid(path: str) -> str:
    """The card's UID: a name-based UUID of the note's vault-relative path."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, 'contact:' + path)}"


def split_name(name: str) -> tuple[str, str]:
    """(family, given) for vCard's N: the last word is taken as the family name."""
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    return words[-1], " ".join(words[:-1])


def note_line(contact: Contact, last: dt.date | None) -> str:
    """One line on how you met and when you were last in touch."""
    met = [contact.source] if contact.source else []
    if contact.referred_by:
        met.append(f"referred by {contact.referred_by}")
    parts = []
    if met:
        parts.append("How we met: " + ", ".join(met) + ".")
    if last:
        parts.append(f"Last in touch: {last.isoformat()}.")
    return " ".join(parts)
