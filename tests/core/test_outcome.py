"""The `outcome` property of a contact: read as written, kept by the index, and split into
the words `vault stats` recognises."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import contact, contact_text, make_vault

from vaultkit.core.config import load_config
from vaultkit.core.model import Contact
from vaultkit.core.note import read_note
from vaultkit.core.stats import outcome_words
from vaultkit.store.index import refresh


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("offer", {"offer"}),
        ("Hired", {"hired"}),
        ("referral, advice", {"referral", "advice"}),
        ("a coffee and a book tip", {"a coffee and a book tip"}),
        (None, set()),
    ],
)
def test_outcome_is_kept_as_written_and_read_as_words(written: str | None, words: set[str]) -> None:
    """Free text stays as written; commas separate the words that count."""
    found = contact("Ann Lee", outcome=written)
    assert found.outcome == written
    assert outcome_words(found) == words


def test_a_list_of_outcomes_is_a_problem_on_its_line() -> None:
    """A YAML list is not one outcome: a problem names the line, the rest of the note is read."""
    text = contact_text("Ann Lee", outcome="[offer, referral]", company="Acme")
    parsed = read_note("contacts/Ann Lee.md", text.encode("utf-8"), strict_folder=True)
    assert isinstance(parsed.note, Contact) and parsed.note.company == "Acme"
    assert parsed.note.outcome is None
    assert [(p.line, p.message) for p in parsed.problems] == [
        (4, "outcome: expected a single value, not a list")
    ]


def test_the_index_keeps_the_outcome(tmp_path: Path) -> None:
    """Read back from the index, without reading the file again, the outcome is the same."""
    root = make_vault(
        tmp_path / "v", {"contacts/Ann Lee.md": contact_text("Ann Lee", outcome="offer")}
    )
    os.utime(root / "contacts" / "Ann Lee.md", (1_000_000_000, 1_000_000_000))  # not just now
    config = load_config(root)
    first, _ = refresh(config)
    again, stats = refresh(config)
    assert stats.unchanged == 1
    assert [c.outcome for c in first.contacts] == [c.outcome for c in again.contacts] == ["offer"]
