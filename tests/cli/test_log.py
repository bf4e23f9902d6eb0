"""`vault log NAME TEXT`: one dated line under ## Log, nothing else; bad input writes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import contact_text, make_vault, run

JANE = contact_text("Jane Doe", status="met", log=[(dt.date(2026, 11, 1), "coffee")])


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make_vault(tmp_path / "v", {"contacts/Jane Doe.md": JANE})


def note(vault: Path) -> str:
    return (vault / "contacts" / "Jane Doe.md").read_text(encoding="utf-8")


def test_log_adds_one_dated_line(vault: Path):
    """The line goes after the last entry; the output names the file and the line."""
    result = run(
        "log", "jane doe", "call about the survey", "--date", "2026-11-20", "--vault", vault
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "contacts/Jane Doe.md: - 2026-11-20 call about the survey\n"
    assert note(vault) == JANE + "- 2026-11-20 call about the survey\n"


def test_log_defaults_to_today(vault: Path):
    """Without --date, today."""
    run("log", "Jane Doe", "lunch", "--vault", vault)
    assert note(vault).endswith(f"- {dt.date.today().isoformat()} lunch\n")


def test_the_same_line_again_is_nothing_to_do(vault: Path):
    """Logging what is already there writes nothing."""
    run("log", "Jane Doe", "lunch", "--date", "2026-11-20", "--vault", vault)
    before = note(vault)
    result = run("log", "Jane Doe", "Lunch", "--date", "2026-11-20", "--vault", vault)
    assert (result.exit_code, result.stdout) == (
        0,
        "that line is already in the log; nothing to do\n",
    )
    assert note(vault) == before


def test_the_log_line_restarts_the_cadence(vault: Path):
    """A logged conversation is being in touch: stay-in-touch counts from it."""
    run("log", "Jane Doe", "coffee again", "--date", "2026-11-20", "--vault", vault)
    result = run("report", "--today", "2027-02-18", "--json", "--vault", vault)
    assert '"due": "2027-02-18"' in result.stdout
    assert "last in touch 2026-11-20" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("Jane Doe", "two\nlines"), 2, "the log text must be one line"),
        (("Jane Doe", "   "), 2, "the log text is empty"),
        (("Jane Doe", "bell\x07"), 2, "control character"),
        (("Jane Doe", "lunch", "--date", "2026-02-30"), 2, "not a real date"),
        (("Jane Doe", "lunch", "--date", "tomorrow"), 1, "is in the future"),
        (("Jane Dough", "lunch"), 1, "did you mean 'Jane Doe'"),
        (("Jane Doe",), 2, "Missing argument"),
    ],
)
def test_bad_input_writes_nothing(vault: Path, args, code, message):
    """Each bad input: its exit code, a message naming what to do, the note unchanged."""
    before = note(vault)
    result = run("log", *args, "--vault", vault)
    assert result.exit_code == code
    assert message in result.stderr
    assert note(vault) == before
    if code == 1:
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("vault: ")


def test_a_future_date_with_force(vault: Path):
    """--force records a line dated ahead; it counts once its day comes."""
    ahead = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    result = run("log", "Jane Doe", "dinner", "--date", ahead, "--force", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert note(vault).endswith(f"- {ahead} dinner\n")


def test_a_note_without_a_log_gets_one(tmp_path: Path):
    """The section is made at the end of the note."""
    raw = "---\ntype: contact\nname: Ann Ho\n---\n# Ann Ho\n\nMet at the meetup.\n"
    vault = make_vault(tmp_path / "v", {"contacts/Ann Ho.md": raw})
    run("log", "Ann Ho", "coffee", "--date", "2026-11-20", "--vault", vault)
    text = (vault / "contacts" / "Ann Ho.md").read_text(encoding="utf-8")
    assert text == raw + "\n## Log\n\n- 2026-11-20 coffee\n"
