"""What the index keeps of a note beside its record, so that a command can find the few
notes it needs, or read the interviews in brief, without decoding every note.

For a contact: every name key it answers to (folded, loose, and its folded path). For
every note: the folded names it mentions (an interview's contact link and referrals, a
contact's referred_by). For an interview: its brief (contact link as written, date,
time, status, medium, thank-you date and open tasks), all that `vault ls` reads of it.
Worked out where the note is parsed, in the worker processes of a large index.
"""

from __future__ import annotations

import marshal
from typing import Any

from vaultkit.core.model import Contact, Interview, ParsedFile
from vaultkit.core.names import fold, loose, names_of

FOLDED, LOOSE, PATH = 0, 1, 2  # the ways a contact's name key is kept (see NameIndex)

# (name keys as (key, way)), (keys mentioned), an interview's brief as marshal bytes
Keys = tuple[tuple[tuple[str, int], ...], tuple[str, ...], bytes | None]
NO_KEYS: Keys = ((), (), None)


def keys_of(parsed: ParsedFile) -> Keys:
    note = parsed.note
    if isinstance(note, Contact):
        given = names_of(note)
        names = [(k, FOLDED) for k in sorted({fold(n) for n in given})]
        names += [(k, LOOSE) for k in sorted({loose(n) for n in given})]
        names.append((fold(note.path), PATH))
        referrer = (fold(note.referred_by),) if note.referred_by else ()
        return tuple(names), referrer, None
    if isinstance(note, Interview):
        links = [note.contact] if note.contact else []
        mentioned = tuple(sorted({fold(n) for n in (*links, *note.referrals)}))
        return (), mentioned, marshal.dumps(brief(note))
    return NO_KEYS


def brief(interview: Interview) -> tuple[Any, ...]:
    return (
        interview.contact,
        interview.date.toordinal() if interview.date else None,
        interview.time.isoformat() if interview.time else None,
        interview.status,
        interview.medium,
        interview.thank_you_sent.toordinal() if interview.thank_you_sent else None,
        tuple(
            (t.text, t.due.toordinal() if t.due else None, t.line)
            for t in interview.tasks
            if not t.done
        ),
    )
