"""`vault report` from the command line: --check, --kind, --days, --json, colour, broken notes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import (
    EXAMPLE_TODAY,
    check_golden,
    contact_text,
    copy_example,
    day,
    interview_text,
    make_vault,
    on_a_terminal,
    run,
)

KINDS = {
    "thank-you",
    "nudge",
    "let-go",
    "follow-up",
    "stay-in-touch",
    "action",
    "prepare",
    "missing-contact",
}
BUCKETS = ("overdue", "today", "upcoming")
ITEM_FIELDS = {"kind", "person", "due", "days_overdue", "bucket", "path", "reason"}
COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the example vault for this module (the tests only read it)."""
    return copy_example(tmp_path_factory.mktemp("report-cli"))


def report_json(vault: Path, *args: str) -> dict:
    """`vault report --json` parsed, after checking it exited 0."""
    result = run("report", "--vault", vault, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def keys(data: dict) -> list[tuple[str, str, str]]:
    """(kind, person, due) of each item."""
    return [(i["kind"], i["person"], i["due"]) for i in data["items"]]


# -- --check --------------------------------------------------------------------------------


def test_check_exits_1_when_something_is_overdue(example):
    """The example vault has overdue items on 2026-11-22: --check exits 1, still printing."""
    result = run("report", "--vault", example, "--today", EXAMPLE_TODAY, "--check")
    assert result.exit_code == 1
    assert result.stdout.startswith("Overdue (")


def test_check_exits_0_when_only_today_and_upcoming(tmp_path):
    """Items due today or coming up are not overdue: --check exits 0."""
    notes = {
        "contacts/Jane Doe.md": contact_text("Jane Doe", status="met", follow_up=day(0)),
        "contacts/Sam Lee.md": contact_text("Sam Lee", status="met", follow_up=day(3)),
    }
    vault = make_vault(tmp_path / "v", notes)
    result = run("report", "--vault", vault, "--today", EXAMPLE_TODAY, "--check")
    assert result.exit_code == 0, result.output
    assert "Due today (1)" in result.stdout and "Coming up (1)" in result.stdout


def test_check_exits_0_on_a_vault_with_nothing_due(tmp_path):
    """An empty vault: nothing due, exit 0, and a line that says so."""
    vault = make_vault(tmp_path / "v", {})
    result = run("report", "--vault", vault, "--today", EXAMPLE_TODAY, "--check")
    assert result.exit_code == 0
    assert result.stdout == f"Nothing due on {EXAMPLE_TODAY}.\n"


def test_check_with_json_exits_1_and_prints_json(example):
    """--check --json prints the JSON report and exits 1 when something is overdue."""
    result = run("report", "--vault", example, "--today", EXAMPLE_TODAY, "--check", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["items"]


def test_check_looks_only_at_the_kinds_asked_for(tmp_path):
    """--check with --kind ignores overdue items of other kinds."""
    notes = {
        "contacts/Jane Doe.md": contact_text("Jane Doe", outreach_sent=day(-30)),
        "contacts/Sam Lee.md": contact_text("Sam Lee", status="met", follow_up=day(2)),
    }
    vault = make_vault(tmp_path / "v", notes)
    base = ("report", "--vault", vault, "--today", EXAMPLE_TODAY, "--check")
    assert run(*base).exit_code == 1
    assert run(*base, "--kind", "follow-up").exit_code == 0


# -- --kind and --days ----------------------------------------------------------------------


def test_kind_filters(example):
    """--kind thank-you --kind nudge keeps exactly those items of the full report."""
    full = report_json(example, "--today", EXAMPLE_TODAY)
    some = report_json(example, "--today", EXAMPLE_TODAY, "--kind", "thank-you", "--kind", "nudge")
    expected = [i for i in full["items"] if i["kind"] in ("thank-you", "nudge")]
    assert some["items"] == expected
    assert {i["kind"] for i in some["items"]} == {"thank-you", "nudge"}


def test_unknown_kind_is_a_usage_error(example):
    """--kind with a word the report does not know exits 2 and names the choices."""
    result = run("report", "--vault", example, "--kind", "thankyou")
    assert result.exit_code == 2
    assert "thank-you" in result.output


@pytest.mark.parametrize(
    ("days", "added"),
    [
        ("0", []),
        ("7", []),
        (
            "14",
            [
                ("action", "Maya Chen", "2026-11-30"),  # 📅 2026-11-30
                ("stay-in-touch", "José Martínez", "2026-12-01"),  # Log 2026-11-01 + 30
                ("let-go", "Ingrid Solberg", "2026-12-02"),  # nudged 2026-11-18 + 14
            ],
        ),
    ],
)
def test_days_changes_the_window(example, days, added):
    """--days N: coming up means due within N days; overdue and today do not change."""
    week = report_json(example, "--today", EXAMPLE_TODAY)
    got = report_json(example, "--today", EXAMPLE_TODAY, "--days", days)
    near = [i for i in week["items"] if i["bucket"] != "upcoming"]
    assert [i for i in got["items"] if i["bucket"] != "upcoming"] == near
    upcoming = [i for i in got["items"] if i["bucket"] == "upcoming"]
    assert all(-int(days) <= i["days_overdue"] < 0 for i in upcoming)
    if days == "0":
        assert upcoming == []
    week_keys = set(keys(week))
    assert [k for k in keys(got) if k not in week_keys] == added


def test_default_window_comes_from_vault_toml(tmp_path):
    """upcoming_days in vault.toml sets the default window; --days overrides it."""
    notes = {"contacts/Jane Doe.md": contact_text("Jane Doe", status="met", follow_up=day(2))}
    toml = "[follow_up]\nupcoming_days = 1\n"
    vault = make_vault(tmp_path / "v", notes, toml=toml)
    assert report_json(vault, "--today", EXAMPLE_TODAY)["items"] == []
    assert len(report_json(vault, "--today", EXAMPLE_TODAY, "--days", "2")["items"]) == 1


@pytest.mark.parametrize("days", ["-1", "3651", "99999999999"])
def test_days_out_of_range_is_a_usage_error(example, days):
    """--days outside 0..3650 is refused with exit 2, no traceback."""
    assert run("report", "--vault", example, "--days", days).exit_code == 2


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31"])
def test_dates_at_the_ends_of_the_calendar(tmp_path, today):
    """Notes dated 9999-12-31 or 0001-01-01, reported on either day: items, not a crash."""
    edge = {"date": "9999-12-31", "thank_you_sent": None}
    notes = {
        "contacts/Ann Lee.md": contact_text(
            "Ann Lee", outreach_sent="9999-12-31", follow_up="0001-01-01", cadence=3650
        ),
        "contacts/Bo Chen.md": contact_text("Bo Chen", status="met", replied="0001-01-01"),
        "interviews/last Ann Lee.md": interview_text("Ann Lee", tasks=["- [ ] call"], **edge),
        "interviews/first Bo Chen.md": interview_text("Bo Chen", date="0001-01-01", questions=0),
    }
    vault = make_vault(tmp_path / "v", notes)
    items = report_json(vault, "--today", today, "--days", "3650")["items"]
    assert {i["kind"] for i in items} >= {"follow-up", "stay-in-touch"}
    assert run("report", "--vault", vault, "--today", today).exit_code in (0, 1)


def test_bad_today_is_a_usage_error(example):
    """An impossible --today date exits 2 with a one-line reason, no traceback."""
    result = run("report", "--vault", example, "--today", "2026-02-30")
    assert result.exit_code == 2
    assert "2026-02-30" in result.output


# -- the JSON format ------------------------------------------------------------------------


def test_json_fields_and_types_as_documented(example):
    """Exactly the README's fields, with its types, values and meanings."""
    data = report_json(example, "--today", EXAMPLE_TODAY, "--days", "30")
    assert set(data) == {"today", "items"}
    assert data["today"] == EXAMPLE_TODAY
    today = dt.date.fromisoformat(EXAMPLE_TODAY)
    assert data["items"]
    for item in data["items"]:
        assert set(item) == ITEM_FIELDS
        assert all(isinstance(item[k], str) for k in ITEM_FIELDS - {"days_overdue"})
        assert type(item["days_overdue"]) is int
        assert item["kind"] in KINDS
        assert item["bucket"] in BUCKETS
        due = dt.date.fromisoformat(item["due"])
        assert item["due"] == due.isoformat()
        assert item["days_overdue"] == (today - due).days
        sign = {"overdue": 1, "today": 0, "upcoming": -1}[item["bucket"]]
        assert (item["days_overdue"] > 0) - (item["days_overdue"] < 0) == sign
        assert not Path(item["path"]).is_absolute() and "\\" not in item["path"]
        assert (example / item["path"]).is_file()
        assert item["person"] and item["reason"]
    overdue = [i["days_overdue"] for i in data["items"]]
    assert overdue == sorted(overdue, reverse=True), "most overdue first"


def test_json_is_utf8_not_escaped(example):
    """Names with accents are written as they are, not as \\u escapes."""
    result = run("report", "--vault", example, "--today", EXAMPLE_TODAY, "--json")
    assert "Zoë Kowalski" in result.stdout and "\\u00eb" not in result.stdout


def test_json_of_an_empty_report(tmp_path):
    """Nothing due: an empty list of items."""
    vault = make_vault(tmp_path / "v", {})
    assert report_json(vault, "--today", EXAMPLE_TODAY) == {"today": EXAMPLE_TODAY, "items": []}


# -- the day itself -------------------------------------------------------------------------


def test_interview_later_today_with_and_without_a_pinned_day(tmp_path):
    """An interview tonight with no status: planned now, but done with --today pinned."""
    now = dt.datetime.now()
    if now.time() >= dt.time(23, 58):
        pytest.skip("too close to midnight for an interview later today")
    today = now.date()
    note = interview_text("Jane Doe", date=f"{today.isoformat()}T23:59", questions=1)
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe", status="scheduled"),
            f"interviews/{today.isoformat()} Jane Doe.md": note,
        },
    )
    live = {i["kind"] for i in report_json(vault)["items"]}
    assert "prepare" in live and "thank-you" not in live
    pinned = {i["kind"] for i in report_json(vault, "--today", today.isoformat())["items"]}
    assert "thank-you" in pinned and "prepare" not in pinned


def test_today_with_a_time_counts_for_interviews_that_day(tmp_path):
    """--today 2026-11-22T10:00: a 15:00 call that day is still planned; at 16:00 it is done."""
    note = interview_text("Jane Doe", date=f"{EXAMPLE_TODAY}T15:00", questions=1)
    vault = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe", status="scheduled"),
            f"interviews/{EXAMPLE_TODAY} Jane Doe.md": note,
        },
    )
    morning = {i["kind"] for i in report_json(vault, "--today", f"{EXAMPLE_TODAY}T10:00")["items"]}
    assert "prepare" in morning and "thank-you" not in morning
    evening = {i["kind"] for i in report_json(vault, "--today", f"{EXAMPLE_TODAY} 16:00")["items"]}
    assert "thank-you" in evening and "prepare" not in evening


# -- colour, terminals and pipes ------------------------------------------------------------


def _vault_command(vault: Path) -> list[str]:
    return [sys.executable, "-m", "vaultkit", "report", "--vault", str(vault)]


def _on_a_terminal(vault: Path, env: dict[str, str]) -> str:
    """The report as printed to a pseudo-terminal."""
    command = [*_vault_command(vault), "--today", EXAMPLE_TODAY]
    shown, code, errors = on_a_terminal(command, "stdout", env=env)
    assert code == 0, errors
    return shown.replace("\r\n", "\n")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "VAULT_DIR")}
    return {**env, **extra}


def test_colour_on_a_terminal(example):
    """On a terminal the report is coloured."""
    assert COLOUR.search(_on_a_terminal(example, _env()))


def test_no_color_on_a_terminal_gives_plain_text(example):
    """NO_COLOR=1 turns colour off, even on a terminal."""
    text = _on_a_terminal(example, _env(NO_COLOR="1"))
    assert not COLOUR.search(text)
    assert "Overdue (9)" in text


def test_piped_output_is_plain_text(example):
    """Piped, the report has no escape sequences at all and equals the golden text."""
    proc = subprocess.run(
        [*_vault_command(Path(example.name)), "--today", EXAMPLE_TODAY],
        capture_output=True,
        cwd=example.parent,
        env=_env(),
        timeout=60,
        check=True,
    )
    assert b"\x1b" not in proc.stdout
    check_golden("example-report.txt", proc.stdout)


# -- broken notes ---------------------------------------------------------------------------


def _vault_with_one_broken_note(root: Path) -> Path:
    return make_vault(
        root,
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe", outreach_sent=day(-10)),
            "contacts/Broken.md": "---\ntype: contact\nname: [Broken\n---\n# Broken\n",
            "interviews/2026-11-20 Jane Doe.md": interview_text("Jane Doe", date=day(-2)),
        },
    )


def test_broken_note_summarised_in_one_line_at_the_end(tmp_path):
    """Good notes are still reported; the broken one is counted once, last, with vault check."""
    vault = _vault_with_one_broken_note(tmp_path / "v")
    result = run("report", "--vault", vault, "--today", EXAMPLE_TODAY)
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip("\n").split("\n")
    assert "Jane Doe: send a thank-you" in result.stdout
    mentions = [line for line in lines if "could not be read" in line]
    assert mentions == [lines[-1]]
    assert re.match(r"1 notes? ", lines[-1]) and "vault check" in lines[-1]
    assert "Broken.md" not in result.stdout


def test_broken_note_does_not_stop_json_or_check(tmp_path):
    """With a broken note the JSON still lists every good item; --check only counts overdue."""
    vault = _vault_with_one_broken_note(tmp_path / "v")
    data = report_json(vault, "--today", EXAMPLE_TODAY)
    assert keys(data) == [("thank-you", "Jane Doe", "2026-11-21")]
    base = ("report", "--vault", vault, "--today", EXAMPLE_TODAY, "--check")
    assert run(*base).exit_code == 1
    quiet = run(*base, "--kind", "prepare")
    assert quiet.exit_code == 0
    assert "could not be read" in quiet.stdout


# -- determinism ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [(), ("--json",)])
def test_two_runs_give_identical_bytes(tmp_path, fmt):
    """Cold cache, warm cache and a cache rebuilt after `touch`: the same bytes every time."""
    vault = copy_example(tmp_path)
    args = ("report", "--vault", vault, "--today", EXAMPLE_TODAY, *fmt)
    first = run(*args).stdout_bytes
    second = run(*args).stdout_bytes
    for note in (vault / "contacts").iterdir():
        os.utime(note)
    third = run(*args).stdout_bytes
    assert first == second == third
