"""The question bank: parsing questions.md, choosing unasked questions, `vault questions`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import EXAMPLE_TODAY, copy_example, run, write

from vaultkit.core.config import load_config
from vaultkit.core.model import Interview
from vaultkit.core.note import read_note
from vaultkit.core.questions import (
    Bank,
    Topic,
    choose,
    default_bank_path,
    load_bank,
    parse_bank,
    question_key,
    suggest,
)
from vaultkit.store.index import load_vault

SMALL_BANK = """\
# My questions

## The role

- What does a normal week look like?
- What surprised you?

## The path

- How did you get in?
- What would you do differently?

## Referrals

- Who else should I talk to?
"""


def bank_of(**topics: list[str]) -> Bank:
    """A bank from topic names (underscores for spaces) and their questions."""
    return Bank(
        tuple(Topic(name.replace("_", " "), tuple(qs)) for name, qs in topics.items()), "test"
    )


def topic_of(bank: Bank, question: str) -> str:
    """The topic a question comes from."""
    return next(t.name for t in bank.topics if question in t.questions)


def interview(contact: str, day: str, questions: list[str], status: str = "done") -> str:
    """An interview note's text with these questions."""
    items = "".join(f"- {q}\n" for q in questions)
    return (
        f'---\ntype: interview\ncontact: "[[{contact}]]"\ndate: {day}\nstatus: {status}\n---\n'
        f"## Questions\n\n{items}\n## Notes\n"
    )


def questions_in(path: Path) -> tuple[str, ...]:
    """The ## Questions items of an interview note on disk."""
    parsed = read_note(path.name, path.read_bytes())
    assert isinstance(parsed.note, Interview), parsed.problems
    return parsed.note.questions


# -- the bank file ---------------------------------------------------------------------------


def test_parse_bank_reads_topics_and_items() -> None:
    """`## Topic` headings with list items under them, in the order written."""
    bank = parse_bank(SMALL_BANK)
    assert [t.name for t in bank.topics] == ["The role", "The path", "Referrals"]
    assert bank.topics[1].questions == ("How did you get in?", "What would you do differently?")
    assert bank.size == 5


def test_parse_bank_is_lenient() -> None:
    """Properties, numbered and starred items, ### subheadings, tasks and duplicates are fine."""
    text = (
        "---\ntags: [career]\n---\n"
        "- Before any topic?\n"
        "## Work\n### Days\n1. First?\n* Second?\n- [ ] Third?\n"
        "## More\n- first?  \n- Fourth?\n"
    )
    bank = parse_bank(text)
    assert [(t.name, t.questions) for t in bank.topics] == [
        ("Other", ("Before any topic?",)),
        ("Work", ("First?", "Second?", "Third?")),
        ("More", ("Fourth?",)),
    ]


def test_question_key_ignores_case_and_spacing() -> None:
    """Questions are the same whatever their case and spacing."""
    assert question_key("  What  does a\tWEEK look like? ") == question_key(
        "what does a week look like?"
    )


def test_default_bank_covers_the_five_topics() -> None:
    """The default bank: the role, the path into it, the industry, advice, referrals; 5-8 each."""
    bank = parse_bank(default_bank_path().read_text(encoding="utf-8"))
    assert [t.name for t in bank.topics] == [
        "The role",
        "The path into it",
        "The industry",
        "Advice",
        "Referrals",
    ]
    for topic in bank.topics:
        assert 5 <= len(topic.questions) <= 8, topic.name
        assert all(q.endswith("?") for q in topic.questions)


def test_vault_bank_beats_the_default(tmp_path: Path) -> None:
    """questions.md at the vault's root is the bank; without it, the default one."""
    assert load_bank(tmp_path).source == "the default question bank"
    (tmp_path / "questions.md").write_text(SMALL_BANK, encoding="utf-8")
    assert load_bank(tmp_path).size == 5


# -- choosing ---------------------------------------------------------------------------------

SEVEN_TOPICS = bank_of(**{f"t{n}": [f"Question {n}.{m}?" for m in range(4)] for n in range(7)})


@pytest.mark.parametrize("seed", ["Jane Doe", "Zoë Kowalski", "Sam Lee", "a", ""])
def test_choose_five_from_different_topics(seed: str) -> None:
    """With five or more topics: five questions, each from a different topic."""
    chosen = choose(SEVEN_TOPICS, set(), seed)
    assert len(chosen) == 5
    assert len({topic_of(SEVEN_TOPICS, q) for q in chosen}) == 5


def test_choose_three_from_three_topics() -> None:
    """With three topics: one question from each."""
    bank = parse_bank(SMALL_BANK)
    chosen = choose(bank, set(), "Jane Doe")
    assert len(chosen) == 3
    assert {topic_of(bank, q) for q in chosen} == {"The role", "The path", "Referrals"}


def test_choose_at_least_three_from_fewer_topics() -> None:
    """With two topics left, three questions: both topics, then a second round."""
    bank = bank_of(a=["A1?", "A2?", "A3?"], b=["B1?", "B2?"])
    chosen = choose(bank, set(), "Jane Doe")
    assert len(chosen) == 3
    assert {topic_of(bank, q) for q in chosen} == {"a", "b"}


def test_choose_what_is_left_when_little_is() -> None:
    """Fewer than three questions left: all of them; none left: none."""
    bank = bank_of(a=["A1?", "A2?"], b=["B1?"])
    assert choose(bank, {question_key("a1?")}, "x") == ["A2?", "B1?"]
    assert choose(bank, {question_key(q) for q in ("A1?", "A2?", "B1?")}, "x") == []


def test_choose_never_repeats_what_was_asked() -> None:
    """Asked questions (any case and spacing) are never chosen again."""
    asked = {question_key(f"QUESTION {n}.{m}? ") for n in range(7) for m in range(3)}
    chosen = choose(SEVEN_TOPICS, asked, "Jane Doe")
    assert len(chosen) == 5
    assert all(q.endswith(".3?") for q in chosen)


def test_choose_is_deterministic_and_in_bank_order() -> None:
    """The same bank and seed give the same questions, listed in the bank's order."""
    first = choose(SEVEN_TOPICS, set(), "Jane Doe")
    assert choose(SEVEN_TOPICS, set(), "Jane Doe") == first
    order = [q for t in SEVEN_TOPICS.topics for q in t.questions]
    assert first == sorted(first, key=order.index)


def test_choose_differs_between_people() -> None:
    """Different people are not all handed the same questions."""
    picks = {tuple(choose(SEVEN_TOPICS, set(), f"Person {n}")) for n in range(10)}
    assert len(picks) > 1


# -- vault new interview ----------------------------------------------------------------------


def test_new_interview_prefills_from_the_vault_bank(jane_vault: Path) -> None:
    """`vault new interview` writes three questions from three topics of questions.md."""
    (jane_vault / "questions.md").write_text(SMALL_BANK, encoding="utf-8")
    result = run("new", "interview", "Jane Doe", "--date", "2026-12-01", "--vault", jane_vault)
    assert result.exit_code == 0, result.output
    asked = questions_in(jane_vault / "interviews" / "2026-12-01 Jane Doe.md")
    bank = parse_bank(SMALL_BANK)
    assert len(asked) == 3
    assert {topic_of(bank, q) for q in asked} == {"The role", "The path", "Referrals"}


def test_new_interview_uses_the_default_bank(jane_vault: Path) -> None:
    """Without questions.md, five questions from the default bank, one per topic."""
    run("new", "interview", "Jane Doe", "--date", "2026-12-01", "--vault", jane_vault)
    asked = questions_in(jane_vault / "interviews" / "2026-12-01 Jane Doe.md")
    bank = parse_bank(default_bank_path().read_text(encoding="utf-8"))
    assert len(asked) == 5
    assert len({topic_of(bank, q) for q in asked}) == 5


def test_new_interview_skips_what_was_asked_before(jane_vault: Path) -> None:
    """Questions in Jane's earlier interviews (case and spacing aside) are not asked again."""
    (jane_vault / "questions.md").write_text(SMALL_BANK, encoding="utf-8")
    earlier = ["what does a  normal WEEK look like?", "How did  you get in?"]
    write(
        jane_vault,
        "interviews/2026-10-01 Jane Doe.md",
        interview("Jane Doe", "2026-10-01", earlier),
    )
    result = run("new", "interview", "Jane Doe", "--date", "2026-12-01", "--vault", jane_vault)
    asked = questions_in(jane_vault / "interviews" / "2026-12-01 Jane Doe.md")
    assert asked == (
        "What surprised you?",
        "What would you do differently?",
        "Who else should I talk to?",
    )
    assert result.stderr == ""


def test_new_interview_warns_when_the_bank_runs_dry(jane_vault: Path) -> None:
    """Fewer than three unasked questions: what is left, and a warning to add more."""
    (jane_vault / "questions.md").write_text(SMALL_BANK, encoding="utf-8")
    bank = parse_bank(SMALL_BANK)
    done = [q for t in bank.topics for q in t.questions][:4]
    write(
        jane_vault, "interviews/2026-10-01 Jane Doe.md", interview("Jane Doe", "2026-10-01", done)
    )
    result = run("new", "interview", "Jane Doe", "--date", "2026-12-01", "--vault", jane_vault)
    assert result.exit_code == 0
    assert questions_in(jane_vault / "interviews" / "2026-12-01 Jane Doe.md") == (
        "Who else should I talk to?",
    )
    assert "warning: only 1 question left in questions.md that Jane Doe has not been asked" in (
        result.stderr
    )


def test_other_peoples_and_cancelled_interviews_do_not_count(jane_vault: Path) -> None:
    """Questions asked of someone else, or in a cancelled interview, are still Jane's to ask."""
    (jane_vault / "questions.md").write_text(SMALL_BANK, encoding="utf-8")
    write(jane_vault, "contacts/Sam Lee.md", "---\ntype: contact\n---\n")
    everything = [q for t in parse_bank(SMALL_BANK).topics for q in t.questions]
    write(jane_vault, "interviews/a.md", interview("Sam Lee", "2026-10-01", everything))
    write(
        jane_vault, "interviews/b.md", interview("Jane Doe", "2026-10-02", everything, "cancelled")
    )
    vault = load_vault(load_config(jane_vault))
    suggested = suggest(vault, vault.names().resolve("Jane Doe"), dt.date(2026, 11, 22))
    assert len(suggested.questions) == 3 and suggested.warnings == []


def test_new_interview_is_deterministic_for_a_vault(tmp_path: Path) -> None:
    """Two copies of the same vault pre-fill the same questions for the same person."""
    results = []
    for n in (1, 2):
        copy = copy_example(tmp_path / f"copy{n}")
        run("new", "interview", "Zoë Kowalski", "--date", "2027-01-05", "--vault", copy)
        results.append(questions_in(copy / "interviews" / "2027-01-05 Zoë Kowalski.md"))
    assert results[0] == results[1]
    assert 3 <= len(results[0]) <= 5


def test_example_vault_interview_never_repeats_a_question(example: Path) -> None:
    """A new interview with Maya (three before) shares no question with her earlier ones."""
    earlier = {
        question_key(q)
        for path in (example / "interviews").glob("*Maya Chen.md")
        for q in questions_in(path)
    }
    (example / "questions.md").write_text(
        "## Old\n" + "".join(f"- {q}\n" for q in sorted(earlier)) + "## New\n- A new one?\n",
        encoding="utf-8",
    )
    run("new", "interview", "Maya Chen", "--date", "2027-01-05", "--vault", example)
    assert questions_in(example / "interviews" / "2027-01-05 Maya Chen.md") == ("A new one?",)


# -- vault init -------------------------------------------------------------------------------


def test_init_creates_questions_md_from_the_default(tmp_path: Path) -> None:
    """`vault init` writes questions.md with the default bank."""
    result = run("init", tmp_path / "v")
    assert "created questions.md" in result.stdout
    assert (tmp_path / "v" / "questions.md").read_bytes() == default_bank_path().read_bytes()


def test_init_keeps_an_existing_questions_md(tmp_path: Path) -> None:
    """An existing questions.md is never overwritten."""
    root = tmp_path / "v"
    root.mkdir()
    (root / "questions.md").write_text("mine\n")
    run("init", root)
    assert (root / "questions.md").read_text() == "mine\n"


# -- vault questions --------------------------------------------------------------------------


def test_questions_lists_what_was_asked_by_date(example: Path) -> None:
    """`vault questions NAME` lists each interview's questions, oldest first."""
    result = run("questions", "zoe kowalski", "--vault", example)
    assert result.exit_code == 0
    assert result.stdout == (
        "Asked of Zoë Kowalski: 6 questions in 2 interviews\n"
        "\n"
        "2026-05-20 (done)  interviews/2026-05-20 Zoë Kowalski.md\n"
        "  - How did you decide to leave architecture?\n"
        "  - What was the first year in product design like?\n"
        "  - What do researchers and designers argue about at Fernweh?\n"
        "\n"
        "2026-07-15 (done)  interviews/2026-07-15 Zoë Kowalski.md\n"
        "  - Would you hire someone with a research portfolio but no design work?\n"
        "  - How do you judge a case study in five minutes?\n"
        "  - Who else on your team came from another field?\n"
    )


def test_questions_left_shows_the_bank_without_the_asked(jane_vault: Path) -> None:
    """--left lists the bank's questions not yet asked, by topic."""
    (jane_vault / "questions.md").write_text(SMALL_BANK, encoding="utf-8")
    earlier = ["How did you get in?", "What would you do differently?"]
    write(
        jane_vault,
        "interviews/2026-10-01 Jane Doe.md",
        interview("Jane Doe", "2026-10-01", earlier),
    )
    result = run("questions", "Jane Doe", "--left", "--vault", jane_vault)
    assert result.stdout.endswith(
        "Left in questions.md: 3 of 5 questions\n\n"
        "## The role\n  - What does a normal week look like?\n  - What surprised you?\n\n"
        "## Referrals\n  - Who else should I talk to?\n"
    )


def test_questions_json(example: Path) -> None:
    """--json: the name, each interview's questions with date, status and path, what is left."""
    data = json.loads(
        run(
            "questions", "Rachel Goldberg", "--json", "--today", EXAMPLE_TODAY, "--vault", example
        ).stdout
    )
    assert data["name"] == "Rachel Goldberg"
    assert data["asked"] == [
        {
            "date": "2026-11-24",
            "status": "planned",
            "path": "interviews/2026-11-24 Rachel Goldberg.md",
            "questions": [
                "How did you move from consultancy work to leading research at Civic Forms?"
            ],
        }
    ]
    assert data["bank"] == "questions.md"
    assert data["left"][0]["topic"] == "The role"


def test_questions_today_decides_which_interviews_are_done(example: Path) -> None:
    """An interview without a status is planned before its date and done from it on."""

    def shown_on(day: str) -> str:
        return run("questions", "Grace Liu", "--today", day, "--vault", example).stdout

    assert "2026-03-18 (planned)" in shown_on("2026-03-17")
    assert "2026-03-18 (done)" in shown_on("2026-03-18")
    assert "2026-03-18 (done)" in shown_on(EXAMPLE_TODAY)


def test_questions_for_someone_never_interviewed(example: Path) -> None:
    """Nobody asked yet: says so."""
    result = run("questions", "Samuel Adeyemi", "--vault", example)
    assert result.stdout == "Nothing asked of Samuel Adeyemi yet.\n"


def test_questions_unknown_name_exits_1(example: Path) -> None:
    """A name that matches nobody is exit 1."""
    assert run("questions", "Nobody Atall", "--vault", example).exit_code == 1
