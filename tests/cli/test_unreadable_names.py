"""A person whose note cannot be read: every command that takes NAME names the file at fault."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import interview_text, run, snapshot, write

# A colon inside an unquoted value: the properties are not valid YAML.
BROKEN = "---\ntype: contact\nname: Maya Chen\nrole: Head: of research\n---\n# Maya Chen\n"

COMMANDS = [
    ("show", "maya chen"),
    ("questions", "maya chen"),
    ("draft", "thank-you", "maya chen"),
    ("draft", "outreach", "maya chen"),
    ("mark", "maya chen", "reply"),
    ("new", "interview", "maya chen"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:-1]) for a in COMMANDS])
def test_a_broken_note_is_named_not_called_missing(vault: Path, args: tuple[str, ...]) -> None:
    """The one line says the note cannot be read and points at vault check, never `vault new`."""
    write(vault, "contacts/Maya Chen.md", BROKEN)
    meeting = interview_text("Maya Chen", date="2026-11-12")
    write(vault, "interviews/2026-11-12 Maya Chen.md", meeting)
    before = snapshot(vault)
    result = run(*args, "--vault", vault)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "contacts/Maya Chen.md cannot be read" in result.stderr
    assert "vault check" in result.stderr
    assert "vault new contact" not in result.stderr
    assert snapshot(vault) == before
