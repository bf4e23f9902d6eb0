"""The rules follow what happened: the stage, the creation line, contact tasks, follow-up
notes, and the commands each item carries as its next steps."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import (
    TODAY,
    contact,
    contact_text,
    day,
    due,
    facts,
    interview,
    parse,
    report_of,
)

from vaultkit.core.model import Contact
from vaultkit.core.rules import last_interaction
from vaultkit.core.steps import Typed, command_line

JANE = "Jane Doe"


def jane(**props: object) -> Contact:
    return contact(JANE, **props)


def with_body(name: str, body: str, **props: object) -> Contact:
    """A contact note whose body is `body` (after the heading)."""
    text = contact_text(name, **props).replace("## Research\n\n## Log\n\n", body)
    note = parse(f"contacts/{name}.md", text)
    assert isinstance(note, Contact)
    return note


# -- the stage ------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["prospect", "contacted", "scheduled", None])
def test_a_done_interview_makes_anyone_met_for_stay_in_touch(written):
    """Whatever earlier status the note says, a done interview starts the cadence."""
    notes = [jane(status=written), interview(JANE, day(-100), status="done")]
    assert [i.due for i in due(notes, "stay-in-touch")] == [day(-10)]


def test_written_scheduled_without_interviews_still_no_nudge():
    """A scheduled line (a call arranged by phone) stops the nudge, as before."""
    assert due([jane(status="scheduled", outreach_sent=day(-10))], "nudge") == []


# -- creating a note is not contact ----------------------------------------------------------


@pytest.mark.parametrize("line", ["added", "added, referred by [[Sam Lee]]", "Added.", "created"])
def test_the_creation_line_is_not_being_in_touch(line):
    """The line the 0.1 template wrote when it made the note moves no cadence."""
    note = contact(JANE, status="met", log=[(day(-5), line)])
    assert note.log_dates == ()
    assert last_interaction(facts([note]), note) is None
    assert due([note], "stay-in-touch") == []


def test_a_real_log_line_after_the_creation_line_counts():
    """Only the creation line is left out; what follows it is contact."""
    note = contact(JANE, status="met", log=[(day(-200), "added"), (day(-50), "coffee")])
    assert [i.due for i in due([note], "stay-in-touch")] == [day(40)]


def test_a_thank_you_is_being_in_touch():
    """The thank-you after the call is the last contact when nothing came later."""
    notes = [jane(status="met"), interview(JANE, day(-95), thank_you_sent=day(-94))]
    assert [i.due for i in due(notes, "stay-in-touch")] == [day(-4)]


def test_future_dates_are_not_contact_yet():
    """A log line or reply dated ahead of today is not counted until its day."""
    notes = [jane(status="met", replied=day(5), log=[(day(3), "lunch")]), interview(JANE, day(-9))]
    assert [i.reason for i in due(notes, "stay-in-touch")] == [
        f"last in touch {day(-9).isoformat()}: send a short update on your progress"
    ]


# -- tasks in contact notes ------------------------------------------------------------------

TASKS = (
    "## Next\n\n"
    "- [ ] Send [[Sam Lee|Sam]] the deck ⏫ 📅 2026-11-20 #work\n"
    "- [/] Draft the case study 🔁 every week\n"
    "- [-] Cancelled idea\n"
    "- [x] Done already\n"
    "\n"
)


def test_contact_tasks_are_action_items():
    """Open tasks of a contact note: dated ones on their date, undated with no due date."""
    note = with_body(JANE, TASKS, status="met")
    items = due([note], "action")
    assert [(i.due, i.reason, i.path) for i in items] == [
        (dt.date(2026, 11, 20), "Send Sam the deck", "contacts/Jane Doe.md"),
        (None, "Draft the case study", "contacts/Jane Doe.md"),
    ]
    assert [i.steps for i in items] == [
        (("done", f"contacts/Jane Doe.md:{items[0].line}"),),
        (("done", f"contacts/Jane Doe.md:{items[1].line}"),),
    ]


def test_undated_tasks_are_listed_without_a_due_date():
    """The report puts undated contact tasks in their own group, never overdue."""
    report = report_of([with_body(JANE, TASKS, status="met")])
    undated = report.bucket("undated")
    assert [(i.item.reason, i.days_overdue) for i in undated] == [("Draft the case study", None)]
    assert report.as_json()["items"][-1] == {
        "kind": "action",
        "person": JANE,
        "due": None,
        "days_overdue": None,
        "bucket": "undated",
        "path": "contacts/Jane Doe.md",
        "reason": "Draft the case study",
    }


def test_paused_contacts_tasks_are_silent():
    """A paused contact's own tasks are not reminded of either."""
    assert due([with_body(JANE, TASKS, status="paused")], "action") == []


def test_cancelled_tasks_in_interviews_are_not_due():
    """`- [-]` in an interview is not an action item; `- [/]` is one."""
    call = interview(JANE, day(-3), tasks=["- [-] dropped", "- [/] half done"])
    assert [i.reason for i in due([jane(), call], "action")] == ["half done"]


# -- follow-ups say what they are for --------------------------------------------------------


def test_a_follow_up_says_its_note():
    """follow_up_note is the item's reason, as prose."""
    note = jane(follow_up=day(-1), follow_up_note='"ask about the [[Acme]] role #jobs"')
    (item,) = due([note], "follow-up")
    assert item.reason == "ask about the Acme role"
    assert item.steps == (("plan", JANE, "clear"),)


def test_a_follow_up_without_a_note_says_so():
    """With no note, the reason names the day planned and that nothing says what for."""
    (item,) = due([jane(follow_up=day(0))], "follow-up")
    planned = TODAY.isoformat()
    assert item.reason == f"the follow-up you planned for {planned} (no note says what for)"


# -- next steps ------------------------------------------------------------------------------


def test_missing_contact_carries_the_referrer():
    """A person suggested in Jane's interview is created as referred by Jane."""
    notes = [jane(), interview(JANE, day(-3), referrals=["Priya Natarajan"])]
    (item,) = due(notes, "missing-contact")
    assert item.steps == (("new", "contact", "Priya Natarajan", "--referred-by", JANE),)
    assert item.reason.endswith('vault new contact "Priya Natarajan" --referred-by "Jane Doe"')


def test_a_thank_you_for_someone_with_no_note_creates_it_first():
    """No draft that would fail: the contact note is made, then the draft and the mark."""
    (item,) = due([interview("Sam Lee", day(-2))], "thank-you")
    assert item.steps == (
        ("new", "contact", "Sam Lee"),
        ("draft", "thank-you", "Sam Lee"),
        ("mark", "Sam Lee", "thank-you"),
    )


def test_two_people_of_one_name_are_named_by_path():
    """When a name is shared, the steps give the note's path, which names one person."""
    notes = [
        contact("Sam Lee", outreach_sent=day(-9)),
        parse("contacts/old/Sam Lee.md", contact_text("Sam Lee")),
    ]
    (item,) = due(notes, "nudge")
    assert item.steps == (
        ("draft", "nudge", "contacts/Sam Lee.md"),
        ("mark", "contacts/Sam Lee.md", "nudge"),
    )


def test_an_ambiguous_interview_points_to_check():
    """An interview whose contact link names two people: `vault check` says why."""
    notes = [
        contact("Sam Lee"),
        parse("contacts/old/Sam Lee.md", contact_text("Sam Lee")),
        interview("Sam Lee", day(-2)),
    ]
    (item,) = due(notes, "thank-you")
    assert item.steps == (("check",),)


@pytest.mark.parametrize(
    ("arguments", "typed"),
    [
        (("mark", "Jane Doe", "thank-you"), 'mark "Jane Doe" thank-you'),
        (("done", "interviews/a b.md:12"), 'done "interviews/a b.md:12"'),
        (("plan", "O'Brien", "clear"), 'plan "O\'Brien" clear'),
        (("log", "Say $HOME", "x"), "log 'Say $HOME' x"),
        (("log", 'it\'s "fine"', "x"), "log 'it'\\''s \"fine\"' x"),
    ],
)
def test_commands_are_written_as_a_shell_reads_them(arguments, typed):
    """Names are quoted; anything a shell would expand is single-quoted."""
    import shlex

    assert command_line(arguments) == typed
    assert tuple(shlex.split(typed)) == arguments
    known = Typed()  # as the report quotes them: each argument once, then looked up
    assert [" ".join([known[a] for a in arguments]) for _ in range(2)] == [typed, typed]
