"""Obsidian markup turned into plain prose: the one function every draft and report uses."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.markup import plain

CASES = [
    (
        "[[Lena Park|Lena]] at **Bright** is the person to ask about panels #todo",
        "Lena at Bright is the person to ask about panels",
    ),
    ("review ⏫ #followup", "review"),
    ("Send the outline 📅 2026-12-01", "Send the outline"),
    ("Water plants 🔁 every week 📅 2026-12-01 ⏳ 2026-11-30", "Water plants"),
    ("Water the plants 🔁 every week on the balcony", "Water the plants on the balcony"),
    ("Pay rent 🔁 every month on the 1st when done", "Pay rent"),
    ("Call 🔁 every 2 weeks on Monday, Friday", "Call"),
    ("done ✅ 2026-11-20", "done"),
    ("[[Jane Doe]] said *hire* for ==taste==", "Jane Doe said hire for taste"),
    ("see [[notes/Reading list.md]]", "see Reading list"),
    ("read [the guide](https://example.com/guide) first", "read the guide first"),
    ("use `pandas` and ~~Excel~~", "use pandas and Excel"),
    ("issue #42 is not a tag", "issue #42 is not a tag"),
    ("a#b stays, C# stays", "a#b stays, C# stays"),
    ("snake_case_name stays", "snake_case_name stays"),
    ("2 * 3 * 4 stays", "2 * 3 * 4 stays"),
    ("  spaced   out\ttext  ", "spaced out text"),
    ("ask about #ux/research and #career-change", "ask about and"),
    ("[[Jane Doe#Research|her research]]", "her research"),
    ("Zoë's __bold__ move", "Zoë's bold move"),
    ("ends with a tag #later.", "ends with a tag."),
    ("Send the deck %%she seemed lukewarm%% by Friday", "Send the deck by Friday"),
    ("Ask about panels %%check with Maya first", "Ask about panels"),
    ("%%just for me%%", ""),
    ("Research ops is a way in ^insight-1", "Research ops is a way in"),
    ("Panels matter most[^1] for recruiting", "Panels matter most for recruiting"),
    ("Coordinators come first^[she hired two] in ops", "Coordinators come first in ops"),
    ("cost ^2 stays, 50% and 20% stay", "cost ^2 stays, 50% and 20% stay"),
    # No markup at all: only the spacing can change.
    ("Share my portfolio", "Share my portfolio"),
    ("ask them , then wait )", "ask them, then wait)"),
    (" leading and trailing ", "leading and trailing"),
    ("one line\nthen another", "one line then another"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_markup_becomes_prose(text: str, expected: str) -> None:
    """Each shape of markup gives the words a reader would see."""
    assert plain(text) == expected


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéøЖ", min_size=1, max_size=8)
MARKUP = st.sampled_from(
    [
        "[[{w}]]",
        "[[Other|{w}]]",
        "**{w}**",
        "*{w}*",
        "`{w}`",
        "~~{w}~~",
        "=={w}==",
        "[{w}](https://x.example/{w})",
        "{w} #tag",
        "{w} 📅 2026-01-02",
        "{w} ⏳ 2026-01-02",
        "{w} 🛫 2026-01-02",
        "{w} ✅ 2026-01-02",
        "{w} ❌ 2026-01-02",
        "{w} ➕ 2026-01-02",
        "{w} ⏫",
        "{w} 🔼",
        "{w} 🔽",
        "{w} 🔁 every day",
    ]
)


@given(st.lists(st.tuples(MARKUP, WORD), min_size=1, max_size=8))
def test_no_markup_survives_and_the_words_do(pieces: list[tuple[str, str]]) -> None:
    """Whatever markup wraps the words, none of it is left and every word is."""
    text = " ".join(shape.format(w=word) for shape, word in pieces)
    out = plain(text)
    for mark in ("[[", "]]", "**", "~~", "==", "`", "](", *"📅⏳🛫✅❌➕⏫🔼🔽🔁"):
        assert mark not in out
    assert not re.search(r"(?<!\w)#[^\W\d]", out)
    assert "  " not in out
    for _, word in pieces:
        assert word in out
