"""What people read agrees with the rules: counts in the singular, undated tasks, the
dashboard's links and its time of day, and drafts that never thank for a call to come."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import contact_text, interview_text, link, make_vault, run

TOML = '[me]\nname = "Alex Rivera"\n'
DASHBOARD = 'dashboard = "Follow-ups.md"\n' + TOML


def test_one_broken_note_is_said_in_the_singular(tmp_path: Path):
    """`1 note could not be read and is left out`, not `1 notes`."""
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Bad.md": "---\ntype: contact\nname: [\n---\n",
            "contacts/Ok.md": contact_text("Ok"),
        },
    )
    text = run("report", "--vault", vault, "--today", "2026-11-22").stdout
    assert "1 note could not be read and is left out; run `vault check` for details." in text
    checked = run("check", "--vault", vault).stdout
    assert checked.splitlines()[-1].startswith("1 problem in 1 file (1 contact, 0 interviews")
    assert run("index", "--vault", vault).stdout.startswith(
        "1 contact, 0 interviews, 0 other notes; 1 broken (1 problem, see vault check)"
    )


def test_undated_tasks_have_their_own_group(tmp_path: Path):
    """A contact's task with no date is listed last, under `No due date`, with its step."""
    raw = contact_text("Ann Ho", status="met").replace(
        "## Log\n", "## Next\n\n- [ ] Send Ann the deck\n\n## Log\n"
    )
    vault = make_vault(tmp_path / "v", {"contacts/Ann Ho.md": raw})
    text = run("report", "--vault", vault, "--today", "2026-11-22").stdout
    assert text == (
        "No due date (1)\n"
        "  Ann Ho: Send Ann the deck  [action, no due date]\n"
        "      contacts/Ann Ho.md\n"
        f'      next: vault done "contacts/Ann Ho.md:12" --vault {vault}\n'
    )
    dashboard = make_vault(tmp_path / "d", {"contacts/Ann Ho.md": raw}, DASHBOARD)
    run("report", "--vault", dashboard, "--today", "2026-11-22", "--write-dashboard")
    written = (dashboard / "Follow-ups.md").read_text(encoding="utf-8")
    assert "## No due date (1)\n\n- **[[Ann Ho]]** — Send Ann the deck · no due date\n" in written


def test_the_dashboard_links_the_missing_person(tmp_path: Path):
    """`they referred Jane Doe`: the link goes to the person missing, the note to Jane's."""
    vault = make_vault(
        tmp_path / "v",
        {"contacts/Jane Doe.md": contact_text("Jane Doe", referred_by=link("Sam Lee"))},
        DASHBOARD,
    )
    run("report", "--vault", vault, "--today", "2026-11-22", "--write-dashboard")
    written = (vault / "Follow-ups.md").read_text(encoding="utf-8")
    assert (
        "- **[[Sam Lee]]** — they referred Jane Doe but there is no contact note: "
        'vault new contact "Sam Lee" · today · [[Jane Doe]]\n'
    ) in written


@pytest.fixture
def later_today(tmp_path: Path) -> Path:
    """Jane, with a call today at 23:59 and none before."""
    if dt.datetime.now().time() >= dt.time(23, 58):
        pytest.skip("too close to midnight for a call later today")
    today = dt.date.today().isoformat()
    return make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe", email="jane@example.com"),
            f"interviews/{today} Jane Doe.md": interview_text("Jane Doe", date=f"{today}T23:59"),
        },
        DASHBOARD,
    )


def test_a_call_later_today_is_planned_everywhere(later_today: Path):
    """report, ls, show, questions, the dashboard and draft agree: it has not happened."""
    vault = later_today
    report = run("report", "--vault", vault, "--json").stdout
    assert '"thank-you"' not in report
    assert '"status": "planned"' in run("ls", "interviews", "--json", "--vault", vault).stdout
    assert '"status": "scheduled"' in run("ls", "contacts", "--json", "--vault", vault).stdout
    assert "  status: scheduled" in run("show", "Jane Doe", "--vault", vault).stdout
    assert "(planned)" in run("questions", "Jane Doe", "--vault", vault).stdout
    run("report", "--vault", vault, "--write-dashboard")
    assert "thank-you" not in (vault / "Follow-ups.md").read_text(encoding="utf-8")
    drafted = run("draft", "thank-you", "Jane Doe", "--vault", vault)
    assert drafted.exit_code == 1
    assert drafted.stdout == ""
    assert "no thank-you for Jane Doe: you have no done interview with them" in drafted.stderr
    assert drafted.stderr.count("\n") == 1


def test_a_pinned_day_without_a_time_is_its_end(later_today: Path):
    """--today with only a day counts the whole day: the call is done, thanks are due."""
    today = dt.date.today().isoformat()
    report = run("report", "--vault", later_today, "--today", today, "--json").stdout
    assert '"thank-you"' in report
    drafted = run("draft", "thank-you", "Jane Doe", "--today", today, "--vault", later_today)
    assert drafted.exit_code == 0, drafted.output


def test_drafts_use_where_the_contact_stands(tmp_path: Path):
    """A template sees the one status: a prospect whose call is done is met."""
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe", status="prospect"),
            "interviews/call.md": interview_text("Jane Doe", date="2026-11-10"),
            "templates/status.md": "Subject: x\n\n{{ contact.status }}\n",
        },
    )
    result = run(
        "draft", "update", "Jane Doe", "--template", vault / "templates" / "status.md",
        "--today", "2026-11-22", "--vault", vault,
    )  # fmt: skip
    assert result.stdout == "Subject: x\n\nmet\n"
