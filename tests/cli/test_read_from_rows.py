"""`check`, `ls`, `show` and `questions` read a few rows of the index (store/rows.py,
core/partial.py) and say exactly what reading the whole vault says, through edits,
renames, aliases, broken notes and names that find no one or several."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import BROKEN_VAULT, copy_example, day, interview_text, make_vault, run, write

from vaultkit.store import db

TODAY_AT = "2026-11-22 14:00"  # before the 15:00 conversation of the day: it is planned

LISTS = [
    ("check",),
    ("check", "--json"),
    ("ls", "contacts", "--json", "--today", TODAY_AT),
    ("ls", "interviews", "--json", "--today", TODAY_AT),
    ("ls", "contacts", "--status", "scheduled", "--today", TODAY_AT),
    ("ls", "interviews", "--tag", "product", "--today", TODAY_AT),
    ("ls", "contacts", "--company", "acme"),
]
NAMES = [
    "Jane Doe",
    "jd",
    "[[Jane Doe]]",
    "contacts/Jane Doe.md",
    "Jane Smith",
    "Bob Stone",
    "Bobby",
    "Sam Lee",
    "contacts/Sam Lee.md",
    "Samuel Lee",
    "Broken Person",
    "Jne Doe",
    "Nobody At All",
    "Omar Missing",
]


def contact(name: str, extra: str = "", body: str = "") -> str:
    return f"---\ntype: contact\nname: {name}\n{extra}---\n# {name}\n\n## Log\n\n{body}"


def people(root: Path) -> Path:
    """A vault where names are shared, aliased, missing and unreadable."""
    return make_vault(
        root,
        {
            "contacts/Jane Doe.md": contact(
                "Jane Doe",
                'aliases: [JD]\nreferred_by: "[[Omar Missing]]"\ncompany: Acme\n'
                "tags: [product]\noutreach_sent: 2026-11-01\n",
                "- [ ] send her the deck\n",
            ),
            "contacts/Bob Stone.md": contact("Bob Stone", 'referred_by: "[[JD]]"\nstatus: met\n'),
            "contacts/Sam Lee.md": contact("Sam Lee", "company: Acme Labs\n"),
            "contacts/Samuel Lee.md": contact("Samuel Lee", "aliases: [Sam Lee]\n"),
            "contacts/Broken Person.md": "---\ntype: contact\nname: [unclosed\n---\n",
            "interviews/2026-11-01 Jane.md": interview_text(
                "JD",
                date=day(-21),
                referrals=["Omar Missing", "Zed Unknown", "Broken Person"],
                tasks=["- [ ] send the deck", "- [x] say thanks"],
            ),
            "interviews/2026-11-22 Jane.md": interview_text(
                "Jane Doe", date=day(0), time="15:00", questions=1
            ),
            "interviews/2026-11-05 Bob.md": interview_text(
                "Bob Stone", date=day(-17), status="done", referrals=["Jane Doe"]
            ),
            "interviews/2026-11-10 Sam.md": interview_text("Sam Lee", date=day(-12)),
            "interviews/2026-11-12 Broken.md": interview_text("Broken Person", date=day(-10)),
            "interviews/2026-10-01 Zed.md": interview_text("Zed Unknown", date=day(-52)),
        },
    )


def whole(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[str, int]:
    """What the command says reading every note (no rows handed to it), and its exit code."""
    with monkeypatch.context() as patch:
        patch.setattr("vaultkit.store.answers.rows_of", lambda vault: None)
        result = run(*args)
        return _untimed(result.output), result.exit_code


def from_rows(monkeypatch: pytest.MonkeyPatch, *args: str, decoding: bool) -> tuple[str, int]:
    """What the command says given the index's rows; with `decoding` False, decoding every
    note fails the test (the answer must come from a few rows and kept answers)."""

    def every_note(*_: object) -> object:
        raise AssertionError(f"vault {' '.join(args)} decoded every note")

    with monkeypatch.context() as patch:
        if not decoding:
            patch.setattr(db, "decoded", every_note)
        result = run(*args)
        return _untimed(result.output), result.exit_code


def _untimed(said: str) -> str:
    """The output without the time `check` took, which differs from run to run."""
    return re.sub(r"read, \d+\.\ds\)", "read, ...)", said)


def settled(root: Path) -> Path:
    """The vault with every file dated an hour ago: files written just now are read again
    by every command (their time could hide a second edit), which would only be slower."""
    hour_ago = time.time_ns() - 3600 * 10**9
    for path in root.rglob("*.md"):
        os.utime(path, ns=(hour_ago, hour_ago))
    return root


def fast_and_whole_agree(
    monkeypatch: pytest.MonkeyPatch, root: Path, *, names: list[str] = NAMES
) -> int:
    """Every read command, from rows (twice: the second without decoding any note when
    the first kept what it needed) and from the whole vault: the same bytes each time.
    Returns how many answers came without decoding every note."""
    settled(root)
    fast = 0
    commands = [(*c, "--vault", str(root)) for c in LISTS]
    for name in names:
        for command in (("show", name), ("show", name, "--json"), ("questions", name, "--left")):
            commands.append((*command, "--today", TODAY_AT, "--vault", str(root)))
    for args in commands:
        expected = whole(monkeypatch, *args)
        assert from_rows(monkeypatch, *args, decoding=True) == expected, args
        if args[0] in ("check", "ls") or expected[1] == 0:  # not a name of no one, or several
            assert from_rows(monkeypatch, *args, decoding=False) == expected, args
            fast += 1
    return fast


def test_example_vault_reads_the_same_from_rows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every read command on the example vault says the same from rows as from every note."""
    root = copy_example(tmp_path)
    names = ["Maya Chen", "Dr. Emily Carter", "emily carter", "Zoë Kowalski", "zoe", "Noah"]
    assert fast_and_whole_agree(monkeypatch, root, names=names) == len(LISTS) + 3 * 3


def test_broken_vault_reads_the_same_from_rows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The broken fixture vault: the same answers from rows, problems and all."""
    root = tmp_path / "broken-vault"
    shutil.copytree(BROKEN_VAULT, root)
    names = [p.stem for p in sorted((root / "contacts").glob("*.md"))]
    fast_and_whole_agree(monkeypatch, root, names=names[:6])


def test_a_person_reads_the_same_from_their_own_notes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Shared names, aliases, a missing referrer, an unreadable note: the same answers,
    and a person's answers come without decoding every note."""
    root = people(tmp_path / "vault")
    assert fast_and_whole_agree(monkeypatch, root) >= len(LISTS) + 3 * 6


def test_the_missing_contact_stays_where_it_was_first_mentioned(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A person mentioned in several notes is reported missing once, at the first mention,
    in `show` of a person whose note mentions them later too."""
    root = people(tmp_path / "vault")
    write(root, "interviews/2026-10-01 Zed.md", interview_text("Bob Stone", date=day(-52)))
    write(
        root,
        "interviews/2026-09-01 Early.md",
        interview_text("Bob Stone", date=day(-80), referrals=["Omar Missing"]),
    )
    args = ("show", "Jane Doe", "--today", TODAY_AT, "--vault", str(root))
    said = from_rows(monkeypatch, *args, decoding=False)
    assert said == whole(monkeypatch, *args)
    assert "Omar Missing" in said[0]


Edit = Callable[[Path], object]
EDITS: list[tuple[str, Edit]] = [
    ("an alias added", lambda root: write(
        root, "contacts/Bob Stone.md",
        contact("Bob Stone", 'aliases: [Bobby]\nreferred_by: "[[JD]]"\nstatus: met\n'),
    )),
    ("an interview linking the alias", lambda root: write(
        root, "interviews/2026-11-20 Bobby.md",
        interview_text("Bobby", date=day(-2), referrals=["Zed Unknown"]),
    )),
    ("a contact renamed", lambda root: (
        (root / "contacts/Jane Doe.md").unlink(),
        write(root, "contacts/Jane Smith.md", contact(
            "Jane Smith", 'aliases: [JD, Jane Doe]\nreferred_by: "[[Omar Missing]]"\n'
            "company: Acme\ntags: [product]\n",
        )),
    )),
    ("a note broken", lambda root: write(
        root, "contacts/Bob Stone.md", "---\ntype: contact\nname: Bob Stone\nstatus: [x\n---\n"
    )),
    ("the note mended", lambda root: write(
        root, "contacts/Bob Stone.md", contact("Bob Stone", "aliases: [Bobby]\nstatus: met\n")
    )),
    ("a status set to paused", lambda root: write(
        root, "contacts/Jane Smith.md", contact(
            "Jane Smith", "aliases: [JD, Jane Doe]\nstatus: paused\ncompany: Acme\n"
        ),
    )),
    ("the missing contact made", lambda root: write(
        root, "contacts/Omar Missing.md", contact("Omar Missing", "aliases: [Zed Unknown]\n")
    )),
    ("an interview deleted", lambda root: (root / "interviews/2026-10-01 Zed.md").unlink()),
]  # fmt: skip


@pytest.mark.slow
def test_after_every_edit_rows_and_notes_agree(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """After each edit in turn (alias, rename, broken and mended note, paused, a missing
    contact made, a note deleted), every read command agrees with the whole vault."""
    root = people(tmp_path / "vault")
    for what, edit in EDITS:
        edit(root)
        assert fast_and_whole_agree(monkeypatch, root) >= len(LISTS), what
