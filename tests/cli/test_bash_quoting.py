"""What completion sends bash reads back, in bash itself, as the very value: after nothing,
inside double quotes and inside single quotes."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.cli.complete import bash_quoted

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")

# Names as people write them: letters of any script, spaces, punctuation and shell specials.
names = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x00"),
    min_size=1,
    max_size=24,
)


def bash_reads(words: list[str]) -> list[str]:
    """The arguments bash makes of these words, as written on its command line."""
    script = "printf '%s\\0' " + " ".join(words)
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        timeout=30,
        check=True,
    )
    return done.stdout.decode("utf-8").split("\x00")[:-1]


@settings(max_examples=40, deadline=None)
@given(st.lists(names, min_size=1, max_size=12))
def test_bash_reads_back_every_value(values: list[str]) -> None:
    """Each value quoted for each way a word can start reads back whole, as one argument."""
    words = []
    for value in values:
        words += [bash_quoted(value, ""), f'"{bash_quoted(value, chr(34))}"']
        words.append(f"'{bash_quoted(value, chr(39))}'")
    assert bash_reads(words) == [v for v in values for _ in range(3)]


def test_plain_names_stay_readable() -> None:
    """Only what bash would misread is escaped: letters, digits, accents and . - stay as typed."""
    assert bash_quoted("Zoë Kowalski", "") == "Zoë\\ Kowalski"
    assert bash_quoted("Jean-Luc O'Neil", "") == "Jean-Luc\\ O\\'Neil"
    assert bash_quoted("interviews/2026-11-12.md", "") == "interviews/2026-11-12.md"
    assert bash_quoted('Say "hi" $HOME', '"') == 'Say \\"hi\\" \\$HOME'
