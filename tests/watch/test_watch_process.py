"""`vault watch` as a real process against real file operations, read from its output."""

from __future__ import annotations

import functools
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
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import icalendar
import pytest
from helpers import EXAMPLE_VAULT, TESTS

pytestmark = pytest.mark.slow  # a real `vault watch` process in every test

STARTUP = 20.0  # seconds a watcher may take to say it is watching (cold imports on CI)
TIMEOUT = 10.0  # seconds to wait for a line that should come within half a second
QUIET = 1.0  # seconds of silence that show nothing more is coming
VAULT = (sys.executable, "-m", "vaultkit")
INOTIFY_LIMIT = TESTS / "watch" / "inotify_limit.py"


def contact(name: str, status: str = "met", extra: str = "") -> str:
    return f"---\ntype: contact\nname: {name}\nstatus: {status}\n{extra}---\n# {name}\n"


class WatchProcess:
    """`vault watch --verbose` in a subprocess, its stdout lines read by a thread.

    `launcher` is how `vault` is run; unless `wait` is false, the watcher has said
    it is watching, and then what its first refresh did, when this returns.
    """

    def __init__(
        self, root: Path, *args: str, launcher: Sequence[str] = VAULT, wait: bool = True
    ) -> None:
        command = [*launcher, "watch", "--verbose", "--vault", str(root), *args]
        self.proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.errors: list[str] = []
        self.stderr_read = threading.Thread(target=self._read_stderr, daemon=True)
        self.stderr_read.start()
        threading.Thread(target=self._read_stdout, daemon=True).start()
        self.started = (
            self.until(lambda line: line.startswith("watching "), STARTUP)
            + self.until(lambda line: line.startswith("refreshed: "), STARTUP)
            if wait
            else []
        )

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
        return self.ended()

    def ended(self, timeout: float = TIMEOUT) -> tuple[int, list[str]]:
        """Wait for the process to end; its exit code and the lines it printed since the last
        ones read. Its stderr is all in `errors` by then."""
        code = self.proc.wait(timeout=timeout)
        rest = []
        while (line := self.line()) is not None:
            rest.append(line)
        self.stderr_read.join(TIMEOUT)  # stderr reaches its end once the process has ended
        return code, rest


@pytest.fixture
def start_watch() -> Iterator[Callable[..., WatchProcess]]:
    """Start watchers; any still running at the end are killed."""
    started: list[WatchProcess] = []

    def start(root: Path, *args: str, **options: Any) -> WatchProcess:
        process = WatchProcess(root, *args, **options)
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
    assert watcher.started[0] == (
        f"watching {jane}: 1 contact, 0 interviews, 0 notes that could not be read; "
        "press Ctrl-C to stop"
    )
    assert watcher.started[-1].startswith("refreshed: ")


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
    assert indexed(jane) == {"contacts/Jane Doe.md": "contact"}  # no trace of the temp file


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
    assert indexed(jane) == {"contacts/Jane Doe.md": "contact"}  # nor of vim's own files


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
    assert indexed(jane) == {"contacts/Jane Doe.md": "contact"}


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
    assert indexed(jane) == {"contacts/Jane Doe.md": "broken"}


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
    assert watcher.changes({"moved contacts/Jane Doe.md to people/Jane Doe.md"}) == [
        "moved contacts/Jane Doe.md to people/Jane Doe.md",
    ]
    assert indexed(jane) == {"people/Jane Doe.md": "contact"}
    batch = tmp_path / "batch"
    (batch / "deep").mkdir(parents=True)
    (batch / "Ann Ho.md").write_text(contact("Ann Ho"), encoding="utf-8")
    (batch / "deep" / "Bo Li.md").write_text(contact("Bo Li"), encoding="utf-8")
    os.rename(batch, jane / "batch")
    added = {"added batch/Ann Ho.md (contact)", "added batch/deep/Bo Li.md (contact)"}
    assert sorted(watcher.changes(added)) == sorted(added)
    assert indexed(jane) == {
        "people/Jane Doe.md": "contact",
        "batch/Ann Ho.md": "contact",
        "batch/deep/Bo Li.md": "contact",
    }
    os.rename(jane / "batch", tmp_path / "gone")
    removed = {"removed batch/Ann Ho.md", "removed batch/deep/Bo Li.md"}
    assert sorted(watcher.changes(removed)) == sorted(removed)
    assert indexed(jane) == {"people/Jane Doe.md": "contact"}
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
    # The next refresh leaves them out too.
    (jane / "contacts" / "Sam Lee.md").write_text(contact("Sam Lee"), encoding="utf-8")
    assert watcher.refresh() == ["added contacts/Sam Lee.md (contact)"]
    assert indexed(jane) == {"contacts/Jane Doe.md": "contact", "contacts/Sam Lee.md": "contact"}


# -- the dashboard ----------------------------------------------------------------------------


def test_dashboard_kept_current_without_a_loop(
    jane: Path, start_watch: Callable[..., WatchProcess]
):
    """The watcher writes the dashboard after a change, and its own write starts nothing;
    a deleted dashboard is written again."""
    toml = jane / "vault.toml"
    toml.write_text('dashboard = "Follow-ups.md"\n' + toml.read_text(), encoding="utf-8")
    watcher = start_watch(jane)
    assert watcher.started[0].startswith("watching ")  # said first, then what the refresh did
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
    dashboard.unlink()  # deleted while the watcher runs: it comes back within a second or so
    assert watcher.line() == "updated Follow-ups.md"
    assert "[[Sam Lee]]" in dashboard.read_text(encoding="utf-8")
    watcher.silent()


def test_stats_note_kept_current_without_a_loop(
    jane: Path, start_watch: Callable[..., WatchProcess]
):
    """With `stats` set, the watcher writes the stats note after a change that moves a figure,
    its own write starts nothing, and a deleted stats note is written again."""
    toml = jane / "vault.toml"
    toml.write_text('stats = "Stats.md"\n' + toml.read_text(), encoding="utf-8")
    watcher = start_watch(jane)
    assert "updated Stats.md" in watcher.started
    note = jane / "Stats.md"
    assert "| reached out | 0 |" in note.read_text(encoding="utf-8")
    (jane / "contacts" / "Sam Lee.md").write_text(
        contact("Sam Lee", status="contacted", extra="outreach_sent: 2020-01-01\n"),
        encoding="utf-8",
    )
    assert watcher.refresh() == ["added contacts/Sam Lee.md (contact)", "updated Stats.md"]
    assert "| reached out | 1 |" in note.read_text(encoding="utf-8")
    watcher.silent()
    note.unlink()  # deleted while the watcher runs: it comes back within a second or so
    assert watcher.line() == "updated Stats.md"
    assert "| reached out | 1 |" in note.read_text(encoding="utf-8")
    watcher.silent()


def test_dashboard_never_written_over_a_note_of_the_users(
    jane: Path, start_watch: Callable[..., WatchProcess]
):
    """A note of the user's at the dashboard's name stays byte for byte; the watcher says so
    once, not after every change, and goes on; once that note is gone it writes its own."""
    toml = jane / "vault.toml"
    toml.write_text('dashboard = "Follow-ups.md"\n' + toml.read_text(), encoding="utf-8")
    mine = jane / "Follow-ups.md"
    mine.write_bytes(b"# My own follow-ups\n\n- call mum\n")
    watcher = start_watch(jane)
    refused = f"error: {mine} exists and was not written by vault; nothing was written."
    watcher.error(lambda line: line.startswith(refused))
    for name in ("Sam Lee", "Ann Ho"):
        (jane / "contacts" / f"{name}.md").write_text(
            contact(name, status="prospect", extra="follow_up: 2020-01-01\n"), encoding="utf-8"
        )
        assert watcher.refresh() == [f"added contacts/{name}.md (contact)"]
    assert mine.read_bytes() == b"# My own follow-ups\n\n- call mum\n"
    mine.unlink()
    (jane / "contacts" / "Jane Doe.md").unlink()
    assert watcher.refresh() == ["removed contacts/Jane Doe.md", "updated Follow-ups.md"]
    assert "[[Ann Ho]]" in mine.read_text(encoding="utf-8")
    code, _ = watcher.stop()
    assert code == 0
    assert [line for line in watcher.errors if line.startswith(refused)] == [
        watcher.error(lambda line: line.startswith(refused))
    ]


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


@pytest.mark.parametrize("moment", ["gathering", "reporting"])
def test_signal_during_a_burst_stops_cleanly(
    vault: Path, start_watch: Callable[..., WatchProcess], moment: str
):
    """Stopped while it gathers a burst's events (straight after the writes, well inside the
    0.3 s it waits for quiet) or while it reports them (once the first line is out): exit 0,
    no traceback, and the index is sound and whole for the next start."""
    watcher = start_watch(vault)
    for n in range(300):
        (vault / "contacts" / f"P{n:03}.md").write_text(contact(f"P{n:03}"), encoding="utf-8")
    if moment == "reporting":
        watcher.until(lambda line: line.startswith("added "))
    code, rest = watcher.stop(signal.SIGINT)
    assert code == 0
    assert rest[-1] == "stopped watching"
    assert not any("Traceback" in line for line in watcher.errors)
    with sqlite3.connect(vault / ".vaultkit" / "index.sqlite") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = start_watch(vault)
    assert again.started[0].startswith(f"watching {vault}: 300 contacts, 0 interviews, 0 notes")


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


RAISE_IT = "(for example `sudo sysctl fs.inotify.max_user_watches=524288`)"


@functools.cache
def _own_inotify_limit() -> str | None:
    """`unshare`, when it can give a process a user namespace whose inotify limit it sets."""
    unshare = shutil.which("unshare")
    if unshare is None or not Path("/proc/sys/user/max_inotify_watches").exists():
        return None
    probe = [unshare, "-Ur", "sh", "-c", "echo 5 > /proc/sys/user/max_inotify_watches"]
    done = subprocess.run(probe, capture_output=True, timeout=30)
    return unshare if done.returncode == 0 else None


@pytest.fixture(params=["kernel", "simulated"])
def watches_limited_to(request: pytest.FixtureRequest) -> Callable[[int], list[str]]:
    """How to run `vault` with room for only so many inotify watches.

    "kernel": the real limit, lowered in a user namespace of the watcher's own (where the
    system allows those). "simulated": tests/watch/inotify_limit.py refuses the kernel call that
    adds a watch past the limit, as Linux does; it runs everywhere.
    """
    if request.param == "simulated":
        return lambda limit: [sys.executable, str(INOTIFY_LIMIT), str(limit)]
    unshare = _own_inotify_limit()
    if unshare is None:
        pytest.skip("no user namespaces here to lower the inotify limit in")
    script = 'echo "$0" > /proc/sys/user/max_inotify_watches && exec "$@"'
    return lambda limit: [unshare, "-Ur", "sh", "-c", script, str(limit), *VAULT]


def test_no_inotify_watch_for_the_vault(
    jane: Path,
    start_watch: Callable[..., WatchProcess],
    watches_limited_to: Callable[[int], list[str]],
):
    """Not even the vault folder can be watched: one plain line naming the limit, exit 2."""
    watcher = start_watch(jane, launcher=watches_limited_to(0), wait=False)
    code, lines = watcher.ended(STARTUP)
    assert (code, lines) == (2, [])
    assert watcher.errors == [
        f"vault: cannot watch {jane}: the system's limit on inotify watches is reached; "
        f"raise it {RAISE_IT} and try again"
    ]


def test_inotify_watches_run_out_at_start(
    jane: Path,
    start_watch: Callable[..., WatchProcess],
    watches_limited_to: Callable[[int], list[str]],
):
    """Watches for the vault folder and one of its two folders only: exit 2 at once, naming
    the other, rather than watch with a folder left out."""
    watcher = start_watch(jane, launcher=watches_limited_to(2), wait=False)
    code, lines = watcher.ended(STARTUP)
    assert code == 2
    assert not any(line.startswith("watching") for line in lines)
    assert len(watcher.errors) == 1
    assert re.fullmatch(
        r"vault: cannot watch 1 folder of the vault \((contacts|interviews) first\): the "
        r"system's limit on inotify watches is probably reached\. Raise it "
        + re.escape(RAISE_IT)
        + r" and start vault watch again",
        watcher.errors[0],
    )


def test_inotify_watches_run_out_while_watching(
    jane: Path,
    start_watch: Callable[..., WatchProcess],
    watches_limited_to: Callable[[int], list[str]],
):
    """Every watch in use, a folder is made: what was written in it is still read and
    reported, then the watcher stops with exit 2 instead of missing its later changes."""
    watcher = start_watch(jane, launcher=watches_limited_to(3))  # the vault and its 2 folders
    folder = jane / "contacts" / "2026"
    folder.mkdir()
    (folder / "Di Wu.md").write_text(contact("Di Wu"), encoding="utf-8")
    code, lines = watcher.ended()
    assert code == 2
    assert lines[0] == "added contacts/2026/Di Wu.md (contact)"
    assert lines[1].startswith("refreshed: 1 added")
    assert len(lines) == 2
    assert watcher.errors == [
        "vault: cannot watch 1 folder of the vault (contacts/2026 first): the system's limit "
        f"on inotify watches is probably reached. Raise it {RAISE_IT} and start vault watch "
        "again"
    ]
    assert indexed(jane)["contacts/2026/Di Wu.md"] == "contact"


# -- concurrency ------------------------------------------------------------------------------


def _without_cache(root: Path, target: Path) -> Path:
    shutil.copytree(root, target, ignore=shutil.ignore_patterns(".vaultkit"))
    return target


def test_commands_while_watching_give_the_same_answers(
    tmp_path: Path, start_watch: Callable[..., WatchProcess]
):
    """Commands run during the watcher's refreshes answer as on a vault no one watches."""
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "watched")
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


def test_todays_report_is_ready_after_each_change(
    jane: Path, start_watch: Callable[..., WatchProcess]
):
    """After a refresh the watcher has worked out what is due, so `vault report` reads it."""
    watcher = start_watch(jane)
    (jane / "contacts" / "Sam Lee.md").write_text(contact("Sam Lee"), encoding="utf-8")
    watcher.refresh()
    connection = sqlite3.connect(jane / ".vaultkit" / "index.sqlite")
    try:
        query = "SELECT value FROM state WHERE name = 'notes'"
        (generation,) = connection.execute(query).fetchone()
        kept = connection.execute("SELECT key, generation FROM answers").fetchall()
    finally:
        connection.close()
    today = time.strftime("%Y-%m-%d")
    assert [(today in key, made) for key, made in kept] == [(True, generation)]


# -- the calendar file ---------------------------------------------------------------------

CALENDAR = "Follow-ups.ics"


def summaries(path: Path) -> set[str]:
    """The summaries of the calendar file's events."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["summary"]) for e in calendar.walk("VEVENT")}


def test_calendar_follows_each_change_within_a_second(
    vault: Path, start_watch: Callable[..., WatchProcess]
) -> None:
    """A change that moves a date rewrites the calendar within a second; one that moves
    none (a line of research) leaves the file untouched."""
    toml = vault / "vault.toml"
    toml.write_text(f'calendar = "{CALENDAR}"\n' + toml.read_text(encoding="utf-8"), "utf-8")
    note = vault / "contacts" / "Jane Doe.md"
    note.write_text(contact("Jane Doe", "contacted", "outreach_sent: 2020-01-01\n"), "utf-8")
    watcher = start_watch(vault)
    assert f"updated {CALENDAR}" in watcher.started
    calendar = vault / CALENDAR
    assert summaries(calendar) == {"Nudge Jane Doe"}

    before = os.stat(calendar)
    note.write_text(
        contact("Jane Doe", "contacted", "outreach_sent: 2020-01-01\nnudge_sent: 2020-01-08\n"),
        "utf-8",
    )
    written = time.monotonic()
    while os.stat(calendar).st_ino == before.st_ino and time.monotonic() - written < 10:
        time.sleep(0.01)
    elapsed = time.monotonic() - written
    print(f"calendar rewritten {elapsed:.3f}s after the change")
    assert elapsed < 1.0, f"the calendar took {elapsed:.2f}s"
    assert summaries(calendar) == {"Let go of Jane Doe"}
    watcher.until(lambda line: line == f"updated {CALENDAR}")
    watcher.until(lambda line: line.startswith("refreshed: "))

    unchanged = os.stat(calendar)
    with note.open("a", encoding="utf-8") as handle:
        handle.write("\n## Research\nSpoke at a meetup about panels.\n")
    lines = watcher.refresh()
    assert f"updated {CALENDAR}" not in lines
    watcher.silent()
    after = os.stat(calendar)
    assert (after.st_ino, after.st_mtime_ns) == (unchanged.st_ino, unchanged.st_mtime_ns)


def test_calendar_never_written_over_a_file_of_the_users(
    vault: Path, start_watch: Callable[..., WatchProcess]
) -> None:
    """An .ics file there that vault did not write is left alone, and the watcher says so."""
    toml = vault / "vault.toml"
    toml.write_text(f'calendar = "{CALENDAR}"\n' + toml.read_text(encoding="utf-8"), "utf-8")
    theirs = vault / CALENDAR
    theirs.write_bytes(b"BEGIN:VCALENDAR\r\nPRODID:-//someone else//EN\r\nEND:VCALENDAR\r\n")
    watcher = start_watch(vault)
    assert "exists and was not written by vault" in watcher.error(lambda line: "error:" in line)
    assert theirs.read_bytes().startswith(b"BEGIN:VCALENDAR\r\nPRODID:-//someone else")
