"""`vault ls` and `vault show`: looking things up in the vault."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from vaultkit.core.dates import iso
from vaultkit.core.markup import plain
from vaultkit.core.model import (
    CONTACT_STATUSES,
    INTERVIEW_STATUSES,
    Contact,
    Interview,
    LogEntry,
    Task,
)
from vaultkit.core.names import fold
from vaultkit.core.partial import IndexedNotes, contacts_vault, person_vault
from vaultkit.core.report import ReportItem, build_report
from vaultkit.core.rules import Facts
from vaultkit.core.stage import is_behind
from vaultkit.core.vault import Vault
from vaultkit.core.words import plural
from vaultkit.errors import USAGE, VaultError


def contact_row(contact: Contact, status: str) -> dict[str, object]:
    """Every standard property of the contact; `status` is where they stand (see stage.py)."""
    return {
        "name": contact.name,
        "aliases": list(contact.aliases),
        "first_name": contact.first_name,
        "company": contact.company,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "linkedin": contact.linkedin,
        "location": contact.location,
        "source": contact.source,
        "status": status,
        "status_in_note": contact.status,
        "outcome": contact.outcome,
        "tags": list(contact.tags),
        "referred_by": contact.referred_by,
        "outreach_sent": iso(contact.outreach_sent),
        "nudge_sent": iso(contact.nudge_sent),
        "replied": iso(contact.replied),
        "follow_up": iso(contact.follow_up),
        "follow_up_note": contact.follow_up_note,
        "cadence": contact.cadence,
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
    vault: Vault,
    *,
    today: dt.date,
    now: dt.time | None = None,
    status: str | None,
    tag: str | None,
    company: str | None,
    indexed: IndexedNotes | None = None,
) -> list[dict[str, object]]:
    """Contacts matching every filter given (case-insensitive), by name.

    --status filters by where they stand, the status every command works with. With
    `indexed`, the interviews are read in brief (see partial.contacts_vault).
    """
    wanted = _status(status, CONTACT_STATUSES)
    vault = _contacts_vault(vault, indexed)
    facts = Facts.of(vault, today, now)
    found = []
    for contact in vault.contacts:
        if wanted and facts.stage(contact) != wanted:
            continue
        if tag and fold(tag.lstrip("#")) not in {fold(t) for t in contact.tags}:
            continue
        if company and fold(company) not in fold(contact.company or ""):
            continue
        found.append(contact)
    ordered = sorted(found, key=lambda c: (fold(c.name), c.path))
    return [contact_row(c, facts.stage(c)) for c in ordered]


def list_interviews(
    vault: Vault,
    *,
    today: dt.date,
    now: dt.time | None = None,
    status: str | None,
    tag: str | None,
    company: str | None,
    indexed: IndexedNotes | None = None,
) -> list[dict[str, object]]:
    """Interviews, oldest first; tag and company filter by the contact's. With `indexed`,
    the interviews are read in brief (see partial.contacts_vault)."""
    wanted = _status(status, INTERVIEW_STATUSES)
    vault = _contacts_vault(vault, indexed)
    facts = Facts.of(vault, today, now)
    rows = []
    for interview in vault.interviews:
        if wanted and facts.status(interview) != wanted:
            continue
        contact = facts.contact_of(interview)
        if tag and (not contact or fold(tag.lstrip("#")) not in {fold(t) for t in contact.tags}):
            continue
        if company and (not contact or fold(company) not in fold(contact.company or "")):
            continue
        rows.append(interview_row(interview, facts))
    return sorted(rows, key=lambda r: (r["date"] or "", r["time"] or "", r["path"]))


def _contacts_vault(vault: Vault, rows: IndexedNotes | None) -> Vault:
    few = contacts_vault(vault, rows) if rows is not None else None
    return vault if few is None else few


def _status(given: str | None, allowed: tuple[str, ...]) -> str | None:
    if given is None:
        return None
    word = given.strip().lower()
    if word not in allowed:
        raise VaultError(f"unknown status {given!r}; use one of {', '.join(allowed)}", USAGE)
    return word


@dataclass(frozen=True)
class Conversation:
    """One interview as a person's story tells it."""

    interview: Interview
    row: dict[str, object]

    def as_json(self) -> dict[str, object]:
        return {
            **self.row,
            "questions": list(self.interview.questions),
            "insights": [plain(i) for i in self.interview.insights],
            "referrals": list(self.interview.referrals),
        }


@dataclass(frozen=True)
class OpenTask:
    path: str
    task: Task

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.task.text,
            "due": iso(self.task.due),
            "path": self.path,
            "line": self.task.line,
        }


@dataclass(frozen=True)
class Profile:
    """A person's whole story: who they are, where they stand, what happened, what is due."""

    contact: Contact
    status: str
    stage: str  # where they are in the workflow, in words
    conversations: list[Conversation]
    open_actions: list[OpenTask]
    referrer: Contact | None
    referred: list[Contact]  # contacts whose referred_by names them
    suggested: list[str]  # people they suggested in their interviews, as written
    due: list[ReportItem]

    @property
    def interviews(self) -> list[dict[str, object]]:
        return [c.row for c in self.conversations]

    @property
    def log(self) -> tuple[LogEntry, ...]:
        return self.contact.log

    @property
    def status_behind(self) -> bool:
        """Whether the note's own status line names an earlier stage than the dates show."""
        return is_behind(self.contact, self.status)

    def as_json(self) -> dict[str, object]:
        return {
            "contact": contact_row(self.contact, self.status),
            "status": self.status,
            "status_in_note": self.contact.status,
            "stage": self.stage,
            "log": [
                {"date": e.day.isoformat(), "text": plain(e.text), "line": e.line} for e in self.log
            ],
            "interviews": [c.as_json() for c in self.conversations],
            "open_actions": [t.as_json() for t in self.open_actions],
            "referred_by": self.referrer.name if self.referrer else self.contact.referred_by,
            "referred": [c.name for c in self.referred],
            "suggested": self.suggested,
            "due": [i.as_json() for i in self.due],
        }


def profile(
    vault: Vault,
    name: str,
    *,
    today: dt.date,
    now: dt.time | None = None,
    indexed: IndexedNotes | None = None,
) -> Profile:
    """The person NAME means; with `indexed`, read from their own notes (see partial.py), and
    from the whole vault only when NAME is not one person's (to say why)."""
    few = person_vault(vault, indexed, name) if indexed is not None else None
    if few is not None:
        with contextlib.suppress(VaultError):
            return _profile(few, name, today, now)
    return _profile(vault, name, today, now)


def _profile(vault: Vault, name: str, today: dt.date, now: dt.time | None) -> Profile:
    facts = Facts.of(vault, today, now)
    contact = facts.names.resolve(name, vault.broken_files)
    interviews = facts.interviews_of(contact)
    referrer = facts.names.get(contact.referred_by) if contact.referred_by else []
    referred = [
        c
        for c in vault.contacts
        if c.referred_by and any(r.path == contact.path for r in facts.names.get(c.referred_by))
    ]
    suggested = dict.fromkeys(name for i in interviews for name in i.referrals)
    tasks = [OpenTask(i.path, t) for i in interviews for t in i.tasks if not t.done]
    tasks += [OpenTask(contact.path, t) for t in contact.tasks if not t.done]
    return Profile(
        contact=contact,
        status=facts.stage(contact),
        stage=stage_words(facts, contact, interviews),
        conversations=[Conversation(i, interview_row(i, facts)) for i in interviews],
        open_actions=tasks,
        referrer=referrer[0] if len(referrer) == 1 else None,
        referred=sorted(referred, key=lambda c: fold(c.name)),
        suggested=list(suggested),
        due=_due_for(vault, contact, interviews, today, now),
    )


def stage_words(facts: Facts, contact: Contact, interviews: list[Interview]) -> str:
    """Where the person is in the workflow, and since when, in a few words."""
    current = facts.stage(contact)
    held = [i for i in interviews if facts.status(i) == "done" and i.date]
    planned = [i for i in interviews if facts.status(i) == "planned" and i.date]
    if current in ("declined", "paused"):
        return f"{current}: no reminders for them"
    if held:
        words = f"met {_times(len(held))}, last on {held[-1].date}"
        return f"{words}; next conversation on {planned[0].date}" if planned else words
    if planned:
        return f"conversation planned for {planned[0].date}"
    if contact.replied and contact.replied <= facts.today:
        return f"replied on {contact.replied}; no conversation planned yet"
    if contact.nudge_sent and contact.nudge_sent <= facts.today:
        return f"nudged on {contact.nudge_sent}; waiting for a reply"
    if contact.outreach_sent and contact.outreach_sent <= facts.today:
        return f"outreach sent on {contact.outreach_sent}; waiting for a reply"
    if current != "prospect":
        return f"{current}, as the note says"
    return "not contacted yet"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, plural(count, "time"))


def _due_for(
    vault: Vault,
    contact: Contact,
    interviews: list[Interview],
    today: dt.date,
    now: dt.time | None,
) -> list[ReportItem]:
    """The report's items in the person's own notes, as far ahead as the report looks.

    On a person's vault (partial.py), which keeps no answers, the rules run on it alone.
    """
    paths = {contact.path, *(i.path for i in interviews)}
    window = vault.config.follow_up.upcoming_days
    report = build_report(vault, today=today, days=window, now=now)
    return [i for i in report.items if i.item.path in paths]
