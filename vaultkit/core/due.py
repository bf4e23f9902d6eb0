"""Everything due on a day, computed by the rules or taken from the vault's kept answers.

Every report, whatever its window and kinds, is cut from one answer per day: all
due items, sorted, and the notes that could not be read. The index keeps that
answer, so a morning's second report reads it back instead of reading every note
again; after a change it is brought up to date by working out again only the
people whose notes changed (see incremental.py). Within one reading of the vault
(one command, one turn of `vault watch`) it is worked out once.

The answer also depends on the time of day, but only through interviews dated
today with a time and no status (done once their time has passed: the rules and
the stage of their person change then); it records those times and is reused
only while the same number of them have passed.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import marshal
from dataclasses import dataclass

from vaultkit.core.incremental import Depends, spliced
from vaultkit.core.model import Problem
from vaultkit.core.rules import DueItem, Facts, due_items
from vaultkit.core.vault import AnswerCache, Vault


@dataclass(frozen=True)
class Due:
    """What is due as of one day, most overdue first, and what could not be read."""

    items: list[DueItem]
    broken_files: int
    problems: int
    conflicts: tuple[Problem, ...]  # notes left with git conflict markers
    turning_points: tuple[dt.time, ...] = ()  # times today at which the answer changes


# An answer brought up to date is kept as the new base once the base is this many
# generations of the notes, or changed files, behind.
REBASE_AFTER = 8
REBASE_FILES = 100


def due_on(
    vault: Vault, today: dt.date, *, now: dt.time | None = None, until: dt.date | None = None
) -> Due:
    """Everything due as of `today` (at `now`, or at the end of the day when None).

    With `until`, only items due up to that day are returned.
    """
    key = _key(vault, today)
    due = _found(vault, key, now)
    if due is None:
        due = _answer(vault, key, today, now)
        vault.worked_out[key] = (due, _passed(list(due.turning_points), now))
    if until is not None:
        due = dataclasses.replace(due, items=_until(due.items, until))
    return due


def _until(items: list[DueItem], until: dt.date) -> list[DueItem]:
    """The items due by `until`, and those with no date (last, as the rules order them)."""
    cut = bisect.bisect_right(items, (False, until), key=_when)
    undated = bisect.bisect_left(items, (True, dt.date.min), key=_when)
    return items[:cut] + items[undated:]


def _when(item: DueItem) -> tuple[bool, dt.date]:
    return (item.due is None, item.due or dt.date.min)


def _found(vault: Vault, key: str, now: dt.time | None) -> Due | None:
    """The answer this reading of the vault already worked out, if the time of day
    changes nothing in it."""
    found = vault.worked_out.get(key)
    if not isinstance(found, tuple):
        return None
    due, passed = found
    return due if _passed(list(due.turning_points), now) == passed else None


def _answer(vault: Vault, key: str, today: dt.date, now: dt.time | None) -> Due:
    """The answer kept in the index, brought up to date, or worked out from every note."""
    answers = vault.answers
    kept = _parts(answers.get(key)) if answers else None
    if kept is not None:
        found = _load(kept[0], now)
        if found is not None:
            return found
    worked_out = _brought_up_to_date(answers, key, vault, today, now) if answers else None
    if worked_out is None:
        due, depends = _worked_out(vault, today, now)
        keep = True
    else:
        due, depends, keep = worked_out
    if answers and keep:
        answers.put(key, marshal.dumps((_dump(due, now), depends.dump())))
    return due


def _worked_out(vault: Vault, today: dt.date, now: dt.time | None) -> tuple[Due, Depends]:
    """The answer from every note, by the rules, and what it depends on."""
    facts = Facts.of(vault, today, now)
    problems = vault.file_problems
    broken = vault.broken_files
    depends = Depends.of(facts, {p.path for p in problems}, broken)
    due = Due(
        due_items(facts),
        len(broken),
        len(problems),
        tuple(p for p in problems if p.is_merge_conflict),
        depends.turning_points(),
    )
    return due, depends


def _brought_up_to_date(
    answers: AnswerCache, key: str, vault: Vault, today: dt.date, now: dt.time | None
) -> tuple[Due, Depends, bool] | None:
    """The answer kept for an earlier generation of the notes, with the people the notes
    changed since belong to worked out again (see incremental.py), and whether to keep
    it; None if it cannot be.

    Right after a change it is not kept: the next change would make it old at once,
    and the earlier answer with the changes since serves as well. The next command on
    the same notes keeps it, and so does one far from the earlier answer.
    """
    earlier = answers.earlier(key)
    parts = _parts(earlier.data) if earlier else None
    if earlier is None or parts is None:
        return None
    due = _load(parts[0], now)
    try:
        depends = Depends.load(parts[1])
    except (EOFError, ValueError, TypeError):
        return None
    if due is None:
        return None
    settings = vault.config.follow_up
    found = spliced(due.items, depends, earlier.changed, answers, settings, today, now)
    if found is None:
        return None
    keep = (
        not answers.just_changed
        or earlier.generations >= REBASE_AFTER
        or len(earlier.changed) >= REBASE_FILES
    )
    turning_points = found.depends.turning_points()
    due = dataclasses.replace(due, items=found.items, turning_points=turning_points)
    return due, found.depends, keep


def _parts(data: bytes | None) -> tuple[bytes, bytes] | None:
    """The kept answer's two parts: the due items, and what they depend on."""
    try:
        due, depends = marshal.loads(data) if data else (None, None)
    except (EOFError, ValueError, TypeError):
        return None
    return (due, depends) if isinstance(due, bytes) and isinstance(depends, bytes) else None


def _key(vault: Vault, today: dt.date) -> str:
    settings = dataclasses.astuple(vault.config.follow_up)
    return f"due {today.isoformat()} {settings}"


def _passed(times: list[dt.time], now: dt.time | None) -> int:
    return len(times) if now is None else bisect.bisect_right(times, now)


def _dump(due: Due, now: dt.time | None) -> bytes:
    dated = [_fields(i, i.due.toordinal()) for i in due.items if i.due is not None]
    undated = [_fields(i, None) for i in due.items if i.due is None]
    conflicts = [(p.path, p.line, p.message) for p in due.conflicts]
    times = list(due.turning_points)
    return marshal.dumps(
        (
            [t.isoformat() for t in times],
            _passed(times, now),
            dated,
            undated,
            due.broken_files,
            due.problems,
            conflicts,
        )
    )


def _fields(item: DueItem, day: int | None) -> tuple[object, ...]:
    return (day, item.kind, item.person, item.path, item.reason, item.line, item.steps)


def _load(data: bytes, now: dt.time | None) -> Due | None:
    """A kept answer, or None when it is unreadable or the time of day changes it."""
    try:
        times, passed, items, undated, broken, problems, conflicts = marshal.loads(data)
        turning_points = [dt.time.fromisoformat(t) for t in times]
        if _passed(turning_points, now) != passed:
            return None
        fromordinal, make = dt.date.fromordinal, DueItem._make
        found = [make((fromordinal(i[0]), *i[1:])) for i in items]
        found += [make(i) for i in undated]
        return Due(
            found,
            broken,
            problems,
            tuple(Problem(*c) for c in conflicts),
            tuple(turning_points),
        )
    except Exception:  # a damaged or foreign answer is worked out again
        return None
