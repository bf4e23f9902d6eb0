"""Business days: Workdays counts Monday to Friday less holidays, and the four waiting rules
use it when `business_days = true`; with the setting off every date is as before."""

from __future__ import annotations

import datetime as dt

from helpers import TODAY, contact, due, interview
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.config import FollowUp
from vaultkit.core.dates import Workdays, shift

BUSINESS_KINDS = ("thank-you", "nudge", "let-go", "action")

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
offsets = st.integers(min_value=0, max_value=400)
holiday_sets = st.frozensets(
    st.dates(min_value=dt.date(1999, 12, 1), max_value=dt.date(2103, 1, 31)), max_size=30
)


def counted_by_hand(workdays: Workdays, start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to `end`, counted one day at a time."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += workdays.is_workday(day)
    return count


def later_by_hand(workdays: Workdays, start: dt.date, offset: int) -> dt.date:
    """The `offset`-th working day after `start` (0: start or the next one), day by day."""
    day = start
    while not workdays.is_workday(day):
        day += dt.timedelta(days=1)
    if offset == 0:
        return day
    day, left = start, offset
    while left:
        day += dt.timedelta(days=1)
        left -= workdays.is_workday(day)
    return day


@given(days, offsets, holiday_sets)
def test_a_business_day_offset_never_lands_on_a_weekend_or_holiday(
    start: dt.date, offset: int, holidays: frozenset[dt.date]
) -> None:
    """Whatever the start, offset and holidays, the day found is Monday to Friday, not listed."""
    found = Workdays(holidays).after(start, offset)
    assert found.weekday() < 5
    assert found not in holidays
    assert found >= start


@given(days, offsets, holiday_sets)
def test_the_day_found_is_the_one_counted_by_hand(
    start: dt.date, offset: int, holidays: frozenset[dt.date]
) -> None:
    """The offset-th working day after the start, as a person counting on a calendar finds it."""
    workdays = Workdays(holidays)
    assert workdays.after(start, offset) == later_by_hand(workdays, start, offset)


@given(days, days, holiday_sets)
def test_between_counts_working_days_as_by_hand(
    start: dt.date, end: dt.date, holidays: frozenset[dt.date]
) -> None:
    """between() is the working days after one date up to the other, negative when reversed."""
    workdays = Workdays(holidays)
    first, last = sorted((start, end))
    if (last - first).days > 2000:  # counting by hand is slow; the arithmetic is the same
        last = first + dt.timedelta(days=2000)
    assert workdays.between(first, last) == counted_by_hand(workdays, first, last)
    assert workdays.between(last, first) == -counted_by_hand(workdays, first, last)


@given(days, st.integers(min_value=1, max_value=400), holiday_sets)
def test_between_undoes_after(start: dt.date, offset: int, holidays: frozenset[dt.date]) -> None:
    """From a start, `offset` business days on is exactly `offset` working days away."""
    workdays = Workdays(holidays)
    assert workdays.between(start, workdays.after(start, offset)) == offset


@given(days, st.integers(min_value=-400, max_value=400), holiday_sets)
def test_with_the_setting_off_every_offset_is_calendar_days(
    start: dt.date, offset: int, holidays: frozenset[dt.date]
) -> None:
    """business_days = false (the default): holidays or not, a date moves by plain days."""
    settings = FollowUp(holidays=tuple(sorted(holidays)))
    assert settings.workdays is None
    assert settings.later(start, offset) == start + dt.timedelta(days=offset)
    assert shift(start, offset) == start + dt.timedelta(days=offset)


def test_the_end_of_the_calendar_holds() -> None:
    """Offsets that would pass the year 9999 stop at its last day instead of failing."""
    assert Workdays().after(dt.date(9999, 12, 30), 10) == dt.date.max
    assert FollowUp(business_days=True).later(dt.date.max, 3650) == dt.date.max
    assert Workdays().after(dt.date.min, 0) == dt.date.min  # a Monday


def test_a_friday_outreach_is_nudged_after_seven_business_days() -> None:
    """3B7's second step: outreach on Friday 2026-11-20, nudge due Tuesday 2026-12-01."""
    maya = contact("Maya Chen", outreach_sent=dt.date(2026, 11, 20))
    settings = FollowUp(business_days=True)
    assert [i.due for i in due([maya], "nudge", settings=settings)] == [dt.date(2026, 12, 1)]
    assert [i.due for i in due([maya], "nudge")] == [dt.date(2026, 11, 27)]


def test_a_friday_interview_is_thanked_on_monday() -> None:
    """thank_you_after = 1 business day: an interview on a Friday is thanked on the Monday."""
    notes = [contact("Jane Doe"), interview("Jane Doe", dt.date(2026, 11, 20), status="done")]
    settings = FollowUp(business_days=True)
    assert [i.due for i in due(notes, "thank-you", settings=settings)] == [dt.date(2026, 11, 23)]


def test_holidays_push_the_date_on() -> None:
    """A nudge that would fall on a listed holiday moves to the next working day."""
    maya = contact("Maya Chen", outreach_sent=dt.date(2026, 12, 16))
    christmas = FollowUp(business_days=True, holidays=(dt.date(2026, 12, 25),))
    plain = FollowUp(business_days=True)
    assert [i.due for i in due([maya], "nudge", settings=plain)] == [dt.date(2026, 12, 25)]
    assert [i.due for i in due([maya], "nudge", settings=christmas)] == [dt.date(2026, 12, 28)]


def test_calendar_rules_stay_calendar() -> None:
    """stay-in-touch, prepare and follow-up keep their calendar days with business days on."""
    notes = [
        contact("Jane Doe", status="met", replied=dt.date(2026, 8, 29)),
        contact("Sam Lee", follow_up=dt.date(2026, 11, 28)),  # a Saturday, as written
        contact("Ada Byron"),
        interview("Ada Byron", dt.date(2026, 11, 30), status="planned", questions=1),
    ]
    on, off = FollowUp(business_days=True), FollowUp()
    kinds = ("stay-in-touch", "prepare", "follow-up")
    for kind in kinds:
        assert due(notes, kind, settings=on) == due(notes, kind, settings=off)
    assert [i.due for i in due(notes, "follow-up", settings=on)] == [dt.date(2026, 11, 28)]


when_offsets = st.integers(min_value=-60, max_value=30)
settings_strategy = st.builds(
    FollowUp,
    thank_you_after=st.integers(0, 30),
    nudge_after=st.integers(0, 30),
    let_go_after=st.integers(0, 30),
    action_after=st.integers(0, 30),
    business_days=st.just(True),
    holidays=st.lists(st.dates(dt.date(2026, 8, 1), dt.date(2027, 3, 31)), max_size=10).map(
        lambda found: tuple(sorted(set(found)))
    ),
)


@given(when_offsets, when_offsets, st.booleans(), settings_strategy)
def test_no_waiting_rule_is_ever_due_on_a_day_off(
    outreach: int, met: int, nudged: bool, settings: FollowUp
) -> None:
    """Every thank-you, nudge, let-go and undated action item is due on a working day."""
    sent = TODAY + dt.timedelta(days=outreach)
    notes = [
        contact("Maya Chen", outreach_sent=sent, nudge_sent=sent if nudged else None),
        contact("Jane Doe"),
        interview(
            "Jane Doe", TODAY + dt.timedelta(days=met), status="done", tasks=["- [ ] Send it"]
        ),
    ]
    items = [i for kind in BUSINESS_KINDS for i in due(notes, kind, settings=settings)]
    assert items
    holidays = set(settings.holidays)
    for item in items:
        assert item.due.weekday() < 5, item
        assert item.due not in holidays, item


@given(when_offsets, when_offsets, st.booleans(), settings_strategy)
def test_with_the_setting_off_the_rules_give_calendar_dates(
    outreach: int, met: int, nudged: bool, settings: FollowUp
) -> None:
    """business_days = false: every due date is the written date plus the offset in days."""
    off = FollowUp(
        thank_you_after=settings.thank_you_after,
        nudge_after=settings.nudge_after,
        let_go_after=settings.let_go_after,
        action_after=settings.action_after,
        holidays=settings.holidays,
    )
    sent = TODAY + dt.timedelta(days=outreach)
    day = TODAY + dt.timedelta(days=met)
    notes = [
        contact("Maya Chen", outreach_sent=sent, nudge_sent=sent if nudged else None),
        contact("Jane Doe"),
        interview("Jane Doe", day, status="done", tasks=["- [ ] Send it"]),
    ]
    expected = {
        "thank-you": day + dt.timedelta(days=off.thank_you_after),
        "nudge": sent + dt.timedelta(days=off.nudge_after),
        "let-go": sent + dt.timedelta(days=off.let_go_after),
        "action": day + dt.timedelta(days=off.action_after),
    }
    for kind in BUSINESS_KINDS:
        found = [i.due for i in due(notes, kind, settings=off)]
        wanted = (
            []
            if (kind == "nudge" and nudged) or (kind == "let-go" and not nudged)
            else [expected[kind]]
        )
        assert found == wanted, kind
