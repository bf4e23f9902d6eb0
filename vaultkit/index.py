"""The SQLite cache of parsed notes, brought up to date by comparing two listings.

One row per Markdown file: its size and mtime_ns when it was read, its kind, and
what was parsed from it. A refresh walks the vault and compares the walk with
the listing of the last refresh (kept whole, as one blob, so an unchanged vault
costs one read); it re-reads only files that are new or whose size or mtime_ns
changed, and drops rows of files that are gone. Answers computed from the notes
(a day's report) are kept beside the rows until the next change.

The files stay the truth: the cache can be deleted at any time, and a corrupt or
older one is rebuilt without a word.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import marshal
import os
import signal
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vaultkit import __version__
from vaultkit.config import CACHE_DIR, Config
from vaultkit.model import ParsedFile
from vaultkit.serialize import dump, load
from vaultkit.vault import Counts, Vault, note_folders, read_files
from vaultkit.walk import Listing, listing

SCHEMA = 7
INDEX_NAME = "index.sqlite"
# A file changed this recently may change again within the same mtime tick
# without its size changing; it is listed as unread so the next refresh reads it again.
RACY_NS = 2_000_000_000
UNREAD = -1
PARALLEL_FROM = 2000
CHUNK = 500
BATCH = 1000  # rows stored, and progress shown, at a time
ANSWERS_KEPT = 8  # days (or settings) whose answers are kept at once

Progress = Callable[[int, int], None]
KINDS = ("contact", "interview", "broken")  # and "other": what a file turned out to be
# A file's kind, its number of problems, its note as bytes, whether to read it again.
Parsed = tuple[str, int, bytes | None, bool]


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


@dataclass(frozen=True)
class _State:
    """What the last refresh left.

    `listing` is its walk; `generation` changes with every write, `notes` only when
    what was parsed from some file changed (kept answers depend on nothing else);
    `reading` is what parsing depended on. Generations are random numbers, never
    reused, so an answer worked out from one cache is never taken for another's.
    """

    listing: Listing
    generation: int
    notes: int
    reading: str


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
    connection.execute("PRAGMA synchronous = NORMAL")  # a cache: WAL keeps it whole on a crash
    if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA:
        return
    connection.execute("PRAGMA journal_mode = WAL")
    with _transaction(connection, "BEGIN IMMEDIATE"):
        if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA:
            return  # another process created it meanwhile
        for table in ("files", "notes", "snapshot", "state", "answers"):
            connection.execute(f"DROP TABLE IF EXISTS {table}")
        connection.execute(
            "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
            "mtime_ns INTEGER NOT NULL, kind TEXT NOT NULL, problems INTEGER NOT NULL, "
            "note BLOB) WITHOUT ROWID"
        )
        # The last walk, its generations and how it read: see _State.
        connection.execute("CREATE TABLE state (name TEXT PRIMARY KEY, value BLOB)")
        # Answers (a day's due items, see due.py) for one generation of the notes.
        connection.execute(
            "CREATE TABLE answers (key TEXT PRIMARY KEY, generation INTEGER NOT NULL, "
            "made INTEGER NOT NULL, data BLOB NOT NULL)"
        )
        connection.execute(f"PRAGMA user_version = {SCHEMA}")


def _reading(config: Config) -> str:
    """What a parsed note depends on besides its bytes: change it and every note is re-read."""
    return repr((_code(), note_folders(config)))


@functools.cache
def _code() -> str:
    """A digest of vaultkit's own code: another version reads every note again."""
    return code_digest(Path(__file__).parent)


def code_digest(package: Path) -> str:
    """The version and a checksum of every `.py` file under `package`, by path and content."""
    # Two 32-bit checksums, not a cryptographic hash: this only has to notice an
    # upgrade, and hashlib would add its import to the start of every command.
    crc, adler = 0, 1
    try:
        for path in sorted(package.rglob("*.py")):
            for data in (path.relative_to(package).as_posix().encode(), path.read_bytes()):
                crc, adler = zlib.crc32(data, crc), zlib.adler32(data, adler)
    except OSError:
        return __version__
    return f"{__version__}-{crc:08x}{adler:08x}"


def _new_generation() -> int:
    return int.from_bytes(os.urandom(8), "big") >> 2  # random, so never reused


def _refresh_with(
    connection: sqlite3.Connection,
    config: Config,
    rebuild: bool,
    stats: IndexStats,
    progress: Progress | None,
) -> Vault:
    on_disk = listing(config.root)
    reading = _reading(config)
    if not rebuild:
        with _transaction(connection, "BEGIN"):  # a consistent read; no lock held
            unchanged = _unchanged_state(connection, on_disk, reading)
        if unchanged is not None:
            stats.unchanged = len(on_disk)
            return _lazy_vault(config, unchanged, len(on_disk))
    with _transaction(connection, "BEGIN IMMEDIATE"):  # one writer at a time
        state = None if rebuild else _read_state(connection)  # as another process left it
        starting_over = state is None or state.reading != reading
        if state is None or starting_over:
            state = _State({}, 0, 0, reading)
            connection.execute("DELETE FROM files")
        # In key order, so rows are appended to the B-tree: several times faster.
        changed = sorted(path for path, sig in on_disk.items() if state.listing.get(path) != sig)
        gone = [path for path in state.listing if path not in on_disk]
        _count(stats, on_disk, state.listing, changed, gone)
        if not (changed or gone or starting_over):  # another process did it meanwhile
            return _lazy_vault(config, state, len(on_disk))
        before = {} if starting_over else _parsed_rows(connection, changed + gone)
        connection.executemany("DELETE FROM files WHERE path = ?", ((p,) for p in gone))
        rows = _store_rows(connection, config, on_disk, changed, progress)
        notes_changed = starting_over or _notes_differ(before, rows, gone)
        state = _State(
            _listed(on_disk, rows),
            _new_generation(),
            _new_generation() if notes_changed else state.notes,
            reading,
        )
        _write_state(connection, state, drop_answers=notes_changed)
        if starting_over:
            notes = {row[0]: row[5] for row in rows if row[5] is not None}
        else:
            notes = _notes(connection)
        counts = _counts(connection)
    return Vault(
        config,
        load=lambda: _decoded(config, notes),
        markdown_files=len(on_disk),
        answers=_Snapshot(config, state.generation, state.notes),
        count=lambda: counts,
    )


def _unchanged_state(
    connection: sqlite3.Connection, on_disk: Listing, reading: str
) -> _State | None:
    """The index's state if the walk is the one stored and read the same way, else None.

    The listing is stored in a form that depends only on its content (marshal
    version 2 has no back-references), so the same walk gives the same bytes and
    one comparison of bytes answers; a listing in another order is compared whole.
    """
    values = dict(connection.execute("SELECT name, value FROM state"))
    generation, notes = values.get("generation"), values.get("notes")
    if values.get("reading") != reading or not isinstance(generation, int):
        return None
    if values.get("listing") == _listing_bytes(on_disk) and isinstance(notes, int):
        return _State(on_disk, generation, notes, reading)
    state = _read_state(connection)
    return state if state and state.listing == on_disk else None


def _listing_bytes(listed: Listing) -> bytes:
    return marshal.dumps(listed, 2)


def _read_state(connection: sqlite3.Connection) -> _State | None:
    """The state the last refresh wrote, or None when there is none or it is unreadable."""
    values = dict(connection.execute("SELECT name, value FROM state"))
    try:
        listed = marshal.loads(values["listing"])
        generation, notes = int(values["generation"]), int(values["notes"])
        reading = str(values["reading"])
    except (KeyError, EOFError, TypeError, ValueError):
        return None
    return _State(listed, generation, notes, reading) if isinstance(listed, dict) else None


def _write_state(connection: sqlite3.Connection, state: _State, *, drop_answers: bool) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO state VALUES (?, ?)",
        [
            ("listing", _listing_bytes(state.listing)),
            ("generation", state.generation),
            ("notes", state.notes),
            ("reading", state.reading),
        ],
    )
    if drop_answers:
        connection.execute("DELETE FROM answers")


Row = tuple[str, int, int, str, int, bytes | None]  # path, size, mtime_ns, kind, problems, note


def _listed(on_disk: Listing, rows: list[Row]) -> Listing:
    """The walk as stored: files to read again next time are marked unread."""
    unread = [row[0] for row in rows if row[1] == UNREAD]
    if not unread:
        return on_disk
    stored = dict(on_disk)
    stored.update((path, (UNREAD, *on_disk[path][1:])) for path in unread)
    return stored


def _parsed_rows(
    connection: sqlite3.Connection, paths: list[str]
) -> dict[str, tuple[str, bytes | None]]:
    """What the index holds for these files: kind and note, by path."""
    query = "SELECT path, kind, note FROM files"
    if len(paths) > BATCH:
        wanted = set(paths)
        return {p: (k, n) for p, k, n in connection.execute(query) if p in wanted}
    found = {}
    for start in range(0, len(paths), 500):
        some = paths[start : start + 500]
        marks = ", ".join("?" * len(some))
        rows = connection.execute(f"{query} WHERE path IN ({marks})", some)
        found.update((p, (k, n)) for p, k, n in rows)
    return found


def _notes_differ(
    before: dict[str, tuple[str, bytes | None]], rows: list[Row], gone: list[str]
) -> bool:
    """Whether any note, or any file's problems, differ from what was parsed before."""
    was_other = ("other", None)
    if any(before.get(path, was_other)[1] is not None for path in gone):
        return True
    return any(before.get(row[0], was_other) != (row[3], row[5]) for row in rows)


def _store_rows(
    connection: sqlite3.Connection,
    config: Config,
    on_disk: Listing,
    changed: list[str],
    progress: Progress | None,
) -> list[Row]:
    """Parse the changed files and store their rows, a batch at a time while parsing goes on.

    A file changed just now, or one that could not be read, is stored as unread, so
    the next refresh reads it again. (A file dated in the future counts as just
    changed: read each time, which costs only that file.)
    """
    now = time.time_ns()
    rows: list[Row] = []
    stored = 0
    for path, (kind, problems, note, retry) in parse_many(config, changed):
        size, mtime_ns, _, _ = on_disk[path]
        if retry or now - mtime_ns < RACY_NS:
            size = UNREAD
        rows.append((path, size, mtime_ns, kind, problems, note))
        if len(rows) - stored == BATCH:
            stored = _insert(connection, rows, stored, progress, len(changed))
    _insert(connection, rows, stored, progress, len(changed))
    return rows


def _insert(
    connection: sqlite3.Connection,
    rows: list[Row],
    stored: int,
    progress: Progress | None,
    total: int,
) -> int:
    connection.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", rows[stored:])
    if progress:
        progress(len(rows), total)
    return len(rows)


def _counts(connection: sqlite3.Connection) -> Counts:
    found = {kind: (n, problems) for kind, n, problems in connection.execute(
        "SELECT kind, COUNT(*), SUM(problems) FROM files GROUP BY kind"
    )}  # fmt: skip
    total = sum(n for n, _ in found.values())
    contacts, interviews, broken = (found.get(k, (0, 0))[0] for k in KINDS)
    problems = sum(p for _, p in found.values())
    return Counts(contacts, interviews, total - contacts - interviews - broken, broken, problems)


def _notes(connection: sqlite3.Connection) -> dict[str, bytes]:
    """Each note's record, as marshal bytes, by path."""
    return dict(connection.execute("SELECT path, note FROM files WHERE note IS NOT NULL"))


def _decoded(config: Config, notes: dict[str, bytes]) -> list[ParsedFile]:
    """The notes from their rows; a row that cannot be decoded is read from its file."""
    files, damaged = [], []
    with _no_gc():
        for path in sorted(notes):
            try:
                files.append(load(path, notes[path]))
            except (EOFError, ValueError, TypeError):
                damaged.append(path)
        gc.freeze()  # tens of thousands of long-lived objects: keep them out of collections
    if damaged:
        again = [f for f in read_files(config, damaged) if f.kind != "other"]
        files = sorted([*files, *again], key=lambda f: f.path)
        _forget_walk(config)
    return files


def _forget_walk(config: Config) -> None:
    """Make the next refresh read every file again (after finding a damaged row)."""
    with (
        contextlib.suppress(OSError, sqlite3.Error),
        _session(index_path(config.root), "BEGIN IMMEDIATE") as connection,
    ):
        connection.execute("DELETE FROM state")
        connection.execute("DELETE FROM answers")


def _lazy_vault(config: Config, state: _State, markdown_files: int) -> Vault:
    """A vault whose notes are read from the index only if an answer is not kept."""
    snapshot = _Snapshot(config, state.generation, state.notes)
    return Vault(
        config,
        load=snapshot.notes,
        markdown_files=markdown_files,
        answers=snapshot,
        count=snapshot.counts,
    )


@dataclass(frozen=True)
class _Snapshot:
    """One generation of the index: its notes, their counts and the answers kept for them.

    Each is read in a transaction of its own that checks the generation first; if
    another process changed the index since, the vault is read again as it is now.
    Answers are kept for a generation of the notes, which outlives changes that
    touched no note (a file that was only saved again, or one that is not a note).
    """

    config: Config
    generation: int
    notes_generation: int

    @property
    def path(self) -> Path:
        return index_path(self.config.root)

    def notes(self) -> list[ParsedFile]:
        try:
            with _session(self.path, "BEGIN") as connection:
                if _state_value(connection, "generation") == self.generation:
                    return _decoded(self.config, _notes(connection))
        except (OSError, sqlite3.Error):
            return _scan_without_index(self.config, IndexStats()).files
        return refresh(self.config)[0].files

    def counts(self) -> Counts:
        try:
            with _session(self.path, "BEGIN") as connection:
                if _state_value(connection, "generation") == self.generation:
                    return _counts(connection)
        except (OSError, sqlite3.Error):
            return _scan_without_index(self.config, IndexStats()).counts
        return refresh(self.config)[0].counts

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
            with _session(self.path, "BEGIN IMMEDIATE") as connection:
                if _state_value(connection, "notes") != self.notes_generation:
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


def _state_value(connection: sqlite3.Connection, name: str) -> object:
    row = connection.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


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
def _session(path: Path, begin: str) -> Iterator[sqlite3.Connection]:
    """A connection to the index with one transaction open for the block."""
    with contextlib.closing(_connect(path)) as connection, _transaction(connection, begin):
        yield connection


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


def _count(
    stats: IndexStats, on_disk: Listing, known: Listing, changed: list[str], gone: list[str]
) -> None:
    stats.added = sum(1 for path in changed if path not in known)
    stats.modified = len(changed) - stats.added
    stats.removed = len(gone)
    stats.unchanged = len(on_disk) - len(changed)
    stats.changed_paths = sorted(changed + gone)


def parse_many(config: Config, paths: list[str]) -> Iterator[tuple[str, Parsed]]:
    """Parse files, in worker processes when there are many and more than one core."""
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < PARALLEL_FROM or workers < 2:
        yield from zip(paths, _parse_paths(config, paths), strict=True)
        return
    import multiprocessing  # only a first index, or a large change, gets here

    method = "fork" if sys.platform == "linux" else "spawn"
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with _sigint_blocked():  # workers start with Ctrl-C held back, until they ignore it
        pool = multiprocessing.get_context(method).Pool(workers, _quiet_worker)
    with pool:
        jobs = ((config, chunk) for chunk in chunks)
        for chunk, blob in zip(chunks, pool.imap(_parse_chunk, jobs), strict=True):
            yield from zip(chunk, marshal.loads(blob), strict=True)


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Hold SIGINT back in this thread (and in processes forked meanwhile) for the block."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _quiet_worker() -> None:
    """Ctrl-C reaches the whole process group; only the main process answers it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _parse_paths(config: Config, paths: list[str]) -> list[Parsed]:
    return [
        (
            parsed.kind,
            len(parsed.problems),
            None if parsed.kind == "other" else dump(parsed),
            parsed.retry,
        )
        for parsed in read_files(config, paths)
    ]


def _parse_chunk(job: tuple[Config, list[str]]) -> bytes:
    """A worker's share, sent back as marshal bytes: faster than pickle, strings stay shared."""
    config, paths = job
    return marshal.dumps(_parse_paths(config, paths))


def _scan_without_index(config: Config, stats: IndexStats) -> Vault:
    on_disk = sorted(listing(config.root))
    files = [
        load(path, note)
        for path, (_, _, note, _) in parse_many(config, on_disk)
        if note is not None
    ]
    stats.added = len(on_disk)
    return Vault(config, files, markdown_files=len(on_disk))
