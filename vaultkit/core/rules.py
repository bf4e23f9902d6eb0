"""What is due: one plain function per follow-up rule, from notes to due items.

Every rule reads dates written in the notes, never file times. A rule takes the
facts of the vault and the day, and yields DueItems; adding a rule means adding
one function here and naming it in RULES. Each item carries the `vault` commands
that resolve it, as argument lists, so no next step is a hand edit.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import InitVar, dataclass, field
from typing import NamedTuple

from vaultkit.core.config import FollowUp
from vaultkit.core.dates import shift
from vaultkit.core.markup import plain
from vaultkit.core.model import DUE_KINDS, Contact, Interview, Task
from vaultkit.core.names import NameIndex, fold
from vaultkit.core.stage import stage
from vaultkit.core.steps import Step, command_line
from vaultkit.core.vault import Vault, match_interviews


class DueItem(NamedTuple):
    """One thing to do for one person, due on a day (None: a task with no date), in one file."""

    due: dt.date | None
    kind: str
    person: str
    path: str
    reason: str
    line: int | None = None
    steps: tuple[Step, ...] = ()  # the commands that resolve it, in order


@dataclass
class Facts:
    """The notes a rule looks at, with interviews already matched to their contacts."""

    contacts: list[Contact]
    interviews: list[Interview]
    settings: FollowUp
    today: dt.date
    now: dt.time | None = None
    unreadable: dict[str, str] = field(default_factory=dict)  # see Vault.unreadable
    # The names of every contact, when the facts are of some notes only (incremental.py).
    known: InitVar[NameIndex | None] = None
    names: NameIndex = field(init=False)
    by_contact: dict[str, list[Interview]] = field(init=False)
    contact_by_interview: dict[str, Contact] = field(init=False)
    _stages: dict[str, str] = field(init=False, default_factory=dict)

    @classmethod
    def of(cls, vault: Vault, today: dt.date, now: dt.time | None = None) -> Facts:
        """The facts of the whole vault on `today` at `now`: every command asks this way."""
        return cls(
            vault.contacts, vault.interviews, vault.config.follow_up, today, now, vault.unreadable()
        )

    def __post_init__(self, known: NameIndex | None) -> None:
        self.names = NameIndex.of(self.contacts) if known is None else known
        self.by_contact, self.contact_by_interview = match_interviews(self.names, self.interviews)

    def stage(self, contact: Contact) -> str:
        """Where the contact stands now (see stage.py)."""
        found = self._stages.get(contact.path)
        if found is None:
            found = stage(contact, self.interviews_of(contact), self.today, self.now)
            self._stages[contact.path] = found
        return found

    def handle(self, contact: Contact) -> str:
        """What to type to name the contact: the name, or the path when others share it."""
        return contact.name if self.names.get(contact.name) == [contact] else contact.path

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

    def steps_for(self, interview: Interview, *steps: Callable[[str], Step]) -> tuple[Step, ...]:
        """The steps for the interview's person, each made from the name to type.

        A person with no contact note gets one first; an interview that names
        nobody, a name several contacts share, or a contact note that cannot be read,
        is for `vault check` to explain.
        """
        contact = self.contact_of(interview)
        if contact is not None:
            handle = self.handle(contact)
            return tuple(step(handle) for step in steps)
        name = interview.contact
        if name and not self.names.get(name) and fold(name) not in self.unreadable:
            return (("new", "contact", name), *(step(name) for step in steps))
        return (("check",),)


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
            steps=facts.steps_for(
                interview,
                lambda who: ("draft", "thank-you", who),
                lambda who: ("mark", who, "thank-you"),
            ),
        )


def _awaiting_reply(facts: Facts, contact: Contact) -> bool:
    return (
        not contact.is_silenced
        and contact.replied is None
        and facts.stage(contact) not in ("scheduled", "met")
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
                steps=(
                    ("draft", "nudge", facts.handle(contact)),
                    ("mark", facts.handle(contact), "nudge"),
                ),
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
                steps=(("mark", facts.handle(contact), "pause"),),
            )


def follow_up(facts: Facts) -> Iterator[DueItem]:
    """The date the user chose for the next step, with what it is for when the note says."""
    for contact in facts.contacts:
        if contact.follow_up and not contact.is_silenced:
            note = plain(contact.follow_up_note or "")
            planned = contact.follow_up.isoformat()
            yield DueItem(
                contact.follow_up,
                "follow-up",
                contact.name,
                contact.path,
                note or f"the follow-up you planned for {planned} (no note says what for)",
                steps=(("plan", facts.handle(contact), "clear"),),
            )


def last_interaction(facts: Facts, contact: Contact) -> dt.date | None:
    """The latest of outreach, nudge, reply, done interviews, their thank-yous and dated
    log lines (the line that only says when the note was made is none), up to today."""
    dates = [d for d in (contact.outreach_sent, contact.nudge_sent, contact.replied) if d]
    for interview in facts.interviews_of(contact):
        if interview.date and facts.status(interview) == "done":
            dates += [d for d in (interview.date, interview.thank_you_sent) if d]
    dates += contact.log_dates
    return max((d for d in dates if d <= facts.today), default=None)


def stay_in_touch(facts: Facts) -> Iterator[DueItem]:
    """A met contact not heard from for longer than its cadence."""
    for contact in facts.contacts:
        interviews = facts.interviews_of(contact)
        if facts.stage(contact) != "met" or any(facts.status(i) == "planned" for i in interviews):
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
            steps=(
                ("draft", "update", facts.handle(contact)),
                ("mark", facts.handle(contact), "update"),
            ),
        )


def action(facts: Facts) -> Iterator[DueItem]:
    """An open task: in an interview, due on its own date, else a week after the interview;
    in a contact note, due on its own date, else listed with no date."""
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
            yield _task_item(due, facts.person(interview), interview.path, task)
    for contact in facts.contacts:
        if contact.is_silenced:
            continue
        for task in contact.tasks:
            if not task.done:
                yield _task_item(task.due, contact.name, contact.path, task)


def _task_item(due: dt.date | None, person: str, path: str, task: Task) -> DueItem:
    return DueItem(
        due, "action", person, path, task.text, task.line, (("done", f"{path}:{task.line}"),)
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
            steps=(("prepare", interview.path),),
        )


# A person with no contact note, as one note mentions them: the day, the file, who is
# missing, why they are due, and who referred them (what to type, or "").
Mention = tuple[dt.date, str, str, str, str]


def missing_contact(facts: Facts) -> Iterator[DueItem]:
    """A referral or link to a person who has no contact note yet, once per person."""
    return missing_items(missing_mentions(facts))


def missing_mentions(facts: Facts) -> list[Mention]:
    """Every mention of a person with no note: an interview's contact, a referral, a
    contact's referrer."""

    def known(name: str) -> bool:
        """Whether the person has a note: a readable one, or one that cannot be read (which
        the report names as such; `vault new contact` would only refuse)."""
        return bool(facts.names.get(name)) or fold(name) in facts.unreadable

    mentions: list[Mention] = []
    for interview in facts.interviews:
        day = interview.date or facts.today
        if interview.contact and not known(interview.contact):
            mentions.append(
                (day, interview.path, interview.contact, "you have an interview note", "")
            )
        for name in interview.referrals:
            if not known(name):
                why = f"{facts.person(interview)} suggested them"
                mentions.append((day, interview.path, name, why, _referrer(facts, interview)))
    for contact in facts.contacts:
        if contact.referred_by and not known(contact.referred_by):
            why = f"they referred {contact.name}"
            mentions.append((facts.today, contact.path, contact.referred_by, why, ""))
    return mentions


def missing_items(mentions: Iterable[Mention]) -> Iterator[DueItem]:
    """One item per person missing, from the earliest mention of them."""
    seen: set[str] = set()
    for day, path, name, why, referrer in sorted(mentions):
        key = fold(name)
        if key in seen:
            continue
        seen.add(key)
        step: Step = ("new", "contact", name, *(("--referred-by", referrer) if referrer else ()))
        yield DueItem(
            day,
            "missing-contact",
            name,
            path,
            f"{why} but there is no contact note: vault {command_line(step)}",
            steps=(step,),
        )


def _referrer(facts: Facts, interview: Interview) -> str:
    """What to type as --referred-by for a person the interview's contact suggested."""
    contact = facts.contact_of(interview)
    if contact is not None:
        return facts.handle(contact)
    return interview.contact or ""


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
    """Every item due from the chosen rules, most overdue first, those with no date last."""
    return in_order(item for kind in kinds for item in RULES[kind](facts))


def in_order(items: Iterable[DueItem]) -> list[DueItem]:
    """Items most overdue first, those with no date last (as due_items gives them)."""
    return sorted(items, key=_order)


def put_in_order(ordered: list[DueItem], more: Iterable[DueItem]) -> list[DueItem]:
    """`ordered` (as in_order leaves items) with `more` put in their places."""
    for item in more:
        bisect.insort(ordered, item, key=_order)
    return ordered


def _order(item: DueItem) -> tuple[bool, dt.date, str, str, str, int]:
    return (
        item.due is None,
        item.due or dt.date.min,
        item.kind,
        item.person,
        item.path,
        item.line or 0,
    )
