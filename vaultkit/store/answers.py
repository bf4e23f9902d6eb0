"""Answers kept beside the index: one generation of its notes, their counts, and the
answers (a day's due items) worked out from them, read back while no note changed."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vaultkit.core.config import Config
from vaultkit.core.model import ParsedFile
from vaultkit.core.vault import Counts, Vault
from vaultkit.store import db

ANSWERS_KEPT = 8  # days (or settings) whose answers are kept at once


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
