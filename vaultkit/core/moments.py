"""When each kind of message fits, from the dates written in the notes.

| kind | fits |
| --- | --- |
| outreach | before any outreach, reply or interview |
| nudge | once: after the outreach, before any nudge, reply or interview |
| thank-you | after a done interview that has no `thank_you_sent` |
| update, advice | after a done interview |

A written `status: declined` fits no message at all. The dates are the contact's
`outreach_sent`, `nudge_sent` and `replied`, and the date, status and
`thank_you_sent` of their interviews; the contact's status line otherwise plays no
part (it may lag behind the dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from vaultkit.core.model import DRAFT_KINDS, Contact, Interview


@dataclass(frozen=True)
class Moment:
    """Whether a kind of message fits now, and if not, why."""

    kind: str
    why_not: str = ""  # empty when it fits

    @property
    def fits(self) -> bool:
        return not self.why_not


@dataclass(frozen=True)
class Standing:
    """Where a person stands, as the dates in their notes say."""

    contact: Contact
    done: tuple[Interview, ...]  # oldest first
    planned: tuple[Interview, ...]

    @classmethod
    def of(
        cls,
        contact: Contact,
        interviews: Sequence[Interview],
        today: dt.date,
        now: dt.time | None = None,
    ) -> Standing:
        done = tuple(i for i in interviews if i.effective_status(today, now) == "done")
        planned = tuple(i for i in interviews if i.effective_status(today, now) == "planned")
        return cls(contact, done, planned)


def moment(kind: str, standing: Standing, interview: Interview | None = None) -> Moment:
    """Whether `kind` fits now; `interview` is the one a thank-you, update or advice is about."""
    contact = standing.contact
    if contact.status == "declined":
        return Moment(kind, f"{contact.path} says status: declined")
    why = _WHY_NOT[kind](standing, interview)
    return Moment(kind, why)


def fitting(standing: Standing, interview: Interview | None = None) -> list[str]:
    """The kinds of message that fit now, in the order of DRAFT_KINDS."""
    return [k for k in DRAFT_KINDS if moment(k, standing, interview).fits]


def _before_contact(standing: Standing, interview: Interview | None) -> str:
    contact = standing.contact
    if standing.done:
        return f"you met on {_day(standing.done[-1].date)}"
    if standing.planned:
        return f"a conversation is planned for {_day(standing.planned[0].date)}"
    if contact.replied:
        return f"they replied on {_day(contact.replied)}"
    return ""


def _outreach(standing: Standing, interview: Interview | None) -> str:
    why = _before_contact(standing, interview)
    if why:
        return why
    sent = standing.contact.outreach_sent
    return f"you wrote to them on {_day(sent)}" if sent else ""


def _nudge(standing: Standing, interview: Interview | None) -> str:
    why = _before_contact(standing, interview)
    if why:
        return why
    contact = standing.contact
    if contact.nudge_sent:
        return f"you nudged them on {_day(contact.nudge_sent)}; one nudge, then let it go"
    if not contact.outreach_sent:
        return "there is no outreach to follow up (outreach_sent is empty)"
    return ""


def _thank_you(standing: Standing, interview: Interview | None) -> str:
    target = interview or (standing.done[-1] if standing.done else None)
    if target is None:
        return "you have no done interview with them"
    if target not in standing.done:
        return f"the conversation of {_day(target.date)} has not happened"
    if target.thank_you_sent:
        return (
            f"you thanked them on {_day(target.thank_you_sent)} "
            f"for the conversation of {_day(target.date)}"
        )
    return ""


def _after_meeting(standing: Standing, interview: Interview | None) -> str:
    if interview is not None and interview not in standing.done:
        return f"the conversation of {_day(interview.date)} has not happened"
    if not standing.done:
        if standing.planned:
            planned = _day(standing.planned[0].date)
            return f"you have not met yet (a conversation is planned for {planned})"
        return "you have not met yet"
    return ""


_WHY_NOT = {
    "outreach": _outreach,
    "nudge": _nudge,
    "thank-you": _thank_you,
    "update": _after_meeting,
    "advice": _after_meeting,
}


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "an unknown date"
