"""The watcher's parts in this process: its inotify check, watchdog's logs, a failed refresh."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from vaultkit.core.config import load_config
from vaultkit.watch import events, inotify
from vaultkit.watch import loop as watch_module


def test_unwatched_folders_are_seen(jane_vault: Path):
    """The check reads the process's real inotify watches: folders missing one are named."""
    (jane_vault / "interviews" / "2026").mkdir()
    (jane_vault / ".git" / "objects").mkdir(parents=True)
    assert inotify.unwatched_folders(jane_vault) == []  # nothing watched: nothing to tell
    pending = events.Pending(None)
    observer = events.start_observer(jane_vault, pending)
    try:
        assert inotify.unwatched_folders(jane_vault) == []
    finally:
        observer.stop()
        observer.join()
    only_root = Observer()
    only_root.schedule(FileSystemEventHandler(), str(jane_vault), recursive=False)
    only_root.start()
    try:
        assert sorted(inotify.unwatched_folders(jane_vault)) == [
            "contacts",
            "interviews",
            "interviews/2026",
        ]
    finally:
        only_root.stop()
        only_root.join()


def test_lost_events_bring_a_refresh_and_watchdog_prints_nothing(
    capsys: pytest.CaptureFixture[str],
):
    """The kernel dropping events (watchdog logs it) makes a refresh and a folder check;
    what else watchdog logs (a race while it stops, say) is not printed."""
    pending = events.Pending(None)
    with events.watchdog_logs_handled(pending):
        logging.getLogger("watchdog.observers.inotify").error(
            "InotifyEmitter.queue_events() called when the thread is inactive"
        )
        assert not pending.wake.is_set()
        logging.getLogger("watchdog.observers.inotify_c").warning(
            "Inotify queue overflowed; filesystem events were lost"
        )
    assert pending.wake.is_set()
    assert pending.take().folders
    assert capsys.readouterr() == ("", "")


def test_failed_refresh_is_reported_and_watching_goes_on(
    jane_vault: Path, monkeypatch: pytest.MonkeyPatch
):
    """A refresh that raises is one error line; the next one works as usual."""
    said: list[str] = []
    warned: list[str] = []
    config = load_config(jane_vault)
    watcher = watch_module.Watcher(
        config, events.Pending(None), say=said.append, warn=warned.append, verbose=False
    )
    watcher.first_refresh()
    real = watch_module.refresh
    monkeypatch.setattr(watch_module, "refresh", lambda config: 1 / 0)
    watcher.refresh()
    assert warned == [
        "error: the index could not be brought up to date: ZeroDivisionError: division by zero"
    ]
    monkeypatch.setattr(watch_module, "refresh", real)
    (jane_vault / "contacts" / "Jane Doe.md").unlink()
    watcher.refresh()
    assert said == ["removed contacts/Jane Doe.md"]
