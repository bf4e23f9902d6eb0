"""Where a person stands: the furthest of the note's status line and what the dates show."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import TODAY, contact, day, interview
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.model import CONTACT_STATUSES, STAGES
from vaultkit.core.stage import dated_stage, is_behind, stage

JANE = "Jane Doe"


def jane(**props: object):
    return contact(JANE, **props)


@pytest.mark.parametrize(
    ("props", "interviews", "expected"),
    [
        ({}, [], "prospect"),
        ({"outreach_sent": day(-3)}, [], "contacted"),
        ({"replied": day(-1)}, [], "contacted"),
        ({"nudge_sent": day(-1)}, [], "contacted"),
        ({"outreach_sent": day(5)}, [], "prospect"),  # written ahead: not sent yet
        ({"outreach_sent": day(-9)}, [(day(4), None)], "scheduled"),
        ({"outreach_sent": day(-9)}, [(day(-4), None)], "met"),
        ({}, [(day(-4), "cancelled")], "prospect"),
        ({}, [(day(-40), "done"), (day(4), "planned")], "met"),
        ({}, [(day(-4), "planned")], "scheduled"),  # a past call still marked planned
    ],
)
def test_the_dates_show_the_stage(props, interviews, expected):
    """Outreach sent: contacted; a planned interview: scheduled; a done one: met."""
    notes = [interview(JANE, when, status=status) for when, status in interviews]
    assert dated_stage(jane(**props), notes, TODAY) == expected
    assert stage(jane(status=None, **props), notes, TODAY) == expected


def test_a_prospect_with_a_done_interview_is_met():
    """A written earlier status never holds a person back."""
    note = jane(status="prospect")
    assert stage(note, [interview(JANE, day(-2))], TODAY) == "met"
    assert is_behind(note, "met")


@pytest.mark.parametrize("written", ["declined", "paused"])
def test_declined_and_paused_always_win(written):
    """The user's decision stands, whatever the dates say."""
    note = jane(status=written, outreach_sent=day(-30))
    assert stage(note, [interview(JANE, day(-2))], TODAY) == written
    assert not is_behind(note, written)


def test_a_written_later_stage_holds():
    """`met` written by hand (they met at a conference) stays met with no interview note."""
    assert stage(jane(status="met"), [], TODAY) == "met"
    assert not is_behind(jane(status="met"), "contacted")


def test_an_interview_later_today_with_a_time_is_planned_until_then():
    """The stage changes at the conversation's hour, as the rules do."""
    call = interview(JANE, f"{TODAY.isoformat()}T15:00")
    assert stage(jane(), [call], TODAY, dt.time(14, 59)) == "scheduled"
    assert stage(jane(), [call], TODAY, dt.time(15, 0)) == "met"
    assert stage(jane(), [call], TODAY) == "met"  # a pinned day without a time: its end


@given(
    written=st.sampled_from([None, *CONTACT_STATUSES]),
    outreach=st.one_of(st.none(), st.integers(-60, 60)),
    calls=st.lists(
        st.tuples(st.integers(-60, 60), st.sampled_from([None, "planned", "done", "cancelled"])),
        max_size=3,
    ),
)
def test_the_stage_is_the_furthest_of_line_and_dates(written, outreach, calls):
    """For any note and interviews: silent statuses win, else the later of line and dates."""
    note = jane(status=written, outreach_sent=day(outreach) if outreach is not None else None)
    notes = [
        interview(JANE, day(offset), status=status, path=f"interviews/{n}.md")
        for n, (offset, status) in enumerate(calls)
    ]
    found = stage(note, notes, TODAY)
    shown = dated_stage(note, notes, TODAY)
    if written in ("declined", "paused"):
        assert found == written
    elif written is None:
        assert found == shown
    else:
        assert STAGES.index(found) == max(STAGES.index(written), STAGES.index(shown))
    assert not is_behind(note, found) or STAGES.index(written or "prospect") < STAGES.index(found)
