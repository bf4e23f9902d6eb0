"""`vault plan NAME DATE|clear [--note TEXT]`: the follow_up line and what it is for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import make_vault, run

JANE = """\
---
type: contact
name: Jane Doe
status: met   # since the alumni evening
follow_up:
---
# Jane Doe
"""


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make_vault(tmp_path / "v", {"contacts/Jane Doe.md": JANE})


def note(vault: Path) -> str:
    return (vault / "contacts" / "Jane Doe.md").read_text(encoding="utf-8")


def test_plan_sets_the_date_and_the_note(vault: Path):
    """follow_up fills its line; follow_up_note is one line added, quoted when it must be."""
    result = run(
        "plan", "Jane Doe", "2026-12-15", "--note", "ask: has the role opened?", "--vault", vault
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "contacts/Jane Doe.md: follow_up: 2026-12-15\n"
        'contacts/Jane Doe.md: follow_up_note: "ask: has the role opened?"\n'
    )
    assert note(vault) == JANE.replace(
        "follow_up:\n", 'follow_up: 2026-12-15\nfollow_up_note: "ask: has the role opened?"\n'
    )


def test_the_report_says_what_the_follow_up_is_for(vault: Path):
    """The note is the report item's reason; its next step clears the plan."""
    run("plan", "Jane Doe", "2026-12-15", "--note", "ask about the role", "--vault", vault)
    text = run("report", "--today", "2026-12-15", "--vault", vault).stdout
    assert "Jane Doe: ask about the role  [follow-up, today]" in text
    assert 'next: vault plan "Jane Doe" clear' in text


def test_moving_the_date_keeps_the_note(vault: Path):
    """A new date alone changes only the follow_up line."""
    run("plan", "Jane Doe", "2026-12-15", "--note", "ask about the role", "--vault", vault)
    before = note(vault)
    run("plan", "Jane Doe", "2027-01-10", "--vault", vault)
    assert note(vault) == before.replace("2026-12-15", "2027-01-10")


def test_clear_empties_both_and_keeps_the_lines(vault: Path):
    """clear leaves `follow_up:` and `follow_up_note:` empty, with no trailing space."""
    run("plan", "Jane Doe", "2026-12-15", "--note", "ask", "--vault", vault)
    result = run("plan", "jane doe", "clear", "--vault", vault)
    assert result.stdout == (
        "contacts/Jane Doe.md: follow_up:\ncontacts/Jane Doe.md: follow_up_note:\n"
    )
    assert note(vault) == JANE.replace("follow_up:\n", "follow_up:\nfollow_up_note:\n")
    assert (
        run("report", "--today", "2026-12-15", "--json", "--vault", vault).stdout.count("follow-up")
        == 0
    )
    again = run("plan", "Jane Doe", "clear", "--vault", vault)
    assert again.stdout == "contacts/Jane Doe.md already has no follow_up; nothing to do\n"


def test_a_comment_on_the_line_stays(vault: Path):
    """`status: met   # since...` is not touched; a comment after follow_up would stay too."""
    raw = JANE.replace("follow_up:\n", "follow_up: 2026-11-01  # after her launch\n")
    (vault / "contacts" / "Jane Doe.md").write_text(raw, encoding="utf-8")
    run("plan", "Jane Doe", "2026-12-01", "--vault", vault)
    assert note(vault) == raw.replace("2026-11-01", "2026-12-01")
    run("plan", "Jane Doe", "clear", "--vault", vault)
    assert note(vault) == raw.replace("follow_up: 2026-11-01 ", "follow_up:")


def test_a_past_date_warns(vault: Path):
    """A date already gone is written, with a warning that it is due now."""
    result = run("plan", "Jane Doe", "2020-01-01", "--vault", vault)
    assert result.exit_code == 0
    assert result.stderr == "warning: 2020-01-01 is in the past: the follow-up is due now\n"


def test_tomorrow(vault: Path):
    """DATE takes the words today and tomorrow."""
    run("plan", "Jane Doe", "tomorrow", "--vault", vault)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert f"follow_up: {tomorrow.isoformat()}\n" in note(vault)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("Jane Doe", "soon"), 2, "is not a date"),
        (("Jane Doe", "2026-13-01"), 2, "not a real date"),
        (("Jane Doe", "clear", "--note", "x"), 2, "--note goes with a date"),
        (("Jane Doe", "2026-12-01", "--note", "a\nb"), 2, "must be one line"),
        (("Nobody", "2026-12-01"), 1, "no contact named 'Nobody'"),
    ],
)
def test_bad_input_writes_nothing(vault: Path, args, code, message):
    """Each bad input: its exit code and a message; the note unchanged."""
    result = run("plan", *args, "--vault", vault)
    assert result.exit_code == code
    assert message in result.stderr
    assert note(vault) == JANE
