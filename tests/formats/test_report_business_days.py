"""The report and the dashboard tell distances in business days when vault.toml counts them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import (
    EXAMPLE_TODAY,
    GOLDEN,
    check_golden,
    contact,
    copy_example,
    interview,
    report_of,
    run,
)

from vaultkit.core.config import FollowUp
from vaultkit.core.dates import Workdays
from vaultkit.core.report import Report
from vaultkit.formats.report_text import render_report, when

FRIDAY = dt.date(2026, 11, 20)
BUSINESS = FollowUp(business_days=True, holidays=(dt.date(2026, 11, 26),))
BUSINESS_TOML = '\n[follow_up]\nbusiness_days = true\nholidays = ["2026-11-26"]\n'


def tagged(report: Report) -> dict[str, str]:
    """Each item's person and kind, to the `[kind, when]` tag the text report gives it."""
    text = render_report(report, Path("/v"), colour=False, links=False)
    found = {}
    for line in text.splitlines():
        if line.startswith("  ") and not line.startswith("      "):
            person = line.strip().split(":", 1)[0]
            kind, _, distance = line.rsplit("[", 1)[1].rstrip("]").partition(", ")
            found[f"{person} {kind}"] = distance
    return found


def notes() -> list:
    """An outreach a week ago, an interview on Wednesday, a follow-up on Saturday."""
    return [
        contact("Maya Chen", outreach_sent=dt.date(2026, 11, 9)),
        contact("Noah Fischer", outreach_sent=dt.date(2026, 11, 18)),
        contact("Sam Lee", follow_up=dt.date(2026, 11, 21)),
        contact("Jane Doe"),
        interview("Jane Doe", dt.date(2026, 11, 18), status="done"),
    ]


def test_distances_in_business_days() -> None:
    """Overdue and coming up count working days; a holiday in between is not counted."""
    found = tagged(report_of(notes(), today=FRIDAY, days=14, settings=BUSINESS))
    # Maya: outreach Mon 9th + 7 business days = Wed 18th; Thu 19th and Fri 20th since
    assert found["Maya Chen nudge"] == "2 business days overdue"
    # Jane: thank-you due Thu 19th
    assert found["Jane Doe thank-you"] == "1 business day overdue"
    # Noah: Wed 18th + 7 = Mon 30th (Thu 26th is a holiday): Mon, Tue, Wed, Fri, Mon
    assert found["Noah Fischer nudge"] == "in 5 business days (2026-11-30)"


def test_a_day_off_just_ahead_is_told_in_days() -> None:
    """A follow-up written for Saturday, seen on Friday: no working day between, so `in 1 day`."""
    found = tagged(report_of(notes(), today=FRIDAY, days=14, settings=BUSINESS))
    assert found["Sam Lee follow-up"] == "in 1 day (2026-11-21)"
    sunday = tagged(report_of(notes(), today=dt.date(2026, 11, 22), settings=BUSINESS))
    assert sunday["Sam Lee follow-up"] == "1 day overdue"
    assert sunday["Maya Chen nudge"] == "2 business days overdue"


def test_without_the_setting_the_words_are_days() -> None:
    """business_days off: the same notes read `N days`, as they always have."""
    found = tagged(report_of(notes(), today=FRIDAY, days=14))
    assert found["Maya Chen nudge"] == "4 days overdue"
    assert found["Noah Fischer nudge"] == "in 5 days (2026-11-25)"
    assert all("business" not in distance for distance in found.values())


@pytest.mark.parametrize(
    ("due", "today", "said"),
    [
        (dt.date(2026, 11, 23), dt.date(2026, 11, 20), "in 1 business day (2026-11-23)"),
        (dt.date(2026, 11, 20), dt.date(2026, 11, 23), "1 business day overdue"),
        (dt.date(2026, 11, 20), dt.date(2026, 11, 20), "today"),
        (dt.date(2026, 11, 21), dt.date(2026, 11, 21), "today"),
    ],
)
def test_when_in_words(due: dt.date, today: dt.date, said: str) -> None:
    """One business day is singular; a Friday to a Monday is one business day, not three days."""
    report = report_of([contact("Sam Lee", follow_up=due)], today=today, settings=BUSINESS)
    (item,) = report.items
    assert when(item, Workdays()) == said


def test_the_dashboard_says_business_days(tmp_path: Path) -> None:
    """The dashboard note words its distances as the report does."""
    vault = copy_example(tmp_path)
    toml = vault / "vault.toml"
    toml.write_text('dashboard = "Follow-ups.md"\n' + toml.read_text() + BUSINESS_TOML)
    result = run("report", "--vault", vault, "--today", "2026-11-24", "--write-dashboard")
    assert result.exit_code == 0, result.output
    dashboard = (vault / "Follow-ups.md").read_text(encoding="utf-8")
    assert "· in 4 business days (2026-12-01)" in dashboard
    assert "· 2 business days overdue" in dashboard


def test_example_report_in_business_days_is_pinned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example vault counting business days, on Tuesday 2026-11-24, matches its golden file.

    Noah's nudge moves from Thursday 26 (a holiday here) to Tuesday 1 December.
    """
    vault = copy_example(tmp_path)
    (vault / "vault.toml").write_text((vault / "vault.toml").read_text() + BUSINESS_TOML)
    monkeypatch.chdir(vault.parent)
    result = run("report", "--vault", "example-vault", "--today", "2026-11-24", "--days", "10")
    assert result.exit_code == 0, result.output
    assert "Noah Fischer: no reply to your outreach of 2026-11-19" in result.stdout
    assert "[nudge, in 4 business days (2026-12-01)]" in result.stdout
    check_golden("example-report-business-days.txt", result.stdout)


def test_the_golden_report_is_unchanged_with_the_setting_written_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`business_days = false` written out gives the pinned example report byte for byte."""
    vault = copy_example(tmp_path)
    toml = vault / "vault.toml"
    off = '\n[follow_up]\nbusiness_days = false\nholidays = ["2026-11-20"]\n'
    toml.write_text(toml.read_text() + off)
    monkeypatch.chdir(vault.parent)
    result = run("report", "--vault", "example-vault", "--today", EXAMPLE_TODAY)
    assert result.stdout == (GOLDEN / "example-report.txt").read_text(encoding="utf-8")


def test_turning_it_on_is_not_answered_from_the_kept_report(tmp_path: Path) -> None:
    """The cache keeps a day's answer; switching business_days or adding a holiday is a new
    question, answered afresh, and switching back gives the first answer again."""
    vault = copy_example(tmp_path)
    toml = vault / "vault.toml"
    plain = toml.read_text()
    ask = ("report", "--vault", vault, "--today", "2026-11-24", "--days", "10", "--json")
    before = run(*ask).stdout
    toml.write_text(plain + "\n[follow_up]\nbusiness_days = true\n")
    business = run(*ask).stdout
    toml.write_text(plain + BUSINESS_TOML)
    with_holiday = run(*ask).stdout
    toml.write_text(plain)
    assert len({before, business, with_holiday}) == 3
    assert run(*ask).stdout == before
