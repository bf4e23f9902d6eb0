"""`vault watch`: keep the index, and the dashboard note, current while files change.

The watchdog handler only records that something changed; a loop in the main
thread waits until the changes settle (one save or a copy of a thousand files
is one burst), runs the same refresh every command runs, and prints what each
note now means. A refresh that fails is reported and watching goes on. Losing
the vault folder, or folders left unwatched because the system ran out of
inotify watches, stops it with exit 2: it would otherwise miss changes silently.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from vaultkit.core.config import CONFIG_NAME, Config, load_config
from vaultkit.core.due import due_on
from vaultkit.core.vault import Vault
from vaultkit.core.words import plural
from vaultkit.errors import USAGE, VaultError
from vaultkit.formats.dashboard import write_dashboard
from vaultkit.store.index import IndexStats, refresh
from vaultkit.watch.changes import Reading, changes, reading

SETTLE = 0.3  # seconds without events that end a burst
MAX_DELAY = 2.0  # refresh anyway when events keep coming for this long
POLL = 1.0  # how often an idle watcher checks that its folder is still there
CATCH_UP = 10.0  # at most this long for the watchdog thread to handle the events so far
# Made and removed at the vault's root (always watched) to learn when the watchdog
# thread has handled every earlier event; like any name not ending in .md, no note.
MARKER = f".vaultkit-watch-{os.getpid()}.tmp"
# Only what changes content: opening and reading files (as every refresh does) is no event.
EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
_WATCH_LINE = re.compile(r"^inotify wd:\S+ ino:([0-9a-f]+)", re.M)

Say = Callable[[str], None]


@dataclass(frozen=True)
class Batch:
    """What kinds of things changed during one burst of events."""

    folders: bool  # a folder appeared: check it is watched
    config: bool  # vault.toml changed: read it again
    root_gone: bool  # the vault folder itself was deleted


class Pending:
    """What the watchdog thread saw since the last refresh; noting it is its only work."""

    def __init__(self, dashboard: str | None) -> None:
        self.dashboard = dashboard  # its own writes are not changes
        self.wake = threading.Event()
        self.marker_seen = threading.Event()
        self._lock = threading.Lock()
        self._first = self._last = 0.0
        self._folders = self._config = self._root_gone = False

    def note(self, *, folder: bool = False, config: bool = False, root_gone: bool = False) -> None:
        with self._lock:
            now = time.monotonic()
            if not self.wake.is_set():
                self._first = now
            self._last = now
            self._folders |= folder
            self._config |= config
            self._root_gone |= root_gone
            self.wake.set()

    def times(self) -> tuple[float, float]:
        """When the current burst began, and when its last event came."""
        with self._lock:
            return self._first, self._last

    def take(self) -> Batch:
        with self._lock:
            batch = Batch(self._folders, self._config, self._root_gone)
            self._folders = self._config = self._root_gone = False
            self.wake.clear()
            return batch


class _Handler(FileSystemEventHandler):
    def __init__(self, root: Path, pending: Pending) -> None:
        self.root = str(root)
        self.marker = str(root / MARKER)
        self.pending = pending

    def on_any_event(self, event: FileSystemEvent) -> None:
        if os.fsdecode(event.src_path) == self.marker:
            self.pending.marker_seen.set()
            return
        seen = classify(event, self.root, self.pending.dashboard)
        if seen is not None:
            self.pending.note(**seen)


def classify(event: FileSystemEvent, root: str, dashboard: str | None) -> dict[str, bool] | None:
    """What an event means for the vault, or None when it is none of its business.

    Hidden folders (.git, .obsidian, .trash, .vaultkit), temporary files (anything
    not ending in .md) and the dashboard note are not the vault's business.
    """
    src = os.fsdecode(event.src_path)
    if isinstance(event, DirDeletedEvent) and src == root:
        return {"root_gone": True}
    paths = [src, os.fsdecode(getattr(event, "dest_path", "") or "")]
    relative = [r for r in (_relative(p, root) for p in paths if p) if r]
    if event.is_directory:
        shown = [r for r in relative if not _hidden(r, folder=True)]
        added = isinstance(event, (DirCreatedEvent, DirMovedEvent))
        return {"folder": added} if shown else None
    shown = [r for r in relative if not _hidden(r, folder=False) and r != dashboard]
    if CONFIG_NAME in shown:
        return {"config": True}
    return {} if any(r.endswith(".md") for r in shown) else None


def _relative(path: str, root: str) -> str | None:
    if not path.startswith(root + os.sep):
        return None
    return path[len(root) + 1 :].replace(os.sep, "/")


def _hidden(relative: str, *, folder: bool) -> bool:
    parts = relative.split("/")
    return any(p.startswith(".") for p in (parts if folder else parts[:-1]))


def watch_vault(config: Config, *, say: Say, warn: Say, verbose: bool = False) -> None:
    """Watch until Ctrl-C or SIGTERM (a clean return), or until it cannot go on (VaultError)."""
    pending = Pending(config.dashboard)
    watcher = Watcher(config, pending, say=say, warn=warn, verbose=verbose)
    with _stop_on_sigterm(), _watchdog_logs_handled(pending):
        try:
            with _observing(config.root, pending) as observer:
                watcher.first_refresh()
                watcher.check_folders()
                say(f"watching {config.root}: {watcher.summary()}; press Ctrl-C to stop")
                watcher.loop(observer)
        except KeyboardInterrupt:
            pass
    say("stopped watching")


@contextlib.contextmanager
def _observing(root: Path, pending: Pending) -> Iterator[BaseObserver]:
    observer = start_observer(root, pending)
    try:
        yield observer
    finally:
        observer.stop()
        observer.join(timeout=5)


class Watcher:
    """The loop: wait for a burst to settle, refresh, report, write the dashboard."""

    def __init__(self, config: Config, pending: Pending, *, say: Say, warn: Say, verbose: bool):
        self.config = config
        self.pending = pending
        self.say = say
        self.warn = warn
        self.verbose = verbose
        self.known: Reading = {}
        self.vault: Vault | None = None
        self.day: dt.date | None = None
        self.dashboard_error: str | None = None  # said once, not after every refresh
        self.identity = _identity(config.root)

    def first_refresh(self) -> None:
        vault, stats = refresh(self.config)
        self._refreshed(vault, stats, report=False)

    def summary(self) -> str:
        vault = self.vault
        if vault is None:
            return "nothing read yet"
        return (
            f"{plural(len(vault.contacts), 'contact')}, "
            f"{plural(len(vault.interviews), 'interview')}, "
            f"{plural(len(vault.broken_files), 'note')} that could not be read"
        )

    def loop(self, observer: BaseObserver) -> None:
        while True:
            if not self.pending.wake.wait(POLL):
                self._idle(observer)
                continue
            self._settle()
            batch = self.pending.take()
            self.check_vault_folder()
            if batch.config:
                self._reload_config()
            self.refresh()
            if batch.folders:
                self.check_folders()

    def refresh(self) -> None:
        try:
            vault, stats = refresh(self.config)
        except Exception as err:  # a failed refresh is reported; watching goes on
            reason = err.message if isinstance(err, VaultError) else f"{type(err).__name__}: {err}"
            self.warn(f"error: the index could not be brought up to date: {reason}")
            return
        self._refreshed(vault, stats, report=True)

    def _refreshed(self, vault: Vault, stats: IndexStats, *, report: bool) -> None:
        self.check_vault_folder()  # a vault deleted mid-refresh reads as empty; say nothing of it
        now = reading(vault.files)
        if report:
            root = self.config.root
            for change in changes(self.known, now, exists=lambda p: (root / p).is_file()):
                self.say(change.render())
        self.known = now
        self.vault = vault
        self._write_dashboard()
        self._prepare_report()
        if self.verbose:  # last, so it closes what this refresh printed
            self.say(
                f"refreshed: {stats.added} added, {stats.modified} changed, "
                f"{stats.removed} removed in {stats.seconds:.2f}s"
            )

    def _settle(self) -> None:
        while True:
            first, last = self.pending.times()
            now = time.monotonic()
            if now - last >= SETTLE or now - first >= MAX_DELAY:
                return
            time.sleep(min(SETTLE - (now - last), MAX_DELAY - (now - first)))

    def _idle(self, observer: BaseObserver) -> None:
        self.check_vault_folder()
        if not observer.is_alive() or not all(e.is_alive() for e in observer.emitters):
            raise VaultError("the file watcher stopped unexpectedly; start vault watch again")
        if self.config.dashboard and (self.day != dt.date.today() or self._dashboard_deleted()):
            self._write_dashboard()  # a new day can make new things due

    def _dashboard_deleted(self) -> bool:
        """Whether the dashboard this watcher wrote was deleted since (its events are ignored)."""
        if self.config.dashboard is None or self.vault is None or self.dashboard_error:
            return False
        return not (self.config.root / self.config.dashboard).exists()

    def _write_dashboard(self) -> None:
        if self.config.dashboard is None or self.vault is None:
            return
        self.day = dt.date.today()
        try:
            written = write_dashboard(self.vault, self.day)
        except VaultError as err:
            if err.message != self.dashboard_error:
                self.warn(f"error: {err.message}")
            self.dashboard_error = err.message
            return
        self.dashboard_error = None
        if written:
            self.say(f"updated {self.config.dashboard}")

    def _prepare_report(self) -> None:
        """Work out what is due today now, so the next `vault report` finds it ready."""
        if self.vault is not None and self.config.dashboard is None:  # the dashboard did it
            moment = dt.datetime.now()
            due_on(self.vault, moment.date(), now=moment.time())

    def _reload_config(self) -> None:
        try:
            config = load_config(self.config.root)
        except VaultError as err:
            self.warn(f"error: {err.message}; still using the settings read before")
            return
        if config != self.config:
            self.config = config
            self.pending.dashboard = config.dashboard
            self.say(f"read {CONFIG_NAME} again")

    def check_vault_folder(self) -> None:
        root = self.config.root
        if _identity(root) != self.identity:
            raise VaultError(
                f"the vault folder {root} is gone (deleted or moved away); stopped watching",
                USAGE,
            )

    def check_folders(self) -> None:
        """Stop when folders of the vault are not watched: their changes would go unseen."""
        missing = unwatched_folders(self.config.root)
        if missing:
            self._catch_up()  # a folder made a moment ago may not be watched yet
            missing = [f for f in unwatched_folders(self.config.root) if f in missing]
        if missing:
            raise VaultError(
                f"cannot watch {plural(len(missing), 'folder')} "
                f"of the vault ({missing[0]} first): the system's limit on inotify watches "
                "is probably reached. Raise it (for example `sudo sysctl "
                "fs.inotify.max_user_watches=524288`) and start vault watch again",
                USAGE,
            )

    def _catch_up(self) -> None:
        """Return once the watchdog thread has handled every event that came so far.

        It adds the watch for a new folder before passing on the folder's event, and
        handles events in order, so once it passes on an event for a file written
        now, every folder that existed before has the watch it will ever get.
        """
        marker = self.config.root / MARKER
        self.pending.marker_seen.clear()
        try:
            marker.write_bytes(b"")
            marker.unlink()
        except OSError:
            time.sleep(SETTLE)  # a read-only vault: no way to tell, so give it a moment
            return
        self.pending.marker_seen.wait(CATCH_UP)


def start_observer(root: Path, pending: Pending) -> BaseObserver:
    """A running watchdog observer on the whole vault, or a VaultError saying why not."""
    try:
        observer = Observer()
        observer.schedule(_Handler(root, pending), str(root), recursive=True, event_filter=EVENTS)
        observer.start()
    except OSError as err:
        raise VaultError(_cannot_watch(root, err), USAGE) from None
    return observer


def _cannot_watch(root: Path, err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return (
            f"cannot watch {root}: the system's limit on inotify watches is reached; raise it "
            "(for example `sudo sysctl fs.inotify.max_user_watches=524288`) and try again"
        )
    if err.errno == errno.EMFILE:
        return (
            f"cannot watch {root}: the system's limit on inotify instances is reached; close "
            "other watchers or raise fs.inotify.max_user_instances, and try again"
        )
    return f"cannot watch {root}: {err.strerror or err}"


def unwatched_folders(root: Path) -> list[str]:
    """Folders of the vault (hidden ones aside) that this process has no inotify watch on.

    Read from /proc/self/fdinfo, where Linux lists each watch's inode. Where that
    cannot be read, or does not show the root itself, nothing can be told: [].
    """
    watched = _watched_inodes()
    try:
        root_inode = os.stat(root).st_ino
    except OSError:
        return []
    if root_inode not in watched:
        return []
    return [relative for relative, inode in _folders(root) if inode not in watched]


def _watched_inodes() -> set[int]:
    inodes: set[int] = set()
    with contextlib.suppress(OSError):
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError):
                if os.readlink(f"/proc/self/fd/{fd}") == "anon_inode:inotify":
                    text = Path(f"/proc/self/fdinfo/{fd}").read_text()
                    inodes.update(int(found, 16) for found in _WATCH_LINE.findall(text))
    return inodes


def _folders(root: Path) -> Iterator[tuple[str, int]]:
    """Every folder under root that can be listed, but hidden ones and symlinks, with inodes."""
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
                    continue
                if os.access(entry.path, os.R_OK | os.X_OK):
                    yield prefix + entry.name, entry.stat(follow_symlinks=False).st_ino
                    stack.append((entry.path, f"{prefix}{entry.name}/"))


def _identity(root: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(root)
    except OSError:
        return None
    return info.st_dev, info.st_ino


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM stops the watcher as Ctrl-C does: cleanly, wherever the loop is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _WatchdogLog(logging.Handler):
    """Where watchdog's log records go while watching: none is printed.

    When the kernel dropped events, a refresh catches up (it compares the whole
    vault) and the folder check after it stops the watcher if watches could not be
    added back. The rest (such as a race while stopping) means nothing to the user.
    """

    def __init__(self, pending: Pending) -> None:
        super().__init__()
        self.pending = pending

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "overflow" in message or "rebuild recursive" in message:
            self.pending.note(folder=True)


@contextlib.contextmanager
def _watchdog_logs_handled(pending: Pending) -> Iterator[None]:
    logger = logging.getLogger("watchdog")
    handler = _WatchdogLog(pending)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.propagate = propagate
        logger.removeHandler(handler)
