"""A person whose note cannot be read has a note: the report and check never send the user
to `vault new contact`, which would only refuse."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import contact_text, interview_text, run, write

BROKEN = "---\ntype: contact\nname: Maya Chen\nrole: Head: of research\n---\n# Maya Chen\n"


def _vault(vault: Path) -> Path:
    """Maya's note is broken; Jane was referred by her, and Maya has an interview."""
    write(vault, "contacts/Maya Chen.md", BROKEN)
    write(vault, "contacts/Jane Doe.md", contact_text("Jane Doe", referred_by="[[Maya Chen]]"))
    write(
        vault, "interviews/2026-11-12 Maya Chen.md", interview_text("Maya Chen", date="2026-11-12")
    )
    return vault


def test_the_report_names_the_broken_note_not_a_missing_contact(vault: Path) -> None:
    """No missing-contact item for Maya; the broken note is counted at the report's end."""
    root = _vault(vault)
    report = json.loads(run("report", "--today", "2026-11-22", "--json", "--vault", root).stdout)
    assert [i for i in report["items"] if i["kind"] == "missing-contact"] == []
    text = run("report", "--today", "2026-11-22", "--vault", root).stdout
    assert "1 note could not be read" in text and "vault new contact" not in text


def test_check_says_the_linked_note_cannot_be_read(vault: Path) -> None:
    """Each link to Maya says her note cannot be read, beside that note's own problem."""
    result = run("check", "--vault", _vault(vault))
    assert result.exit_code == 1
    assert "vault new contact" not in result.stdout
    referred = "contacts/Jane Doe.md:"
    assert any(
        line.startswith(referred)
        and "[[Maya Chen]] is contacts/Maya Chen.md, which cannot be read" in line
        for line in result.stdout.splitlines()
    )
    assert "interviews/2026-11-12 Maya Chen.md:" in result.stdout
