"""What the watchdog thread sees: events sorted into what they mean for the vault, noted
for the loop, and watchdog's own log records kept off the terminal.

The handler only records that something changed (its whole work); the loop in
loop.py waits for a burst to settle and does the rest.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator
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

from vaultkit.core.config import CONFIG_NAME
from vaultkit.errors import USAGE, VaultError
from vaultkit.watch.inotify import cannot_watch

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


@dataclass(frozen=True)
class Batch:
    """What kinds of things changed during one burst of events."""

    folders: bool  # a folder appeared: check it is watched
    config: bool  # vault.toml changed: read it again
    root_gone: bool  # the vault folder itself was deleted


class Pending:
    """What the watchdog thread saw since the last refresh; noting it is its only work."""

    def __init__(self, dashboard: str | None, stats: str | None = None) -> None:
        self.dashboard = dashboard  # its own writes are not changes
        self.stats = stats  # nor are the stats note's
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
        seen = classify(event, self.root, self.pending.dashboard, self.pending.stats)
        if seen is not None:
            self.pending.note(**seen)


def classify(
    event: FileSystemEvent, root: str, dashboard: str | None, stats: str | None = None
) -> dict[str, bool] | None:
    """What an event means for the vault, or None when it is none of its business.

    Hidden folders (.git, .obsidian, .trash, .vaultkit), temporary files (anything
    not ending in .md) and the dashboard and stats notes are not the vault's business.
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
    generated = (dashboard, stats)
    shown = [r for r in relative if not _hidden(r, folder=False) and r not in generated]
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


@contextlib.contextmanager
def observing(root: Path, pending: Pending) -> Iterator[BaseObserver]:
    observer = start_observer(root, pending)
    try:
        yield observer
    finally:
        observer.stop()
        observer.join(timeout=5)


def start_observer(root: Path, pending: Pending) -> BaseObserver:
    """A running watchdog observer on the whole vault, or a VaultError saying why not."""
    try:
        observer = Observer()
        observer.schedule(_Handler(root, pending), str(root), recursive=True, event_filter=EVENTS)
        observer.start()
    except OSError as err:
        raise VaultError(cannot_watch(root, err), USAGE) from None
    return observer


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
def watchdog_logs_handled(pending: Pending) -> Iterator[None]:
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
