"""`vault stats` from the command line: its options, its errors, its kept answer, colour on
a terminal, and the installed executable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from helpers import (
    EXAMPLE_TODAY,
    REPO,
    contact_text,
    copy_example,
    day,
    interview_text,
    make_vault,
    on_a_terminal,
    run,
    snapshot,
)

from vaultkit.cli.stats import stats as command
from vaultkit.store import db

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def stats(root: Path, *args: str) -> dict[str, object]:
    result = run("stats", "--vault", root, "--today", EXAMPLE_TODAY, "--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_json_fields_are_the_documented_ones(tmp_path: Path) -> None:
    """The top level and each group carry the fields docs/commands/stats.md lists, in order."""
    data = stats(copy_example(tmp_path), "--by", "tag")
    figures = [
        "funnel",
        "reply_rate",
        "median_days_to_reply",
        "replies_dated",
        "nudged",
        "interviews",
        "thank_you_on_time",
        "actions",
        "referrals",
        "referrals_per_interview",
        "interviews_per_offer",
    ]
    assert list(data) == ["today", "since", "until", "by", *figures, "months", "groups"]
    groups = data["groups"]
    assert isinstance(groups, list) and groups
    assert all(list(group) == ["key", *figures] for group in groups)
    assert [s["stage"] for s in data["funnel"]] == [
        "outreach",
        "replied",
        "met",
        "referred",
        "offer",
    ]  # type: ignore[index, union-attr]


def test_a_group_merges_spellings_and_shows_the_first(tmp_path: Path) -> None:
    """`LinkedIn` and `linkedin` are one source, shown as the first note (by path) spells it."""
    root = make_vault(
        tmp_path / "v",
        {
            "contacts/A.md": contact_text("A", outreach_sent=day(-9), source="LinkedIn"),
            "contacts/B.md": contact_text("B", outreach_sent=day(-8), source="linkedin"),
            "contacts/C.md": contact_text("C", outreach_sent=day(-7)),
        },
    )
    groups = stats(root, "--by", "source")["groups"]
    assert [(g["key"], g["funnel"][0]["count"]) for g in groups] == [("LinkedIn", 2), (None, 1)]  # type: ignore[index]


def test_since_and_until_pick_people_by_first_outreach(tmp_path: Path) -> None:
    """Only people first reached out to in the period count; what came of them counts later."""
    root = make_vault(
        tmp_path / "v",
        {
            "contacts/Early.md": contact_text("Early", outreach_sent=day(-60), replied=day(-59)),
            "contacts/Late.md": contact_text("Late", outreach_sent=day(-10), replied=day(-2)),
        },
    )
    data = stats(root, "--since", day(-30).isoformat(), "--until", day(-5).isoformat())
    assert data["funnel"][:2] == [  # type: ignore[index]
        {"stage": "outreach", "count": 1, "rate": None},
        {"stage": "replied", "count": 1, "rate": 1.0},
    ]
    assert data["since"] == day(-30).isoformat() and data["until"] == day(-5).isoformat()


def test_cancelled_interviews_and_paused_people_are_not_meetings_or_replies(tmp_path: Path) -> None:
    """Paused after a nudge is no reply; declined is one; a cancelled call is no meeting."""
    root = make_vault(
        tmp_path / "v",
        {
            "contacts/Paused.md": contact_text(
                "Paused", outreach_sent=day(-40), nudge_sent=day(-33), status="paused"
            ),
            "contacts/Declined.md": contact_text(
                "Declined", outreach_sent=day(-40), status="declined"
            ),
            "contacts/Cancelled.md": contact_text(
                "Cancelled", outreach_sent=day(-40), replied=day(-39)
            ),
            "interviews/c.md": interview_text("Cancelled", date=day(-30), status="cancelled"),
        },
    )
    data = stats(root)
    counts = [s["count"] for s in data["funnel"]]  # type: ignore[union-attr, index]
    assert counts == [3, 2, 0, 0, 0]
    assert data["nudged"] == {"nudged": 1, "replied": 0, "rate": 0.0}
    assert data["interviews"] == 0 and data["actions"] == {"done": 0, "open": 0, "overdue": 0}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-12-01", "--until", "2026-11-01"], "--since 2026-12-01 is after --until"),
        (["--since", "2026-02-30"], "not a real date"),
        (["--by", "colour"], "'colour' is not one of"),
        (["--until", "soon"], "is not a date"),
    ],
)
def test_bad_options_exit_2_with_one_clear_line(
    tmp_path: Path, args: list[str], message: str
) -> None:
    """A period that cannot be, a date that is not one, or an unknown grouping: exit 2."""
    result = run("stats", "--vault", copy_example(tmp_path), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_a_warm_run_decodes_no_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second run on unchanged notes answers from the kept answer, reading no note."""
    root = copy_example(tmp_path)
    first = run("stats", "--vault", root, "--today", EXAMPLE_TODAY, "--by", "source")

    def refuse(*args: object) -> object:
        raise AssertionError("a note was decoded")

    monkeypatch.setattr(db, "decoded", refuse)
    again = run("stats", "--vault", root, "--today", EXAMPLE_TODAY, "--by", "source")
    assert again.exit_code == 0 and again.stdout == first.stdout
    with pytest.raises(AssertionError, match="a note was decoded"):  # the control: not kept
        run("stats", "--vault", root, "--today", EXAMPLE_TODAY, "--by", "tag")


def test_an_edit_is_counted_at_once(tmp_path: Path) -> None:
    """A reply written into a note changes the next answer (the kept one is dropped)."""
    root = copy_example(tmp_path)
    assert stats(root)["funnel"][1]["count"] == 13  # type: ignore[index]
    note = root / "contacts" / "Tomás Herrera.md"
    note.write_text(note.read_text(encoding="utf-8").replace("replied:", "replied: 2026-11-12"))
    assert stats(root)["funnel"][1]["count"] == 14  # type: ignore[index]


def test_stats_never_writes_a_note(
    tmp_path: Path,
) -> None:
    """Without --write-note, every file of the vault is left byte for byte."""
    root = copy_example(tmp_path)
    before = snapshot(root)
    for args in ([], ["--by", "month"], ["--json"]):
        assert run("stats", "--vault", root, *args).exit_code == 0
    assert snapshot(root) == before


def test_broken_notes_are_left_out_and_named(broken_vault: Path) -> None:
    """Notes that cannot be read do not stop the stats; the text says how many were left out."""
    result = run("stats", "--vault", broken_vault, "--today", EXAMPLE_TODAY)
    assert result.exit_code == 0
    assert re.search(r"^\d+ notes could not be read and are left out", result.stdout, re.M)


def vault_executable() -> str:
    return str(Path(sys.executable).parent / "vault")


def test_on_a_terminal_there_is_colour_unless_no_color(tmp_path: Path) -> None:
    """The installed vault colours its bars on a terminal; NO_COLOR and a pipe turn it off."""
    root = copy_example(tmp_path)
    command = [vault_executable(), "stats", "--vault", str(root), "--today", EXAMPLE_TODAY]
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "VAULT_DIR")}
    coloured, code, _ = on_a_terminal(command, "stdout", {**env, "COLUMNS": "80"})
    assert code == 0 and ANSI.search(coloured)
    plain, code, _ = on_a_terminal(command, "stdout", {**env, "COLUMNS": "80", "NO_COLOR": "1"})
    assert code == 0 and not ANSI.search(plain)
    assert ANSI.sub("", coloured) == plain
    piped = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert piped.returncode == 0 and not ANSI.search(piped.stdout)
    assert piped.stdout.replace("\n", "\r\n") == plain


def test_the_installed_vault_prints_json_an_independent_parser_reads(tmp_path: Path) -> None:
    """`vault stats --json` in a real process: exit 0, JSON, the funnel of the example vault."""
    root = copy_example(tmp_path)
    command = [vault_executable(), "stats", "--vault", str(root), "--today", EXAMPLE_TODAY]
    done = subprocess.run([*command, "--json"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert [s["count"] for s in json.loads(done.stdout)["funnel"]] == [17, 13, 10, 5, 1]
    bad = subprocess.run([*command, "--by", "x"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


DOCS = REPO / "docs" / "commands" / "stats.md"


def test_the_docs_page_names_every_option_and_choice(tmp_path: Path) -> None:
    """docs/commands/stats.md has each option, each --by choice and every JSON field the
    command prints."""
    page = DOCS.read_text(encoding="utf-8")
    section = page.split("# `vault stats", 1)[1].split("\n## ", 1)[0]
    options = [o for p in command.params if isinstance(p, click.Option) for o in p.opts]
    missing = [o for o in options if o.startswith("--") and f"`{o}" not in section]
    assert missing == []
    assert re.search(r"^vault stats\b", section, re.M) and "Example: `vault stats" in section
    by = next(p for p in command.params if p.name == "by")
    assert isinstance(by.type, click.Choice)
    assert all(f"--by {choice}" in section for choice in by.type.choices)
    fields = re.findall(r"^\| `([a-z_]+)`", page.split("## JSON", 1)[1], re.M)
    documented = {name for row in fields for name in re.findall(r"[a-z_]+", row)}
    documented |= set(re.findall(r"`([a-z_]+)`", page.split("## JSON", 1)[1]))
    printed = stats(copy_example(tmp_path), "--by", "month")
    groups = printed["groups"]
    assert isinstance(groups, list)
    assert set(printed) | set(groups[0]) <= documented


def test_one_unreadable_note_is_counted_in_the_singular(tmp_path: Path) -> None:
    """The line for notes left out says `1 note ... is left out`, as the report's does."""
    root = make_vault(tmp_path / "v", {"contacts/Bad.md": "---\ntype: contact\nrole: a: b\n---\n"})
    printed = run("stats", "--today", EXAMPLE_TODAY, "--vault", root).stdout
    assert printed.endswith(
        "1 note could not be read and is left out; run `vault check` for details.\n"
    )
