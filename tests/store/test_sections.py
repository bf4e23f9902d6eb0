"""Adding a line to a body section, and ticking a task, keep every other byte."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.note import read_note
from vaultkit.store.sections import SectionError, add_items, add_log_line, tick

D = dt.date(2026, 11, 20)
HEAD = b"---\ntype: contact\nname: Jane Doe\n---\n# Jane Doe\n\n"


def lines_added(before: bytes, after: bytes) -> list[bytes]:
    """The lines of `after` that are not in `before`, when `before` is kept in order."""
    old, new = before.split(b"\n"), after.split(b"\n")
    added, position = [], 0
    for line in new:
        if position < len(old) and line == old[position]:
            position += 1
        else:
            added.append(line)
    assert position == len(old), "a line of the note was changed or removed"
    return added


def test_a_line_at_the_end_of_an_oldest_first_log():
    """The day after the last entry goes after it, before the next section."""
    raw = HEAD + b"## Log\n\n- 2026-11-01 call\n- 2026-11-10 coffee\n\n## Notes\n\nx\n"
    new = add_log_line(raw, D, "lunch")
    assert new == raw.replace(b"coffee\n", b"coffee\n- 2026-11-20 lunch\n")


def test_a_past_day_goes_where_its_date_falls():
    """Oldest first: after the last entry on or before the day, keeping the order."""
    raw = HEAD + b"## Log\n\n- 2026-11-01 call\n  - detail\n- 2026-11-25 coffee\n"
    new = add_log_line(raw, D, "lunch")
    assert new == raw.replace(b"  - detail\n", b"  - detail\n- 2026-11-20 lunch\n")


def test_a_newest_first_log_gets_it_on_top():
    """A log written newest first keeps that order."""
    raw = HEAD + b"## Log\n\n- 2026-11-10 coffee\n- 2026-11-01 call\n"
    new = add_log_line(raw, D, "lunch")
    assert new == raw.replace(b"\n- 2026-11-10", b"\n- 2026-11-20 lunch\n- 2026-11-10")


def test_an_empty_log_section():
    """Under a bare heading: a blank line, then the entry; what follows stays apart."""
    raw = HEAD + b"## Log\n## Notes\n"
    assert add_log_line(raw, D, "lunch") == HEAD + b"## Log\n\n- 2026-11-20 lunch\n\n## Notes\n"
    raw = HEAD + b"## Log\n"
    assert add_log_line(raw, D, "lunch") == HEAD + b"## Log\n\n- 2026-11-20 lunch\n"


def test_a_note_without_a_log_gets_one_at_its_end():
    """The section is made at the end, after a blank line; nothing before it moves."""
    raw = HEAD + b"Some notes"  # no newline at the end
    assert add_log_line(raw, D, "lunch") == raw + b"\n\n## Log\n\n- 2026-11-20 lunch\n"
    raw = b"---\ntype: contact\n---\n"
    assert add_log_line(raw, D, "lunch") == raw + b"## Log\n\n- 2026-11-20 lunch\n"


def test_crlf_and_a_bom_are_kept():
    """A Windows note gets CRLF lines; its byte-order mark stays."""
    raw = b"\xef\xbb\xbf" + HEAD.replace(b"\n", b"\r\n") + b"## Log\r\n\r\n- 2026-11-01 call\r\n"
    new = add_log_line(raw, D, "lunch")
    assert new == raw + b"- 2026-11-20 lunch\r\n"


def test_the_first_log_section_counts_and_a_log_in_the_properties_does_not():
    """Only body headings count, and only the first `## Log`, as the notes are read."""
    raw = b"---\ntype: contact\nnote: '## Log'\n---\n## Log\n- 2026-11-01 a\n## Log\n- b\n"
    new = add_log_line(raw, D, "lunch")
    assert new == raw.replace(b"- 2026-11-01 a\n", b"- 2026-11-01 a\n- 2026-11-20 lunch\n")
    parsed = read_note("contacts/x.md", new)
    assert [e.text for e in parsed.note.log] == ["a", "lunch"]  # type: ignore[union-attr]


def test_questions_go_after_the_last_one():
    """New items follow the last list item of the section."""
    raw = b"---\ntype: interview\n---\n## Questions\n- one?\n\n## Notes\n"
    new = add_items(raw, "Questions", ["two?", "three?"])
    assert new == raw.replace(b"- one?\n", b"- one?\n- two?\n- three?\n")


def test_tick_changes_one_byte():
    """`[ ]` and `[/]` become `[x]`; nothing else on the line or in the note changes."""
    raw = b"---\ntype: interview\n---\n- [ ] a \xf0\x9f\x93\x85 2026-11-30\n- [/] b\n"
    once, box = tick(raw, 4)
    assert (once, box) == (raw.replace(b"[ ] a", b"[x] a"), " ")
    twice, box = tick(once, 5)
    assert (twice, box) == (once.replace(b"[/] b", b"[x] b"), "/")


@pytest.mark.parametrize("line", [1, 2, 3, 99])
def test_tick_refuses_what_is_not_a_task(line: int):
    """The properties, a line that is no task, a line past the end: refused."""
    raw = b"---\ntype: interview\n---\nplain text\n"
    with pytest.raises(SectionError):
        tick(raw, line if line != 3 else 4)


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20)
_BODY_LINE = st.one_of(
    _TEXT,
    st.sampled_from(["## Log", "## Notes", "### Sub", "", "- 2026-11-01 call", "- 2026-12-31 x"]),
    st.builds(lambda t: f"- {t}", _TEXT),
)


@given(
    body=st.lists(_BODY_LINE, max_size=12),
    crlf=st.booleans(),
    day=st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    text=_TEXT.filter(lambda t: t.strip() == t and t != ""),
)
def test_adding_a_log_line_only_adds_lines(body, crlf, day, text):
    """For any body: every line stays, in order; the entry is added once, and read back."""
    newline = "\r\n" if crlf else "\n"
    raw = newline.join(["---", "type: contact", "name: Jane", "---", *body, ""]).encode()
    new = add_log_line(raw, day, text)
    added = [line.rstrip(b"\r") for line in lines_added(raw, new)]
    entry = f"- {day.isoformat()} {text}".encode()
    assert entry in added
    assert set(added) <= {entry, b"", b"## Log"}
    parsed = read_note("contacts/Jane.md", new)
    assert parsed.note is not None
    assert (day, text) in [(e.day, e.text) for e in parsed.note.log]  # type: ignore[union-attr]
