"""Dates as users and Obsidian write them, parsed leniently and reported precisely."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)


class DateError(ValueError):
    """A value that should be a date but is not one; its text is for the user."""


def parse_date_time(value: object) -> tuple[dt.date, dt.time | None] | None:
    """Read a property value as a date and an optional time of day.

    Accepts `2026-11-03`, `2026-11-03T10:00`, `2026-11-03 10:00:00` and the
    date and datetime objects YAML loaders produce. Empty values give None.
    Raises DateError naming the problem for anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date(), value.time().replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value, None
    return _parse_text(str(value).strip())


@functools.lru_cache(maxsize=4096)  # the same dates recur across thousands of notes
def _parse_text(text: str) -> tuple[dt.date, dt.time | None]:
    match = _DATE_TIME.match(text)
    if not match:
        raise DateError(f"{text!r} is not a date; write it as YYYY-MM-DD, like 2026-11-03")
    year, month, day, hour, minute, second = match.groups()
    try:
        day_value = dt.date(int(year), int(month), int(day))
    except ValueError as err:
        raise DateError(f"{text} is not a real date ({err})") from None
    if hour is None:
        return day_value, None
    try:
        time_value = dt.time(int(hour), int(minute), int(second or 0))
    except ValueError as err:
        raise DateError(f"{text} is not a real time of day ({err})") from None
    return day_value, time_value


def parse_date(value: object) -> dt.date | None:
    """Like parse_date_time, keeping only the day."""
    parsed = parse_date_time(value)
    return parsed[0] if parsed else None


def parse_cli_date(text: str) -> tuple[dt.date, dt.time | None]:
    """A date given on the command line: `today`, `yesterday`, `tomorrow` or ISO."""
    words = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if text.strip().lower() in words:
        return dt.date.today() + dt.timedelta(days=words[text.strip().lower()]), None
    parsed = parse_date_time(text)
    if parsed is None:
        raise DateError("an empty date; write it as YYYY-MM-DD")
    return parsed


def shift(day: dt.date, days: int, workdays: Workdays | None = None) -> dt.date:
    """`day` moved by `days`, held within the calendar (years 1 to 9999).

    With `workdays`, a forward move counts working days instead (see Workdays.after).
    """
    if workdays is not None and days >= 0:
        return workdays.after(day, days)
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


SATURDAY = 5  # date.weekday() of Saturday; Sunday is 6


@dataclass(frozen=True)
class Workdays:
    """Monday to Friday, less the holidays: the days business-day offsets count."""

    holidays: frozenset[dt.date] = frozenset()

    def is_workday(self, day: dt.date) -> bool:
        return day.weekday() < SATURDAY and day not in self.holidays

    def after(self, day: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `day`; with 0, `day` itself or the next working day.

        So the result is never a weekend or a holiday. Held within the calendar.
        """
        try:
            if days == 0:
                return self.after(day - dt.timedelta(days=1), 1) if day > dt.date.min else day
            start, result = day, _weekdays_after(day, days)
            missed = self._holidays_in(start, result)
            while missed:  # each holiday passed over pushes the answer one working day on
                start, result = result, _weekdays_after(result, missed)
                missed = self._holidays_in(start, result)
            return result
        except OverflowError:
            return dt.date.max

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`; negative when `end` is earlier."""
        if end < start:
            return -self.between(end, start)
        weekdays = _weekday_count(end) - _weekday_count(start)
        return weekdays - self._holidays_in(start, end)

    def _holidays_in(self, start: dt.date, end: dt.date) -> int:
        """Holidays on a weekday after `start`, up to and including `end`."""
        return sum(1 for h in self.holidays if start < h <= end and h.weekday() < SATURDAY)


def _weekday_count(day: dt.date) -> int:
    """Mondays to Fridays from 0001-01-01 (a Monday) up to and including `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    return 5 * weeks + min(rest, 5)


def _weekdays_after(day: dt.date, days: int) -> dt.date:
    """The `days`-th Monday-to-Friday after `day` (days >= 1); OverflowError past 9999."""
    if day.weekday() >= SATURDAY:  # from a weekend, count as from the Friday before it
        day -= dt.timedelta(days=day.weekday() - SATURDAY + 1)
    weeks, rest = divmod(days, 5)
    day += dt.timedelta(weeks=weeks)
    for _ in range(rest):
        day += dt.timedelta(days=3 if day.weekday() == SATURDAY - 1 else 1)
    return day


def format_date_time(day: dt.date, time: dt.time | None = None) -> str:
    """The form Obsidian writes: `2026-11-03` or `2026-11-03T10:00`."""
    if time is None:
        return day.isoformat()
    return f"{day.isoformat()}T{time.strftime('%H:%M')}"


def iso(day: dt.date | None) -> str | None:
    """A date as ISO text, as JSON output gives dates; None stays None."""
    return day.isoformat() if day else None
