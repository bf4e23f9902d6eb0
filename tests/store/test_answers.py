"""A day's answer kept in the index is reused only while it is still the answer."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import (
    EXAMPLE_TODAY,
    TODAY,
    contact_text,
    copy_example,
    day,
    interview_text,
    make_vault,
    run,
    write,
)

from vaultkit.core.config import Config, load_config
from vaultkit.core.due import due_on
from vaultkit.core.model import DUE_KINDS as KINDS
from vaultkit.core.report import build_report
from vaultkit.store.db import index_path
from vaultkit.store.index import refresh


def kept_answers(root: Path) -> list[tuple[str, int]]:
    db = sqlite3.connect(index_path(root))
    try:
        return db.execute("SELECT key, length(data) FROM answers").fetchall()
    finally:
        db.close()


def report_json(root: Path, *args: str) -> str:
    result = run("report", "--vault", root, "--today", EXAMPLE_TODAY, "--json", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_second_report_reads_the_kept_answer_and_says_the_same(tmp_path):
    """The first report keeps its answer; the second, from that answer, prints the same bytes."""
    vault = copy_example(tmp_path)
    first = report_json(vault)
    assert len(kept_answers(vault)) == 1
    assert report_json(vault) == first
    text = run("report", "--vault", vault, "--today", EXAMPLE_TODAY)
    assert text.stdout == run("report", "--vault", vault, "--today", EXAMPLE_TODAY).stdout


def test_windows_and_kinds_are_cut_from_the_one_kept_answer(tmp_path):
    """Another --days or --kind gives what the rules give without any kept answer."""
    vault = copy_example(tmp_path)
    report_json(vault)
    cases = [(30, KINDS), (0, KINDS), (7, ("action",)), (400, ("nudge", "prepare"))]
    for days, kinds in cases:
        args = ["--days", str(days)] + [a for k in kinds if kinds != KINDS for a in ("--kind", k)]
        kept = json.loads(report_json(vault, *args))
        uncached, _ = refresh(load_config(vault))
        uncached.answers = None
        assert kept == build_report(uncached, today=TODAY, days=days, kinds=kinds).as_json()
    assert len(kept_answers(vault)) == 1


def test_an_edit_drops_the_kept_answer(tmp_path):
    """After a note changes, the report is worked out again and shows the change."""
    vault = copy_example(tmp_path)
    before = report_json(vault)
    assert "Tomás Herrera" in before
    note = vault / "contacts" / "Tomás Herrera.md"
    note.write_text(note.read_text(encoding="utf-8").replace("replied:", "replied: 2026-11-12"))
    after = report_json(vault)
    assert "Tomás Herrera" not in after


def test_changed_follow_up_settings_are_not_answered_from_the_old_settings(tmp_path):
    """vault.toml's offsets are part of the answer: a new nudge_after moves the nudges."""
    root = make_vault(
        tmp_path / "v", {"contacts/Ann Lee.md": contact_text("Ann Lee", outreach_sent=day(-3))}
    )

    def nudge_due() -> list[str]:
        items = json.loads(report_json(root))["items"]
        return [i["due"] for i in items if i["kind"] == "nudge"]

    assert nudge_due() == [day(4).isoformat()]
    toml = root / "vault.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[follow_up]\nnudge_after = 2\n")
    assert nudge_due() == [day(-1).isoformat()]


def test_the_kept_answer_follows_the_time_of_day(tmp_path):
    """An interview at 15:00 today with no status: planned at 10:00, done (thank-you) at 16:00."""
    root = make_vault(
        tmp_path / "v",
        {
            "contacts/Ann Lee.md": contact_text("Ann Lee", status="scheduled"),
            "interviews/today Ann Lee.md": interview_text("Ann Lee", date=f"{TODAY}T15:00"),
        },
    )
    config = load_config(root)

    def kinds_at(now: dt.time | None) -> list[str]:
        vault, _ = refresh(config)
        return [i.kind for i in due_on(vault, TODAY, now=now).items]

    morning = kinds_at(dt.time(10, 0))
    assert "thank-you" not in morning
    assert "thank-you" in kinds_at(dt.time(16, 0))
    assert kinds_at(dt.time(10, 0)) == morning
    assert "thank-you" in kinds_at(None), "--today means the end of that day"


def test_a_damaged_kept_answer_is_worked_out_again(tmp_path):
    """Garbage in the answers table costs time, never a wrong answer or a traceback."""
    vault = copy_example(tmp_path)
    first = report_json(vault)
    db = sqlite3.connect(index_path(vault))
    with db:
        db.execute("UPDATE answers SET data = ?", (b"\x00garbage",))
    db.close()
    assert report_json(vault) == first


def test_an_answer_from_an_older_generation_is_not_kept(tmp_path):
    """A vault read before another process changed the index does not store its answer."""
    root = make_vault(tmp_path / "v", {"contacts/Ann Lee.md": contact_text("Ann Lee")})
    config = load_config(root)
    stale, _ = refresh(config)
    write(root, "contacts/Bo Chen.md", contact_text("Bo Chen", outreach_sent=day(-10)))
    fresh, _ = refresh(config)
    due_on(stale, TODAY)
    assert kept_answers(root) == []
    assert [i.person for i in due_on(fresh, TODAY).items] == ["Bo Chen"]
    assert len(kept_answers(root)) == 1


OLD_NS = 1_750_000_000 * 10**9  # long ago: files not re-read as just changed


def _age(path: Path, ns: int = OLD_NS) -> None:
    os.utime(path, ns=(ns, ns))


def _rebuild(config: Config) -> None:
    refresh(config, rebuild=True)


def _delete_the_cache(config: Config) -> None:
    shutil.rmtree(config.root / ".vaultkit")
    refresh(config)


@pytest.mark.parametrize("start_over", [_rebuild, _delete_the_cache], ids=["rebuild", "rm-cache"])
def test_an_answer_from_before_the_cache_started_over_is_never_kept(tmp_path, start_over):
    """A slow command that read the notes before a rebuild, or before `rm -rf .vaultkit`,
    cannot leave its answer behind for the new cache."""
    root = make_vault(
        tmp_path / "v", {"contacts/Jane Doe.md": contact_text("Jane Doe", follow_up=day(-12))}
    )
    note = root / "contacts" / "Jane Doe.md"
    _age(note)
    config = load_config(root)
    slow, _ = refresh(config)
    assert slow.contacts  # read before anything changed
    note.write_text(contact_text("Jane Doe", follow_up=day(-2)), encoding="utf-8")
    _age(note)
    start_over(config)
    due_on(slow, TODAY)  # the slow command finishes and offers its answer
    fresh, _ = refresh(config)
    assert [i.due for i in due_on(fresh, TODAY).items] == [day(-2)]


def test_saving_a_note_unchanged_keeps_the_answer(tmp_path):
    """A note saved again with the same content, or a change to a file that is not a note,
    leaves the day's answer in place; after a real change it is an earlier answer, kept
    with the one note changed since."""
    root = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe", follow_up=day(-2)),
            "Plan.md": "# My plan\n",
        },
    )
    for path in root.rglob("*.md"):
        _age(path)
    config = load_config(root)
    due_on(refresh(config)[0], TODAY)
    assert len(kept_answers(root)) == 1
    note = root / "contacts" / "Jane Doe.md"
    note.write_bytes(note.read_bytes())  # saved again, as editors do
    (root / "Plan.md").write_text("# My plan, longer\n", encoding="utf-8")
    vault, stats = refresh(config)
    assert stats.modified == 2
    assert vault.answers is not None and vault.answers.get(_only_key(root)) is not None
    note.write_text(contact_text("Jane Doe", follow_up=day(-3)), encoding="utf-8")
    vault, _ = refresh(config)
    key = _only_key(root)
    assert vault.answers is not None and vault.answers.get(key) is None
    earlier = vault.answers.earlier(key)
    assert earlier is not None and earlier.changed == {"contacts/Jane Doe.md"}
    assert earlier.generations == 1


def _only_key(root: Path) -> str:
    db = sqlite3.connect(index_path(root))
    try:
        (key,) = db.execute("SELECT key FROM answers").fetchone()
    finally:
        db.close()
    return key


def test_answers_for_several_days_are_kept(tmp_path):
    """A report for another day does not push out today's: both are read back."""
    vault = copy_example(tmp_path)
    report_json(vault)
    run("report", "--vault", vault, "--today", "2026-11-23")
    assert len(kept_answers(vault)) == 2
