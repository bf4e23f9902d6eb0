"""Each follow-up rule on its own: due, not due, and the edges around the due day."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import (
    TODAY,
    contact,
    day,
    due,
    facts,
    interview,
    interview_text,
    report_of,
    rows,
)

from vaultkit.core.config import FollowUp
from vaultkit.core.model import DUE_KINDS as KINDS
from vaultkit.core.rules import RULES, last_interaction

JANE = "Jane Doe"


def jane(**props: object):
    """Jane Doe's contact note with the given properties."""
    return contact(JANE, **props)


# -- thank-you ------------------------------------------------------------------------------


def test_thank_you_due_today_for_yesterdays_interview():
    """A done interview yesterday with no thank_you_sent is due today (bucket today)."""
    notes = [jane(status="met"), interview(JANE, day(-1), status="done")]
    assert rows(report_of(notes), "thank-you") == [(JANE, TODAY, "today", 0)]


@pytest.mark.parametrize(
    ("held", "bucket", "late"), [(-2, "overdue", 1), (-1, "today", 0), (0, "upcoming", -1)]
)
def test_thank_you_one_day_either_side_of_the_due_day(held, bucket, late):
    """Held two days ago: one day overdue; held today (no time): due tomorrow, coming up."""
    notes = [jane(status="met"), interview(JANE, day(held), status="done")]
    assert rows(report_of(notes), "thank-you") == [(JANE, day(held + 1), bucket, late)]


def test_thank_you_not_due_once_sent():
    """thank_you_sent silences the reminder."""
    notes = [jane(status="met"), interview(JANE, day(-3), status="done", thank_you_sent=day(-2))]
    assert due(notes, "thank-you") == []


@pytest.mark.parametrize("status", ["cancelled", "planned"])
def test_thank_you_not_due_for_an_interview_that_did_not_happen(status):
    """A cancelled interview, or one still written as planned, needs no thank-you."""
    notes = [jane(status="met"), interview(JANE, day(-3), status=status)]
    assert due(notes, "thank-you") == []


def test_thank_you_for_past_interview_without_status():
    """With no status, an interview whose date has passed counts as done."""
    notes = [jane(), interview(JANE, day(-5))]
    assert [(i.due, i.person) for i in due(notes, "thank-you")] == [(day(-4), JANE)]


def test_no_thank_you_for_a_future_interview_without_status():
    """With no status, an interview still to come is planned: no thank-you."""
    assert due([jane(), interview(JANE, day(2))], "thank-you") == []


def test_interview_later_today_is_planned_when_now_is_before_it():
    """An interview today at 15:00, no status, now 10:00: planned, so no thank-you yet."""
    notes = [jane(), interview(JANE, "2026-11-22T15:00")]
    assert due(notes, "thank-you", now=dt.time(10, 0)) == []


def test_interview_earlier_today_is_done_when_now_is_after_it():
    """The same interview with now 16:00 has happened: thank-you due tomorrow."""
    notes = [jane(), interview(JANE, "2026-11-22T15:00")]
    assert [i.due for i in due(notes, "thank-you", now=dt.time(16, 0))] == [day(1)]


def test_interview_today_counts_as_done_with_a_pinned_day_and_no_time():
    """With --today pinned (no `now`), an interview today with a time counts as done."""
    notes = [jane(), interview(JANE, "2026-11-22T15:00")]
    assert rows(report_of(notes), "thank-you") == [(JANE, day(1), "upcoming", -1)]


def test_thank_you_needs_a_date():
    """A done interview with no date has no day to count from: nothing due."""
    assert due([jane(), interview(JANE, None, status="done")], "thank-you") == []


def test_thank_you_offset_from_settings():
    """thank_you_after = 3 moves the due day three days after the interview."""
    notes = [jane(), interview(JANE, day(-1), status="done")]
    items = due(notes, "thank-you", settings=FollowUp(thank_you_after=3))
    assert [i.due for i in items] == [day(2)]


def test_thank_you_names_the_interview_file_and_date():
    """The item points at the interview note and names the day of the conversation."""
    notes = [jane(), interview(JANE, day(-2), status="done")]
    (item,) = due(notes, "thank-you")
    assert item.path == "interviews/2026-11-20 Jane Doe.md"
    assert "2026-11-20" in item.reason


def test_thank_you_for_an_interview_with_no_contact_note():
    """An interview whose contact has no note still gets its thank-you, under the link's name."""
    (item,) = due([interview("Nobody Yet", day(-1), status="done")], "thank-you")
    assert item.person == "Nobody Yet"


# -- nudge ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "bucket", "late"), [(-8, "overdue", 1), (-7, "today", 0), (-6, "upcoming", -1)]
)
def test_nudge_seven_days_after_outreach(sent, bucket, late):
    """Outreach with no reply: the nudge is due 7 days later (one day either side shown)."""
    notes = [jane(status="contacted", outreach_sent=day(sent))]
    assert rows(report_of(notes), "nudge") == [(JANE, day(sent + 7), bucket, late)]


@pytest.mark.parametrize(
    "props",
    [
        {"replied": day(-3)},
        {"nudge_sent": day(-2)},
        {"status": "scheduled"},
        {"status": "met"},
        {"status": "paused"},
        {"status": "declined"},
    ],
)
def test_no_nudge_after_a_reply_a_nudge_or_a_meeting(props):
    """A reply, a nudge already sent, scheduled/met, paused or declined: no nudge."""
    notes = [jane(**{"status": "contacted", "outreach_sent": day(-20), **props})]
    assert due(notes, "nudge") == []


@pytest.mark.parametrize("status", ["planned", "done", "cancelled"])
def test_no_nudge_once_there_is_any_interview(status):
    """Any interview note with the person, even a cancelled one, means no nudge."""
    notes = [
        jane(status="contacted", outreach_sent=day(-20)),
        interview(JANE, day(1), status=status),
    ]
    assert due(notes, "nudge") == []


def test_no_nudge_without_an_outreach_date():
    """A prospect never written to has nothing to nudge."""
    assert due([jane(status="contacted")], "nudge") == []


def test_nudge_offset_from_settings():
    """nudge_after = 3 makes the nudge due three days after outreach."""
    notes = [jane(outreach_sent=day(-3))]
    assert [i.due for i in due(notes, "nudge", settings=FollowUp(nudge_after=3))] == [TODAY]


def test_contacted_date_counts_as_outreach():
    """A `contacted:` date (another tool's name) counts as outreach_sent when that is empty."""
    notes = [contact(JANE, contacted=day(-7))]
    assert [i.due for i in due(notes, "nudge")] == [TODAY]
    written_empty = [contact(JANE, outreach_sent=None, contacted=day(-7))]
    assert [i.due for i in due(written_empty, "nudge")] == [TODAY]
    both = [contact(JANE, outreach_sent=day(-8), contacted=day(-7))]
    assert [i.due for i in due(both, "nudge")] == [day(-1)], "outreach_sent wins when written"


# -- let go ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nudged", "bucket", "late"), [(-15, "overdue", 1), (-14, "today", 0), (-13, "upcoming", -1)]
)
def test_let_go_fourteen_days_after_the_nudge(nudged, bucket, late):
    """Nudged, still no reply: let it go 14 days after the nudge."""
    notes = [jane(status="contacted", outreach_sent=day(nudged - 7), nudge_sent=day(nudged))]
    assert rows(report_of(notes), "let-go") == [(JANE, day(nudged + 14), bucket, late)]


def test_never_a_second_nudge():
    """Once nudged, the rules suggest letting go, never another nudge."""
    notes = [jane(status="contacted", outreach_sent=day(-40), nudge_sent=day(-30))]
    assert [i.kind for i in due(notes)] == ["let-go"]


@pytest.mark.parametrize(
    "props",
    [{"replied": day(-1)}, {"status": "paused"}, {"status": "declined"}, {"status": "scheduled"}],
)
def test_no_let_go_after_a_reply_or_a_pause(props):
    """A reply, or the person already paused, declined or scheduled: nothing to let go."""
    notes = [jane(**{"outreach_sent": day(-40), "nudge_sent": day(-30), **props})]
    assert due(notes, "let-go") == []


def test_no_let_go_without_a_nudge():
    """Outreach alone leads to a nudge, not to letting go."""
    assert due([jane(outreach_sent=day(-40))], "let-go") == []


def test_no_let_go_once_there_is_an_interview():
    """An interview with the person ends the wait for a reply."""
    notes = [jane(outreach_sent=day(-40), nudge_sent=day(-30)), interview(JANE, day(3))]
    assert due(notes, "let-go") == []


def test_let_go_offset_from_settings():
    """let_go_after = 5 makes letting go due five days after the nudge."""
    notes = [jane(outreach_sent=day(-12), nudge_sent=day(-5))]
    assert [i.due for i in due(notes, "let-go", settings=FollowUp(let_go_after=5))] == [TODAY]


# -- follow-up ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "bucket", "late"), [(-1, "overdue", 1), (0, "today", 0), (1, "upcoming", -1)]
)
def test_follow_up_on_its_own_date(offset, bucket, late):
    """The contact's follow_up date is the due day."""
    notes = [jane(status="met", follow_up=day(offset))]
    assert rows(report_of(notes), "follow-up") == [(JANE, day(offset), bucket, late)]


def test_follow_up_beyond_the_window_is_not_reported():
    """A follow-up 8 days ahead is due, but outside the 7-day window of the report."""
    notes = [jane(status="met", follow_up=day(8))]
    assert [i.due for i in due(notes, "follow-up")] == [day(8)]
    assert rows(report_of(notes), "follow-up") == []
    assert rows(report_of(notes, days=8), "follow-up") == [(JANE, day(8), "upcoming", -8)]


def test_no_follow_up_without_a_date():
    """No follow_up property: nothing due."""
    assert due([jane(status="met")], "follow-up") == []


@pytest.mark.parametrize("status", ["prospect", "contacted", "scheduled", None])
def test_follow_up_whatever_the_status(status):
    """A chosen follow-up date counts for every status that is not silenced."""
    assert len(due([jane(status=status, follow_up=day(-1))], "follow-up")) == 1


# -- stay in touch --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "bucket", "late"), [(-91, "overdue", 1), (-90, "today", 0), (-89, "upcoming", -1)]
)
def test_stay_in_touch_after_the_default_cadence(last, bucket, late):
    """A met contact last heard from 90 days ago is due today (default cadence 90)."""
    notes = [jane(status="met", replied=day(last))]
    assert rows(report_of(notes), "stay-in-touch") == [(JANE, day(last + 90), bucket, late)]


def test_cadence_on_the_contact_overrides_the_default():
    """cadence: 30 on the contact makes it due 30 days after the last interaction."""
    notes = [jane(status="met", replied=day(-30), cadence=30)]
    assert [i.due for i in due(notes, "stay-in-touch")] == [TODAY]


def test_cadence_from_settings():
    """[follow_up] cadence = 60 is the default for contacts without their own cadence."""
    notes = [jane(status="met", replied=day(-60))]
    assert [i.due for i in due(notes, "stay-in-touch", settings=FollowUp(cadence=60))] == [TODAY]


def test_contact_cadence_wins_over_settings():
    """A contact's cadence beats the vault's cadence setting."""
    notes = [jane(status="met", replied=day(-100), cadence=120)]
    items = due(notes, "stay-in-touch", settings=FollowUp(cadence=30))
    assert [i.due for i in items] == [day(20)]


def test_log_lines_count_as_interaction():
    """A dated `## Log` line after the last meeting moves the stay-in-touch date."""
    notes = [
        contact(JANE, status="met", replied=day(-200), log=[(day(-10), "Sent an update")]),
        interview(JANE, day(-150), status="done", thank_you_sent=day(-149)),
    ]
    assert last_interaction(facts(notes), notes[0]) == day(-10)
    assert [i.due for i in due(notes, "stay-in-touch")] == [day(80)]


def test_last_interaction_is_the_latest_of_every_date():
    """Outreach, nudge, reply, done interviews, their thank-yous and log lines: the latest."""
    notes = [
        contact(
            JANE,
            status="met",
            outreach_sent=day(-300),
            nudge_sent=day(-290),
            replied=day(-280),
            log=[(day(-270), "Call"), (day(-120), "Coffee")],
        ),
        interview(JANE, day(-100), status="done", thank_you_sent=day(-99)),
    ]
    assert last_interaction(facts(notes), notes[0]) == day(-99)  # the thank-you
    assert [i.due for i in due(notes, "stay-in-touch")] == [day(-9)]


def test_cancelled_interview_is_not_an_interaction():
    """Only done interviews count as being in touch; a cancelled one does not."""
    notes = [
        jane(status="met", replied=day(-100)),
        interview(JANE, day(-20), status="cancelled"),
    ]
    assert [i.due for i in due(notes, "stay-in-touch")] == [day(-10)]


def test_stay_in_touch_for_no_status_and_a_done_interview():
    """No status but a done interview counts as met; the thank-you was the last contact."""
    notes = [jane(), interview(JANE, day(-95), thank_you_sent=day(-94))]
    assert [i.due for i in due(notes, "stay-in-touch")] == [day(-4)]


@pytest.mark.parametrize("status", ["prospect", "contacted", "scheduled", "paused", "declined"])
def test_no_stay_in_touch_before_meeting_or_when_silenced(status):
    """Only met contacts get stay-in-touch reminders."""
    notes = [jane(status=status, outreach_sent=day(-300), replied=day(-290))]
    assert due(notes, "stay-in-touch") == []


def test_no_stay_in_touch_with_an_interview_planned():
    """A met contact with an interview coming up needs no update."""
    notes = [jane(status="met", replied=day(-200)), interview(JANE, day(5), status="planned")]
    assert due(notes, "stay-in-touch") == []


def test_no_stay_in_touch_without_any_date():
    """A met contact with no dated interaction at all has no day to count from."""
    assert due([jane(status="met")], "stay-in-touch") == []


# -- action items ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "bucket", "late"), [(-1, "overdue", 1), (0, "today", 0), (1, "upcoming", -1)]
)
def test_action_item_on_its_own_due_date(offset, bucket, late):
    """An open task's 📅 date is its due day."""
    task = f"- [ ] Send Jane my portfolio 📅 {day(offset).isoformat()}"
    notes = [jane(status="met"), interview(JANE, day(-30), status="done", tasks=[task])]
    assert rows(report_of(notes), "action") == [(JANE, day(offset), bucket, late)]


@pytest.mark.parametrize(
    ("held", "bucket", "late"), [(-8, "overdue", 1), (-7, "today", 0), (-6, "upcoming", -1)]
)
def test_action_item_without_date_a_week_after_the_interview(held, bucket, late):
    """An open task with no 📅 date is due 7 days after the interview."""
    notes = [jane(), interview(JANE, day(held), status="done", tasks=["- [ ] Read the book"])]
    assert rows(report_of(notes), "action") == [(JANE, day(held + 7), bucket, late)]


def test_action_item_reason_is_the_task_without_its_date():
    """The reason is the task's text, the 📅 date taken out; the line is the task's line."""
    tasks = ["- [ ] Send the deck 📅 2026-11-25"]
    (item,) = due([interview(JANE, day(-1), tasks=tasks)], "action")
    assert item.reason == "Send the deck"
    assert item.path == "interviews/2026-11-21 Jane Doe.md"
    lines = interview_text(JANE, date=day(-1), tasks=tasks).splitlines()
    assert lines[item.line - 1].startswith("- [ ] Send the deck")


def test_done_action_items_are_not_due():
    """A ticked `- [x]` task is done."""
    notes = [interview(JANE, day(-30), status="done", tasks=["- [x] Read the book 📅 2026-11-01"])]
    assert due(notes, "action") == []


def test_no_action_items_from_a_cancelled_interview():
    """Tasks in a cancelled interview are not due."""
    notes = [interview(JANE, day(-30), status="cancelled", tasks=["- [ ] Prepare slides"])]
    assert due(notes, "action") == []


def test_action_item_in_an_undated_interview():
    """With no interview date, only a task with its own 📅 date is due."""
    tasks = ["- [ ] Undated task", "- [ ] Dated task 📅 2026-11-20"]
    notes = [interview(JANE, None, status="done", tasks=tasks)]
    assert [(i.reason, i.due) for i in due(notes, "action")] == [("Dated task", day(-2))]


def test_action_offset_from_settings():
    """action_after = 2 makes an undated task due two days after the interview."""
    notes = [interview(JANE, day(-2), status="done", tasks=["- [ ] Follow through"])]
    assert [i.due for i in due(notes, "action", settings=FollowUp(action_after=2))] == [TODAY]


def test_each_open_task_is_its_own_item():
    """Two open tasks give two items, in due order."""
    tasks = ["- [ ] Later 📅 2026-11-28", "- [ ] Sooner 📅 2026-11-21", "- [x] Done"]
    notes = [interview(JANE, day(-5), status="done", tasks=tasks)]
    assert [i.reason for i in due(notes, "action")] == ["Sooner", "Later"]


# -- prepare --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ahead", "bucket", "late"), [(2, "overdue", 1), (3, "today", 0), (4, "upcoming", -1)]
)
def test_prepare_three_days_before_a_planned_interview(ahead, bucket, late):
    """A planned interview with fewer than 3 questions is due 3 days before it."""
    notes = [jane(status="scheduled"), interview(JANE, day(ahead), status="planned", questions=2)]
    assert rows(report_of(notes), "prepare") == [(JANE, day(ahead - 3), bucket, late)]


def test_no_prepare_with_enough_questions():
    """Three questions written: prepared."""
    notes = [interview(JANE, day(1), status="planned", questions=3)]
    assert due(notes, "prepare") == []


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_no_prepare_for_interviews_not_planned(status):
    """Done and cancelled interviews need no questions."""
    assert due([interview(JANE, day(1), status=status, questions=0)], "prepare") == []


def test_no_prepare_for_a_past_interview_still_marked_planned():
    """An interview whose day has gone is past preparing."""
    assert due([interview(JANE, day(-1), status="planned", questions=0)], "prepare") == []


def test_no_prepare_without_a_date():
    """A planned interview with no date has no day to prepare for."""
    assert due([interview(JANE, None, status="planned", questions=0)], "prepare") == []


def test_prepare_for_an_interview_later_today():
    """No status, today at 15:00, now 10:00: planned, so questions are due (3 days late)."""
    notes = [interview(JANE, "2026-11-22T15:00", questions=1)]
    assert [i.due for i in due(notes, "prepare", now=dt.time(10, 0))] == [day(-3)]
    assert due(notes, "prepare") == []  # pinned day, no time: it counts as done


def test_prepare_settings():
    """prepare_within and prepare_questions come from the settings."""
    notes = [interview(JANE, day(5), status="planned", questions=3)]
    settings = FollowUp(prepare_within=5, prepare_questions=4)
    (item,) = due(notes, "prepare", settings=settings)
    assert item.due == TODAY
    assert "4" in item.reason and "3 so far" in item.reason


# -- missing contact ------------------------------------------------------------------------


def test_missing_contact_for_a_referral():
    """A referral to a person with no contact note is due from the interview's date."""
    notes = [jane(), interview(JANE, day(-3), status="done", referrals=["Priya Natarajan"])]
    (item,) = due(notes, "missing-contact")
    assert (item.person, item.due, item.path) == (
        "Priya Natarajan",
        day(-3),
        "interviews/2026-11-19 Jane Doe.md",
    )
    assert 'vault new contact "Priya Natarajan"' in item.reason


def test_no_missing_contact_when_the_note_exists_under_another_spelling():
    """Referrals are matched ignoring case and accents, and by aliases."""
    notes = [
        jane(),
        contact("Zoë Kowalski"),
        contact("Robert Smith", aliases=["Bob Smith"]),
        interview(JANE, day(-3), referrals=["zoe kowalski", "Bob Smith"]),
    ]
    assert due(notes, "missing-contact") == []


def test_missing_contact_for_an_interview_contact():
    """An interview whose contact has no note: that person is missing."""
    (item,) = due([interview("Sam Lee", day(-4))], "missing-contact")
    assert (item.person, item.due) == ("Sam Lee", day(-4))


def test_missing_contact_for_referred_by_is_due_today():
    """A referred_by link to nobody is due today."""
    (item,) = due([jane(referred_by='"[[Sam Lee]]"')], "missing-contact")
    assert (item.person, item.due, item.path) == ("Sam Lee", TODAY, "contacts/Jane Doe.md")


def test_missing_contact_once_per_person_from_the_earliest_mention():
    """A person mentioned three times is one item, from the earliest mention."""
    notes = [
        jane(referred_by='"[[Sam Lee]]"'),
        interview(JANE, day(-10), referrals=["Sam Lee"]),
        interview(JANE, day(-2), referrals=["sam lee"]),
    ]
    (item,) = due(notes, "missing-contact")
    assert (item.due, item.path) == (day(-10), "interviews/2026-11-12 Jane Doe.md")


def test_missing_contact_from_an_undated_interview_is_due_today():
    """With no interview date, the missing person is due today."""
    (item,) = due([jane(), interview(JANE, None, referrals=["Sam Lee"])], "missing-contact")
    assert item.due == TODAY


# -- silenced contacts, and the rules together ----------------------------------------------


def _everything_due(name: str, status: str) -> list:
    """Two people with the given status for whom every rule would otherwise fire."""
    waiting = f"{name} Waiting"
    tasks = ["- [ ] Send the deck 📅 2026-11-20", "- [ ] Undated"]
    return [
        contact(
            waiting,
            status=status,
            outreach_sent=day(-40),
            nudge_sent=day(-30),
            follow_up=day(-1),
        ),
        contact(name, status=status, replied=day(-200), follow_up=day(0), cadence=10),
        interview(name, day(-100), status="done", tasks=tasks),
        interview(name, day(-2), tasks=tasks),
        interview(name, day(2), status="planned", questions=0, path="interviews/next.md"),
    ]


@pytest.mark.parametrize("status", ["paused", "declined", "dormant"])
def test_silenced_contacts_get_nothing_from_any_rule(status):
    """Paused and declined contacts (dormant reads as paused) get no item of any kind."""
    notes = _everything_due("Olivia Bennett", status)
    assert {i.person for i in due(notes)} == set()
    active = _everything_due("Olivia Bennett", "met")
    assert {i.kind for i in due(active)} >= {"follow-up", "thank-you", "action", "prepare"}


def test_the_same_people_not_silenced_get_every_kind():
    """The fixture above, with contacts that are not silenced, fires each rule it aims at."""
    notes = _everything_due("Ann Other", "contacted")
    assert {i.kind for i in due(notes)} >= {"let-go", "follow-up", "thank-you", "action"}


def test_every_kind_has_one_rule():
    """RULES names one function for each kind the report knows, in the same order."""
    assert tuple(RULES) == KINDS


def test_items_sorted_most_overdue_first():
    """due_items sorts by due date, then kind and person, whatever the rule order."""
    notes = [
        jane(status="met", follow_up=day(-1)),
        contact("Sam Lee", status="contacted", outreach_sent=day(-20)),
        interview(JANE, day(-3), status="done"),
    ]
    items = due(notes)
    assert [i.due for i in items] == sorted(i.due for i in items)
    assert [i.kind for i in items] == ["nudge", "thank-you", "follow-up", "stay-in-touch"]
