"""Reading notes the way people and Obsidian really write them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import write

from vaultkit.core.config import load_config
from vaultkit.core.model import Contact, Interview
from vaultkit.core.note import read_note
from vaultkit.store.index import load_vault

BOM = b"\xef\xbb\xbf"


def contact_of(raw: bytes | str, path: str = "contacts/Jane Doe.md") -> Contact:
    """Read raw as a contact note, failing on any problem."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    parsed = read_note(path, data, strict_folder=True)
    assert parsed.problems == []
    assert isinstance(parsed.note, Contact)
    return parsed.note


def interview_of(raw: bytes | str, path: str = "interviews/2026-11-03 Jane Doe.md") -> Interview:
    """Read raw as an interview note, failing on any problem."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    parsed = read_note(path, data, strict_folder=True)
    assert parsed.problems == []
    assert isinstance(parsed.note, Interview)
    return parsed.note


def test_bom_is_ignored() -> None:
    """A UTF-8 byte order mark before the opening --- does not hide the properties."""
    note = contact_of(BOM + b"---\ntype: contact\nname: Jane Doe\ncompany: Acme\n---\n")
    assert (note.name, note.company) == ("Jane Doe", "Acme")


def test_bom_keeps_line_numbers() -> None:
    """With a BOM, a problem still points at the line an editor shows."""
    raw = BOM + b"---\ntype: contact\nfollow_up: 2026-13-45\n---\n"
    parsed = read_note("contacts/x.md", raw, strict_folder=True)
    assert [p.line for p in parsed.problems] == [3]


def test_crlf_values_have_no_carriage_returns() -> None:
    """Windows line endings leave no stray \\r in values, dates or log lines."""
    raw = (
        b"---\r\ntype: contact\r\nname: Jane Doe\r\nemail: jane@example.com\r\n"
        b"outreach_sent: 2026-11-01\r\nstatus: met\r\n---\r\n# Jane\r\n\r\n"
        b"## Log\r\n\r\n- 2026-11-02 coffee\r\n"
    )
    note = contact_of(raw)
    assert note.name == "Jane Doe"
    assert note.email == "jane@example.com"
    assert note.status == "met"
    assert note.outreach_sent == dt.date(2026, 11, 1)
    assert note.log_dates == (dt.date(2026, 11, 2),)


def test_crlf_keeps_line_numbers() -> None:
    """With CRLF endings, problems in properties and tasks name the right lines."""
    raw = (
        b'---\r\ntype: interview\r\ncontact: "[[Jane Doe]]"\r\ndate: 2026-02-30\r\n---\r\n'
        b"## Action items\r\n- [ ] send CV \xf0\x9f\x93\x85 2026-13-01\r\n"
    )
    parsed = read_note("interviews/x.md", raw, strict_folder=True)
    assert sorted(p.line for p in parsed.problems) == [4, 7]


def test_crlf_tasks_are_read() -> None:
    """Tasks in a CRLF interview keep their text clean and their due dates."""
    raw = (
        b'---\r\ntype: interview\r\ncontact: "[[Jane Doe]]"\r\ndate: 2026-11-03\r\n---\r\n'
        b"## Action items\r\n- [ ] send CV \xf0\x9f\x93\x85 2026-11-30\r\n"
    )
    task = interview_of(raw).tasks[0]
    assert (task.text, task.due, task.line) == ("send CV", dt.date(2026, 11, 30), 7)


@pytest.mark.parametrize("written", ["Contact", "CONTACT", "contact", "'Contact'", '"contact"'])
def test_type_is_case_insensitive(written: str) -> None:
    """`type: Contact`, capitalised or quoted, is still a contact."""
    note = contact_of(f"---\ntype: {written}\nname: Jane Doe\n---\n", path="notes/Jane.md")
    assert note.name == "Jane Doe"


def test_interview_type_capitalised_outside_note_folders() -> None:
    """`type: Interview` is found wherever the file sits in the vault."""
    raw = b'---\ntype: Interview\ncontact: "[[Jane Doe]]"\ndate: 2026-11-03\n---\n'
    parsed = read_note("somewhere/else/Coffee.md", raw)
    assert isinstance(parsed.note, Interview)


@pytest.mark.parametrize(
    "written",
    [
        '"[[Jane Doe]]"',
        "[[Jane Doe]]",
        "'[[Jane Doe]]'",
        '"[[Jane Doe|Jane]]"',
        "[[Jane Doe|Jane]]",
        '"[[Jane Doe.md]]"',
        "[[Jane Doe.md]]",
        '"[[contacts/Jane Doe]]"',
        '"[[Jane Doe#Log]]"',
        "Jane Doe",
    ],
)
def test_interview_contact_link_forms(written: str) -> None:
    """Quoted, unquoted, aliased, `.md` and folder links all name Jane Doe."""
    note = interview_of(f"---\ntype: interview\ncontact: {written}\ndate: 2026-11-03\n---\n")
    assert note.contact == "Jane Doe"


@pytest.mark.parametrize("written", ["[[Sam Lee]]", '"[[Sam Lee|Sam]]"', "[[Sam Lee.md]]"])
def test_referred_by_link_forms(written: str) -> None:
    """referred_by reads the same link forms as an interview's contact."""
    note = contact_of(f"---\ntype: contact\nreferred_by: {written}\n---\n")
    assert note.referred_by == "Sam Lee"


@pytest.mark.parametrize(
    ("written", "day", "time"),
    [
        ("2026-11-03", dt.date(2026, 11, 3), None),
        ('"2026-11-03"', dt.date(2026, 11, 3), None),
        ("2026-11-03T10:30", dt.date(2026, 11, 3), dt.time(10, 30)),
        ("2026-11-03T10:30:15", dt.date(2026, 11, 3), dt.time(10, 30, 15)),
        ("2026-11-03 10:30", dt.date(2026, 11, 3), dt.time(10, 30)),
        ("2026-11-03 09:05:00", dt.date(2026, 11, 3), dt.time(9, 5)),
        ("2026-11-03t10:30", dt.date(2026, 11, 3), dt.time(10, 30)),
    ],
)
def test_interview_date_forms(written: str, day: dt.date, time: dt.time | None) -> None:
    """Dates, and date-times with `T` or a space, give the day and the time of day."""
    note = interview_of(f"---\ntype: interview\ncontact: Jane Doe\ndate: {written}\n---\n")
    assert (note.date, note.time) == (day, time)


def test_date_time_in_a_contact_date_keeps_the_day() -> None:
    """A date-time where a date is expected counts as its day."""
    note = contact_of("---\ntype: contact\noutreach_sent: 2026-11-03T08:00\n---\n")
    assert note.outreach_sent == dt.date(2026, 11, 3)


def test_empty_dates_are_no_dates() -> None:
    """An empty date property, as the templates write it, is simply absent."""
    note = contact_of('---\ntype: contact\noutreach_sent:\nreplied: ""\nfollow_up: ~\n---\n')
    assert (note.outreach_sent, note.replied, note.follow_up) == (None, None, None)


def test_obsidian_tasks_due_dates() -> None:
    """`- [ ]` items carry their `📅 YYYY-MM-DD` due date; Tasks fields and tags leave the text."""
    raw = (
        '---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: 2026-11-03\n---\n'
        "## Action items\n\n"
        "- [ ] send my CV 📅 2026-11-30\n"
        "- [ ] read the book📅2026-12-01 #reading\n"
        "- [x] connect on LinkedIn ✅ 2026-11-04\n"
        "- [ ] no date yet\n"
        "* [X] starred and done 📅 2026-11-05\n"
    )
    tasks = interview_of(raw).tasks
    assert [(t.text, t.done, t.due, t.line) for t in tasks] == [
        ("send my CV", False, dt.date(2026, 11, 30), 8),
        ("read the book", False, dt.date(2026, 12, 1), 9),
        ("connect on LinkedIn", True, None, 10),
        ("no date yet", False, None, 11),
        ("starred and done", True, dt.date(2026, 11, 5), 12),
    ]


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("prospect", "prospect"),
        ("Met", "met"),
        ("PAUSED", "paused"),
        ("reached out", "contacted"),
        ("Reached Out", "contacted"),
        ("interviewed", "met"),
        ("dormant", "paused"),
        ("researching", "prospect"),
    ],
)
def test_contact_status_aliases(written: str, status: str) -> None:
    """Contact statuses are read case-insensitively, with common synonyms."""
    note = contact_of(f"---\ntype: contact\nstatus: {written}\n---\n")
    assert note.status == status


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("Done", "done"),
        ("completed", "done"),
        ("scheduled", "planned"),
        ("canceled", "cancelled"),
        ("Cancelled", "cancelled"),
    ],
)
def test_interview_status_aliases(written: str, status: str) -> None:
    """Interview statuses are read case-insensitively, with common synonyms."""
    raw = f"---\ntype: interview\ncontact: Jane Doe\ndate: 2026-11-03\nstatus: {written}\n---\n"
    assert interview_of(raw).status == status


def test_name_defaults_to_file_name() -> None:
    """A contact without `name` is called by its file name."""
    note = contact_of("---\ntype: contact\n---\n", path="contacts/Zoë Martin.md")
    assert note.name == "Zoë Martin"


def test_tags_and_aliases_as_list_or_text() -> None:
    """tags and aliases may be a YAML list or comma-separated text."""
    note = contact_of("---\ntype: contact\ntags: [product, '#design']\naliases: JD, Janie\n---\n")
    assert note.tags == ("product", "design")
    assert note.aliases == ("JD", "Janie")


@pytest.mark.parametrize(
    "raw",
    [
        "# Just a note\n\nNo properties here.\n",
        "",
        "---\ntitle: My own note\ntags: [ideas]\n---\nText.\n",
        "---\ntype: meeting\ndate: 2026-11-03\n---\n",
        "---\ntype: daily\n---\n",
        "---\n---\nEmpty properties.\n",
        "Text first\n---\ntype: contact\n---\n",
        "---\ntype: contactless\n---\n",
    ],
)
@pytest.mark.parametrize("strict_folder", [False, True])
def test_other_notes_are_skipped_without_problems(raw: str, strict_folder: bool) -> None:
    """Files that are not contacts or interviews are "other", never a problem."""
    parsed = read_note("contacts/Other.md", raw.encode("utf-8"), strict_folder=strict_folder)
    assert (parsed.kind, parsed.note, parsed.problems) == ("other", None, [])


def test_broken_yaml_in_a_file_without_our_type_is_not_ours() -> None:
    """Outside the note folders, a user's own note with bad YAML is left alone."""
    raw = b"---\ntitle: [unclosed\n---\nMy own note.\n"
    parsed = read_note("journal/today.md", raw)
    assert (parsed.kind, parsed.problems) == ("other", [])


def test_tolerant_notes_survive_the_index(vault: Path) -> None:
    """BOM, CRLF, unquoted links, times and tasks come back the same through load_vault."""
    write(
        vault,
        "contacts/Jane Doe.md",
        BOM + b"---\r\ntype: Contact\r\nname: Jane Doe\r\nstatus: Reached out\r\n---\r\n",
    )
    write(
        vault,
        "interviews/2026-11-03 Jane Doe.md",
        "---\ntype: interview\ncontact: [[Jane Doe|Jane]]\ndate: 2026-11-03 10:30\n---\n"
        "## Action items\n- [ ] send CV 📅 2026-11-30\n",
    )
    loaded = load_vault(load_config(vault))
    assert [(c.name, c.status) for c in loaded.contacts] == [("Jane Doe", "contacted")]
    (interview,) = loaded.interviews
    assert (interview.contact, interview.date, interview.time) == (
        "Jane Doe",
        dt.date(2026, 11, 3),
        dt.time(10, 30),
    )
    assert [(t.text, t.due) for t in interview.tasks] == [("send CV", dt.date(2026, 11, 30))]
    assert loaded.file_problems == []
