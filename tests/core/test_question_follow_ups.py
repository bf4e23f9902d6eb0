"""Follow-up questions in the bank: picked only with the question they follow."""

from __future__ import annotations

from pathlib import Path

from helpers import run
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.model import Interview
from vaultkit.core.note import read_note
from vaultkit.core.questions import choose, default_bank_path, parse_bank, question_key

BANK = """\
## People

- Who else should I talk to?
  - May I mention your name when I reach out to them?
  - How do you know them?
- Which events are worth going to?

## Work

- What does a normal week look like?
- What surprised you?
    - Was that a good surprise?
"""
FOLLOW_UPS = {
    "May I mention your name when I reach out to them?": "Who else should I talk to?",
    "How do you know them?": "Who else should I talk to?",
    "Was that a good surprise?": "What surprised you?",
}
ALL = [q for t in parse_bank(BANK).topics for q in t.questions]


def test_an_indented_item_follows_the_question_above_it() -> None:
    """Nested items are follow-ups of the unindented question before them."""
    bank = parse_bank(BANK)
    people, work = bank.topics
    assert people.units() == [
        (
            "Who else should I talk to?",
            "May I mention your name when I reach out to them?",
            "How do you know them?",
        ),
        ("Which events are worth going to?",),
    ]
    assert work.parent("Was that a good surprise?") == "What surprised you?"
    assert work.parent("What surprised you?") is None
    assert bank.size == 7


@given(st.text(max_size=12), st.sets(st.sampled_from(ALL)))
def test_a_follow_up_is_never_picked_alone(seed: str, asked: set[str]) -> None:
    """A follow-up comes only after its question, and never once that question was asked."""
    chosen = choose(parse_bank(BANK), {question_key(q) for q in asked}, seed)
    for index, question in enumerate(chosen):
        parent = FOLLOW_UPS.get(question)
        if parent:
            assert parent in chosen[:index]
            assert parent not in asked
    assert not set(chosen) & asked


def test_the_default_bank_never_asks_to_mention_a_name_alone() -> None:
    """In the default bank, "May I mention your name..." comes only after "Who else..."."""
    bank = parse_bank(default_bank_path().read_text(encoding="utf-8"))
    mention = "May I mention your name when I reach out to them?"
    assert next(t for t in bank.topics if mention in t.questions).parent(mention) == (
        "Who else should I talk to about this work?"
    )
    for n in range(200):
        chosen = choose(bank, set(), f"Person {n}")
        if mention in chosen:
            assert chosen[chosen.index(mention) - 1] == "Who else should I talk to about this work?"


def test_new_interview_writes_the_follow_up_under_its_question(jane_vault: Path) -> None:
    """The new note has the follow-up indented under its question, and reads both back."""
    (jane_vault / "questions.md").write_text(
        "## People\n\n- Who else should I talk to?\n  - May I mention your name?\n",
        encoding="utf-8",
    )
    result = run("new", "interview", "Jane Doe", "--date", "2026-12-01", "--vault", jane_vault)
    assert result.exit_code == 0, result.output
    path = jane_vault / "interviews" / "2026-12-01 Jane Doe.md"
    text = path.read_text(encoding="utf-8")
    assert "- Who else should I talk to?\n  - May I mention your name?\n" in text
    parsed = read_note(path.name, path.read_bytes())
    assert isinstance(parsed.note, Interview)
    assert parsed.note.questions == ("Who else should I talk to?", "May I mention your name?")
    assert "warning: only 2 questions left in questions.md" in result.stderr


def test_an_empty_bank_says_no_question_is_left(jane_vault: Path) -> None:
    """With nothing left to ask, the warning says so instead of `only 0 questions`."""
    (jane_vault / "questions.md").write_text("# Nothing yet\n", encoding="utf-8")
    result = run("new", "interview", "Jane Doe", "--date", "2026-12-01", "--vault", jane_vault)
    assert result.exit_code == 0
    assert "warning: no question left in questions.md that Jane Doe has not been asked" in (
        result.stderr
    )
    assert "only 0" not in result.stderr


def test_questions_left_shows_follow_ups_under_their_question(jane_vault: Path) -> None:
    """`vault questions --left` indents a follow-up under the question it follows."""
    (jane_vault / "questions.md").write_text(BANK, encoding="utf-8")
    result = run("questions", "Jane Doe", "--left", "--vault", jane_vault)
    assert (
        "  - Who else should I talk to?\n"
        "    - May I mention your name when I reach out to them?\n"
        "    - How do you know them?\n"
    ) in result.stdout
