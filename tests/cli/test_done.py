"""`vault done FILE:LINE`: tick the one task the report points at."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_vault, run

INTERVIEW = """\
---
type: interview
contact: "[[Jane Doe]]"
date: 2026-11-10
status: done
---
## Action items

- [ ] Send the deck 📅 2026-11-20
- [/] Draft the case study
- [x] Add Sam to the vault
- [-] Call the recruiter
Not a task
"""
PATH = "interviews/2026-11-10 Jane Doe.md"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make_vault(
        tmp_path / "v",
        {"contacts/Jane Doe.md": "---\ntype: contact\nname: Jane Doe\n---\n", PATH: INTERVIEW},
    )


def text(vault: Path) -> str:
    return (vault / PATH).read_text(encoding="utf-8")


@pytest.mark.parametrize(("line", "before"), [(9, "- [ ] Send"), (10, "- [/] Draft")])
def test_done_ticks_that_box_only(vault: Path, line: int, before: str):
    """The box on that line becomes [x]; every other byte stays."""
    result = run("done", f"{PATH}:{line}", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert text(vault) == INTERVIEW.replace(before, "- [x]" + before[5:])
    assert result.stdout.startswith(f"{PATH}: - [x] ")


def test_the_report_item_is_gone(vault: Path):
    """The action item the report printed is resolved by its own next step."""
    report = run("report", "--today", "2026-11-22", "--vault", vault).stdout
    assert f'next: vault done "{PATH}:9"' in report
    run("done", f"{PATH}:9", "--vault", vault)
    assert "Send the deck" not in run("report", "--today", "2026-11-22", "--vault", vault).stdout


def test_a_done_task_is_nothing_to_do(vault: Path):
    """Ticking a ticked box writes nothing."""
    result = run("done", f"{PATH}:11", "--vault", vault)
    assert (result.exit_code, result.stdout) == (
        0,
        f"{PATH}:11 is already done: Add Sam to the vault; nothing to do\n",
    )
    assert text(vault) == INTERVIEW


@pytest.mark.parametrize(
    ("where", "code", "message"),
    [
        (f"{PATH}:12", 1, "is not a task"),  # cancelled: no task
        (f"{PATH}:13", 1, "is not a task"),
        (f"{PATH}:3", 1, "is not a task"),
        ("interviews/nope.md:9", 1, "is not a contact or interview note of this vault"),
        (PATH, 2, "is not FILE:LINE"),
        ("9", 2, "is not FILE:LINE"),
    ],
)
def test_what_is_not_an_open_task_is_refused(vault: Path, where: str, code: int, message: str):
    """A line that holds no open task, or no FILE:LINE at all: one line, nothing written."""
    result = run("done", where, "--vault", vault)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert text(vault) == INTERVIEW
