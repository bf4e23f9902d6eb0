"""`vault export ics`: the report and the planned interviews as a calendar, read back by
icalendar and, independently, by vobject."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from helpers import EXAMPLE_TODAY, TODAY, contact, copy_example, make_vault, run
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.core.config import Config
from vaultkit.core.model import ParsedFile
from vaultkit.core.vault import Vault
from vaultkit.formats import ics as ics_module
from vaultkit.formats.ics import render
from vaultkit.formats.registry import ExportRequest

UTC = dt.UTC


def export(root: Path, *args: str) -> bytes:
    """`vault export ics` on a vault as of the example's day; its exit code must be 0."""
    result = run("export", "ics", "--vault", root, "--today", EXAMPLE_TODAY, *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def report_items(root: Path, days: int = 30) -> list[dict[str, object]]:
    """The items of `vault report --json` for the same day and window."""
    args = ("--vault", root, "--today", EXAMPLE_TODAY, "--days", str(days), "--json")
    result = run("report", *args)
    items: list[dict[str, object]] = json.loads(result.stdout)["items"]
    return items


def events(data: bytes, name: str = "VEVENT") -> list[icalendar.cal.Component]:
    """The components of one kind in the calendar, as icalendar reads it."""
    return list(icalendar.Calendar.from_ical(data).walk(name))


def reminders(data: bytes) -> list[icalendar.cal.Component]:
    """The events made from report items (not the planned interviews)."""
    return [e for e in events(data) if "interview" not in e.categories]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of example-vault/ in tmp_path."""
    return copy_example(tmp_path)


def test_every_report_item_is_an_event_on_its_day(example: Path) -> None:
    """Each item of the 30-day report is one all-day event: on its due day, or today if
    it is overdue, with the kind, the person, the file and the next step."""
    items = report_items(example)
    found = reminders(export(example))
    assert len(found) == len(items) >= 20
    unmatched = list(found)
    for item in items:
        due = dt.date.fromisoformat(str(item["due"]))
        day = max(due, TODAY)
        match = [
            e
            for e in unmatched
            if e.categories == [item["kind"]]
            and str(item["person"]) in str(e["summary"])
            and f"Open: {item['path']}" in str(e["description"])
            and e.start == day
        ]
        assert match, f"no event for {item}"
        unmatched.remove(match[0])
        assert e_end(match[0]) == day + dt.timedelta(days=1)
        assert "Next: " in str(match[0]["description"])
    assert not unmatched


def e_end(event: icalendar.cal.Component) -> dt.date:
    """An all-day event's DTEND."""
    end: dt.date = event["dtend"].dt
    return end


def test_second_parser_reads_the_same_calendar(example: Path) -> None:
    """vobject, an independent parser, reads the same UIDs, days and summaries."""
    data = export(example)
    ours = {(str(e["uid"]), str(e["summary"]), e.start) for e in events(data)}
    parsed = vobject.readOne(data.decode("utf-8"))
    theirs = {(v.uid.value, v.summary.value, v.dtstart.value) for v in parsed.vevent_list}
    assert ours == theirs
    assert len(theirs) == len(events(data))


def test_two_exports_are_the_same_bytes(example: Path) -> None:
    """The same notes and --today give the same bytes, whatever the clock says."""
    first = export(example)
    (example / ".vaultkit").rename(example.parent / "old-cache")  # worked out afresh
    assert export(example) == first
    assert export(example) == first  # and from the kept answer


def test_a_thank_you_sent_removes_exactly_its_event(example: Path) -> None:
    """Marking a thank-you removes that one event; every other UID stays as it was."""
    before = {str(e["uid"]): e for e in events(export(example))}
    done = run("mark", "Daniel Okafor", "thank-you", "--date", EXAMPLE_TODAY, "--vault", example)
    assert done.exit_code == 0, done.output
    after = {str(e["uid"]): e for e in events(export(example))}
    gone = set(before) - set(after)
    assert len(gone) == 1
    (uid,) = gone
    assert str(before[uid]["summary"]) == "Thank Daniel Okafor"
    assert set(after) <= set(before)
    assert all(after[u].to_ical() == before[u].to_ical() for u in after)


def test_summaries_use_one_verb_per_kind(example: Path) -> None:
    """Summaries read `Thank Daniel Okafor`, `Nudge ...`: a verb, then the person."""
    summaries = {str(e["summary"]) for e in events(export(example))}
    assert "Thank Daniel Okafor" in summaries
    assert any(s.startswith("Nudge ") for s in summaries)
    assert any(s.startswith("Talk with ") for s in summaries)


def test_alarm_at_nine_on_the_day(example: Path) -> None:
    """Every reminder has a display alarm nine hours after the start of its day."""
    for event in reminders(export(example)):
        (alarm,) = event.walk("VALARM")
        assert alarm["action"] == "DISPLAY"
        assert alarm["trigger"].dt == dt.timedelta(hours=9)
        assert alarm["trigger"].params["RELATED"] == "START"


def test_dtstamp_is_the_days_midnight(example: Path) -> None:
    """DTSTAMP is --today at midnight UTC, never the clock."""
    for event in events(export(example)):
        assert event["dtstamp"].dt == dt.datetime(2026, 11, 22, tzinfo=UTC)


def test_days_limits_what_is_coming_up(example: Path) -> None:
    """--days 0 keeps only what is due today or overdue."""
    items = report_items(example, days=0)
    assert len(reminders(export(example, "--days", "0"))) == len(items)
    assert all(e.start == TODAY for e in reminders(export(example, "--days", "0")))


def test_todo_writes_tasks_with_their_own_due_dates(example: Path) -> None:
    """--todo writes a VTODO per item, due on its own day (overdue ones in the past)."""
    data = export(example, "--todo")
    todos = events(data, "VTODO")
    items = report_items(example)
    assert len(todos) == len(items)
    assert sorted(t["due"].dt for t in todos) == sorted(
        dt.date.fromisoformat(str(i["due"])) for i in items
    )
    assert all(t["status"] == "NEEDS-ACTION" for t in todos)
    assert [e for e in events(data) if "interview" not in e.categories] == []
    theirs = vobject.readOne(data.decode("utf-8"))
    assert len(theirs.vtodo_list) == len(todos)


def with_zone(root: Path, zone: str) -> None:
    """Set vault.toml's timezone."""
    toml = root / "vault.toml"
    toml.write_text(f'timezone = "{zone}"\n' + toml.read_text(encoding="utf-8"), "utf-8")


def test_planned_interviews_are_timed_events_in_the_vaults_zone(example: Path) -> None:
    """A planned interview with a time starts then, in vault.toml's zone, lasts its
    duration and is held where its medium says; the VTIMEZONE is included."""
    with_zone(example, "America/Chicago")
    data = export(example)
    talks = {str(e["summary"]): e for e in events(data) if "interview" in e.categories}
    rachel = talks["Talk with Rachel Goldberg"]
    start = rachel.start
    assert start == dt.datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("America/Chicago"))
    assert rachel["dtstart"].params["TZID"] == "America/Chicago"
    assert rachel["duration"].dt == dt.timedelta(minutes=30)
    assert str(rachel["location"]) == "zoom"
    assert "Questions:" in str(rachel["description"])
    (zone,) = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    assert str(zone["tzid"]) == "America/Chicago"


def interview_vault(tmp_path: Path, zone: str, when: str) -> Path:
    """A vault with one contact and one planned interview at `when`, in `zone`."""
    return make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": "---\ntype: contact\nname: Jane Doe\n---\n",
            f"interviews/{when[:10]} Jane Doe.md": (
                f'---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: {when}\n'
                "status: planned\nduration: 45\nmedium: coffee\n---\n"
            ),
        },
        toml=f'timezone = "{zone}"\n',
    )


@pytest.mark.parametrize(
    ("zone", "when", "utc"),
    [
        ("Europe/Berlin", "2026-03-29T10:00", dt.datetime(2026, 3, 29, 8, 0)),  # CEST begins
        ("Europe/Berlin", "2026-10-25T10:00", dt.datetime(2026, 10, 25, 9, 0)),  # CET again
        ("Europe/Berlin", "2026-10-25T01:30", dt.datetime(2026, 10, 24, 23, 30)),  # before it
        ("America/New_York", "2026-03-08T09:00", dt.datetime(2026, 3, 8, 13, 0)),
        ("America/New_York", "2026-11-01T09:00", dt.datetime(2026, 11, 1, 14, 0)),
    ],
)
def test_an_interview_on_a_daylight_saving_day_lands_at_the_right_hour(
    tmp_path: Path, zone: str, when: str, utc: dt.datetime
) -> None:
    """On the day the clocks change, both parsers put the interview at the right instant,
    vobject through the VTIMEZONE written in the file alone."""
    root = interview_vault(tmp_path, zone, when)
    data = run("export", "ics", "--vault", root, "--today", "2026-01-01").stdout_bytes
    (event,) = [e for e in events(data) if "interview" in e.categories]
    assert event.start.astimezone(UTC) == utc.replace(tzinfo=UTC)
    theirs = vobject.readOne(data.decode("utf-8")).vevent.dtstart.value
    assert theirs.astimezone(UTC) == utc.replace(tzinfo=UTC)
    assert event["duration"].dt == dt.timedelta(minutes=45)


def test_an_interview_without_a_time_is_all_day(tmp_path: Path) -> None:
    """A planned interview with only a date is an all-day event."""
    root = interview_vault(tmp_path, "Europe/Berlin", "2026-12-01")
    data = run("export", "ics", "--vault", root, "--today", "2026-11-22").stdout_bytes
    (event,) = [e for e in events(data) if "interview" in e.categories]
    assert event.start == dt.date(2026, 12, 1)
    assert "duration" not in event


def test_obsidian_links_only_in_an_obsidian_vault(example: Path) -> None:
    """With a .obsidian folder each event links to its note by obsidian://; else no URL."""
    assert all("url" not in e for e in events(export(example)))
    (example / ".obsidian").mkdir()
    daniel = next(e for e in events(export(example)) if e["summary"] == "Thank Daniel Okafor")
    assert str(daniel["url"]) == (
        "obsidian://open?vault=example-vault&file=interviews%2F2026-11-19%20Daniel%20Okafor.md"
    )


def test_a_bad_timezone_setting_is_named(example: Path) -> None:
    """A timezone that is no zone name stops the export with one line (exit 2)."""
    with_zone(example, "Mars/Olympus")
    result = run("export", "ics", "--vault", example)
    assert result.exit_code == 2
    assert "timezone 'Mars/Olympus' is not a time zone name" in result.output
    assert "Traceback" not in result.output


# Names as people write them: commas, semicolons, quotes, backslashes, emoji, right-to-left.
NAMES = st.text(
    alphabet=st.sampled_from([*"aZé ,;:\\\"'\n🚀", "\u05e9", "\u0627", "\u200f"]),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() and s == s.strip() and "\n" not in s[:1])


@settings(max_examples=60, deadline=None)
@given(name=NAMES)
def test_names_survive_the_escaping(name: str) -> None:
    """Any name comes back from the calendar exactly, read by icalendar and by vobject."""
    person = contact("X", outreach_sent=dt.date(2026, 11, 10))
    person.name = name
    vault = Vault(Config(root=Path("/no-vault")), files=[ParsedFile(person.path, person)])
    data = render(vault, ExportRequest(today=TODAY), None)
    (event,) = events(data)
    assert str(event["summary"]) == f"Nudge {name}"
    assert vobject.readOne(data.decode("utf-8")).vevent.summary.value == f"Nudge {name}"


def test_after_an_edit_only_what_changed_is_made_again(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a thank-you is marked and a follow-up moved, the calendar is the one a fresh
    export gives, and icalendar makes again only the one event whose inputs changed."""
    export(example)
    assert (example / ".vaultkit" / "calendar.parts").is_file()
    done = run("mark", "Hannah Schultz", "thank-you", "--date", EXAMPLE_TODAY, "--vault", example)
    assert done.exit_code == 0, done.output
    leila = example / "contacts" / "Leila Haddad.md"
    text = leila.read_text(encoding="utf-8")
    leila.write_text(text.replace("follow_up: 2026-11-22", "follow_up: 2026-11-30"), "utf-8")
    made: list[str] = []
    original = ics_module.reminder

    def counting(item, *args):  # type: ignore[no-untyped-def]
        made.append(item.item.person)
        return original(item, *args)

    monkeypatch.setattr(ics_module, "reminder", counting)
    after = export(example)
    assert made == ["Leila Haddad"]  # Hannah's is gone; every other was kept as made
    monkeypatch.undo()
    (example / ".vaultkit").rename(example.parent / "old-cache")
    assert export(example) == after
    assert "Thank Hannah Schultz" not in after.decode("utf-8")
