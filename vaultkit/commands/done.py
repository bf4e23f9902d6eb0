"""`vault done FILE:LINE`: tick one task, the box on that line and nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vaultkit.commands.rewrite import Note, Written, meaning, rewrite
from vaultkit.core.names import fold
from vaultkit.core.vault import Vault
from vaultkit.errors import FOUND, USAGE, VaultError
from vaultkit.store.sections import tick

_WHERE = re.compile(r"(.+\.md):(\d+)", re.I)


@dataclass(frozen=True)
class Ticked:
    written: Written | None
    already: str = ""


def done(vault: Vault, where: str) -> Ticked:
    """Tick the open task at `where`, `path:line` as the report and `vault show` print it."""
    match = _WHERE.fullmatch(where.strip())
    if not match:
        raise VaultError(
            f"{where!r} is not FILE:LINE; give the task's place as the report prints it, "
            'like "interviews/2026-11-05 Sofia Rossi.md:29"',
            USAGE,
        )
    path, line = _note_path(vault, match.group(1)), int(match.group(2))
    note = next(f.note for f in vault.files if f.path == path and f.note is not None)
    task = next((t for t in note.tasks if t.line == line), None)
    if task is None:
        raise VaultError(
            f"{path}:{line} is not a task (the note may have changed since); "
            "run `vault report` again to see where it is",
            FOUND,
        )
    if task.done:
        return Ticked(None, f"{path}:{line} is already done: {task.text}")

    def expect(before: Note, after: Note) -> bool:
        old, new = meaning(before), meaning(after)
        ticked = tuple((t.text, t.done or t.line == line, t.due) for t in before.tasks)
        old.pop("tasks")
        return new.pop("tasks") == ticked and old == new

    rewrite(vault.root, path, lambda raw: tick(raw, line)[0], expect)
    return Ticked(Written(path, f"- [x] {task.text}"))


def _note_path(vault: Vault, given: str) -> str:
    """The vault path of a contact or interview note, matched as typed, else ignoring case."""
    path = given.strip().removeprefix("./").replace("\\", "/")
    notes = [f.path for f in vault.files if f.note is not None]
    if path in notes:
        return path
    same = [p for p in notes if fold(p) == fold(path)]
    if len(same) == 1:
        return same[0]
    raise VaultError(
        f"{path} is not a contact or interview note of this vault; "
        "give its path from the vault's folder, as the report prints it",
        FOUND,
    )
