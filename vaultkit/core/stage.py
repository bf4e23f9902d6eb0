"""Where a person stands: the one status every command works with.

The note's `status:` line says what the user last wrote; the dates in the notes
say what happened since. A person's stage is the furthest of the two:

    prospect --outreach sent--> contacted --interview planned--> scheduled
             --interview done--> met

A written `declined` or `paused` always wins (those are the user's decisions); a
written earlier stage never holds a person back, so a `prospect` with a done
interview is met. `ls`, `show`, the rules, the drafts and the dashboard all ask
this module, so they agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from vaultkit.core.model import SILENT_STATUSES, STAGES, Contact, Interview


def stage(
    contact: Contact, interviews: Iterable[Interview], today: dt.date, now: dt.time | None = None
) -> str:
    """The status of the contact as of `today` at `now` (the end of the day when None).

    `interviews` are the contact's own (see vault.match_interviews).
    """
    written = contact.status
    if written in SILENT_STATUSES:
        return written
    shown = dated_stage(contact, interviews, today, now)
    if written in STAGES and STAGES.index(written) > STAGES.index(shown):
        return written
    return shown


def dated_stage(
    contact: Contact, interviews: Iterable[Interview], today: dt.date, now: dt.time | None = None
) -> str:
    """The stage the dates alone show: a done interview, a planned one, a message sent."""
    statuses = {interview.effective_status(today, now) for interview in interviews}
    if "done" in statuses:
        return "met"
    if "planned" in statuses:
        return "scheduled"
    sent = (contact.outreach_sent, contact.nudge_sent, contact.replied)
    if any(day is not None and day <= today for day in sent):
        return "contacted"
    return "prospect"


def is_behind(contact: Contact, current: str) -> bool:
    """Whether the note's own `status:` line names an earlier stage than `current`."""
    written = contact.status
    return written in STAGES and current in STAGES and STAGES.index(written) < STAGES.index(current)
