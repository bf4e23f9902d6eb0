"""The SQLite cache of parsed notes, brought up to date by comparing two listings.

One row per Markdown file: its size and mtime_ns when it was read, and what was
parsed from it. A refresh walks the vault, compares with the rows, re-reads only
files that are new or whose size or mtime_ns changed, and drops rows of files
that are gone. The files stay the truth: the cache can be deleted at any time,
and a corrupt or older one is rebuilt without a word.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import multiprocessing
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.config import CACHE_DIR, Config
from vaultkit.serialize import Record, decode, encode, pack, unpack
from vaultkit.vault import Vault, read_files
from vaultkit.walk import FileStat, markdown_files

SCHEMA = 3
INDEX_NAME = "index.sqlite"
# A file changed this recently may change again within the same mtime tick
# without its size changing; its row is marked so the next refresh reads it again.
RACY_NS = 2_000_000_000
PARALLEL_FROM = 2000
CHUNK = 500

Progress = Callable[[int, int], None]


@dataclass
class IndexStats:
    """What one refresh did, in counts."""

    added: int = 0
    modified: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    seconds: float = 0.0
    changed_paths: list[str] = field(default_factory=list)


def index_path(root: Path) -> Path:
    return root / CACHE_DIR / INDEX_NAME


def refresh(
    config: Config, *, rebuild: bool = False, progress: Progress | None = None
) -> tuple[Vault, IndexStats]:
    """Bring the index up to date and return the vault as it now stands."""
    started = time.perf_counter()
    stats = IndexStats(rebuilt=rebuild)
    vault = _refresh_cached(config, rebuild, stats, progress)
    if vault is None:  # a read-only vault, or a cache that cannot be used: read the files
        vault = _scan_without_index(config, stats)
    stats.seconds = time.perf_counter() - started
    vault.seconds = stats.seconds
    return vault, stats


def _refresh_cached(
    config: Config, rebuild: bool, stats: IndexStats, progress: Progress | None
) -> Vault | None:
    """The vault through the index; a corrupt index file is replaced once, then given up."""
    path = index_path(config.root)
    for attempt in (1, 2):
        try:
            path.parent.mkdir(exist_ok=True)
            with contextlib.closing(_connect(path)) as connection:
                return _refresh_with(connection, config, rebuild, stats, progress)
        except OSError:
            return None
        except sqlite3.DatabaseError as error:
            if attempt == 2 or not _is_corrupt(error):
                return None
            _remove(path)
            stats.rebuilt = True
    return None


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        _prepare(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _prepare(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA busy_timeout = 30000")
    if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA:
        return
    connection.execute("PRAGMA journal_mode = WAL")
    with _transaction(connection, "BEGIN IMMEDIATE"):
        if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA:
            return  # another process created it meanwhile
        for table in ("files", "notes", "snapshot"):
            connection.execute(f"DROP TABLE IF EXISTS {table}")
        connection.execute(
            "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
            "mtime_ns INTEGER NOT NULL, kind TEXT NOT NULL) WITHOUT ROWID"
        )
        # Every note of ours and every broken file, as one blob: see serialize.py.
        connection.execute("CREATE TABLE snapshot (id INTEGER PRIMARY KEY, data BLOB)")
        connection.execute(f"PRAGMA user_version = {SCHEMA}")


Listing = dict[str, tuple[int, int]]  # path -> (size, mtime_ns)
Parsed = tuple[str, Record | None]  # a file's kind and its note as a record


def _refresh_with(
    connection: sqlite3.Connection,
    config: Config,
    rebuild: bool,
    stats: IndexStats,
    progress: Progress | None,
) -> Vault:
    on_disk = {f.path: f for f in markdown_files(config.root)}
    known: Listing = {}
    records: dict[str, Record] | None = None
    if not rebuild:
        with _no_gc(), _transaction(connection, "BEGIN"):  # a consistent read; no lock held
            known = _listing(connection)
            records = _snapshot(connection)
    changed, gone = _compare(on_disk, known)
    if changed or gone or records is None:
        # One writer at a time. A rebuild empties the tables inside this transaction
        # rather than deleting the file, which another process may have open.
        with _transaction(connection, "BEGIN IMMEDIATE"):
            fresh = {} if rebuild else _listing(connection)
            if not rebuild and (fresh != known or records is None):  # another process wrote
                records = _snapshot(connection)
            if records is None:  # no usable snapshot: read every file again
                fresh, records = {}, {}
                connection.execute("DELETE FROM files")
            changed, gone = _compare(on_disk, fresh)
            _count(stats, on_disk, fresh, changed, gone)
            connection.executemany("DELETE FROM files WHERE path = ?", ((p,) for p in gone))
            for path in gone:
                records.pop(path, None)
            _store(connection, records, _rows(config, changed, progress))
    else:
        stats.unchanged = len(on_disk)
    return _vault(config, records, on_disk)


def _vault(config: Config, records: dict[str, Record], on_disk: dict[str, FileStat]) -> Vault:
    vault = Vault(config)
    with _no_gc():
        vault.files = [decode(path, records[path]) for path in sorted(records) if path in on_disk]
        gc.freeze()  # tens of thousands of long-lived objects: keep them out of collections
    vault.other_notes = len(on_disk) - len(vault.files)
    return vault


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Build many small objects without the cyclic collector rescanning them each time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection, begin: str) -> Iterator[None]:
    connection.execute(begin)
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _listing(connection: sqlite3.Connection) -> Listing:
    rows = connection.execute("SELECT path, size, mtime_ns FROM files")
    return {path: (size, mtime) for path, size, mtime in rows}


def _snapshot(connection: sqlite3.Connection) -> dict[str, Record] | None:
    row = connection.execute("SELECT data FROM snapshot WHERE id = 1").fetchone()
    if row is None:
        return None
    try:
        return unpack(row[0])
    except ValueError:
        return None


def _compare(on_disk: dict[str, FileStat], known: Listing) -> tuple[list[FileStat], list[str]]:
    changed = [s for path, s in on_disk.items() if known.get(path) != (s.size, s.mtime_ns)]
    gone = [path for path in known if path not in on_disk]
    return changed, gone


def _count(
    stats: IndexStats,
    on_disk: dict[str, FileStat],
    known: Listing,
    changed: list[FileStat],
    gone: list[str],
) -> None:
    stats.added = sum(1 for s in changed if s.path not in known)
    stats.modified = len(changed) - stats.added
    stats.removed = len(gone)
    stats.unchanged = len(on_disk) - len(changed)
    stats.changed_paths = sorted([s.path for s in changed] + gone)


def _rows(
    config: Config, changed: list[FileStat], progress: Progress | None
) -> Iterator[tuple[FileStat, int, str, Record | None]]:
    """Each changed file parsed, with the size to store (-1 marks a file to read again)."""
    now = time.time_ns()
    for done, (stat, (kind, record)) in enumerate(parse_many(config, changed), start=1):
        size = -1 if now - stat.mtime_ns < RACY_NS else stat.size
        if progress and done % 1000 == 0:
            progress(done, len(changed))
        yield stat, size, kind, record
    if progress:
        progress(len(changed), len(changed))


def _store(
    connection: sqlite3.Connection,
    records: dict[str, Record],
    rows: Iterable[tuple[FileStat, int, str, Record | None]],
) -> None:
    """Write the files' rows and the snapshot of every note in one transaction."""
    listing = []
    for stat, size, kind, record in rows:
        listing.append((stat.path, size, stat.mtime_ns, kind))
        if record is None:
            records.pop(stat.path, None)
        else:
            records[stat.path] = record
    connection.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", listing)
    connection.execute("INSERT OR REPLACE INTO snapshot VALUES (1, ?)", (pack(records),))


def parse_many(config: Config, stats: list[FileStat]) -> Iterator[tuple[FileStat, Parsed]]:
    """Parse files, in worker processes when there are many and more than one core."""
    workers = min(os.cpu_count() or 1, 4)
    if len(stats) < PARALLEL_FROM or workers < 2:
        yield from zip(stats, _parse_paths(config, [s.path for s in stats]), strict=True)
        return
    method = "fork" if sys.platform == "linux" else "spawn"
    chunks = [stats[i : i + CHUNK] for i in range(0, len(stats), CHUNK)]
    with multiprocessing.get_context(method).Pool(workers) as pool:
        jobs = ((config, [s.path for s in chunk]) for chunk in chunks)
        for chunk, blob in zip(chunks, pool.imap(_parse_chunk, jobs), strict=True):
            yield from zip(chunk, marshal.loads(blob), strict=True)


def _parse_paths(config: Config, paths: list[str]) -> list[Parsed]:
    return [
        (parsed.kind, None if parsed.kind == "other" else encode(parsed))
        for parsed in read_files(config, paths)
    ]


def _parse_chunk(job: tuple[Config, list[str]]) -> bytes:
    """A worker's share, sent back as marshal bytes: faster than pickle, strings stay shared."""
    config, paths = job
    return marshal.dumps(_parse_paths(config, paths))


def _scan_without_index(config: Config, stats: IndexStats) -> Vault:
    vault = Vault(config)
    on_disk = list(markdown_files(config.root))
    for stat, (_kind, record) in parse_many(config, on_disk):
        if record is None:
            vault.other_notes += 1
        else:
            vault.files.append(decode(stat.path, record))
    vault.files.sort(key=lambda f: f.path)
    stats.added = len(on_disk)
    return vault
