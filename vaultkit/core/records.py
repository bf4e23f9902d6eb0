"""Contacts and interviews as flat records: one value per property, for the exporters.

A record holds every standard property as the note says it, and what vaultkit works
out from the notes beside it: the status it works with, the last interaction and the
next item due. Values are typed (text, whole numbers, dates, tuples of text, None);
each exporter writes them in its own way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from vaultkit.core.due import due_on
from vaultkit.core.markup import plain
from vaultkit.core.model import Contact, Interview
from vaultkit.core.names import fold
from vaultkit.core.rules import DueItem, Facts, last_interaction
from vaultkit.core.stage import stage
from vaultkit.core.vault import Vault

Value = str | int | dt.date | tuple[str, ...] | None
Record = dict[str, Value]

CONTACT_COLUMNS = (
    "name",
    "aliases",
    "first_name",
    "company",
    "role",
    "email",
    "phone",
    "linkedin",
    "location",
    "source",
    "referred_by",
    "tags",
    "status",
    "status_in_note",
    "outcome",
    "outreach_sent",
    "nudge_sent",
    "replied",
    "follow_up",
    "follow_up_note",
    "cadence",
    "last_interaction",
    "next_due",
    "next_kind",
    "next_reason",
    "path",
)
INTERVIEW_COLUMNS = (
    "contact",
    "date",
    "time",
    "status",
    "status_in_note",
    "medium",
    "duration",
    "thank_you_sent",
    "questions",
    "insights",
    "open_actions",
    "referrals",
    "path",
)
TABLES = {"contacts": CONTACT_COLUMNS, "interviews": INTERVIEW_COLUMNS}


def contact_records(vault: Vault, *, today: dt.date, now: dt.time | None = None) -> list[Record]:
    """One record per contact, sorted by name as `vault ls contacts` sorts them."""
    facts = Facts.of(vault, today, now)
    next_items = _next_items(facts, due_on(vault, today, now=now).items)
    contacts = sorted(vault.contacts, key=lambda c: (fold(c.name), c.path))
    return [_contact_record(facts, c, next_items.get(c.path)) for c in contacts]


def interview_records(vault: Vault, *, today: dt.date, now: dt.time | None = None) -> list[Record]:
    """One record per interview, oldest first as `vault ls interviews` sorts them."""
    facts = Facts.of(vault, today, now)
    records = [_interview_record(facts, i) for i in vault.interviews]
    return sorted(records, key=_interview_order)


def _next_items(facts: Facts, items: Iterable[DueItem]) -> dict[str, DueItem]:
    """The first item due for each contact (items come most overdue first), by its path."""
    contact_paths = {c.path for c in facts.contacts}
    interviews = {i.path: i for i in facts.interviews}
    found: dict[str, DueItem] = {}
    for item in items:
        if item.path in contact_paths:
            owner: str | None = item.path
        else:
            interview = interviews.get(item.path)
            contact = facts.contact_of(interview) if interview else None
            owner = contact.path if contact else None
        if owner is not None and owner not in found and item.kind != "missing-contact":
            found[owner] = item
    return found


def _contact_record(facts: Facts, contact: Contact, next_item: DueItem | None) -> Record:
    return {
        "name": contact.name,
        "aliases": contact.aliases,
        "first_name": contact.first_name,
        "company": contact.company,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "linkedin": contact.linkedin,
        "location": contact.location,
        "source": contact.source,
        "referred_by": contact.referred_by,
        "tags": contact.tags,
        "status": stage(contact, facts.interviews_of(contact), facts.today, facts.now),
        "status_in_note": contact.status,
        "outcome": contact.outcome,
        "outreach_sent": contact.outreach_sent,
        "nudge_sent": contact.nudge_sent,
        "replied": contact.replied,
        "follow_up": contact.follow_up,
        "follow_up_note": contact.follow_up_note,
        "cadence": contact.cadence,
        "last_interaction": last_interaction(facts, contact),
        "next_due": next_item.due if next_item else None,
        "next_kind": next_item.kind if next_item else None,
        "next_reason": plain(next_item.reason) if next_item else None,
        "path": contact.path,
    }


def _interview_record(facts: Facts, interview: Interview) -> Record:
    return {
        "contact": facts.person(interview),
        "date": interview.date,
        "time": interview.time.strftime("%H:%M") if interview.time else None,
        "status": facts.status(interview),
        "status_in_note": interview.status,
        "medium": interview.medium,
        "duration": interview.duration,
        "thank_you_sent": interview.thank_you_sent,
        "questions": tuple(plain(q) for q in interview.questions),
        "insights": tuple(plain(i) for i in interview.insights),
        "open_actions": tuple(plain(t.text) for t in interview.tasks if not t.done),
        "referrals": interview.referrals,
        "path": interview.path,
    }


def _interview_order(record: Record) -> tuple[str, str, str]:
    day = record["date"]
    return (
        day.isoformat() if isinstance(day, dt.date) else "",
        str(record["time"] or ""),
        str(record["path"]),
    )
