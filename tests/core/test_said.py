"""Action items said to the person: promises, plans, progress, and what is never told."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.model import Task
from vaultkit.core.said import BOOKKEEPING_VERBS, Person, past_tense, say_item, to_them

SOFIA = Person(("Sofia Rossi", "Sofia"), others=("Chloé Dubois", "Chloé", "Maya"))

# (the item as written, done, its kind, how it is said to Sofia)
ITEMS = [
    ("Send Sofia my survey screener", False, "promise", "send you my survey screener"),
    ("Send [[Sofia Rossi|Sofia]] the `slides` 🔼", False, "promise", "send you the slides"),
    ("Share the deck with Sofia", False, "promise", "share the deck with you"),
    ("Send her my portfolio", False, "promise", "send you my portfolio"),
    ("Read the book she recommended", False, "plan", "read the book you recommended"),
    ("Review ⏫ #followup", False, "plan", "review"),
    ("Take the course she recommends", False, "plan", "take the course you recommend"),
    ("Rewrite my CV in her framing", True, "progress", "rewrote my CV in your framing"),
    ("Ask Maya for a call, citing Sofia", True, "progress", "asked Maya for a call, citing you"),
    ("Ask Maya whether she is hiring", True, "progress", "asked Maya whether she is hiring"),
    ("Plan a five-person test", True, "progress", "planned a five-person test"),
    ("Study the **screener** guide ✅ 2026-11-02", True, "progress", "studied the screener guide"),
    ("Send Sofia the link to my case study", True, "unsaid", ""),
    ("Add Chloé to the vault", True, "unsaid", ""),
    ("Connect on LinkedIn", False, "unsaid", ""),
    ("Follow her on Mastodon", False, "unsaid", ""),
    ("Follow up with Sofia about the role", False, "promise", "follow up with you about the role"),
    ("Set a reminder for the new year", True, "unsaid", ""),
    ("Put the date in my calendar", False, "unsaid", ""),
    ("Case study, first draft", False, "unsaid", ""),
    ("Write the outline #private", False, "unsaid", ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "done", "kind", "said"), ITEMS, ids=[i[0] for i in ITEMS])
def test_items_said_to_the_person(text: str, done: bool, kind: str, said: str) -> None:
    """Each item is a promise, a plan, progress or unsaid, and said with the person as you."""
    item = say_item(Task(text, done, None, 1), SOFIA)
    assert (item.kind, item.said) == (kind, said)


def test_accents_typed_or_not_both_name_the_person() -> None:
    """`Send Jose ...` names José as well as `Send José ...`."""
    jose = Person(("José Martínez", "José"))
    assert to_them("Send Jose the case study", jose) == "Send you the case study"
    assert to_them("José's team", jose) == "your team"


def test_a_name_inside_another_word_is_left_alone() -> None:
    """Sam is not found in Samuel, nor Ann in Annual."""
    sam = Person(("Sam",))
    assert to_them("Email Samuel the Annual report", sam) == "Email Samuel the Annual report"


def test_due_date_passed() -> None:
    """An item knows when its due date has passed."""
    item = say_item(Task("Send Sofia the deck", False, dt.date(2026, 11, 18), 3), SOFIA)
    assert item.due_passed(dt.date(2026, 11, 22))
    assert not item.due_passed(dt.date(2026, 11, 18))


PAST = [
    ("send", "sent"), ("read", "read"), ("rewrite", "rewrote"), ("cut", "cut"),
    ("plan", "planned"), ("study", "studied"), ("practise", "practised"), ("email", "emailed"),
    ("visit", "visited"), ("fix", "fixed"), ("submit", "submitted"), ("apply", "applied"),
    ("test", "tested"), ("join", "joined"), ("trim", "trimmed"), ("draft", "drafted"),
]  # fmt: skip


@pytest.mark.parametrize(("verb", "past"), PAST)
def test_past_tense(verb: str, past: str) -> None:
    """Regular, doubling, -y and irregular verbs."""
    assert past_tense(verb) == past


REST = st.sampled_from(["the deck", "my notes", "the survey course", "a short case study"])


@given(st.sampled_from(["Send", "Show", "Email", "Give", "Ask"]), REST, st.booleans())
def test_an_item_to_the_person_never_names_them(verb: str, rest: str, done: bool) -> None:
    """Whatever the item, once said to them it never names them in the third person."""
    item = say_item(Task(f"{verb} Sofia {rest}", done, None, 1), SOFIA)
    assert "Sofia" not in item.said
    assert item.kind == ("unsaid" if done else "promise")


@given(st.sampled_from(sorted(BOOKKEEPING_VERBS - {"follow"})), REST, st.booleans())
def test_bookkeeping_is_never_told(verb: str, rest: str, done: bool) -> None:
    """An item starting with a bookkeeping verb is never put in a message."""
    assert say_item(Task(f"{verb.capitalize()} {rest}", done, None, 1), SOFIA).kind == "unsaid"


def test_a_name_that_is_also_a_word_needs_its_capital() -> None:
    """For Will, `Send Will the deck` names him; `she will send it` does not."""
    will = Person(("Will Smith", "Will"))
    assert to_them("Send Will the deck she will want", will) == "Send you the deck you will want"
    assert to_them("Ask Grace what she will need", Person(("Will",), ("Grace",))) == (
        "Ask Grace what she will need"
    )
