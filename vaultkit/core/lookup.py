"""`vault ls` and `vault show`: looking things up in the vault."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vaultkit.core.dates import iso
from vaultkit.core.model import Contact, Interview, Task
from vaultkit.core.names import fold
from vaultkit.core.rules import Facts
from vaultkit.core.vault import Vault


def contact_row(contact: Contact) -> dict[str, object]:
    return {
        "name": contact.name,
        "company": contact.company,
        "role": contact.role,
        "email": contact.email,
        "status": contact.status,
        "tags": list(contact.tags),
        "referred_by": contact.referred_by,
        "outreach_sent": iso(contact.outreach_sent),
        "nudge_sent": iso(contact.nudge_sent),
        "replied": iso(contact.replied),
        "follow_up": iso(contact.follow_up),
        "path": contact.path,
    }


def interview_row(interview: Interview, facts: Facts) -> dict[str, object]:
    return {
        "contact": facts.person(interview),
        "date": iso(interview.date),
        "time": interview.time.strftime("%H:%M") if interview.time else None,
        "status": facts.status(interview),
        "medium": interview.medium,
        "thank_you_sent": iso(interview.thank_you_sent),
        "open_actions": sum(1 for t in interview.tasks if not t.done),
        "path": interview.path,
    }


def list_contacts(
    vault: Vault, *, status: str | None, tag: str | None, company: str | None
) -> list[dict[str, object]]:
    """Contacts matching every filter given (case-insensitive), by name."""
    found = []
    for contact in vault.contacts:
        if status and (contact.status or "") != status.lower():
            continue
        if tag and fold(tag.lstrip("#")) not in {fold(t) for t in contact.tags}:
            continue
        if company and fold(company) not in fold(contact.company or ""):
            continue
        found.append(contact)
    return [contact_row(c) for c in sorted(found, key=lambda c: (fold(c.name), c.path))]


def list_interviews(
    vault: Vault,
    *,
    today: dt.date,
    now: dt.time | None = None,
    status: str | None,
    tag: str | None,
    company: str | None,
) -> list[dict[str, object]]:
    """Interviews, oldest first; tag and company filter by the contact's."""
    facts = Facts(vault.contacts, vault.interviews, vault.config.follow_up, today, now)
    rows = []
    for interview in vault.interviews:
        if status and facts.status(interview) != status.lower():
            continue
        contact = facts.contact_of(interview)
        if tag and (not contact or fold(tag.lstrip("#")) not in {fold(t) for t in contact.tags}):
            continue
        if company and (not contact or fold(company) not in fold(contact.company or "")):
            continue
        rows.append(interview_row(interview, facts))
    return sorted(rows, key=lambda r: (r["date"] or "", r["time"] or "", r["path"]))


@dataclass(frozen=True)
class Profile:
    contact: Contact
    interviews: list[dict[str, object]]
    open_actions: list[tuple[Interview, Task]]
    referrer: Contact | None
    referred: list[Contact]

    def as_json(self) -> dict[str, object]:
        return {
            "contact": contact_row(self.contact),
            "interviews": self.interviews,
            "open_actions": [
                {"text": t.text, "due": iso(t.due), "path": i.path, "line": t.line}
                for i, t in self.open_actions
            ],
            "referred_by": self.referrer.name if self.referrer else self.contact.referred_by,
            "referred": [c.name for c in self.referred],
        }


def profile(vault: Vault, name: str, *, today: dt.date, now: dt.time | None = None) -> Profile:
    facts = Facts(vault.contacts, vault.interviews, vault.config.follow_up, today, now)
    contact = facts.names.resolve(name)
    interviews = facts.interviews_of(contact)
    referrer = facts.names.get(contact.referred_by) if contact.referred_by else []
    referred = [
        c
        for c in vault.contacts
        if c.referred_by and any(r.path == contact.path for r in facts.names.get(c.referred_by))
    ]
    return Profile(
        contact=contact,
        interviews=[interview_row(i, facts) for i in interviews],
        open_actions=[(i, t) for i in interviews for t in i.tasks if not t.done],
        referrer=referrer[0] if len(referrer) == 1 else None,
        referred=sorted(referred, key=lambda c: fold(c.name)),
    )
