"""`vault watch` with `calendar` set: the calendar file follows the notes, as a real process."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import icalendar
from test_watch import WatchProcess, contact, start_watch

__all__ = ["start_watch"]  # the fixture, shared with the other watch tests

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
