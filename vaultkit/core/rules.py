"""What is due: one plain function per follow-up rule, from notes to due items.

Every rule reads dates written in the notes, never file times. A rule takes the
facts of the vault and the day, and yields DueItems; adding a rule means adding
one function here and naming it in RULES.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from vaultkit.core.config import FollowUp
from vaultkit.core.dates import shift
from vaultkit.core.model import DUE_KINDS, Contact, Interview
from vaultkit.core.names import NameIndex, fold
from vaultkit.core.vault import match_interviews


class DueItem(NamedTuple):
    """One thing to do for one person, due on a day, in one file."""

    due: dt.date
    kind: str
    person: str
    path: str
    reason: str
    line: int | None = None


@dataclass
class Facts:
    """The notes a rule looks at, with interviews already matched to their contacts."""

    contacts: list[Contact]
    interviews: list[Interview]
    settings: FollowUp
    today: dt.date
    now: dt.time | None = None
    names: NameIndex = field(init=False)
    by_contact: dict[str, list[Interview]] = field(init=False)
    contact_by_interview: dict[str, Contact] = field(init=False)

    def __post_init__(self) -> None:
        self.names = NameIndex.of(self.contacts)
        self.by_contact, self.contact_by_interview = match_interviews(self.names, self.interviews)

    def interviews_of(self, contact: Contact) -> list[Interview]:
        """The contact's interviews, oldest first (see vault.match_interviews)."""
        return self.by_contact.get(contact.path, [])

    def contact_of(self, interview: Interview) -> Contact | None:
        """The one contact an interview links to, or None if missing or ambiguous."""
        return self.contact_by_interview.get(interview.path)

    def status(self, interview: Interview) -> str | None:
        return interview.effective_status(self.today, self.now)

    def person(self, interview: Interview) -> str:
        contact = self.contact_of(interview)
        return contact.name if contact else interview.contact or "(no contact)"

    def silenced(self, interview: Interview) -> bool:
        contact = self.contact_of(interview)
        return contact is not None and contact.is_silenced


def thank_you(facts: Facts) -> Iterator[DueItem]:
    """A done interview with no thank_you_sent: due the day after."""
    for interview in facts.interviews:
        if interview.date is None or interview.thank_you_sent or facts.silenced(interview):
            continue
        if facts.status(interview) != "done":
            continue
        yield DueItem(
            facts.settings.later(interview.date, facts.settings.thank_you_after),
            "thank-you",
            facts.person(interview),
            interview.path,
            f"send a thank-you for the conversation on {interview.date.isoformat()}",
        )


def _awaiting_reply(facts: Facts, contact: Contact) -> bool:
    return (
        not contact.is_silenced
        and contact.replied is None
        and contact.status not in ("scheduled", "met")
        and not facts.interviews_of(contact)
    )


def nudge(facts: Facts) -> Iterator[DueItem]:
    """Outreach sent, no reply, no interview, no nudge yet: due a week after outreach."""
    for contact in facts.contacts:
        if contact.outreach_sent and not contact.nudge_sent and _awaiting_reply(facts, contact):
            yield DueItem(
                facts.settings.later(contact.outreach_sent, facts.settings.nudge_after),
                "nudge",
                contact.name,
                contact.path,
                f"no reply to your outreach of {contact.outreach_sent.isoformat()}: "
                "send one polite nudge",
            )


def let_go(facts: Facts) -> Iterator[DueItem]:
    """Nudged and still no reply: suggest pausing, never a second nudge."""
    for contact in facts.contacts:
        if contact.nudge_sent and _awaiting_reply(facts, contact):
            yield DueItem(
                facts.settings.later(contact.nudge_sent, facts.settings.let_go_after),
                "let-go",
                contact.name,
                contact.path,
                f"no reply since your nudge of {contact.nudge_sent.isoformat()}: "
                "let it go (set status: paused)",
            )


def follow_up(facts: Facts) -> Iterator[DueItem]:
    """The date the user chose for the next step."""
    for contact in facts.contacts:
        if contact.follow_up and not contact.is_silenced:
            yield DueItem(
                contact.follow_up,
                "follow-up",
                contact.name,
                contact.path,
                "the follow-up you planned (then clear or move follow_up)",
            )


def last_interaction(facts: Facts, contact: Contact) -> dt.date | None:
    """The latest of outreach, nudge, reply, done interviews and dated log lines."""
    dates = [d for d in (contact.outreach_sent, contact.nudge_sent, contact.replied) if d]
    dates += [i.date for i in facts.interviews_of(contact) if i.date and facts.status(i) == "done"]
    dates += [d for d in contact.log_dates if d <= facts.today]
    return max(dates, default=None)


def stay_in_touch(facts: Facts) -> Iterator[DueItem]:
    """A met contact not heard from for longer than its cadence."""
    for contact in facts.contacts:
        interviews = facts.interviews_of(contact)
        met = contact.status == "met" or (
            contact.status is None and any(facts.status(i) == "done" for i in interviews)
        )
        if not met or any(facts.status(i) == "planned" for i in interviews):
            continue
        last = last_interaction(facts, contact)
        if last is None:
            continue
        cadence = contact.cadence or facts.settings.cadence
        yield DueItem(
            shift(last, cadence),
            "stay-in-touch",
            contact.name,
            contact.path,
            f"last in touch {last.isoformat()}: send a short update on your progress",
        )


def action(facts: Facts) -> Iterator[DueItem]:
    """An open `- [ ]` in an interview: its own due date, else a week after the interview."""
    for interview in facts.interviews:
        if facts.silenced(interview) or facts.status(interview) == "cancelled":
            continue
        for task in interview.tasks:
            if task.done:
                continue
            due = task.due
            if due is None and interview.date is not None:
                due = facts.settings.later(interview.date, facts.settings.action_after)
            if due is None:
                continue
            yield DueItem(
                due, "action", facts.person(interview), interview.path, task.text, task.line
            )


def prepare(facts: Facts) -> Iterator[DueItem]:
    """A planned interview coming up with too few questions: due as it enters the window."""
    for interview in facts.interviews:
        if interview.date is None or interview.date < facts.today or facts.silenced(interview):
            continue
        wanted = facts.settings.prepare_questions
        if facts.status(interview) != "planned" or len(interview.questions) >= wanted:
            continue
        yield DueItem(
            shift(interview.date, -facts.settings.prepare_within),
            "prepare",
            facts.person(interview),
            interview.path,
            f"write at least {wanted} questions for the conversation on "
            f"{interview.date.isoformat()} ({len(interview.questions)} so far)",
        )


def missing_contact(facts: Facts) -> Iterator[DueItem]:
    """A referral or link to a person who has no contact note yet, once per person."""
    known = facts.names.get
    mentions: list[tuple[dt.date, str, str, str]] = []
    for interview in facts.interviews:
        day = interview.date or facts.today
        if interview.contact and not known(interview.contact):
            mentions.append((day, interview.path, interview.contact, "you have an interview note"))
        for name in interview.referrals:
            if not known(name):
                source = facts.person(interview)
                mentions.append((day, interview.path, name, f"{source} suggested them"))
    for contact in facts.contacts:
        if contact.referred_by and not known(contact.referred_by):
            mentions.append(
                (facts.today, contact.path, contact.referred_by, f"they referred {contact.name}")
            )
    seen: set[str] = set()
    for day, path, name, why in sorted(mentions):
        key = fold(name)
        if key in seen:
            continue
        seen.add(key)
        yield DueItem(
            day,
            "missing-contact",
            name,
            path,
            f'{why} but there is no contact note: vault new contact "{name}"',
        )


Rule = Callable[[Facts], Iterator[DueItem]]
RULES: dict[str, Rule] = {
    "thank-you": thank_you,
    "nudge": nudge,
    "let-go": let_go,
    "follow-up": follow_up,
    "stay-in-touch": stay_in_touch,
    "action": action,
    "prepare": prepare,
    "missing-contact": missing_contact,
}


def due_items(facts: Facts, kinds: tuple[str, ...] = DUE_KINDS) -> list[DueItem]:
    """Every item due from the chosen rules, most overdue first."""
    items = [item for kind in kinds for item in RULES[kind](facts)]
    return sorted(items, key=lambda i: (i.due, i.kind, i.person, i.path, i.line or 0))
