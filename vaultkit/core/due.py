"""Everything due on a day, computed by the rules or taken from the vault's kept answers.

Every report, whatever its window and kinds, is cut from one answer per day: all
due items, sorted, and the notes that could not be read. The index keeps that
answer until any note changes, so a morning's second report reads it back
instead of reading every note again.

The answer also depends on the time of day, but only through interviews dated
today with a time and no status (done once their time has passed); it records
those times and is reused only while the same number of them have passed.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import marshal
from dataclasses import dataclass

from vaultkit.core.model import Problem
from vaultkit.core.rules import DueItem, Facts, due_items
from vaultkit.core.vault import Vault


@dataclass(frozen=True)
class Due:
    """What is due as of one day, most overdue first, and what could not be read."""

    items: list[DueItem]
    broken_files: int
    problems: int
    conflicts: tuple[Problem, ...]  # notes left with git conflict markers


def due_on(
    vault: Vault, today: dt.date, *, now: dt.time | None = None, until: dt.date | None = None
) -> Due:
    """Everything due as of `today` (at `now`, or at the end of the day when None).

    With `until`, only items due up to that day are returned.
    """
    key = _key(vault, today)
    kept = vault.answers.get(key) if vault.answers else None
    if kept is not None:
        found = _load(kept, now, until)
        if found is not None:
            return found
    facts = Facts(vault.contacts, vault.interviews, vault.config.follow_up, today, now)
    items = due_items(facts)
    problems = vault.file_problems
    due = Due(
        items,
        len(vault.broken_files),
        len(problems),
        tuple(p for p in problems if p.is_merge_conflict),
    )
    if vault.answers:
        vault.answers.put(key, _dump(due, _turning_points(facts), now))
    if until is not None:
        due = dataclasses.replace(due, items=[i for i in items if i.due <= until])
    return due


def _key(vault: Vault, today: dt.date) -> str:
    settings = dataclasses.astuple(vault.config.follow_up)
    return f"due {today.isoformat()} {settings}"


def _turning_points(facts: Facts) -> list[dt.time]:
    """Times today at which an interview without a status becomes done."""
    return sorted(
        {i.time for i in facts.interviews if i.date == facts.today and i.time and not i.status}
    )


def _passed(times: list[dt.time], now: dt.time | None) -> int:
    return len(times) if now is None else bisect.bisect_right(times, now)


def _dump(due: Due, times: list[dt.time], now: dt.time | None) -> bytes:
    items = [(i.due.toordinal(), i.kind, i.person, i.path, i.reason, i.line) for i in due.items]
    conflicts = [(p.path, p.line, p.message) for p in due.conflicts]
    return marshal.dumps(
        (
            [t.isoformat() for t in times],
            _passed(times, now),
            items,
            due.broken_files,
            due.problems,
            conflicts,
        )
    )


def _first(item: tuple[int, ...]) -> int:
    return item[0]


def _load(data: bytes, now: dt.time | None, until: dt.date | None) -> Due | None:
    """A kept answer, or None when it is unreadable or the time of day changes it."""
    try:
        times, passed, items, broken, problems, conflicts = marshal.loads(data)
        if _passed([dt.time.fromisoformat(t) for t in times], now) != passed:
            return None
        if until is not None:
            items = items[: bisect.bisect_right(items, until.toordinal(), key=_first)]
        fromordinal, make = dt.date.fromordinal, DueItem._make
        return Due(
            [make((fromordinal(i[0]), i[1], i[2], i[3], i[4], i[5])) for i in items],
            broken,
            problems,
            tuple(Problem(*c) for c in conflicts),
        )
    except Exception:  # a damaged or foreign answer is worked out again
        return None
