"""Changing one note on disk: read its bytes now, change them, check, write atomically.

Every command that changes a note goes through `rewrite`: the change is made on
the bytes, both versions are parsed, and the note is written only when the
parsed meaning differs exactly as intended. Anything else leaves the file as it
was and says so.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vaultkit.core.model import Contact, Interview, LogEntry, Problem, Task
from vaultkit.core.note import read_note
from vaultkit.errors import FOUND, VaultError
from vaultkit.store.atomic import write_atomic
from vaultkit.store.edit import EditError, set_property
from vaultkit.store.sections import SectionError

Note = Contact | Interview
Change = Callable[[bytes], bytes]
Expect = Callable[[Note, Note], bool]


@dataclass(frozen=True)
class Written:
    """One line a command wrote in one note, as the user would read it."""

    path: str
    line: str


def rewrite(root: Path, path: str, change: Change, expect: Expect) -> None:
    """Apply `change` to the note at `path` if `expect(before, after)` holds of the result."""
    full = root / path
    try:
        raw = full.read_bytes()
    except OSError as err:
        raise VaultError(f"{path}: cannot be read ({err.strerror})", FOUND) from None
    try:
        new = change(raw)
    except (EditError, SectionError) as err:
        raise VaultError(f"{path}: {err}; nothing was written", FOUND) from None
    if new == raw:
        return
    before = read_note(path, raw, strict_folder=True)
    after = read_note(path, new, strict_folder=True)
    if (
        before.note is None
        or after.note is None
        or _new_problems(before.problems, after.problems)
        or not expect(before.note, after.note)
    ):
        raise VaultError(
            f"{path}: the change would alter more of the note than it should, so nothing "
            "was written; make it by hand",
            FOUND,
        )
    write_atomic(full, new)


def property_change(key: str, value: str) -> Change:
    """A change that sets one property (set_property checks it changes nothing else)."""
    return lambda raw: set_property(raw, key, value)


def anything(before: Note, after: Note) -> bool:
    """For changes checked where they are made (set_property compares the properties)."""
    return True


def meaning(note: Note) -> dict[str, object]:
    """What a note says, leaving out where things are in the file (paths, line numbers)."""
    fields = {f.name: getattr(note, f.name) for f in dataclasses.fields(note)}
    for place in ("path", "lines"):
        fields.pop(place)
    fields["tasks"] = tuple(_task(t) for t in note.tasks)
    if isinstance(note, Contact):
        fields["log"] = tuple(_entry(e) for e in note.log)
    return fields


def _task(task: Task) -> tuple[object, ...]:
    return task.text, task.done, task.due


def _entry(entry: LogEntry) -> tuple[object, ...]:
    return entry.day, entry.text


def _new_problems(before: Sequence[Problem], after: Sequence[Problem]) -> bool:
    """Whether the change made a problem the note did not have (fixing one is fine)."""
    return bool(Counter(p.message for p in after) - Counter(p.message for p in before))
