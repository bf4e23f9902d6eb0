"""One answer to "which interviews are this person's", for every command that asks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from helpers import contact_text, interview_text, link, make_vault, run

from vaultkit.core.config import load_config
from vaultkit.core.rules import Facts
from vaultkit.store.index import load_vault

TODAY = dt.date(2026, 11, 22)


def _vault(tmp_path: Path) -> Path:
    """Sam Lee with a dated, an undated and a timed interview; two people answer to "Lee"."""
    return make_vault(
        tmp_path / "v",
        {
            "contacts/Sam Lee.md": contact_text("Sam Lee"),
            "contacts/Ann Lee.md": contact_text("Ann Lee", aliases=["Lee"]),
            "contacts/Bo Lee.md": contact_text("Bo Lee", aliases=["Lee"]),
            "interviews/late.md": interview_text("Sam Lee", date="2026-11-10T15:00"),
            "interviews/early.md": interview_text("Sam Lee", date="2026-11-10"),
            "interviews/first.md": interview_text("Sam Lee", date="2026-10-01"),
            "interviews/undated.md": interview_text("Sam Lee"),
            "interviews/ambiguous.md": interview_text("Lee", date="2026-11-01"),
        },
    )


def test_oldest_first_undated_last_and_untimed_before_timed(tmp_path: Path) -> None:
    """A person's interviews run by date, a day's untimed one before its timed one, undated last."""
    vault = load_vault(load_config(_vault(tmp_path)))
    sam = vault.names().resolve("Sam Lee")
    paths = [i.path for i in vault.interviews_of(sam)]
    assert paths == [
        "interviews/first.md",
        "interviews/early.md",
        "interviews/late.md",
        "interviews/undated.md",
    ]


def test_an_ambiguous_link_is_nobodys_interview(tmp_path: Path) -> None:
    """[[Lee]] names two people, so neither gets the interview until the names differ."""
    vault = load_vault(load_config(_vault(tmp_path)))
    for name in ("Ann Lee", "Bo Lee"):
        assert vault.interviews_of(vault.names().resolve(name)) == []


def test_the_vault_and_the_rules_agree(tmp_path: Path) -> None:
    """Vault.interviews_of (mark, draft, new interview, questions) equals the rules' answer."""
    vault = load_vault(load_config(_vault(tmp_path)))
    facts = Facts(vault.contacts, vault.interviews, vault.config.follow_up, TODAY)
    for contact in vault.contacts:
        assert vault.interviews_of(contact) == facts.interviews_of(contact)


def test_show_questions_and_mark_pick_the_same_latest_done_interview(tmp_path: Path) -> None:
    """show and questions list the same interviews; mark thank-you marks the last done one."""
    root = _vault(tmp_path)
    shown = json.loads(run("show", "Sam Lee", "--json", "--vault", root).output)
    asked = json.loads(
        run("questions", "Sam Lee", "--json", "--today", "2026-11-22", "--vault", root).output
    )
    expected = [
        "interviews/first.md",
        "interviews/early.md",
        "interviews/late.md",
        "interviews/undated.md",
    ]
    assert [i["path"] for i in shown["interviews"]] == expected
    assert [a["path"] for a in asked["asked"]] == expected
    marked = run("mark", "Sam Lee", "thank-you", "--date", "2026-11-22", "--vault", root)
    assert marked.exit_code == 0, marked.output
    assert marked.output.startswith("interviews/late.md: thank_you_sent: 2026-11-22")
    assert link("Sam Lee") in (root / "interviews" / "late.md").read_text()
