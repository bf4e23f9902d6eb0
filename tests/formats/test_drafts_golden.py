"""Every default message template rendered on the example vault, pinned in tests/golden/drafts/.

To change them on purpose, see docs/testing.md; then read the diff before committing it:
the texts are what users send.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from helpers import EXAMPLE_TODAY, check_golden, copy_example, run

KINDS = ("outreach", "nudge", "thank-you", "update", "advice")

# Each kind for the person the example vault's report says it is due for, and every kind
# for Zoë Kowalski (a name with an accent).
CASES = [
    ("outreach", "Samuel Adeyemi"),  # prospect, referred by Hannah Schultz
    ("outreach", "Chloé Dubois"),  # prospect, referred by Sofia Rossi
    ("nudge", "Tomás Herrera"),  # outreach 2026-11-10, no reply
    ("thank-you", "Daniel Okafor"),  # done 2026-11-19, an open action item
    ("thank-you", "Hannah Schultz"),  # done 2026-11-21
    ("update", "José Martínez"),  # cadence 30, last call 2026-09-23
    ("advice", "Sofia Rossi"),  # her team is hiring a junior researcher
    *[(kind, "Zoë Kowalski") for kind in KINDS],
]
IDS = [f"{kind}-{name}" for kind, name in CASES]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of example-vault for the module (the tests only read it)."""
    return copy_example(tmp_path_factory.mktemp("drafts"))


def golden_name(kind: str, name: str) -> str:
    """drafts/<kind>-<name>.txt under tests/golden/, the name without accents."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return f"drafts/{kind}-{plain.lower().replace(' ', '-')}.txt"


def draft(vault: Path, kind: str, name: str) -> str:
    """`vault draft KIND NAME` on 2026-11-22; stdout."""
    result = run("draft", kind, name, "--today", EXAMPLE_TODAY, "--vault", vault)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(("kind", "name"), CASES, ids=IDS)
def test_default_draft_matches_golden(example: Path, kind: str, name: str) -> None:
    """The default template's draft for this person is the pinned text, byte for byte."""
    check_golden(golden_name(kind, name), draft(example, kind, name))


@pytest.mark.parametrize(("kind", "name"), CASES, ids=IDS)
def test_default_draft_is_under_150_words(example: Path, kind: str, name: str) -> None:
    """Every default draft, subject and signature included, is under 150 words."""
    assert len(draft(example, kind, name).split()) < 150


def test_every_kind_has_a_golden_file() -> None:
    """Each kind of draft is pinned at least once."""
    assert {kind for kind, _ in CASES} == set(KINDS)


@pytest.mark.parametrize(("kind", "name"), CASES, ids=IDS)
def test_draft_is_a_message(example: Path, kind: str, name: str) -> None:
    """A subject line, a blank line, a greeting by first name, and the signature last."""
    lines = draft(example, kind, name).splitlines()
    first = name.split()[0]
    assert lines[0].startswith("Subject: ") and len(lines[0]) > len("Subject: ")
    assert lines[1] == ""
    assert lines[2] == f"Hi {first},"
    assert lines[-2:] == ["Alex Rivera", "alex.rivera@example.com"]
    assert "[[" not in "\n".join(lines)


def test_outreach_says_how_and_asks_for_information(example: Path) -> None:
    """Outreach names the referrer, wants information not a job, and 20-30 minutes."""
    text = draft(example, "outreach", "Samuel Adeyemi")
    assert "Hannah Schultz suggested" in text
    assert "not asking about jobs" in text
    assert "20 to 30 minutes" in text and "suits you" in text


def test_outreach_without_referrer_says_where_you_found_them(example: Path) -> None:
    """With no referrer, the outreach says how their name was found (their `source`)."""
    assert "I saw you speak at a conference" in draft(example, "outreach", "Zoë Kowalski")


def test_thank_you_names_the_first_insight_and_the_promise(example: Path) -> None:
    """The thank-you quotes the first ## Insights item and lists the open action item."""
    text = draft(example, "thank-you", "Daniel Okafor")
    assert "Research ops is a way in: start by running the participant panel." in text
    assert "- Read the ResearchOps Community's eight pillars" in text
    assert "Send Daniel the link" not in text  # done already
    assert "Thursday, 19 November" in text


def test_advice_never_asks_for_a_referral(example: Path) -> None:
    """The advice draft asks how to stand out, and never for a referral or to be put forward."""
    text = draft(example, "advice", "Sofia Rossi").lower()
    assert "stand out" in text
    for word in ("refer", "recommend me", "put in a word", "put me forward"):
        assert word not in text


def test_nudge_is_short_and_mentions_the_outreach_date(example: Path) -> None:
    """The nudge recalls the date of the outreach and stays short."""
    text = draft(example, "nudge", "Tomás Herrera")
    assert "Tuesday, 10 November" in text
    assert len(text.split()) < 100
