"""The notions of a vault: problems, contacts, interviews and their tasks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import NamedTuple

CONTACT_STATUSES = ("prospect", "contacted", "scheduled", "met", "declined", "paused")
# The stages a person moves through, in order; the dates move them on (see stage.py).
STAGES = ("prospect", "contacted", "scheduled", "met")
INTERVIEW_STATUSES = ("planned", "done", "cancelled")
SILENT_STATUSES = ("declined", "paused")
# What a relationship led to, as `outcome` says; other text is allowed and kept as written.
OUTCOMES = ("offer", "hired", "referral", "advice", "none")
# What `vault report` can say is due, one rule each (see rules.py).
DUE_KINDS = (
    "thank-you",
    "nudge",
    "let-go",
    "follow-up",
    "stay-in-touch",
    "action",
    "prepare",
    "missing-contact",
)
# The messages `vault draft` writes, one template each (see formats/drafts.py).
DRAFT_KINDS = ("outreach", "nudge", "thank-you", "update", "advice")
# What `vault mark` records, and the date property each one writes.
MARK_EVENTS = {
    "outreach": "outreach_sent",
    "nudge": "nudge_sent",
    "reply": "replied",
    "thank-you": "thank_you_sent",
}
# Events `vault mark` records as a dated `## Log` line, with the words of that line.
MARK_LOG_EVENTS = {
    "update": "sent an update on my progress",
    "advice": "asked for advice",
}
# Events that are the user's decision about a person: the status `vault mark` writes.
MARK_STATUS_EVENTS = {"pause": "paused", "decline": "declined"}
# Every event `vault mark` knows, in the order of the workflow; `cancel` calls off
# the person's next planned interview.
MARK_KINDS = (*MARK_EVENTS, *MARK_LOG_EVENTS, *MARK_STATUS_EVENTS, "cancel")


# How the problem of a note with git's conflict markers starts: `vault sync` and the
# report look for it.
MERGE_CONFLICT = "merge conflict"


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in one file, told so a person can fix it."""

    path: str  # relative to the vault root, with forward slashes
    line: int | None
    message: str

    @property
    def is_merge_conflict(self) -> bool:
        return self.message.startswith(MERGE_CONFLICT)

    def render(self) -> str:
        """`path:line: message` on one line, control characters written as escapes."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return _CONTROL.sub(_escape, f"{where}: {self.message}")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _escape(match: re.Match[str]) -> str:
    return repr(match.group(0))[1:-1]


class Task(NamedTuple):
    """A `- [ ]` line: an action item, with its Obsidian Tasks due date if any.

    `text` is the task as prose (see markup.plain): no due date, priority,
    recurrence, tags or link brackets. An in-progress `- [/]` is open; a
    cancelled `- [-]` is no task at all.
    """

    text: str
    done: bool
    due: dt.date | None
    line: int


# The line the contact template of vaultkit 0.1 wrote under `## Log` when it made a
# note: when the note was created, which is not a conversation with the person.
_CREATION = re.compile(r"(?:added|created)(?:[,;]?\s+referred by\b.*)?", re.I)


class LogEntry(NamedTuple):
    """A dated `- 2026-11-01 ...` line under `## Log`: a real contact with the person."""

    day: dt.date
    text: str  # what follows the date, as written
    line: int

    @property
    def is_interaction(self) -> bool:
        """False for the line that only says when the note was made."""
        return not _CREATION.fullmatch(self.text.strip(" .:-–—"))


# Property lines kept with a note, for problems found across notes.
LINE_KEYS = ("type", "name", "aliases", "contact", "referred_by", "email")


@dataclass(slots=True)
class Contact:
    path: str
    name: str
    lines: dict[str, int]
    aliases: tuple[str, ...] = ()
    company: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    location: str | None = None
    source: str | None = None
    referred_by: str | None = None
    tags: tuple[str, ...] = ()
    status: str | None = None  # as the note writes it; stage.py says where they are
    outreach_sent: dt.date | None = None
    nudge_sent: dt.date | None = None
    replied: dt.date | None = None
    follow_up: dt.date | None = None
    cadence: int | None = None
    log: tuple[LogEntry, ...] = ()
    outcome: str | None = None  # what the relationship led to (see OUTCOMES)
    first_name: str | None = None
    follow_up_note: str | None = None  # what the follow_up date is for
    tasks: tuple[Task, ...] = ()

    @property
    def is_silenced(self) -> bool:
        return self.status in SILENT_STATUSES

    @property
    def log_dates(self) -> tuple[dt.date, ...]:
        """The days of the log lines that are real contacts with the person."""
        return tuple(entry.day for entry in self.log if entry.is_interaction)


@dataclass(slots=True)
class Interview:
    path: str
    lines: dict[str, int]
    contact: str | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    status: str | None = None
    medium: str | None = None
    duration: int | None = None
    thank_you_sent: dt.date | None = None
    questions: tuple[str, ...] = ()
    insights: tuple[str, ...] = ()
    tasks: tuple[Task, ...] = ()
    referrals: tuple[str, ...] = ()

    def effective_status(self, today: dt.date, now: dt.time | None = None) -> str | None:
        """The written status, else done once the date has come, else planned.

        An interview dated today counts as done unless it has a time and `now`
        is known and earlier than that time.
        """
        if self.status:
            return self.status
        if self.date is None:
            return None
        if self.date < today:
            return "done"
        if self.date > today:
            return "planned"
        if self.time is not None and now is not None and now < self.time:
            return "planned"
        return "done"


Note = Contact | Interview


@dataclass(slots=True)
class ParsedFile:
    """What one Markdown file turned out to be: a note, not ours, or broken."""

    path: str
    note: Note | None = None
    problems: list[Problem] = field(default_factory=list)
    props: dict[str, object] | None = None  # all properties as read; not kept in the index
    retry: bool = False  # it could not be read this time; the index reads it again next time

    @property
    def kind(self) -> str:
        if isinstance(self.note, Contact):
            return "contact"
        if isinstance(self.note, Interview):
            return "interview"
        return "broken" if self.problems else "other"
