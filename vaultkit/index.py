"""The SQLite cache of parsed notes, brought up to date by comparing two listings.

One row per Markdown file: its size and mtime_ns when it was read, and what was
parsed from it. A refresh walks the vault, compares with the rows, re-reads only
files that are new or whose size or mtime_ns changed, and drops rows of files
that are gone. The files stay the truth: the cache can be deleted at any time,
and a corrupt or older one is rebuilt without a word.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.config import CACHE_DIR, Config
from vaultkit.model import ParsedFile
from vaultkit.serialize import decode, encode
from vaultkit.vault import Vault, read_files
from vaultkit.walk import FileStat, markdown_files

SCHEMA = 2
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
    stats = IndexStats()
    try:
        connection = _connect(config.root, rebuild, stats)
    except OSError:
        connection = None  # a read-only vault: answer from the files alone
    if connection is None:
        vault, stats = _scan_without_index(config, stats, progress)
    else:
        with contextlib.closing(connection):
            vault = _refresh_with(connection, config, stats, progress)
    stats.seconds = time.perf_counter() - started
    vault.seconds = stats.seconds
    return vault, stats


def _connect(root: Path, rebuild: bool, stats: IndexStats) -> sqlite3.Connection | None:
    path = index_path(root)
    path.parent.mkdir(exist_ok=True)
    if rebuild:
        _remove(path)
        stats.rebuilt = True
    for attempt in (1, 2):
        try:
            connection = sqlite3.connect(path, timeout=30, isolation_level=None)
            _prepare(connection)
            return connection
        except sqlite3.DatabaseError:
            with contextlib.suppress(Exception):
                connection.close()
            if attempt == 2:
                return None
            _remove(path)
            stats.rebuilt = True
    return None


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _prepare(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA busy_timeout = 30000")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA:
            connection.execute("DROP TABLE IF EXISTS files")
            connection.execute("DROP TABLE IF EXISTS notes")
            connection.execute(
                "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
                "mtime_ns INTEGER NOT NULL, kind TEXT NOT NULL) WITHOUT ROWID"
            )
            # Notes of ours and broken files only: the rows a report reads.
            connection.execute("CREATE TABLE notes (path TEXT PRIMARY KEY, data BLOB NOT NULL)")
            connection.execute(f"PRAGMA user_version = {SCHEMA}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


Listing = dict[str, tuple[int, int]]  # path -> (size, mtime_ns)


def _refresh_with(
    connection: sqlite3.Connection, config: Config, stats: IndexStats, progress: Progress | None
) -> Vault:
    on_disk = {f.path: f for f in markdown_files(config.root)}
    with _transaction(connection, "BEGIN"):  # a consistent snapshot; no lock held
        known = _listing(connection)
        files = _decode_rows(connection.execute("SELECT path, data FROM notes"))
    changed, gone = _compare(on_disk, known)
    if changed or gone:
        with _transaction(connection, "BEGIN IMMEDIATE"):  # one writer at a time
            fresh = _listing(connection)  # another process may have written meanwhile
            moved = [p for p in fresh.keys() | known.keys() if fresh.get(p) != known.get(p)]
            files.update(_decode_rows(_select_notes(connection, moved)))
            for path in moved:
                if path not in fresh:
                    files.pop(path, None)
            changed, gone = _compare(on_disk, fresh)
            _count(stats, on_disk, fresh, changed, gone)
            for table in ("files", "notes"):
                connection.executemany(f"DELETE FROM {table} WHERE path = ?", ((p,) for p in gone))
            for path in gone:
                files.pop(path, None)
            for path, parsed in _store(connection, _rows(config, changed, progress)):
                if parsed is None:
                    files.pop(path, None)
                else:
                    files[path] = parsed
    else:
        stats.unchanged = len(on_disk)
    vault = Vault(config)
    vault.files = [files[path] for path in sorted(files) if path in on_disk]
    vault.other_notes = len(on_disk) - len(vault.files)
    return vault


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


def _select_notes(connection: sqlite3.Connection, paths: list[str]) -> list[tuple[str, bytes]]:
    found = []
    for path in paths:
        found += connection.execute("SELECT path, data FROM notes WHERE path = ?", (path,))
    return found


def _decode_rows(rows: Iterable[tuple[str, bytes]]) -> dict[str, ParsedFile]:
    return {path: decode(path, data) for path, data in rows}


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
) -> Iterator[tuple[str, int, int, str, bytes | None]]:
    now = time.time_ns()
    for done, (stat, (kind, data)) in enumerate(parse_many(config, changed), start=1):
        size = -1 if now - stat.mtime_ns < RACY_NS else stat.size
        if progress and done % 1000 == 0:
            progress(done, len(changed))
        yield stat.path, size, stat.mtime_ns, kind, data
    if progress:
        progress(len(changed), len(changed))


def _store(
    connection: sqlite3.Connection, rows: Iterable[tuple[str, int, int, str, bytes | None]]
) -> Iterator[tuple[str, ParsedFile | None]]:
    """Write each row, yielding what it holds: a decoded note, or None for other notes."""
    for path, size, mtime_ns, kind, data in rows:
        connection.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (path, size, mtime_ns, kind)
        )
        if data is None:
            connection.execute("DELETE FROM notes WHERE path = ?", (path,))
            yield path, None
        else:
            connection.execute("INSERT OR REPLACE INTO notes VALUES (?, ?)", (path, data))
            yield path, decode(path, data)


Parsed = tuple[str, bytes | None]  # the file's kind and its encoded ParsedFile


def parse_many(config: Config, stats: list[FileStat]) -> Iterable[tuple[FileStat, Parsed]]:
    """Parse files, in worker processes when there are many and more than one core."""
    workers = min(os.cpu_count() or 1, 4)
    if len(stats) < PARALLEL_FROM or workers < 2:
        return zip(stats, _parse_chunk((config, [s.path for s in stats])), strict=True)
    return _parse_parallel(config, stats, workers)


def _parse_parallel(
    config: Config, stats: list[FileStat], workers: int
) -> Iterator[tuple[FileStat, Parsed]]:
    method = "fork" if sys.platform == "linux" else "spawn"
    chunks = [stats[i : i + CHUNK] for i in range(0, len(stats), CHUNK)]
    with multiprocessing.get_context(method).Pool(workers) as pool:
        jobs = ((config, [s.path for s in chunk]) for chunk in chunks)
        for chunk, parsed in zip(chunks, pool.imap(_parse_chunk, jobs), strict=True):
            yield from zip(chunk, parsed, strict=True)


def _parse_chunk(job: tuple[Config, list[str]]) -> list[Parsed]:
    config, paths = job
    return [
        (parsed.kind, None if parsed.kind == "other" else encode(parsed))
        for parsed in read_files(config, paths)
    ]


def _scan_without_index(
    config: Config, stats: IndexStats, progress: Progress | None
) -> tuple[Vault, IndexStats]:
    vault = Vault(config)
    on_disk = list(markdown_files(config.root))
    for stat, (_kind, data) in parse_many(config, on_disk):
        if data is None:
            vault.other_notes += 1
        else:
            vault.files.append(decode(stat.path, data))
    vault.files.sort(key=lambda f: f.path)
    stats.added = len(on_disk)
    return vault, stats
