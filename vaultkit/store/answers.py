"""Answers kept beside the index: one generation of its notes, their counts, and the
answers (a day's due items) worked out from them, read back while no note changed, and
an answer from an earlier generation with the files changed since, to bring it up to
date by working out again only what those files touch (see core/incremental.py)."""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from vaultkit.core.config import Config
from vaultkit.core.model import ParsedFile
from vaultkit.core.vault import Counts, Earlier, Vault
from vaultkit.store import db
from vaultkit.store.rows import IndexRows

# One generation of the notes: the one before, this one, and the files whose notes it
# changed (None when there were too many: an answer from before is worked out again).
Change = tuple[int, int, tuple[str, ...] | None]
ANSWERS_KEPT = 16  # answers (days, settings, what they depend on) kept at once


@dataclass(frozen=True)
class Snapshot:
    """One generation of the index: its notes, their counts and the answers kept for them.

    Each is read in a transaction of its own that checks the generation first; if
    another process changed the index since, the vault is read again as it is now.
    Answers are kept for a generation of the notes, which outlives changes that
    touched no note (a file that was only saved again, or one that is not a note).
    """

    config: Config
    generation: int
    notes_generation: int
    again: Callable[[], Vault]  # the vault read afresh, when this generation is gone
    just_changed: bool = False  # the refresh that made it changed the notes

    @property
    def path(self) -> Path:
        return db.index_path(self.config.root)

    def notes(self) -> list[ParsedFile]:
        with (
            contextlib.suppress(OSError, sqlite3.Error),
            db.session(self.path, "BEGIN") as connection,
        ):
            if db.state_value(connection, "generation") == self.generation:
                return db.decoded(self.config, db.notes(connection))
        return self.again().files

    def counts(self) -> Counts:
        with (
            contextlib.suppress(OSError, sqlite3.Error),
            db.session(self.path, "BEGIN") as connection,
        ):
            if db.state_value(connection, "generation") == self.generation:
                return db.counts(connection)
        return self.again().counts

    def indexed(self) -> IndexRows:
        """This generation's rows, to read some of them (see rows.py)."""
        return IndexRows(self.config, self.generation)

    def rows(self, paths: Iterable[str]) -> dict[str, ParsedFile] | None:
        """The notes of these files as this generation holds them (a file that is not a
        note is left out); None when the index has moved on or a row cannot be read."""
        found = self.indexed().at(paths)
        return None if found is None else {parsed.path: parsed for parsed in found}

    def earlier(self, key: str) -> Earlier | None:
        """The answer kept for `key` from an earlier generation of the notes, with the
        files whose notes changed since; None when there is none, or when what changed
        is not known (too many files, or too many generations ago)."""
        query = "SELECT generation, data FROM answers WHERE key = ?"
        with (
            contextlib.suppress(OSError, sqlite3.Error),
            db.session(self.path, "BEGIN") as connection,
        ):
            if db.state_value(connection, "notes") != self.notes_generation:
                return None
            row = connection.execute(query, (key,)).fetchone()
            if row is None:
                return None
            since = _changed_since(row[0], self.notes_generation, connection)
            return None if since is None else Earlier(row[1], *since)
        return None

    def get(self, key: str) -> bytes | None:
        query = "SELECT data FROM answers WHERE key = ? AND generation = ?"
        try:  # mode=rw: a cache deleted meanwhile is not made again, empty, just to look
            uri = f"{self.path.as_uri()}?mode=rw"
            with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=30)) as connection:
                row = connection.execute(query, (key, self.notes_generation)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put(self, key: str, data: bytes) -> None:
        """Keep an answer, unless the notes changed since it was computed."""
        try:
            with db.session(self.path, "BEGIN IMMEDIATE") as connection:
                if db.state_value(connection, "notes") != self.notes_generation:
                    return
                connection.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                    (key, self.notes_generation, time.time_ns(), data),
                )
                connection.execute(
                    "DELETE FROM answers WHERE key NOT IN "
                    "(SELECT key FROM answers ORDER BY made DESC LIMIT ?)",
                    (ANSWERS_KEPT,),
                )
        except (OSError, sqlite3.Error):
            pass  # a cache: an answer not kept costs only time next run


def _changed_since(
    generation: int, current: int, connection: sqlite3.Connection
) -> tuple[frozenset[str], int] | None:
    """The files whose notes changed from `generation` to `current`, and in how many
    generations, from the kept changes (see index._State); None when the way from one
    to the other is not kept."""
    following = {before: (after, paths) for before, after, paths in changes_of(
        db.state_value(connection, "changes")
    )}  # fmt: skip
    changed: set[str] = set()
    steps = 0
    while generation != current:
        step = following.pop(generation, None)
        if step is None or step[1] is None:
            return None
        generation = step[0]
        changed.update(step[1])
        steps += 1
    return frozenset(changed), steps


def changes_of(value: object) -> tuple[Change, ...]:
    """The kept generations of the notes, from the state's bytes; none if unreadable."""
    try:
        changes = marshal.loads(value) if isinstance(value, bytes) else ()
        return tuple((int(a), int(b), None if p is None else tuple(p)) for a, b, p in changes)
    except (EOFError, TypeError, ValueError):
        return ()


def rows_of(vault: Vault) -> IndexRows | None:
    """The index's rows behind a vault read through the index, else None."""
    snapshot = vault.answers
    return snapshot.indexed() if isinstance(snapshot, Snapshot) else None
