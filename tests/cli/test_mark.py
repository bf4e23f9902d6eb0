"""`vault mark`: record what happened by changing one line, and nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import run, snapshot, write

BOM = b"\xef\xbb\xbf"

JANE = b"""\
---
# met at the alumni evening
type: contact
name: "Jane Doe"
aliases: [JD]
company: 'Acme, Inc.'   # since 2024
email: jane.doe@example.com
tags:
  - product
status: contacted
outreach_sent:
---
# Jane Doe

replied: this line in the body is not a property

## Log

- 2026-11-01 found her through the alumni list
"""


def interview(day: str, status: str | None = None, thank_you: str | None = None) -> bytes:
    """An interview note with Jane Doe."""
    lines = ["---", "type: interview", 'contact: "[[Jane Doe]]"', f"date: {day}"]
    if status:
        lines.append(f"status: {status}")
    if thank_you:
        lines.append(f"thank_you_sent: {thank_you}")
    lines += ["---", "## Insights", "", "- listen more than you talk", ""]
    return "\n".join(lines).encode()


@pytest.fixture
def jane(vault: Path) -> Path:
    """A vault with Jane Doe's contact note, written with comments, quotes and a list."""
    return write(vault, "contacts/Jane Doe.md", JANE)


def changed_lines(before: bytes, after: bytes) -> tuple[list[bytes], list[bytes]]:
    """The lines only in before, and the lines only in after, comparing line lists."""
    old, new = before.split(b"\n"), after.split(b"\n")
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return old[start : len(old) - end], new[start : len(new) - end]


def test_mark_outreach_fills_the_empty_line(jane: Path) -> None:
    """Only the `outreach_sent:` line changes; every other byte is as it was."""
    result = run(
        "mark", "Jane Doe", "outreach", "--date", "2026-11-20", "--vault", jane.parent.parent
    )
    assert result.exit_code == 0, result.output
    assert jane.read_bytes() == JANE.replace(b"outreach_sent:\n", b"outreach_sent: 2026-11-20\n")
    assert "outreach_sent: 2026-11-20" in result.stdout


def test_mark_reply_adds_one_line_at_the_end_of_the_properties(jane: Path) -> None:
    """A property that is not there is one line added before the closing ---."""
    root = jane.parent.parent
    assert run("mark", "jd", "reply", "--date", "2026-11-21", "--vault", root).exit_code == 0
    removed, added = changed_lines(JANE, jane.read_bytes())
    assert (removed, added) == ([], [b"replied: 2026-11-21"])
    assert jane.read_bytes().index(b"replied: 2026-11-21\n---\n") > 0


def test_mark_keeps_bom_and_crlf(vault: Path) -> None:
    """A note with a BOM and CRLF line endings keeps both; one line changes."""
    raw = BOM + JANE.replace(b"\n", b"\r\n")
    path = write(vault, "contacts/Jane Doe.md", raw)
    assert run("mark", "Jane Doe", "nudge", "--date", "2026-11-27", "--vault", vault).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(BOM)
    assert after == raw.replace(
        b"outreach_sent:\r\n", b"outreach_sent:\r\nnudge_sent: 2026-11-27\r\n"
    )


def test_mark_on_a_plain_crlf_note(vault: Path) -> None:
    """A note of plain `key: value` lines saved with CRLF is marked like any other."""
    raw = b"---\r\ntype: contact\r\nname: Jane Doe\r\noutreach_sent:\r\n---\r\nBody\r\n"
    path = write(vault, "contacts/Jane Doe.md", raw)
    result = run("mark", "Jane Doe", "outreach", "--date", "2026-11-20", "--vault", vault)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == raw.replace(b"outreach_sent:", b"outreach_sent: 2026-11-20")


def test_mark_defaults_to_today(jane: Path) -> None:
    """Without --date, today is written."""
    run("mark", "Jane Doe", "outreach", "--vault", jane.parent.parent)
    assert f"outreach_sent: {dt.date.today().isoformat()}\n".encode() in jane.read_bytes()


def test_mark_refuses_to_replace_a_different_date(jane: Path) -> None:
    """An existing different date: exit 1 with the hint --force, the file unchanged."""
    root = jane.parent.parent
    run("mark", "Jane Doe", "outreach", "--date", "2026-11-20", "--vault", root)
    before = jane.read_bytes()
    result = run("mark", "Jane Doe", "outreach", "--date", "2026-11-22", "--vault", root)
    assert result.exit_code == 1
    assert "2026-11-20" in result.stderr
    assert "--force" in result.stderr
    assert jane.read_bytes() == before


def test_mark_force_replaces_the_date(jane: Path) -> None:
    """--force replaces the date on its own line, nothing else."""
    root = jane.parent.parent
    run("mark", "Jane Doe", "outreach", "--date", "2026-11-20", "--vault", root)
    before = jane.read_bytes()
    result = run("mark", "Jane Doe", "outreach", "--date", "2026-11-22", "--force", "--vault", root)
    assert result.exit_code == 0
    assert jane.read_bytes() == before.replace(b"2026-11-20", b"2026-11-22")


def test_mark_the_same_date_again_writes_nothing(jane: Path) -> None:
    """Marking what is already written: exit 0, says so, the file unchanged (mtime too)."""
    root = jane.parent.parent
    run("mark", "Jane Doe", "outreach", "--date", "2026-11-20", "--vault", root)
    before = jane.stat().st_mtime_ns, jane.read_bytes()
    result = run("mark", "Jane Doe", "outreach", "--date", "2026-11-20", "--vault", root)
    assert result.exit_code == 0
    assert "nothing to do" in result.stdout
    assert (jane.stat().st_mtime_ns, jane.read_bytes()) == before


def test_thank_you_goes_on_the_latest_done_interview(
    jane: Path,
) -> None:
    """thank-you is written on the latest done interview, and Jane's status line, which said
    contacted, moves on to met; every other note and line stays as it was."""
    root = jane.parent.parent
    write(root, "interviews/2026-09-01 Jane Doe.md", interview("2026-09-01"))
    write(root, "interviews/2026-11-03 Jane Doe.md", interview("2026-11-03 10:00"))
    write(root, "interviews/2026-11-10 Jane Doe.md", interview("2026-11-10", "cancelled"))
    write(root, "interviews/2026-12-01 Jane Doe.md", interview("2026-12-01", "planned"))
    before = snapshot(root)
    result = run("mark", "Jane Doe", "thank-you", "--date", "2026-11-04", "--vault", root)
    assert result.exit_code == 0, result.output
    after = snapshot(root)
    changed = [path for path in before if before[path] != after[path]]
    assert changed == ["contacts/Jane Doe.md", "interviews/2026-11-03 Jane Doe.md"]
    assert after[changed[1]] == before[changed[1]].replace(
        b"date: 2026-11-03 10:00\n", b"date: 2026-11-03 10:00\nthank_you_sent: 2026-11-04\n"
    )
    assert after[changed[0]] == JANE.replace(b"status: contacted\n", b"status: met\n")
    assert result.stdout.splitlines() == [
        "interviews/2026-11-03 Jane Doe.md: thank_you_sent: 2026-11-04",
        "contacts/Jane Doe.md: status: met",
    ]


def test_thank_you_without_a_done_interview(jane: Path) -> None:
    """Only a planned interview: exit 1, a line saying so, nothing written."""
    root = jane.parent.parent
    write(root, "interviews/2026-12-01 Jane Doe.md", interview("2026-12-01", "planned"))
    before = snapshot(root)
    result = run("mark", "Jane Doe", "thank-you", "--date", "2026-11-04", "--vault", root)
    assert result.exit_code == 1
    assert "interview" in result.stderr
    assert snapshot(root) == before


def test_thank_you_already_sent_needs_force(jane: Path) -> None:
    """A thank-you already dated differently is not replaced without --force."""
    root = jane.parent.parent
    write(root, "interviews/2026-11-03 Jane Doe.md", interview("2026-11-03", "done", "2026-11-04"))
    before = snapshot(root)
    result = run("mark", "Jane Doe", "thank-you", "--date", "2026-11-05", "--vault", root)
    assert result.exit_code == 1
    assert snapshot(root) == before


def test_mark_unknown_name_suggests(jane: Path) -> None:
    """A misspelt name: exit 1, the closest name suggested, nothing written."""
    root = jane.parent.parent
    before = snapshot(root)
    result = run("mark", "Jane Dow", "outreach", "--vault", root)
    assert result.exit_code == 1
    assert "Jane Doe" in result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(root) == before


def test_mark_ambiguous_name(jane: Path) -> None:
    """A name two contacts answer to: exit 1 naming both, nothing written."""
    root = jane.parent.parent
    write(root, "contacts/Jane Doe 2.md", "---\ntype: contact\naliases: [JD]\n---\n")
    before = snapshot(root)
    result = run("mark", "JD", "outreach", "--vault", root)
    assert result.exit_code == 1
    assert "contacts/Jane Doe.md" in result.stderr and "contacts/Jane Doe 2.md" in result.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize(
    "args",
    [
        ("Jane Doe", "waved"),
        ("Jane Doe", "outreach", "--date", "2026-02-30"),
        ("Jane Doe", "outreach", "--date", "soon"),
        ("Jane Doe",),
    ],
)
def test_mark_bad_usage(jane: Path, args: tuple[str, ...]) -> None:
    """Unknown events, impossible dates and missing arguments: exit 2, nothing written."""
    root = jane.parent.parent
    before = snapshot(root)
    result = run("mark", *args, "--vault", root)
    assert result.exit_code == 2
    assert snapshot(root) == before


def test_mark_over_an_impossible_date_replaces_it(vault: Path) -> None:
    """A property holding an impossible date is replaced in place, not duplicated."""
    path = write(vault, "contacts/Jane Doe.md", "---\ntype: contact\nreplied: 2026-02-30\n---\n")
    run("mark", "Jane Doe", "reply", "--date", "2026-03-01", "--force", "--vault", vault)
    assert path.read_bytes() == b"---\ntype: contact\nreplied: 2026-03-01\n---\n"


@pytest.mark.parametrize(
    "written",
    ["waiting on her assistant, ask again in January", "2026-02-30", "[2026-11-03]"],
)
def test_mark_keeps_a_value_that_is_not_a_date_without_force(vault: Path, written: str) -> None:
    """Whatever the user wrote on the line (words, an impossible date) is kept without --force."""
    path = write(vault, "contacts/Jane Doe.md", f"---\ntype: contact\nreplied: {written}\n---\n")
    before = snapshot(vault)
    result = run("mark", "Jane Doe", "reply", "--date", "2026-11-20", "--vault", vault)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "contacts/Jane Doe.md already has replied:" in result.stderr
    assert "--force" in result.stderr
    assert snapshot(vault) == before
    forced = run("mark", "Jane Doe", "reply", "--date", "2026-11-20", "--force", "--vault", vault)
    assert forced.exit_code == 0
    assert path.read_bytes() == b"---\ntype: contact\nreplied: 2026-11-20\n---\n"


def test_mark_a_person_whose_note_cannot_be_read(vault: Path) -> None:
    """A broken note is named as the reason the person is unknown; nothing is written."""
    write(vault, "contacts/Jane Doe.md", "---\ntype: contact\nrole: Head: of things\n---\n")
    before = snapshot(vault)
    result = run("mark", "jane doe", "outreach", "--vault", vault)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "contacts/Jane Doe.md cannot be read" in result.stderr
    assert "vault check" in result.stderr
    assert snapshot(vault) == before


def test_mark_refuses_an_edit_it_cannot_make_cleanly(vault: Path) -> None:
    """A value the line edit cannot replace whole is refused in one line, the note untouched."""
    raw = b"---\ntype: contact\nname: Jane Doe\nreplied: [\n]\n---\n"
    path = write(vault, "contacts/Jane Doe.md", raw)
    result = run("mark", "Jane Doe", "reply", "--date", "2026-11-20", "--vault", vault)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "would break the properties" in result.stderr
    assert path.read_bytes() == raw
