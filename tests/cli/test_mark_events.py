"""`vault mark`: the rest of the workflow's events, the status line moving on with the facts,
and the refusals that keep what is recorded sane."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import make_vault, run

JANE = """\
---
type: contact
name: Jane Doe
status: prospect
outreach_sent:
replied:
---
# Jane Doe

## Log

- 2026-10-01 met at the alumni evening
"""
CONTACT = "contacts/Jane Doe.md"
TODAY = dt.date.today()


def ahead(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def interview(when: str, status: str = "") -> str:
    line = f"status: {status}\n" if status else ""
    return f'---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: {when}\n{line}---\n'


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make_vault(tmp_path / "v", {CONTACT: JANE})


def read(vault: Path, path: str = CONTACT) -> str:
    return (vault / path).read_text(encoding="utf-8")


def files(vault: Path) -> dict[str, bytes]:
    return {
        p.relative_to(vault).as_posix(): p.read_bytes()
        for p in sorted(vault.rglob("*.md"))
        if ".vaultkit" not in p.parts
    }


def mark(vault: Path, *args: str):
    return run("mark", "Jane Doe", *args, "--vault", vault)


# -- events and the status line --------------------------------------------------------------


def test_outreach_moves_a_prospect_to_contacted(vault: Path):
    """Two lines, each its own fact: the date, then the status it leads to."""
    result = mark(vault, "outreach", "--date", "2026-11-01")
    assert result.stdout.splitlines() == [
        f"{CONTACT}: outreach_sent: 2026-11-01",
        f"{CONTACT}: status: contacted",
    ]
    assert read(vault) == JANE.replace("prospect", "contacted").replace(
        "outreach_sent:\n", "outreach_sent: 2026-11-01\n"
    )


def test_a_status_line_ahead_of_the_dates_stays(vault: Path):
    """met written by hand is not moved back by a later outreach mark."""
    (vault / CONTACT).write_text(JANE.replace("prospect", "met"), encoding="utf-8")
    mark(vault, "outreach", "--date", "2026-11-01")
    assert "status: met\n" in read(vault)


def test_no_status_line_is_added(tmp_path: Path):
    """A note that has no status says nothing about it; mark does not start to."""
    raw = "---\ntype: contact\nname: Jane Doe\n---\n"
    vault = make_vault(tmp_path / "v", {CONTACT: raw})
    mark(vault, "outreach", "--date", "2026-11-01")
    assert read(vault) == raw.replace("---\n", "---\n", 1).replace(
        "Jane Doe\n", "Jane Doe\noutreach_sent: 2026-11-01\n"
    )


@pytest.mark.parametrize(
    ("event", "words"),
    [("update", "sent an update on my progress"), ("advice", "asked for advice")],
)
def test_update_and_advice_are_log_lines(vault: Path, event: str, words: str):
    """One dated line under ## Log; the cadence starts again from it."""
    result = mark(vault, event, "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert read(vault) == JANE + f"- 2026-11-20 {words}\n"
    again = mark(vault, event, "--date", "2026-11-20")
    assert again.stdout == f"{CONTACT} already has that line; nothing to do\n"


@pytest.mark.parametrize(("event", "status"), [("pause", "paused"), ("decline", "declined")])
def test_pause_and_decline_set_the_status(vault: Path, event: str, status: str):
    """The status line says the user's decision; nothing else changes."""
    assert mark(vault, event).stdout == f"{CONTACT}: status: {status}\n"
    assert read(vault) == JANE.replace("status: prospect", f"status: {status}")
    assert mark(vault, event).stdout == f"{CONTACT} already has status: {status}; nothing to do\n"


def test_pause_silences_the_let_go(vault: Path):
    """The let-go item's next step resolves it: nothing more is due for Jane."""
    mark(vault, "outreach", "--date", "2026-10-01")
    run("mark", "Jane Doe", "nudge", "--date", "2026-10-08", "--vault", vault)
    report = run("report", "--today", "2026-11-22", "--vault", vault).stdout
    assert 'next: vault mark "Jane Doe" pause' in report
    mark(vault, "pause")
    assert run("report", "--today", "2026-11-22", "--vault", vault).stdout.startswith("Nothing due")


def test_pause_takes_no_date(vault: Path):
    """--date means nothing for a decision: a usage error, nothing written."""
    result = mark(vault, "pause", "--date", "2026-11-01")
    assert result.exit_code == 2
    assert "--date does not go with pause" in result.stderr
    assert read(vault) == JANE


def test_cancel_calls_off_the_next_planned_interview(vault: Path):
    """status: cancelled on the interview; a scheduled line goes back with it."""
    (vault / CONTACT).write_text(JANE.replace("prospect", "scheduled"), encoding="utf-8")
    path = f"interviews/{ahead(5)} Jane Doe.md"
    (vault / path).write_text(interview(ahead(5)), encoding="utf-8")
    result = mark(vault, "cancel")
    assert result.stdout.splitlines() == [
        f"{path}: status: cancelled",
        f"{CONTACT}: status: prospect",
    ]
    assert read(vault, path) == interview(ahead(5), "cancelled")
    assert read(vault) == JANE


def test_cancel_with_nothing_planned(vault: Path):
    """Nothing to call off: exit 1, one line."""
    result = mark(vault, "cancel")
    assert result.exit_code == 1
    assert "has no planned interview to cancel" in result.stderr


# -- what is recorded stays sane --------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ((), ("outreach", "--date", ahead(1)), "is in the future"),
        ((), ("update", "--date", ahead(3)), "is in the future"),
        (
            ("outreach", "--date", "2026-11-10"),
            ("reply", "--date", "2026-11-09"),
            "before the outreach",
        ),
        (
            ("outreach", "--date", "2026-11-10"),
            ("nudge", "--date", "2026-11-01"),
            "before the outreach",
        ),
        (
            ("reply", "--date", "2026-11-10"),
            ("outreach", "--date", "2026-11-12"),
            "after the reply",
        ),
    ],
)
def test_refused_unless_forced(vault: Path, setup, args, message):
    """A future date, or dates out of order: exit 1, one line, nothing written; --force records."""
    if setup:
        assert mark(vault, *setup).exit_code == 0
    before = files(vault)
    result = mark(vault, *args)
    assert result.exit_code == 1
    assert message in result.stderr and "--force" in result.stderr
    assert result.stderr.count("\n") == 1
    assert files(vault) == before
    assert mark(vault, *args, "--force").exit_code == 0


def test_tomorrows_outreach_is_a_plan(vault: Path):
    """The refusal says how to plan it instead."""
    result = mark(vault, "outreach", "--date", "tomorrow")
    assert f'`vault plan "Jane Doe" {ahead(1)}`' in result.stderr


def test_no_thank_you_before_the_conversation(vault: Path):
    """A thank-you dated before a conversation marked done is refused, nothing written."""
    path = "interviews/call.md"
    (vault / path).write_text(interview("2026-11-20", "done"), encoding="utf-8")
    before = files(vault)
    result = mark(vault, "thank-you", "--date", "2026-11-19")
    assert result.exit_code == 1
    assert "a thank-you comes after the conversation" in result.stderr
    assert files(vault) == before


def test_no_thank_you_for_a_call_later_today(vault: Path):
    """Later today with a time is not held yet: today's thank-you is refused."""
    now = dt.datetime.now()
    if now.time() >= dt.time(23, 58):
        pytest.skip("too close to midnight for a call later today")
    path = f"interviews/{TODAY.isoformat()} Jane Doe.md"
    (vault / path).write_text(interview(f"{TODAY.isoformat()}T23:59"), encoding="utf-8")
    before = files(vault)
    result = mark(vault, "thank-you")
    assert result.exit_code == 1
    assert "has not happened yet" in result.stderr
    assert files(vault) == before


def test_thank_you_goes_on_the_call_not_yet_thanked(vault: Path):
    """Two calls held: the latest that has no thank-you gets it."""
    (vault / "interviews/a.md").write_text(interview("2026-11-01"), encoding="utf-8")
    thanked = interview("2026-11-10").replace(
        "date: 2026-11-10\n", "date: 2026-11-10\nthank_you_sent: 2026-11-11\n"
    )
    (vault / "interviews/b.md").write_text(thanked, encoding="utf-8")
    result = mark(vault, "thank-you", "--date", "2026-11-12")
    assert result.stdout.splitlines() == [
        "interviews/a.md: thank_you_sent: 2026-11-12",
        f"{CONTACT}: status: met",
    ]
    assert read(vault, "interviews/b.md") == thanked
