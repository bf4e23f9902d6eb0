"""Greetings in drafts, from `vault new contact` to `vault draft`: titles dropped, the
contact's own first_name first, and a warning when the tool cannot tell."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result
from helpers import run

TODAY = "2026-11-22"


def new_and_draft(vault: Path, name: str) -> Result:
    """`vault new contact NAME --email ...`, then `vault draft outreach NAME`."""
    made = run("new", "contact", name, "--email", "x@example.com", "--vault", vault)
    assert made.exit_code == 0, made.output
    return run("draft", "outreach", name, "--today", TODAY, "--vault", vault)


def test_new_contact_writes_an_empty_first_name_line(vault: Path) -> None:
    """The contact template writes `first_name:` under `name:`, so users see they can set it."""
    run("new", "contact", "Dr. Emily Carter", "--vault", vault)
    lines = (vault / "contacts" / "Dr. Emily Carter.md").read_text(encoding="utf-8").splitlines()
    assert lines[2:4] == ["name: Dr. Emily Carter", "first_name:"]


def test_a_titled_name_is_greeted_by_the_given_name(vault: Path) -> None:
    """`Dr. Emily Carter` is greeted `Hi Emily,`, with no warning about the greeting."""
    result = new_and_draft(vault, "Dr. Emily Carter")
    assert "\nHi Emily,\n" in result.stdout
    assert "greeting" not in result.stderr


def test_first_name_property_wins(vault: Path) -> None:
    """Set in the note, first_name is the greeting."""
    new_and_draft(vault, "Dr. Emily Carter")
    path = vault / "contacts" / "Dr. Emily Carter.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("first_name:\n", "first_name: Em\n"), "utf-8"
    )
    result = run("draft", "outreach", "Dr. Emily Carter", "--today", TODAY, "--vault", vault)
    assert "\nHi Em,\n" in result.stdout


def test_an_unsure_greeting_is_the_full_name_with_a_warning(vault: Path) -> None:
    """`AC/DC:` is greeted without its colon, with a warning to set first_name in the note."""
    result = new_and_draft(vault, "AC/DC:")
    assert result.exit_code == 0, result.output
    assert "\nHi AC/DC,\n" in result.stdout
    assert (
        "warning: contacts/AC DC-.md: greeting 'AC/DC:' by the full name, as it does not look "
        "like a name; set `first_name:` there to choose\n"
    ) in result.stderr
