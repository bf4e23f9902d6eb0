"""The example vault's report on 2026-11-22, pinned byte for byte in tests/golden/.

To change them on purpose, see docs/testing.md; then read the diff before committing it:
test_example_report_by_hand says what each line must be.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from helpers import EXAMPLE_TODAY, check_golden, copy_example, run

# Checked by hand against the README's rules and the notes of example-vault/.
BY_HAND = [
    # met, last in touch 2026-07-15 (second call), cadence 90
    ("overdue", "stay-in-touch", "Zoë Kowalski", "2026-10-13", "contacts/Zoë Kowalski.md"),
    # nudged 2026-10-28, no reply: let go 14 days later
    ("overdue", "let-go", "Aisha Rahman", "2026-11-11", "contacts/Aisha Rahman.md"),
    # Maya's 2026-11-12 referral, no contact note
    (
        "overdue",
        "missing-contact",
        "Priya Natarajan",
        "2026-11-12",
        "interviews/2026-11-12 Maya Chen.md",
    ),
    # outreach 2026-11-10, no reply, no nudge
    ("overdue", "nudge", "Tomás Herrera", "2026-11-17", "contacts/Tomás Herrera.md"),
    # task with its own date 📅 2026-11-18
    ("overdue", "action", "Sofia Rossi", "2026-11-18", "interviews/2026-11-05 Sofia Rossi.md"),
    # undated task, interview 2026-11-12 + 7
    ("overdue", "action", "Maya Chen", "2026-11-19", "interviews/2026-11-12 Maya Chen.md"),
    ("overdue", "follow-up", "Sofia Rossi", "2026-11-20", "contacts/Sofia Rossi.md"),
    # done 2026-11-19T09:00, no thank_you_sent
    (
        "overdue",
        "thank-you",
        "Daniel Okafor",
        "2026-11-20",
        "interviews/2026-11-19 Daniel Okafor.md",
    ),
    # planned 2026-11-24 with one question: due three days before
    (
        "overdue",
        "prepare",
        "Rachel Goldberg",
        "2026-11-21",
        "interviews/2026-11-24 Rachel Goldberg.md",
    ),
    ("today", "follow-up", "Leila Haddad", "2026-11-22", "contacts/Leila Haddad.md"),
    (
        "today",
        "thank-you",
        "Hannah Schultz",
        "2026-11-22",
        "interviews/2026-11-21 Hannah Schultz.md",
    ),
    (
        "upcoming",
        "action",
        "Daniel Okafor",
        "2026-11-26",
        "interviews/2026-11-19 Daniel Okafor.md",
    ),
    ("upcoming", "nudge", "Noah Fischer", "2026-11-26", "contacts/Noah Fischer.md"),
    (
        "upcoming",
        "action",
        "Hannah Schultz",
        "2026-11-28",
        "interviews/2026-11-21 Hannah Schultz.md",
    ),
]
# Not due, on purpose: Marcus (declined) and Olivia (paused, follow_up 2026-11-01) get
# nothing; Ingrid's let-go falls on 2026-12-02 and Maya's 📅 2026-11-30 task on day 8, both
# past the 7-day window; José's monthly cadence counts from his 2026-11-01 Log line
# (due 2026-12-01); Kenji's and Lucas's planned calls are far off or have four questions;
# Rachel's cancelled 2026-11-10 call wants no thank-you.


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the example vault for this module."""
    return copy_example(tmp_path_factory.mktemp("golden"))


def test_example_report_json_is_pinned(example):
    """`vault report --json --today 2026-11-22` on the example vault matches the golden file."""
    result = run("report", "--vault", example, "--today", EXAMPLE_TODAY, "--json")
    assert result.exit_code == 0, result.output
    check_golden("example-report.json", result.stdout)


def test_example_report_text_is_pinned(example, monkeypatch):
    """The plain-text report from the repository's root, as the Quick start runs it, no colour.

    Its suggested commands carry the same --vault, so each works as printed.
    """
    monkeypatch.chdir(example.parent)
    result = run("report", "--vault", "example-vault", "--today", EXAMPLE_TODAY)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    check_golden("example-report.txt", result.stdout)


def test_example_report_by_hand(example):
    """Every item of the report is the one the README's rules give for the example vault."""
    result = run("report", "--vault", example, "--today", EXAMPLE_TODAY, "--json")
    items = json.loads(result.stdout)["items"]
    got = [(i["bucket"], i["kind"], i["person"], i["due"], i["path"]) for i in items]
    assert got == BY_HAND


def test_every_suggested_command_runs_as_printed(tmp_path, monkeypatch):
    """Each `next:` command of the report works when pasted, from where the report ran."""
    vault = copy_example(tmp_path)
    monkeypatch.chdir(vault.parent)
    text = run("report", "--vault", "example-vault", "--today", EXAMPLE_TODAY).stdout
    steps = [line.split("next: ", 1)[1] for line in text.splitlines() if "next: " in line]
    commands = [c for step in steps for c in step.split(", then ") if c.startswith("vault ")]
    assert len(commands) >= 8
    for command in dict.fromkeys(commands):
        result = run(*shlex.split(command)[1:])
        assert result.exit_code == 0, f"{command}: {result.output}"
