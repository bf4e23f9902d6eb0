"""A few notes read from the index, and the keys that find them, for commands that need
one person's notes, or one kind of note, rather than all of them (core/partial.py).

Each answer is read in a transaction of its own that checks the generation first; when
another process changed the index since the vault was read, it is None, and the command
reads the whole vault instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import marshal
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from vaultkit.core.config import Config
from vaultkit.core.model import Interview, ParsedFile, Task
from vaultkit.core.names import Lookup
from vaultkit.store import db
from vaultkit.store.cached import DAMAGED
from vaultkit.store.keys import FOLDED, LOOSE, PATH
from vaultkit.store.serialize import load

T = TypeVar("T")


@dataclass(frozen=True)
class IndexRows:
    """The rows of one generation of the index (see core/partial.IndexedNotes)."""

    config: Config
    generation: int

    def at(self, paths: Iterable[str]) -> list[ParsedFile] | None:
        """The notes at these paths (those that are notes of ours or broken), by path."""
        wanted = sorted(set(paths))
        query = "SELECT path, note FROM files WHERE path IN ({})"
        return self._read(lambda c: _decoded(db.some(c, query, wanted)))

    def of_kind(self, kind: str) -> list[ParsedFile] | None:
        query = "SELECT path, note FROM files WHERE kind = ? AND note IS NOT NULL ORDER BY path"
        return self._read(lambda c: _decoded(c.execute(query, (kind,))))

    def kinds(self) -> dict[str, str] | None:
        """Every note's kind (contact, interview or broken) by path, none of them decoded."""
        query = "SELECT path, kind FROM files WHERE note IS NOT NULL ORDER BY path"
        return self._read(lambda c: dict(c.execute(query)))

    def with_problems(self) -> list[ParsedFile] | None:
        query = "SELECT path, note FROM files WHERE problems > 0 AND note IS NOT NULL"
        return self._read(lambda c: _decoded(c.execute(f"{query} ORDER BY path")))

    def briefs(self) -> list[Interview] | None:
        """Every interview in brief, by path: its link, date, time, status, medium,
        thank-you date and open tasks, and nothing else (see keys.brief)."""
        query = "SELECT path, data FROM briefs ORDER BY path"
        return self._read(lambda c: _briefs(c.execute(query)))

    def named(self, lookup: Lookup) -> set[str] | None:
        """The paths of the contacts answering to any key of `lookup`."""

        def read(connection: sqlite3.Connection) -> set[str]:
            found: set[str] = set()
            for way, keys in ((FOLDED, lookup.keys), (LOOSE, lookup.loose), (PATH, lookup.paths)):
                query = f"SELECT path FROM names WHERE way = {way} AND key IN ({{}})"
                found.update(p for (p,) in db.some(connection, query, sorted(keys)))
            return found

        return self._read(read)

    def mentioning(self, keys: Iterable[str]) -> set[str] | None:
        """The paths of the notes that mention a name of these (folded) keys."""
        wanted = sorted(set(keys))
        query = "SELECT path FROM links WHERE key IN ({})"
        return self._read(lambda c: {p for (p,) in db.some(c, query, wanted)})

    def _read(self, answer: Callable[[sqlite3.Connection], T]) -> T | None:
        with (
            contextlib.suppress(OSError, sqlite3.Error, Damaged),
            db.session(db.index_path(self.config.root), "BEGIN") as connection,
        ):
            if db.state_value(connection, "generation") == self.generation:
                with db.no_gc():
                    found = answer(connection)
                    gc.freeze()  # long-lived, like the notes of a whole vault (db.decoded)
                return found
        return None


class Damaged(Exception):
    """A row that cannot be decoded: the whole vault is read instead, which mends it."""


def _decoded(rows: Iterable[tuple[str, bytes | None]]) -> list[ParsedFile]:
    found = []
    for path, data in rows:
        if data is None:
            continue
        try:
            found.append(load(path, data))
        except DAMAGED:
            raise Damaged(path) from None
    return sorted(found, key=lambda f: f.path)


def _briefs(rows: Iterable[tuple[str, bytes]]) -> list[Interview]:
    found = []
    day = dt.date.fromordinal
    for path, data in rows:
        try:
            contact, date, time, status, medium, thanked, tasks = marshal.loads(data)
            open_tasks = tuple(
                [Task(text, False, day(due) if due else None, line) for text, due, line in tasks]
            )
            found.append(
                Interview(
                    path,
                    {},
                    contact,
                    day(date) if date else None,
                    dt.time.fromisoformat(time) if time else None,
                    status,
                    medium,
                    thank_you_sent=day(thanked) if thanked else None,
                    tasks=open_tasks,
                )
            )
        except DAMAGED:
            raise Damaged(path) from None
    return found
