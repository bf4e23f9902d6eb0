"""The SQLite file behind the index: its schema, connections, transactions, and the
queries on its rows that more than one part of the store needs."""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from vaultkit.core.config import CACHE_DIR, Config
from vaultkit.core.model import ParsedFile
from vaultkit.core.vault import Counts
from vaultkit.store.keys import Keys
from vaultkit.store.read import read_files
from vaultkit.store.serialize import load

SCHEMA = 8
INDEX_NAME = "index.sqlite"
KINDS = ("contact", "interview", "broken")  # and "other": what a file turned out to be
SIDE_TABLES = ("names", "links", "briefs")  # kept beside the rows of files, by path
ALL_TABLES = ("files", *SIDE_TABLES)
# path, size, mtime_ns, kind, problems, note, and what is kept beside it (keys.Keys)
StoredRow = tuple[str, int, int, str, int, bytes | None, Keys]


def index_path(root: Path) -> Path:
    return root / CACHE_DIR / INDEX_NAME


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        _prepare(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def is_corrupt(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _prepare(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA busy_timeout = 30000")
    connection.execute("PRAGMA synchronous = NORMAL")  # a cache: WAL keeps it whole on a crash
    if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA:
        return
    connection.execute("PRAGMA journal_mode = WAL")
    with transaction(connection, "BEGIN IMMEDIATE"):
        if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA:
            return  # another process created it meanwhile
        for table in ("files", "notes", "snapshot", "state", "answers", *SIDE_TABLES):
            connection.execute(f"DROP TABLE IF EXISTS {table}")
        connection.execute(
            "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
            "mtime_ns INTEGER NOT NULL, kind TEXT NOT NULL, problems INTEGER NOT NULL, "
            "note BLOB) WITHOUT ROWID"
        )
        # Beside each row, what finds it and the brief of an interview: see keys.py.
        connection.execute(
            "CREATE TABLE names (key TEXT NOT NULL, way INTEGER NOT NULL, path TEXT NOT NULL, "
            "PRIMARY KEY (key, way, path)) WITHOUT ROWID"
        )
        connection.execute("CREATE INDEX names_by_path ON names (path)")
        connection.execute(
            "CREATE TABLE links (key TEXT NOT NULL, path TEXT NOT NULL, "
            "PRIMARY KEY (key, path)) WITHOUT ROWID"
        )
        connection.execute("CREATE INDEX links_by_path ON links (path)")
        connection.execute("CREATE TABLE briefs (path TEXT PRIMARY KEY, data BLOB NOT NULL)")
        # The last walk, its generations and how it read: see index._State.
        connection.execute("CREATE TABLE state (name TEXT PRIMARY KEY, value BLOB)")
        # Answers (a day's due items, see core/due.py) for one generation of the notes.
        connection.execute(
            "CREATE TABLE answers (key TEXT PRIMARY KEY, generation INTEGER NOT NULL, "
            "made INTEGER NOT NULL, data BLOB NOT NULL)"
        )
        connection.execute(f"PRAGMA user_version = {SCHEMA}")


def clear(connection: sqlite3.Connection) -> None:
    """Drop every row, and what is kept beside the rows."""
    for table in ALL_TABLES:
        connection.execute(f"DELETE FROM {table}")


def forget(
    connection: sqlite3.Connection, paths: Iterable[str], tables: tuple[str, ...] = ALL_TABLES
) -> None:
    """Drop the rows of these files, and what is kept beside them."""
    some = [(p,) for p in paths]
    for table in tables:
        connection.executemany(f"DELETE FROM {table} WHERE path = ?", some)


def store(connection: sqlite3.Connection, rows: Sequence[StoredRow], *, replacing: bool) -> None:
    """Store rows (path, size, mtime_ns, kind, problems, note, keys); `replacing` when the
    index may hold rows of these files already (not after it was emptied), whose keys go."""
    if replacing:
        forget(connection, (row[0] for row in rows), SIDE_TABLES)
    connection.executemany(
        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", (row[:6] for row in rows)
    )
    connection.executemany(
        "INSERT OR IGNORE INTO names VALUES (?, ?, ?)",
        ((key, way, row[0]) for row in rows for key, way in row[6][0]),
    )
    connection.executemany(
        "INSERT OR IGNORE INTO links VALUES (?, ?)",
        ((key, row[0]) for row in rows for key in row[6][1]),
    )
    connection.executemany(
        "INSERT INTO briefs VALUES (?, ?)",
        ((row[0], row[6][2]) for row in rows if row[6][2] is not None),
    )


def counts(connection: sqlite3.Connection) -> Counts:
    found = {kind: (n, problems) for kind, n, problems in connection.execute(
        "SELECT kind, COUNT(*), SUM(problems) FROM files GROUP BY kind"
    )}  # fmt: skip
    total = sum(n for n, _ in found.values())
    contacts, interviews, broken = (found.get(k, (0, 0))[0] for k in KINDS)
    problems = sum(p for _, p in found.values())
    return Counts(contacts, interviews, total - contacts - interviews - broken, broken, problems)


def notes(connection: sqlite3.Connection) -> dict[str, bytes]:
    """Each note's record, as marshal bytes, by path."""
    return dict(connection.execute("SELECT path, note FROM files WHERE note IS NOT NULL"))


def decoded(config: Config, rows: dict[str, bytes]) -> list[ParsedFile]:
    """The notes from their rows; a row that cannot be decoded is read from its file."""
    files, damaged = [], []
    with no_gc():
        for path in sorted(rows):
            try:
                files.append(load(path, rows[path]))
            except (EOFError, ValueError, TypeError):
                damaged.append(path)
        gc.freeze()  # tens of thousands of long-lived objects: keep them out of collections
    if damaged:
        again = [f for f in read_files(config, damaged) if f.kind != "other"]
        files = sorted([*files, *again], key=lambda f: f.path)
        forget_walk(config)
    return files


def forget_walk(config: Config) -> None:
    """Make the next refresh read every file again (after finding a damaged row)."""
    with (
        contextlib.suppress(OSError, sqlite3.Error),
        session(index_path(config.root), "BEGIN IMMEDIATE") as connection,
    ):
        connection.execute("DELETE FROM state")
        connection.execute("DELETE FROM answers")


SOME = 500  # keys or paths asked for in one query


def some(connection: sqlite3.Connection, query: str, values: list[str]) -> Iterator[Any]:
    """The rows of `query` (with `IN ({})`) for these values, a few hundred at a time."""
    for start in range(0, len(values), SOME):
        chosen = values[start : start + SOME]
        yield from connection.execute(query.format(", ".join("?" * len(chosen))), chosen)


def state_value(connection: sqlite3.Connection, name: str) -> object:
    row = connection.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Build many small objects without the cyclic collector rescanning them each time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def session(path: Path, begin: str) -> Iterator[sqlite3.Connection]:
    """A connection to the index with one transaction open for the block."""
    with contextlib.closing(connect(path)) as connection, transaction(connection, begin):
        yield connection


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection, begin: str) -> Iterator[None]:
    connection.execute(begin)
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
