"""`vault watch` as a real process against real file operations, read from its output."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from vaultkit import watch as watch_module
from vaultkit.cli import cli
from vaultkit.config import load_config

STARTUP = 20.0  # seconds a watcher may take to say it is watching (cold imports on CI)
TIMEOUT = 10.0  # seconds to wait for a line that should come within half a second
QUIET = 1.0  # seconds of silence that show nothing more is coming


def contact(name: str, status: str = "met", extra: str = "") -> str:
    return f"---\ntype: contact\nname: {name}\nstatus: {status}\n{extra}---\n# {name}\n"


class WatchProcess:
    """`vault watch --verbose` in a subprocess, its stdout lines read by a thread."""

    def __init__(self, root: Path, *args: str) -> None:
        command = [sys.executable, "-m", "vaultkit", "watch", "--verbose", "--vault", str(root)]
        self.proc = subprocess.Popen(
            [*command, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.errors: list[str] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.started = self.until(lambda line: line.startswith("watching "), STARTUP)

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        self.errors.extend(line.rstrip("\n") for line in self.proc.stderr)

    def line(self, timeout: float = TIMEOUT) -> str | None:
        """The next line, or None when the process has ended."""
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(
                f"vault watch printed nothing for {timeout}s; stderr: {self.errors}"
            ) from None

    def until(self, done: Callable[[str], bool], timeout: float = TIMEOUT) -> list[str]:
        """Lines up to and including the first one for which `done` is true."""
        seen = []
        deadline = time.monotonic() + timeout
        while True:
            line = self.line(max(0.01, deadline - time.monotonic()))
            if line is None:
                raise AssertionError(f"vault watch ended early: {seen}; stderr: {self.errors}")
            seen.append(line)
            if done(line):
                return seen

    def refresh(self) -> list[str]:
        """The lines one refresh printed, without its closing `refreshed:` line."""
        return self.until(lambda line: line.startswith("refreshed: "))[:-1]

    def changes(self, expected: set[str]) -> list[str]:
        """Change lines over as many refreshes as it takes for all of `expected` to come."""
        seen: list[str] = []
        while not expected <= set(seen):
            seen += self.refresh()
        return seen

    def error(self, wanted: Callable[[str], bool], timeout: float = TIMEOUT) -> str:
        """The first stderr line for which `wanted` is true, waiting for it to be read."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in self.errors if wanted(line)]
            if found:
                return found[0]
            time.sleep(0.02)
        raise AssertionError(f"no such line on stderr: {self.errors}")

    def silent(self, seconds: float = QUIET) -> None:
        """Nothing at all is printed for a while."""
        try:
            line = self.lines.get(timeout=seconds)
        except queue.Empty:
            return
        raise AssertionError(f"vault watch printed {line!r}, expected nothing")

    def stop(self, signum: int = signal.SIGINT) -> tuple[int, list[str]]:
        """Send a signal; the exit code and the lines printed until the end."""
        self.proc.send_signal(signum)
        code = self.proc.wait(timeout=TIMEOUT)
        rest = []
        while (line := self.line()) is not None:
            rest.append(line)
        return code, rest

    def ended(self) -> tuple[int, list[str]]:
        """Wait for the process to end on its own; the exit code and its last lines."""
        code = self.proc.wait(timeout=TIMEOUT)
        rest = []
        while (line := self.line()) is not None:
            rest.append(line)
        time.sleep(0.05)  # let the stderr thread finish reading
        return code, rest


@pytest.fixture
def start_watch() -> Iterator[Callable[..., WatchProcess]]:
    """Start watchers; any still running at the end are killed."""
    started: list[WatchProcess] = []

    def start(root: Path, *args: str) -> WatchProcess:
        process = WatchProcess(root, *args)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.proc.poll() is None:
            process.proc.kill()
            process.proc.wait()


@pytest.fixture
def jane(vault: Path) -> Path:
    """A vault with Jane Doe in it, met."""
    (vault / "contacts" / "Jane Doe.md").write_text(contact("Jane Doe"), encoding="utf-8")
    return vault


def indexed(root: Path) -> dict[str, str]:
    """The index's rows: path -> kind (contact, interview, broken, other), read directly."""
    with sqlite3.connect(root / ".vaultkit" / "index.sqlite") as connection:
        return dict(connection.execute("SELECT path, kind FROM files"))


def vault_json(root: Path, *args: str) -> object:
    """Run a `vault` command in its own process and parse its JSON output."""
    done = subprocess.run(
        [sys.executable, "-m", "vaultkit", *args, "--json", "--vault", str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


# -- how editors save -------------------------------------------------------------------------


def test_starts_by_saying_what_it_watches(jane: Path, start_watch: Callable[..., WatchProcess]):
    """The first line names the vault and what it holds, so a user knows it is running."""
    watcher = start_watch(jane)
    assert watcher.started[-1] == (
        f"watching {jane}: 1 contact, 0 interviews, 0 notes that could not be read; "
        "press Ctrl-C to stop"
    )


def test_plain_write_of_a_new_note(jane: Path, start_watch: Callable[..., WatchProcess]):
    """A note written in place is reported as added, and the index holds it."""
    watcher = start_watch(jane)
    (jane / "contacts" / "Sam Lee.md").write_text(contact("Sam Lee"), encoding="utf-8")
    assert watcher.refresh() == ["added contacts/Sam Lee.md (contact)"]
    assert indexed(jane)["contacts/Sam Lee.md"] == "contact"


def test_save_that_changes_nothing_prints_nothing(
    jane: Path, start_watch: Callable[..., WatchProcess]
):
    """Free text added to the body, or the same bytes saved again, changes no meaning."""
    watcher = start_watch(jane)
    note = jane / "contacts" / "Jane Doe.md"
    with note.open("a", encoding="utf-8") as handle:
        handle.write("\nMet at the ResearchOps meetup.\n")
    assert watcher.refresh() == []
    note.write_bytes(note.read_bytes())
    assert watcher.refresh() == []


def test_temp_file_then_rename(jane: Path, start_watch: Callable[..., WatchProcess]):
    """Write-to-temp-then-rename, as many editors and Obsidian save, is one change."""
    watcher = start_watch(jane)
    temp = jane / "contacts" / ".Jane Doe.md.tmp"
    temp.write_text(contact("Jane Doe", status="paused"), encoding="utf-8")
    os.replace(temp, jane / "contacts" / "Jane Doe.md")
    assert watcher.refresh() == ["changed contacts/Jane Doe.md (status)"]


def test_vim_in_ex_mode(jane: Path, start_watch: Callable[..., WatchProcess]):
    """vim's own way of saving (backup file, write, rename) is seen as one change."""
    vim = shutil.which("vim")
    if vim is None:
        pytest.skip("vim is not installed (.ci/run installs it)")
    watcher = start_watch(jane)
    note = jane / "contacts" / "Jane Doe.md"
    subprocess.run(
        [vim, "-Es", "-u", "NONE", "-c", "%s/status: met/status: declined/", "-c", "wq", note],
        check=True,
        timeout=30,
    )
    assert "status: declined" in note.read_text(encoding="utf-8")
    assert watcher.changes({"changed contacts/Jane Doe.md (status)"}) == [
        "changed contacts/Jane Doe.md (status)"
    ]


def test_sed_in_place_breaks_then_fixes(jane: Path, start_watch: Callable[..., WatchProcess]):
    """`sed -i` (temp file and rename): newly broken with its line and problem, then fixed."""
    watcher = start_watch(jane)
    note = jane / "contacts" / "Jane Doe.md"
    subprocess.run(["sed", "-i", "s/status: met/status: bogus/", note], check=True)
    assert watcher.refresh() == [
        "broken contacts/Jane Doe.md:4: status: unknown status 'bogus'; "
        "use one of prospect, contacted, scheduled, met, declined, paused"
    ]
    subprocess.run(["sed", "-i", "s/status: bogus/status: met/", note], check=True)
    assert watcher.refresh() == ["fixed contacts/Jane Doe.md"]


def test_merge_conflict_markers_are_named(jane: Path, start_watch: Callable[..., WatchProcess]):
    """A note git left with conflict markers is reported broken at the marker's line."""
    watcher = start_watch(jane)
    (jane / "contacts" / "Jane Doe.md").write_text(
        "---\ntype: contact\n<<<<<<< HEAD\nstatus: met\n=======\nstatus: paused\n"
        ">>>>>>> theirs\n---\n",
        encoding="utf-8",
    )
    assert watcher.refresh() == [
        "broken contacts/Jane Doe.md:3: merge conflict: open and keep one side"
    ]


def test_delete(jane: Path, start_watch: Callable[..., WatchProcess]):
    """A deleted note is reported removed and leaves the index."""
    watcher = start_watch(jane)
    (jane / "contacts" / "Jane Doe.md").unlink()
    assert watcher.refresh() == ["removed contacts/Jane Doe.md"]
    assert "contacts/Jane Doe.md" not in indexed(jane)


def test_type_removed_is_no_longer_a_note(jane: Path, start_watch: Callable[..., WatchProcess]):
    """A note whose type goes away is removed from the contacts, and says so."""
    watcher = start_watch(jane)
    (jane / "contacts" / "Jane Doe.md").write_text("# Jane Doe\n\nJust a page.\n")
    assert watcher.refresh() == ["removed contacts/Jane Doe.md (no longer a contact or interview)"]


def test_move_out_of_and_back_into_the_vault(
    jane: Path, tmp_path: Path, start_watch: Callable[..., WatchProcess]
):
    """A note moved out of the vault is removed; moved back in, it is added again."""
    watcher = start_watch(jane)
    outside = tmp_path / "elsewhere.md"
    os.rename(jane / "contacts" / "Jane Doe.md", outside)
    assert watcher.refresh() == ["removed contacts/Jane Doe.md"]
    os.rename(outside, jane / "Jane Doe.md")
    assert watcher.refresh() == ["added Jane Doe.md (contact)"]
    assert indexed(jane)["Jane Doe.md"] == "contact"


def test_whole_folders_moved(jane: Path, tmp_path: Path, start_watch: Callable[..., WatchProcess]):
    """Folders moved within, into and out of the vault: every note in them is seen."""
    watcher = start_watch(jane)
    os.rename(jane / "contacts", jane / "people")
    assert watcher.changes({"added people/Jane Doe.md (contact)"}) == [
        "removed contacts/Jane Doe.md",
        "added people/Jane Doe.md (contact)",
    ]
    batch = tmp_path / "batch"
    (batch / "deep").mkdir(parents=True)
    (batch / "Ann Ho.md").write_text(contact("Ann Ho"), encoding="utf-8")
    (batch / "deep" / "Bo Li.md").write_text(contact("Bo Li"), encoding="utf-8")
    os.rename(batch, jane / "batch")
    added = {"added batch/Ann Ho.md (contact)", "added batch/deep/Bo Li.md (contact)"}
    assert sorted(watcher.changes(added)) == sorted(added)
    os.rename(jane / "batch", tmp_path / "gone")
    removed = {"removed batch/Ann Ho.md", "removed batch/deep/Bo Li.md"}
    assert sorted(watcher.changes(removed)) == sorted(removed)
    # A note written in a folder that was moved in is seen too: the folder is watched.
    (jane / "people" / "Cy Ray.md").write_text(contact("Cy Ray"), encoding="utf-8")
    assert watcher.refresh() == ["added people/Cy Ray.md (contact)"]


def test_new_folder_is_watched(jane: Path, start_watch: Callable[..., WatchProcess]):
    """A folder made while watching is watched: notes written in it later are seen."""
    watcher = start_watch(jane)
    (jane / "contacts" / "2026" / "autumn").mkdir(parents=True)
    assert watcher.refresh() == []
    note = jane / "contacts" / "2026" / "autumn" / "Di Wu.md"
    note.write_text(contact("Di Wu"), encoding="utf-8")
    assert watcher.refresh() == ["added contacts/2026/autumn/Di Wu.md (contact)"]


def test_file_seen_half_written(jane: Path, start_watch: Callable[..., WatchProcess]):
    """A note caught half-written is reported broken, then fixed once the rest arrives."""
    watcher = start_watch(jane)
    note = jane / "contacts" / "Eve Ng.md"
    text = contact("Eve Ng")
    with note.open("w", encoding="utf-8") as handle:
        handle.write(text[:30])
        handle.flush()
        assert watcher.refresh() == [
            "broken contacts/Eve Ng.md:1: the properties block is not closed: "
            "add a line with --- after the last property"
        ]
        handle.write(text[30:])
    assert watcher.refresh() == ["fixed contacts/Eve Ng.md"]
    assert indexed(jane)["contacts/Eve Ng.md"] == "contact"


def test_a_burst_of_a_thousand_files_is_one_refresh(
    vault: Path, start_watch: Callable[..., WatchProcess]
):
    """A thousand notes written at once are handled by one refresh, one line each."""
    watcher = start_watch(vault)
    started = time.monotonic()
    for n in range(1000):
        (vault / "contacts" / f"P{n:04}.md").write_text(contact(f"P{n:04}"), encoding="utf-8")
    lines = watcher.until(lambda line: line.startswith("refreshed: "))
    assert time.monotonic() - started < 5
    assert re.match(r"refreshed: 1000 added, 0 changed, 0 removed", lines[-1])
    assert lines[:-1] == [f"added contacts/P{n:04}.md (contact)" for n in range(1000)]
    watcher.silent()
    assert sum(kind == "contact" for kind in indexed(vault).values()) == 1000


def test_hidden_folders_and_temporary_files_are_ignored(
    jane: Path, start_watch: Callable[..., WatchProcess]
):
    """Changes in .git, .obsidian, .trash, .vaultkit and to temp files cause no refresh."""
    watcher = start_watch(jane)
    for folder in (".git", ".obsidian", ".trash", ".vaultkit/tmp"):
        (jane / folder).mkdir(parents=True, exist_ok=True)
        (jane / folder / "note.md").write_text(contact("Hidden"), encoding="utf-8")
    (jane / ".obsidian" / "workspace.json").write_text("{}")
    (jane / "contacts" / ".Jane Doe.md.swp").write_bytes(b"swap")
    (jane / "contacts" / "Jane Doe.md~").write_text(contact("Jane Doe"), encoding="utf-8")
    (jane / "contacts" / "4913").write_bytes(b"")
    watcher.silent()


# -- the dashboard ----------------------------------------------------------------------------


def test_dashboard_kept_current_without_a_loop(
    jane: Path, start_watch: Callable[..., WatchProcess]
):
    """The watcher writes the dashboard after a change, and its own write starts nothing."""
    toml = jane / "vault.toml"
    toml.write_text('dashboard = "Follow-ups.md"\n' + toml.read_text(), encoding="utf-8")
    watcher = start_watch(jane)
    assert "updated Follow-ups.md" in watcher.started
    dashboard = jane / "Follow-ups.md"
    assert "[[Sam Lee]]" not in dashboard.read_text(encoding="utf-8")
    (jane / "contacts" / "Sam Lee.md").write_text(
        contact("Sam Lee", status="prospect", extra="follow_up: 2020-01-01\n"), encoding="utf-8"
    )
    assert watcher.refresh() == ["added contacts/Sam Lee.md (contact)", "updated Follow-ups.md"]
    assert "[[Sam Lee]]" in dashboard.read_text(encoding="utf-8")
    watcher.silent()
    (jane / "contacts" / "Jane Doe.md").write_text(contact("Jane Doe", extra="tags: [ux]\n"))
    assert watcher.refresh() == ["changed contacts/Jane Doe.md (tags)"]  # dashboard unchanged
    watcher.silent()


def test_settings_read_again_and_bad_ones_reported(
    jane: Path, start_watch: Callable[..., WatchProcess]
):
    """A broken vault.toml is reported and watching goes on; a fixed one is read again."""
    watcher = start_watch(jane)
    toml = jane / "vault.toml"
    good = toml.read_text(encoding="utf-8")
    toml.write_text("[me\n", encoding="utf-8")
    assert watcher.refresh() == []
    watcher.error(lambda e: "vault.toml" in e and "still using the settings read before" in e)
    toml.write_text('dashboard = "Due.md"\n' + good, encoding="utf-8")
    assert watcher.refresh() == ["read vault.toml again", "updated Due.md"]
    (jane / "contacts" / "Jane Doe.md").unlink()
    assert watcher.refresh() == ["removed contacts/Jane Doe.md"]  # nothing due either way


# -- stopping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_stops_cleanly(jane: Path, start_watch: Callable[..., WatchProcess], signum: int):
    """Ctrl-C or SIGTERM: exit 0, a last line, no traceback."""
    watcher = start_watch(jane)
    code, rest = watcher.stop(signum)
    assert code == 0
    assert rest == ["stopped watching"]
    assert not any("Traceback" in line for line in watcher.errors)


def test_signal_during_a_burst_stops_cleanly(vault: Path, start_watch: Callable[..., WatchProcess]):
    """Stopped while a burst is being handled, it still exits 0, and the index stays sound."""
    watcher = start_watch(vault)
    for n in range(300):
        (vault / "contacts" / f"P{n:03}.md").write_text(contact(f"P{n:03}"), encoding="utf-8")
    time.sleep(0.35)
    code, rest = watcher.stop(signal.SIGINT)
    assert code == 0
    assert rest[-1] == "stopped watching"
    assert not any("Traceback" in line for line in watcher.errors)
    with sqlite3.connect(vault / ".vaultkit" / "index.sqlite") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_vault_folder_deleted(jane: Path, start_watch: Callable[..., WatchProcess]):
    """The vault deleted under it: one plain line, exit 2, no list of removed notes."""
    watcher = start_watch(jane)
    shutil.rmtree(jane)
    code, rest = watcher.ended()
    assert code == 2
    assert rest == []
    assert watcher.errors == [
        f"vault: the vault folder {jane} is gone (deleted or moved away); stopped watching"
    ]


def test_vault_folder_moved_away(
    jane: Path, tmp_path: Path, start_watch: Callable[..., WatchProcess]
):
    """The vault renamed under it: one plain line and exit 2."""
    watcher = start_watch(jane)
    os.rename(jane, tmp_path / "renamed")
    code, _ = watcher.ended()
    assert code == 2
    assert watcher.errors == [
        f"vault: the vault folder {jane} is gone (deleted or moved away); stopped watching"
    ]


def test_inotify_watch_limit_at_start(jane: Path, monkeypatch: pytest.MonkeyPatch):
    """No inotify watch for the vault: a plain line naming the limit, exit 2."""

    class NoWatches:
        def __init__(self) -> None:
            raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watch_module, "Observer", NoWatches)
    result = CliRunner().invoke(cli, ["watch", "--vault", str(jane)])
    assert result.exit_code == 2
    assert result.output.startswith(f"vault: cannot watch {jane}: the system's limit on inotify")
    assert "max_user_watches" in result.output
    assert "Traceback" not in result.output


def test_folders_left_unwatched_stop_the_watcher(jane: Path, monkeypatch: pytest.MonkeyPatch):
    """Watches that run out part-way (folders left unwatched) stop it with exit 2."""
    monkeypatch.setattr(watch_module, "RECHECK", 0.01)
    monkeypatch.setattr(watch_module, "unwatched_folders", lambda root: ["contacts"])
    result = CliRunner().invoke(cli, ["watch", "--vault", str(jane)])
    assert result.exit_code == 2
    assert "cannot watch 1 folder of the vault (contacts first)" in result.output
    assert "inotify watches" in result.output


def test_unwatched_folders_are_seen(jane: Path):
    """The check reads the process's real inotify watches: folders missing one are named."""
    (jane / "interviews" / "2026").mkdir()
    (jane / ".git" / "objects").mkdir(parents=True)
    assert watch_module.unwatched_folders(jane) == []  # nothing watched: nothing to tell
    pending = watch_module.Pending(None)
    observer = watch_module.start_observer(jane, pending)
    try:
        assert watch_module.unwatched_folders(jane) == []
    finally:
        observer.stop()
        observer.join()
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    only_root = Observer()
    only_root.schedule(FileSystemEventHandler(), str(jane), recursive=False)
    only_root.start()
    try:
        assert sorted(watch_module.unwatched_folders(jane)) == [
            "contacts",
            "interviews",
            "interviews/2026",
        ]
    finally:
        only_root.stop()
        only_root.join()


def test_failed_refresh_is_reported_and_watching_goes_on(
    jane: Path, monkeypatch: pytest.MonkeyPatch
):
    """A refresh that raises is one error line; the next one works as usual."""
    said: list[str] = []
    warned: list[str] = []
    config = load_config(jane)
    watcher = watch_module.Watcher(
        config, watch_module.Pending(None), say=said.append, warn=warned.append, verbose=False
    )
    watcher.first_refresh()
    real = watch_module.refresh
    monkeypatch.setattr(watch_module, "refresh", lambda config: 1 / 0)
    watcher.refresh()
    assert warned == [
        "error: the index could not be brought up to date: ZeroDivisionError: division by zero"
    ]
    monkeypatch.setattr(watch_module, "refresh", real)
    (jane / "contacts" / "Jane Doe.md").unlink()
    watcher.refresh()
    assert said == ["removed contacts/Jane Doe.md"]


# -- concurrency ------------------------------------------------------------------------------


def _without_cache(root: Path, target: Path) -> Path:
    shutil.copytree(root, target, ignore=shutil.ignore_patterns(".vaultkit"))
    return target


def test_commands_while_watching_give_the_same_answers(
    tmp_path: Path, start_watch: Callable[..., WatchProcess]
):
    """Commands run during the watcher's refreshes answer as on a vault no one watches."""
    example = Path(__file__).resolve().parents[1] / "example-vault"
    root = shutil.copytree(example, tmp_path / "watched")
    watcher = start_watch(root)
    for round_ in range(3):
        for n in range(40):
            note = root / "contacts" / f"R{round_}-{n:02}.md"
            note.write_text(contact(f"R{round_} {n}", status="prospect"), encoding="utf-8")
        (root / "contacts" / "Maya Chen.md").write_text(
            contact("Maya Chen", extra=f"follow_up: 2026-11-{10 + round_}\n"), encoding="utf-8"
        )
        # Straight after the writes, while the watcher refreshes the same index.
        answers = {
            args: vault_json(root, *args)
            for args in (("report", "--today", "2026-11-22"), ("check",), ("ls", "contacts"))
        }
        quiet = _without_cache(root, tmp_path / f"copy{round_}")
        for args, answer in answers.items():
            assert answer == vault_json(quiet, *args), args
        watcher.changes({f"added contacts/R{round_}-39.md (contact)"})
    with sqlite3.connect(root / ".vaultkit" / "index.sqlite") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
