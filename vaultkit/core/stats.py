"""Looking back: the funnel from outreach to offer and the yardsticks of the field.

Plain functions from contacts and interviews to one frozen answer. Every figure is
counted from dates written in the notes, never from file times:

- people belong to a period by the day they were first reached out to; what came
  of them (a reply, a meeting, a referral, an offer) is counted as of `today`;
- conversations belong to a period by their date, and so do their thank-yous and
  action items; referrals by the date they were made.

The answer is kept beside the index (see due.py), so a second run on unchanged
notes decodes none of them. docs/commands/stats.md defines every figure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import marshal
import re
import statistics
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from vaultkit.core.config import FollowUp
from vaultkit.core.dates import shift
from vaultkit.core.model import Contact, Interview
from vaultkit.core.names import NameIndex, fold
from vaultkit.core.vault import Vault, match_interviews

STAGES = ("outreach", "replied", "met", "referred", "offer")
# The stage each one's share is of: referred and offer both follow a meeting (an
# offer need not come through a referral).
BASE_STAGE = {"replied": "outreach", "met": "replied", "referred": "met", "offer": "met"}
BY = ("month", "source", "tag", "company")
OFFER_OUTCOMES = frozenset({"offer", "hired"})
SMALL_BASE = 5  # a share of fewer than this many is shown as counts only
ROUNDING = 4  # decimals of the fractions and ratios in JSON

Key = str | None  # a group's key; None for notes that have no value for it


@dataclass(frozen=True)
class Figures:
    """The counts behind every figure, for the whole period or one group of it."""

    outreach: int = 0  # people reached out to in the period
    replied: int = 0  # ... who replied, declined, or met
    met: int = 0  # ... who had a done interview
    referred: int = 0  # ... met, and referred someone on
    offers: int = 0  # ... met, with an outcome of offer or hired
    replies_dated: int = 0  # replies with both dates written, the median's base
    median_days_to_reply: float | None = None
    nudged: int = 0  # people reached out to, then nudged
    nudged_replied: int = 0  # ... who replied
    interviews: int = 0  # done interviews in the period
    thanked_on_time: int = 0  # ... thanked within thank_you_after days
    thanks_pending: int = 0  # ... not thanked yet, still within that time
    actions_done: int = 0  # action items of the period's interviews, ticked
    actions_open: int = 0  # ... open, not due yet
    actions_overdue: int = 0  # ... open, past due
    referrals: int = 0  # referrals made in the period

    def count(self, stage: str) -> int:
        return {
            "outreach": self.outreach,
            "replied": self.replied,
            "met": self.met,
            "referred": self.referred,
            "offer": self.offers,
        }[stage]

    def stage_base(self, stage: str) -> int | None:
        """The count a stage's share is of; None for the first stage."""
        before = BASE_STAGE.get(stage)
        return None if before is None else self.count(before)

    @property
    def thanks_judged(self) -> int:
        """Done interviews whose thank-you was sent or is late: the on-time share's base."""
        return self.interviews - self.thanks_pending

    @property
    def reply_rate(self) -> float | None:
        return share(self.replied, self.outreach)

    @property
    def nudge_rate(self) -> float | None:
        return share(self.nudged_replied, self.nudged)

    @property
    def thank_you_rate(self) -> float | None:
        return share(self.thanked_on_time, self.thanks_judged)

    @property
    def referrals_per_interview(self) -> float | None:
        return share(self.referrals, self.interviews)

    @property
    def interviews_per_offer(self) -> float | None:
        return share(self.interviews, self.offers)

    def as_json(self) -> dict[str, object]:
        """The documented JSON fields (docs/commands/stats.md)."""
        funnel = []
        for stage in STAGES:
            base = self.stage_base(stage)
            rate = None if base is None else share(self.count(stage), base)
            funnel.append({"stage": stage, "count": self.count(stage), "rate": _round(rate)})
        return {
            "funnel": funnel,
            "reply_rate": _round(self.reply_rate),
            "median_days_to_reply": self.median_days_to_reply,
            "replies_dated": self.replies_dated,
            "nudged": {
                "nudged": self.nudged,
                "replied": self.nudged_replied,
                "rate": _round(self.nudge_rate),
            },
            "interviews": self.interviews,
            "thank_you_on_time": {
                "done": self.interviews,
                "on_time": self.thanked_on_time,
                "pending": self.thanks_pending,
                "rate": _round(self.thank_you_rate),
            },
            "actions": {
                "done": self.actions_done,
                "open": self.actions_open,
                "overdue": self.actions_overdue,
            },
            "referrals": self.referrals,
            "referrals_per_interview": _round(self.referrals_per_interview),
            "interviews_per_offer": _round(self.interviews_per_offer),
        }


@dataclass(frozen=True)
class Month:
    """One month of the series: people first reached out to, and conversations held."""

    month: str  # YYYY-MM
    outreach: int
    interviews: int


@dataclass(frozen=True)
class Stats:
    """The figures of one period as of one day, whole and by group."""

    today: dt.date
    since: dt.date | None
    until: dt.date
    by: str | None
    total: Figures
    groups: tuple[tuple[Key, Figures], ...]
    months: tuple[Month, ...]
    broken_files: int  # notes that could not be read, left out of every figure
    thank_you_after: int  # the days a thank-you was counted on time within (vault.toml)

    def as_json(self) -> dict[str, object]:
        return {
            "today": self.today.isoformat(),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat(),
            "by": self.by,
            **self.total.as_json(),
            "months": [dataclasses.asdict(m) for m in self.months],
            "groups": [{"key": key, **figures.as_json()} for key, figures in self.groups],
        }


def share(part: int, base: int) -> float | None:
    """part / base, or None when the base is 0."""
    return part / base if base else None


def small(base: int | None) -> bool:
    """Whether a share of this base is too small to mean anything as a percentage."""
    return base is not None and base < SMALL_BASE


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, ROUNDING)


def outcome_words(contact: Contact) -> frozenset[str]:
    """The recognised words of a contact's outcome: `offer, referral` gives both."""
    if not contact.outcome:
        return frozenset()
    words = (word.strip() for word in re.split(r"[,;/]", contact.outcome.lower()))
    return frozenset(word for word in words if word)


# -- the facts one record gives ------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    contact: Contact
    day: dt.date  # first reached out to
    replied: bool
    met: bool
    referred: bool
    offer: bool
    nudged: bool
    days_to_reply: int | None


@dataclass(frozen=True)
class _Conversation:
    interview: Interview
    contact: Contact | None
    done: bool
    thank_you: str | None  # on-time, late or pending, for done interviews
    actions: tuple[str, ...]  # done, open or overdue, one per action item


@dataclass(frozen=True)
class _Referral:
    referrer: Contact | None  # None when the interview naming them matches no contact
    day: dt.date | None  # None when no note dates it


class _Period:
    """Which days count: from `since` (or the beginning) to `until`, none after today."""

    def __init__(self, today: dt.date, since: dt.date | None, until: dt.date) -> None:
        self.today, self.since, self.until = today, since, until

    def holds(self, day: dt.date | None) -> bool:
        if day is None:
            return False
        return (self.since is None or day >= self.since) and day <= self.until

    def holds_undated(self) -> bool:
        """An undated fact happened some time up to today: in a period with no start that
        runs to today or later."""
        return self.since is None and self.until >= self.today


def stats_of(
    vault: Vault,
    *,
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: str | None = None,
) -> Stats:
    """The figures of the vault's notes, kept beside the index for the next run."""
    until = until or today
    key = _key(vault.config.follow_up, today, since, until, by)
    kept = vault.answers.get(key) if vault.answers else None
    if kept is not None:
        found = _load(kept)
        if found is not None:
            return found
    stats = compute(
        vault.contacts,
        vault.interviews,
        vault.config.follow_up,
        today=today,
        since=since,
        until=until,
        by=by,
        broken_files=len(vault.broken_files),
    )
    if vault.answers:
        vault.answers.put(key, _dump(stats))
    return stats


def compute(
    contacts: list[Contact],
    interviews: list[Interview],
    settings: FollowUp,
    *,
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: str | None = None,
    broken_files: int = 0,
) -> Stats:
    """The figures from these notes, for the period from `since` to `until` (default today)."""
    if by is not None and by not in BY:
        raise ValueError(f"unknown grouping {by!r}")
    until = until or today
    period = _Period(today, since, until)
    people, conversations, referrals = _records(contacts, interviews, settings, period)
    groups = _Groups(by)
    for person in people:
        for tally in groups.of(_keys(by, person.contact, person.day)):
            tally.add_person(person)
    for conversation in conversations:
        for tally in groups.of(_keys(by, conversation.contact, conversation.interview.date)):
            tally.add_conversation(conversation)
    for referral in referrals:
        for tally in groups.of(_keys(by, referral.referrer, referral.day)):
            tally.referrals += 1
    return Stats(
        today=today,
        since=since,
        until=until,
        by=by,
        total=groups.total.figures(),
        groups=groups.figures(),
        months=_series(people, conversations),
        broken_files=broken_files,
        thank_you_after=settings.thank_you_after,
    )


def _records(
    contacts: list[Contact], interviews: list[Interview], settings: FollowUp, period: _Period
) -> tuple[list[_Person], list[_Conversation], list[_Referral]]:
    """The people, conversations and referrals of the period, each with what came of it."""
    today = period.today
    contacts = sorted(contacts, key=lambda c: c.path)
    interviews = sorted(interviews, key=lambda i: i.path)
    names = NameIndex.of(contacts)
    by_contact, contact_of = match_interviews(names, interviews)
    referrals = _referrals(contacts, interviews, names, contact_of, by_contact, today)
    referrers = {r.referrer.path for r in referrals if r.referrer and _happened(r.day, today)}
    people = []
    for contact in contacts:
        person = _person(contact, by_contact.get(contact.path, []), referrers, today)
        if person is not None and period.holds(person.day):
            people.append(person)
    conversations = [
        _conversation(i, contact_of.get(i.path), settings, today)
        for i in interviews
        if period.holds(i.date) and i.effective_status(today) != "cancelled"
    ]
    made = [
        r for r in referrals if period.holds(r.day) or (r.day is None and period.holds_undated())
    ]
    return people, conversations, made


def _happened(day: dt.date | None, today: dt.date) -> bool:
    return day is None or day <= today


def _done(interview: Interview, today: dt.date) -> bool:
    """A conversation that took place by today, as written or as its date says."""
    if interview.effective_status(today) != "done":
        return False
    return interview.date is None or interview.date <= today


def _person(
    contact: Contact, interviews: list[Interview], referrers: set[str], today: dt.date
) -> _Person | None:
    """What came of one person, or None if they were never reached out to by today."""
    day = _first_reached(contact, interviews, today)
    if day is None:
        return None
    met = any(_done(i, today) for i in interviews)
    answered = contact.replied is not None and contact.replied <= today
    replied = (
        answered
        or contact.status == "declined"
        or met
        or any(i.date is not None and i.date <= today for i in interviews)
    )
    words = outcome_words(contact)
    days = None
    if (
        answered
        and contact.outreach_sent
        and contact.replied
        and contact.replied >= contact.outreach_sent
    ):
        days = (contact.replied - contact.outreach_sent).days
    return _Person(
        contact=contact,
        day=day,
        replied=replied,
        met=met,
        referred=met and (contact.path in referrers or "referral" in words),
        offer=met and bool(words & OFFER_OUTCOMES),
        nudged=contact.nudge_sent is not None and contact.nudge_sent <= today,
        days_to_reply=days,
    )


def _first_reached(contact: Contact, interviews: list[Interview], today: dt.date) -> dt.date | None:
    """outreach_sent, else the earliest later sign of contact: nudge, reply, interview."""
    if contact.outreach_sent is not None:
        return contact.outreach_sent if contact.outreach_sent <= today else None
    signs = [contact.nudge_sent, contact.replied, *(i.date for i in interviews)]
    return min((d for d in signs if d is not None and d <= today), default=None)


def _conversation(
    interview: Interview, contact: Contact | None, settings: FollowUp, today: dt.date
) -> _Conversation:
    done = _done(interview, today)
    thank_you = None
    if done and interview.date is not None:
        deadline = shift(interview.date, settings.thank_you_after)
        sent = interview.thank_you_sent
        if sent is not None and sent <= today:
            thank_you = "on-time" if sent <= deadline else "late"
        else:
            thank_you = "late" if deadline < today else "pending"
    actions = []
    for task in interview.tasks:
        if task.done:
            actions.append("done")
            continue
        due = task.due
        if due is None and interview.date is not None:
            due = shift(interview.date, settings.action_after)
        actions.append("overdue" if due is not None and due < today else "open")
    return _Conversation(interview, contact, done, thank_you, tuple(actions))


def _referrals(
    contacts: list[Contact],
    interviews: list[Interview],
    names: NameIndex,
    contact_of: dict[str, Contact],
    by_contact: dict[str, list[Interview]],
    today: dt.date,
) -> list[_Referral]:
    """Each referral once: a `## Referrals` line of an interview, or a `referred_by`.

    The same two people named both ways are one referral, dated by the interview.
    A `referred_by` alone is dated by the day the referred person was first reached
    out to, else not at all.
    """
    found: dict[tuple[str, str], _Referral] = {}

    def add(
        referrer: Contact | None, referrer_key: str, referred_key: str, day: dt.date | None
    ) -> None:
        if referrer_key == referred_key:
            return  # nobody refers themselves
        key = (referrer_key, referred_key)
        before = found.get(key)
        if before is None or (day is not None and (before.day is None or day < before.day)):
            found[key] = _Referral(referrer, day)

    for interview in interviews:
        referrer = contact_of.get(interview.path)
        referrer_key = referrer.path if referrer else "?" + fold(interview.contact or "")
        for name in interview.referrals:
            matches = names.get(name)
            referred_key = matches[0].path if len(matches) == 1 else "?" + fold(name)
            add(referrer, referrer_key, referred_key, interview.date)
    for contact in contacts:
        if not contact.referred_by:
            continue
        matches = names.get(contact.referred_by)
        if len(matches) != 1:
            continue  # it must name one other contact
        day = _first_reached(contact, by_contact.get(contact.path, []), today)
        add(matches[0], matches[0].path, contact.path, day)
    return list(found.values())


# -- adding up ------------------------------------------------------------------------------


_COUNTED = tuple(
    f.name
    for f in dataclasses.fields(Figures)
    if f.name not in ("median_days_to_reply", "replies_dated", "referrals")
)


class _Groups:
    """The tally of the whole period, and one per group when grouping."""

    def __init__(self, by: str | None) -> None:
        self.by = by
        self.total = _Tally()
        self.tallies: dict[Key, _Tally] = {}
        self.shown: dict[Key, Key] = {}  # a group's folded key -> the spelling shown

    def of(self, keys: Iterable[Key]) -> Iterator[_Tally]:
        """The tallies a record adds to: the total's, then its groups'."""
        yield self.total
        if self.by is None:
            return
        for key in keys:
            folded = fold(key) if key is not None and self.by != "month" else key
            self.shown.setdefault(folded, key)
            yield self.tallies.setdefault(folded, _Tally())

    def figures(self) -> tuple[tuple[Key, Figures], ...]:
        """Each group's figures in order: by month, else by name with the unnamed last."""
        if self.by == "month":
            for month in _months_between(k for k in self.tallies if k is not None):
                self.tallies.setdefault(month, _Tally())
        ordered = sorted(self.tallies, key=_group_order)
        return tuple((self.shown.get(k, k), self.tallies[k].figures()) for k in ordered)


class _Tally:
    """Counts being added up for the period or one group."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(_COUNTED, 0)
        self.days: list[int] = []  # from outreach to reply, one per dated reply
        self.referrals = 0

    def add_person(self, person: _Person) -> None:
        counts = self.counts
        counts["outreach"] += 1
        counts["replied"] += person.replied
        counts["met"] += person.met
        counts["referred"] += person.referred
        counts["offers"] += person.offer
        counts["nudged"] += person.nudged
        counts["nudged_replied"] += person.nudged and person.replied
        if person.days_to_reply is not None:
            self.days.append(person.days_to_reply)

    def add_conversation(self, conversation: _Conversation) -> None:
        counts = self.counts
        counts["interviews"] += conversation.done
        counts["thanked_on_time"] += conversation.thank_you == "on-time"
        counts["thanks_pending"] += conversation.thank_you == "pending"
        for action in conversation.actions:
            counts[f"actions_{action}"] += 1

    def figures(self) -> Figures:
        median = float(statistics.median(self.days)) if self.days else None
        return Figures(
            **self.counts,
            replies_dated=len(self.days),
            median_days_to_reply=median,
            referrals=self.referrals,
        )


def _keys(by: str | None, contact: Contact | None, day: dt.date | None) -> list[Key]:
    """The groups a record falls in: its month, or its person's source, tags or company."""
    if by is None:
        return []
    if by == "month":
        return [_month(day)] if day is not None else []
    if contact is None:
        return [None]
    if by == "source":
        return [contact.source]
    if by == "company":
        return [contact.company]
    return list(dict.fromkeys(contact.tags)) or [None]


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_between(months: Iterable[str]) -> list[str]:
    """Every month from the first to the last given, so a quiet month shows as zero."""
    present = sorted(months)
    if not present:
        return []
    year, month = map(int, present[0].split("-"))
    found = []
    while (current := f"{year:04d}-{month:02d}") <= present[-1]:
        found.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _group_order(key: Key) -> tuple[bool, str]:
    return (key is None, key or "")


def _series(people: list[_Person], conversations: list[_Conversation]) -> tuple[Month, ...]:
    outreach: dict[str, int] = {}
    held: dict[str, int] = {}
    for person in people:
        month = _month(person.day)
        outreach[month] = outreach.get(month, 0) + 1
    for conversation in conversations:
        if conversation.done and conversation.interview.date is not None:
            month = _month(conversation.interview.date)
            held[month] = held.get(month, 0) + 1
    return tuple(
        Month(m, outreach.get(m, 0), held.get(m, 0)) for m in _months_between([*outreach, *held])
    )


# -- keeping the answer ---------------------------------------------------------------------


def _key(
    settings: FollowUp, today: dt.date, since: dt.date | None, until: dt.date, by: str | None
) -> str:
    period = f"{since.isoformat() if since else '-'} {until.isoformat()}"
    return f"stats {today.isoformat()} {period} {by} {dataclasses.astuple(settings)}"


def _dump(stats: Stats) -> bytes:
    def plain(figures: Figures) -> tuple[int | float | None, ...]:
        return dataclasses.astuple(figures)

    return marshal.dumps(
        (
            stats.today.toordinal(),
            stats.since.toordinal() if stats.since else None,
            stats.until.toordinal(),
            stats.by,
            plain(stats.total),
            [(key, plain(figures)) for key, figures in stats.groups],
            [(m.month, m.outreach, m.interviews) for m in stats.months],
            stats.broken_files,
            stats.thank_you_after,
        )
    )


def _load(data: bytes) -> Stats | None:
    """A kept answer, or None when it is unreadable."""
    make: Callable[..., Figures] = Figures
    try:
        today, since, until, by, total, groups, months, broken, after = marshal.loads(data)
        return Stats(
            today=dt.date.fromordinal(today),
            since=dt.date.fromordinal(since) if since else None,
            until=dt.date.fromordinal(until),
            by=by,
            total=make(*total),
            groups=tuple((key, make(*figures)) for key, figures in groups),
            months=tuple(Month(*m) for m in months),
            broken_files=broken,
            thank_you_after=after,
        )
    except Exception:  # a damaged or foreign answer is worked out again
        return None
