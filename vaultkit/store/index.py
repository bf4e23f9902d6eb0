"""The SQLite cache of parsed notes, brought up to date by comparing two listings.

One row per Markdown file: its size and mtime_ns when it was read, its kind, and
what was parsed from it. A refresh walks the vault and compares the walk with
the listing of the last refresh (kept whole, as one blob, so an unchanged vault
costs one read); it re-reads only files that are new or whose size or mtime_ns
changed, and drops rows of files that are gone. Answers computed from the notes
(a day's report) are kept beside the rows until the next change (answers.py).

The files stay the truth: the cache can be deleted at any time, and a corrupt or
older one is rebuilt without a word.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from vaultkit.core.config import Config
from vaultkit.core.vault import Counts, Vault
from vaultkit.store import db
from vaultkit.store.answers import Change, Snapshot, changes_of
from vaultkit.store.digest import reading as reading_of
from vaultkit.store.pool import parse_many
from vaultkit.store.serialize import load
from vaultkit.store.walk import Listing, listing

# A file changed this recently may change again within the same mtime tick
# without its size changing; it is listed as unread so the next refresh reads it again.
RACY_NS = 2_000_000_000
UNREAD = -1
BATCH = 1000  # rows stored, and progress shown, at a time
CHANGES_KEPT = 32  # generations of the notes whose changed files are kept
CHANGED_AT_MOST = 2000  # changed files past which a change is kept as "too many to tell"

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


@dataclass(frozen=True)
class _State:
    """What the last refresh left.

    `listing` is its walk; `generation` changes with every write, `notes` only when
    what was parsed from some file changed (kept answers depend on nothing else);
    `reading` is what parsing depended on. Generations are random numbers, never
    reused, so an answer worked out from one cache is never taken for another's.
    `changes` are the last generations of the notes, each with the files whose notes
    it changed, so an answer kept for an earlier one can be brought up to date.
    """

    listing: Listing
    generation: int
    notes: int
    reading: str
    changes: tuple[Change, ...] = ()


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
    path = db.index_path(config.root)
    for attempt in (1, 2):
        try:
            path.parent.mkdir(exist_ok=True)
            with contextlib.closing(db.connect(path)) as connection:
                return _refresh_with(connection, config, rebuild, stats, progress)
        except OSError:
            return None
        except sqlite3.DatabaseError as error:
            if attempt == 2 or not db.is_corrupt(error):
                return None
            db.remove(path)
            stats.rebuilt = True
    return None


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
    reading = reading_of(config)
    read: _State | None = None
    if not rebuild:
        with db.transaction(connection, "BEGIN"):  # a consistent read; no lock held
            unchanged, read = _unchanged_state(connection, on_disk, reading)
        if unchanged is not None:
            stats.unchanged = len(on_disk)
            return _lazy_vault(config, unchanged, len(on_disk))
    with db.transaction(connection, "BEGIN IMMEDIATE"):  # one writer at a time
        state = None if rebuild else _state_now(connection, read)  # as another process left it
        starting_over = state is None or state.reading != reading
        if state is None or starting_over:
            state = _State({}, 0, 0, reading)
            db.clear(connection)
        # In key order, so rows are appended to the B-tree: several times faster.
        changed = sorted(path for path, sig in on_disk.items() if state.listing.get(path) != sig)
        gone = [path for path in state.listing if path not in on_disk]
        _count(stats, on_disk, state.listing, changed, gone)
        if not (changed or gone or starting_over):  # another process did it meanwhile
            return _lazy_vault(config, state, len(on_disk))
        before = {} if starting_over else _parsed_rows(connection, changed + gone)
        db.forget(connection, gone)
        rows = _store_rows(connection, config, on_disk, changed, progress, not starting_over)
        differ = [] if starting_over else _notes_differing(before, rows, gone)
        notes = _new_generation() if starting_over or differ else state.notes
        state = _State(
            _listed(on_disk, rows),
            _new_generation(),
            notes,
            reading,
            () if starting_over else _logged(state, notes, differ),
        )
        _write_state(connection, state, drop_answers=starting_over)
        counts = db.counts(connection)
    if not starting_over:  # the notes are read from the index only if an answer needs them
        return _lazy_vault(config, state, len(on_disk), counts, just_changed=bool(differ))
    records = {row[0]: row[5] for row in rows if row[5] is not None}
    return Vault(
        config,
        load=lambda: db.decoded(config, records),
        markdown_files=len(on_disk),
        answers=_snapshot(config, state),
        count=lambda: counts,
    )


def _unchanged_state(
    connection: sqlite3.Connection, on_disk: Listing, reading: str
) -> tuple[_State | None, _State | None]:
    """The index's state if the walk is the one stored and read the same way, else None;
    and the state as read, when it had to be read whole.

    The listing is stored in a form that depends only on its content (marshal
    version 2 has no back-references), so the same walk gives the same bytes and
    one comparison of bytes answers; a listing in another order is compared whole.
    """
    values = dict(connection.execute("SELECT name, value FROM state"))
    generation, notes = values.get("generation"), values.get("notes")
    if values.get("reading") != reading or not isinstance(generation, int):
        return None, None
    if values.get("listing") == _listing_bytes(on_disk) and isinstance(notes, int):
        return _State(on_disk, generation, notes, reading), None
    state = _read_state(connection)
    return (state if state and state.listing == on_disk else None), state


def _state_now(connection: sqlite3.Connection, read: _State | None) -> _State | None:
    """The state as the index holds it now: the one read before, unless it changed since."""
    if read is not None and db.state_value(connection, "generation") == read.generation:
        return read
    return _read_state(connection)


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
    if not isinstance(listed, dict):
        return None
    return _State(listed, generation, notes, reading, changes_of(values.get("changes")))


def _logged(state: _State, notes: int, differ: list[str]) -> tuple[Change, ...]:
    """The state's changes, with this refresh's when it made a new generation of the notes."""
    if notes == state.notes:
        return state.changes
    paths = tuple(differ) if len(differ) <= CHANGED_AT_MOST else None
    return (*state.changes, (state.notes, notes, paths))[-CHANGES_KEPT:]


def _write_state(connection: sqlite3.Connection, state: _State, *, drop_answers: bool) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO state VALUES (?, ?)",
        [
            ("listing", _listing_bytes(state.listing)),
            ("generation", state.generation),
            ("notes", state.notes),
            ("reading", state.reading),
            ("changes", marshal.dumps(state.changes)),
        ],
    )
    if drop_answers:
        connection.execute("DELETE FROM answers")


Row = db.StoredRow  # path, size, mtime_ns, kind, problems, note, what is kept beside it


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
    found: dict[str, tuple[str, bytes | None]] = {}
    for start in range(0, len(paths), 500):
        some = paths[start : start + 500]
        marks = ", ".join("?" * len(some))
        rows = connection.execute(f"{query} WHERE path IN ({marks})", some)
        found.update((p, (k, n)) for p, k, n in rows)
    return found


def _notes_differing(
    before: dict[str, tuple[str, bytes | None]], rows: list[Row], gone: list[str]
) -> list[str]:
    """The files whose note, or problems, differ from what was parsed before."""
    was_other = ("other", None)
    differ = [path for path in gone if before.get(path, was_other)[1] is not None]
    differ += [row[0] for row in rows if before.get(row[0], was_other) != (row[3], row[5])]
    return sorted(differ)


def _store_rows(
    connection: sqlite3.Connection,
    config: Config,
    on_disk: Listing,
    changed: list[str],
    progress: Progress | None,
    replacing: bool,
) -> list[Row]:
    """Parse the changed files and store their rows, a batch at a time while parsing goes on
    (`replacing` rows the index may hold already: see db.store).

    A file changed just now, or one that could not be read, is stored as unread, so
    the next refresh reads it again. (A file dated in the future counts as just
    changed: read each time, which costs only that file.)
    """
    now = time.time_ns()
    rows: list[Row] = []
    stored = 0
    for path, (kind, problems, note, retry, keys) in parse_many(config, changed):
        size, mtime_ns, _, _ = on_disk[path]
        if retry or now - mtime_ns < RACY_NS:
            size = UNREAD
        rows.append((path, size, mtime_ns, kind, problems, note, keys))
        if len(rows) - stored == BATCH:
            stored = _insert(connection, rows, stored, progress, len(changed), replacing)
    _insert(connection, rows, stored, progress, len(changed), replacing)
    return rows


def _insert(
    connection: sqlite3.Connection,
    rows: list[Row],
    stored: int,
    progress: Progress | None,
    total: int,
    replacing: bool,
) -> int:
    db.store(connection, rows[stored:], replacing=replacing)
    if progress:
        progress(len(rows), total)
    return len(rows)


def _snapshot(config: Config, state: _State, *, just_changed: bool = False) -> Snapshot:
    def again() -> Vault:
        return refresh(config)[0]

    return Snapshot(config, state.generation, state.notes, again, just_changed)


def _lazy_vault(
    config: Config,
    state: _State,
    markdown_files: int,
    counts: Counts | None = None,
    *,
    just_changed: bool = False,
) -> Vault:
    """A vault whose notes are read from the index only if an answer is not kept."""
    snapshot = _snapshot(config, state, just_changed=just_changed)
    return Vault(
        config,
        load=snapshot.notes,
        markdown_files=markdown_files,
        answers=snapshot,
        count=snapshot.counts if counts is None else lambda: counts,
    )


def _count(
    stats: IndexStats, on_disk: Listing, known: Listing, changed: list[str], gone: list[str]
) -> None:
    stats.added = sum(1 for path in changed if path not in known)
    stats.modified = len(changed) - stats.added
    stats.removed = len(gone)
    stats.unchanged = len(on_disk) - len(changed)
    stats.changed_paths = sorted(changed + gone)


def _scan_without_index(config: Config, stats: IndexStats) -> Vault:
    on_disk = sorted(listing(config.root))
    files = [
        load(path, note)
        for path, (_, _, note, _, _) in parse_many(config, on_disk)
        if note is not None
    ]
    stats.added = len(on_disk)
    return Vault(config, files, markdown_files=len(on_disk))


def load_vault(config: Config) -> Vault:
    """The vault as it stands, read through the index (brought up to date first)."""
    return refresh(config)[0]
