"""`vault watch`: keep the index, the dashboard and stats notes and the calendar file
current while files change.

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
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from watchdog.observers.api import BaseObserver

from vaultkit.core.config import CONFIG_NAME, Config, load_config
from vaultkit.core.due import due_on
from vaultkit.core.model import ParsedFile
from vaultkit.core.vault import Vault
from vaultkit.core.words import plural
from vaultkit.errors import USAGE, VaultError
from vaultkit.formats.dashboard import write_dashboard
from vaultkit.formats.ics import write_calendar
from vaultkit.formats.stats_note import write_stats_note
from vaultkit.store.index import IndexStats, refresh
from vaultkit.watch.changes import Reading, changes, reading
from vaultkit.watch.events import MARKER, Pending, observing, watchdog_logs_handled
from vaultkit.watch.inotify import unwatched_folders

SETTLE = 0.3  # seconds without events that end a burst
MAX_DELAY = 2.0  # refresh anyway when events keep coming for this long
POLL = 1.0  # how often an idle watcher checks that its folder is still there
CATCH_UP = 10.0  # at most this long for the watchdog thread to handle the events so far
READ_AT_MOST = 2000  # changed files past which a refresh reads every note again

Say = Callable[[str], None]


def watch_vault(config: Config, *, say: Say, warn: Say, verbose: bool = False) -> None:
    """Watch until Ctrl-C or SIGTERM (a clean return), or until it cannot go on (VaultError)."""
    pending = Pending(config.dashboard, config.stats)
    watcher = Watcher(config, pending, say=say, warn=warn, verbose=verbose)
    with _stop_on_sigterm(), watchdog_logs_handled(pending):
        try:
            with observing(config.root, pending) as observer:
                stats = watcher.first_refresh()
                watcher.check_folders()
                say(f"watching {config.root}: {watcher.summary()}; press Ctrl-C to stop")
                watcher.after_refresh(stats)  # its lines come after the one saying it watches
                watcher.loop(observer)
        except KeyboardInterrupt:
            pass
    say("stopped watching")


@dataclass
class Output:
    """A file the watcher keeps current when vault.toml names it: the dashboard note, the
    stats note, the calendar."""

    setting: str  # its key in vault.toml (a field of Config)
    write: Callable[[Vault, dt.datetime], bool]  # True when the file changed
    day: dt.date | None = None  # when it was last written
    error: str | None = None  # the last failure, said once


class Watcher:
    """The loop: wait for a burst to settle, refresh, report, write the files vault.toml
    asks for."""

    def __init__(self, config: Config, pending: Pending, *, say: Say, warn: Say, verbose: bool):
        self.config = config
        self.pending = pending
        self.say = say
        self.warn = warn
        self.verbose = verbose
        self.known: Reading = {}
        self.vault: Vault | None = None
        self.turns: tuple[dt.time, ...] = ()  # times today at which what is due changes
        self.outputs = [
            Output(
                "dashboard",
                lambda vault, moment: write_dashboard(vault, moment.date(), moment.time()),
            ),
            Output("stats", lambda vault, moment: write_stats_note(vault, moment.date())),
            Output(
                "calendar",
                lambda vault, moment: write_calendar(vault, moment.date(), moment.time()),
            ),
        ]
        self.identity = _identity(config.root)

    def first_refresh(self) -> IndexStats:
        """Read the vault, quietly: what it prints waits for after_refresh."""
        vault, stats = refresh(self.config)
        self.check_vault_folder()
        self.known = reading(vault.files)
        self.vault = vault
        return stats

    def after_refresh(self, stats: IndexStats) -> None:
        """What follows a refresh: the files vault.toml asks for, today's answer, the
        verbose line."""
        self._write_outputs()
        if self.verbose:  # last, so it closes what this refresh printed
            self.say(
                f"refreshed: {stats.added} added, {stats.modified} changed, "
                f"{stats.removed} removed in {stats.seconds:.2f}s"
            )

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
        self._refreshed(vault, stats)

    def _refreshed(self, vault: Vault, stats: IndexStats) -> None:
        self.check_vault_folder()  # a vault deleted mid-refresh reads as empty; say nothing of it
        root = self.config.root
        before, after = self._reading_after(vault, stats)
        for change in changes(before, after, exists=lambda p: (root / p).is_file()):
            self.say(change.render())
        self.vault = vault.with_files(sorted(self.known.values(), key=_path))
        self.after_refresh(stats)

    def _reading_after(self, vault: Vault, stats: IndexStats) -> tuple[Reading, Reading]:
        """The notes the refresh changed, before and after, with the watcher's reading of
        every note brought up to date: only those files are read from the index, unless
        it cannot say or they are many, when every note is."""
        paths = stats.changed_paths
        rows = vault.answers.rows(paths) if vault.answers and len(paths) <= READ_AT_MOST else None
        if rows is None:
            before, self.known = self.known, reading(vault.files)
            return before, self.known
        before = {p: self.known.pop(p) for p in paths if p in self.known}
        self.known.update(rows)
        return before, rows

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
        owed = [output for output in self.outputs if self._due_again(output)]
        for output in owed:
            self._write(output)
        if owed:
            self._note_turns()

    def _write_outputs(self) -> None:
        for output in self.outputs:
            self._write(output)
        self._note_turns()

    def _note_turns(self) -> None:
        """The times later today when a conversation's hour changes what is due; working
        them out keeps today's answer, so the next `vault report` finds it ready."""
        if self.vault is None:
            return
        moment = dt.datetime.now()
        now = moment.time()
        due = due_on(self.vault, moment.date(), now=now)
        self.turns = tuple(t for t in due.turning_points if t > now)

    def _turned(self) -> bool:
        """Whether a conversation of today has reached its time since the files were written."""
        return bool(self.turns) and dt.datetime.now().time() >= self.turns[0]

    def _write(self, output: Output) -> None:
        """Write one file vault.toml asks for, when what it holds changed; a failure is said
        once, not after every refresh."""
        name = getattr(self.config, output.setting)
        if name is None or self.vault is None:
            return
        moment = dt.datetime.now()
        output.day = moment.date()
        try:
            written = output.write(self.vault, moment)
        except VaultError as err:
            if err.message != output.error:
                self.warn(f"error: {err.message}")
            output.error = err.message
            return
        output.error = None
        if written:
            self.say(f"updated {name}")

    def _due_again(self, output: Output) -> bool:
        """Whether a file is owed a write while nothing changed: a new day can make new
        things due, and one deleted since this watcher wrote it is written again (its own
        events are ignored)."""
        name = getattr(self.config, output.setting)
        if name is None:
            return False
        if output.day != dt.date.today() or self._turned():
            return True
        return (
            self.vault is not None and not output.error and not (self.config.root / name).exists()
        )

    def _reload_config(self) -> None:
        try:
            config = load_config(self.config.root)
        except VaultError as err:
            self.warn(f"error: {err.message}; still using the settings read before")
            return
        if config != self.config:
            self.config = config
            self.pending.dashboard = config.dashboard
            self.pending.stats = config.stats
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


def _path(parsed: ParsedFile) -> str:
    return parsed.path


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
