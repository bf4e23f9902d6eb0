"""`vault prepare NAME|FILE`: questions from the bank for a conversation to come."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import contact_text, interview_text, make_vault, run

BANK = """\
## Path
- How did you get into this work?
- What would you do differently?

## Work
- What does a typical week look like?
- What is hardest about it?

## Advice
- Who else should I talk to?
"""


def soon(days: int = 5) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make_vault(
        tmp_path / "v",
        {
            "questions.md": BANK,
            "contacts/Jane Doe.md": contact_text("Jane Doe", status="scheduled"),
            "interviews/old.md": interview_text(
                "Jane Doe", date="2026-01-10", questions=["Who else should I talk to?"]
            ),
            "interviews/next.md": interview_text(
                "Jane Doe", date=soon(), status="planned", questions=["What is hardest about it?"]
            ),
        },
    )


def questions(vault: Path, name: str = "next.md") -> list[str]:
    text = (vault / "interviews" / name).read_text(encoding="utf-8")
    section = text.split("## Questions\n\n", 1)[1].split("\n\n", 1)[0]
    return [line[2:] for line in section.splitlines()]


def test_prepare_fills_up_to_three_not_asked_before(vault: Path):
    """Two questions added, after the one there, none asked of Jane already."""
    result = run("prepare", "Jane Doe", "--vault", vault)
    assert result.exit_code == 0, result.output
    found = questions(vault)
    assert len(found) == 3 and found[0] == "What is hardest about it?"
    assert "Who else should I talk to?" not in found
    assert result.stdout.splitlines() == [f"interviews/next.md: - {q}" for q in found[1:]]


def test_prepare_by_file_and_nothing_to_do_after(vault: Path):
    """FILE names the interview; a second run has enough and writes nothing."""
    assert run("prepare", "interviews/next.md", "--vault", vault).exit_code == 0
    before = questions(vault)
    again = run("prepare", "interviews/next.md", "--vault", vault)
    assert again.stdout == "interviews/next.md already has 3 questions; nothing to do\n"
    assert questions(vault) == before


def test_prepare_resolves_the_report_item(vault: Path):
    """The prepare item of the report is gone once its next step has run."""
    today = dt.date.today().isoformat()
    report = run("report", "--today", today, "--vault", vault).stdout
    assert 'next: vault prepare "interviews/next.md"' in report
    run("prepare", "interviews/next.md", "--vault", vault)
    after = run("report", "--today", today, "--json", "--vault", vault).stdout
    assert '"kind": "prepare"' not in after


def test_no_planned_interview(vault: Path):
    """Nobody to prepare for: exit 1, one line saying how to make one."""
    (vault / "interviews" / "next.md").unlink()
    result = run("prepare", "Jane Doe", "--vault", vault)
    assert result.exit_code == 1
    assert "has no planned interview to prepare" in result.stderr
    assert 'vault new interview "Jane Doe"' in result.stderr


def test_a_bank_that_ran_dry(vault: Path):
    """Every bank question asked: exit 1, the interview unchanged."""
    (vault / "questions.md").write_text(
        "## Advice\n- Who else should I talk to?\n", encoding="utf-8"
    )
    result = run("prepare", "Jane Doe", "--vault", vault)
    assert result.exit_code == 1
    assert "has no question left" in result.stderr
    assert questions(vault) == ["What is hardest about it?"]
