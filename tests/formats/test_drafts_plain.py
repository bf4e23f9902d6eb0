"""Whatever markup the notes hold, a rendered draft is plain prose said to the person."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.core.config import load_config
from vaultkit.core.note import read_note
from vaultkit.core.vault import Vault
from vaultkit.formats.drafts import render_draft

TODAY = dt.date(2026, 11, 22)
CONTACT = "---\ntype: contact\nname: Sam Lee\nemail: sam@example.com\ncompany: Acme\n---\n"
MARKUP = re.compile(r"\[\[|\]\]|\*\*|~~|==|`|\]\(|(?<![\w&#/])#[^\W\d]|[📅⏳🛫✅❌➕⏫🔼🔽🔁]")
# A drafted sentence starts with a capital, so a word "none" would read as "None", the very
# thing the test looks for as a leaked Python None: such words are not drawn.
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéø", min_size=3, max_size=8).filter(
    lambda word: word != "none"
)
SHAPE = st.sampled_from(
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
        "{w} ⏫",
        "{w} 🔽 ➕ 2026-11-01",
        "{w} 🔁 every week",
    ]
)
PHRASE = st.lists(st.tuples(SHAPE, WORD), min_size=1, max_size=4)


def phrase(pieces: list[tuple[str, str]]) -> str:
    """The words, each in its markup, as one line."""
    return " ".join(shape.format(w=word) for shape, word in pieces)


def interview(insight: str, promise: str, progress: str, due: str) -> str:
    """An interview with Sam Lee: a question, an insight, a promise, a plan, a done item."""
    return (
        '---\ntype: interview\ncontact: "[[Sam Lee]]"\ndate: 2026-11-21\n---\n'
        f"## Questions\n\n- {insight}?\n\n## Insights\n\n- {insight}\n\n"
        f"## Action items\n\n- [ ] Send [[Sam Lee|Sam]] {promise} 📅 {due}\n"
        f"- [ ] Read {promise}\n- [x] Rewrite {progress} ✅ 2026-11-21\n"
    )


@settings(max_examples=40, deadline=None)
@given(PHRASE, PHRASE, PHRASE, st.sampled_from(["2026-11-01", "2026-11-22", "2026-12-24"]))
def test_drafts_are_plain_prose(
    insight: list[tuple[str, str]],
    promise: list[tuple[str, str]],
    progress: list[tuple[str, str]],
    due: str,
) -> None:
    """No markup, no double spaces, no None; every word survives; Sam is `you`."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "vault.toml").write_text('[me]\nname = "Alex Rivera"\n', encoding="utf-8")
        notes = {
            "contacts/Sam Lee.md": CONTACT,
            "interviews/2026-11-21 Sam Lee.md": interview(
                phrase(insight), phrase(promise), phrase(progress), due
            ),
        }
        files = []
        for path, text in notes.items():
            (root / path).parent.mkdir(exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
            files.append(read_note(path, text.encode()))
        vault = Vault(load_config(root), files)
        sam = vault.names().resolve("Sam Lee")
        for kind in ("thank-you", "update"):
            text = render_draft(vault, sam, kind, today=TODAY).text
            body = text.split("\n", 3)[3]
            assert not MARKUP.search(text), text
            assert "  " not in text and "None" not in text
            assert "Sam" not in body
            for _, word in insight + promise:
                assert word in text.lower()
            if kind == "thank-you":
                assert "As promised, I'll send you " in text
            else:
                assert "Since then, I rewrote " in text
                assert all(word in text.lower() for _, word in progress)
            assert "(by" not in text and "by Sunday, 1 November" not in text
