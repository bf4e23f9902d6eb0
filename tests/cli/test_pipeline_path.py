"""The tool's own path keeps its promise, through the installed `vault`: a contact made by
`vault` and moved on by `vault` gets its stay-in-touch reminder, and the same story written
by hand, as Obsidian would (no mark, no status edits), gives the same report."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from test_installed import run, vault_executable

NAME = "Dr. Emily Carter"
FILE = f"contacts/{NAME}.md"
INTERVIEW = f"interviews/2026-09-10 {NAME}.md"
REPORT_DAY = "2027-03-01"


@pytest.fixture(scope="module")
def vault_bin() -> str:
    return vault_executable()


def vault(vault_bin: str, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`vault ARGS... --vault ROOT` in a subprocess; it must succeed."""
    result = run(vault_bin, *args, "--vault", root)
    assert result.returncode == 0, f"vault {' '.join(args)}: {result.stdout}{result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def report(vault_bin: str, root: Path) -> dict[str, object]:
    """The report on REPORT_DAY, read back as JSON."""
    data = json.loads(vault(vault_bin, root, "report", "--today", REPORT_DAY, "--json").stdout)
    assert isinstance(data, dict)
    return data


def by_vault(vault_bin: str, root: Path) -> Path:
    """new contact, outreach, reply, new interview, thank-you: every step a command."""
    assert run(vault_bin, "init", root).returncode == 0
    vault(vault_bin, root, "new", "contact", NAME)
    vault(vault_bin, root, "mark", NAME, "outreach", "--date", "2026-09-01")
    vault(vault_bin, root, "mark", "dr emily carter", "reply", "--date", "2026-09-03")
    vault(vault_bin, root, "new", "interview", NAME, "--date", "2026-09-10")
    vault(vault_bin, root, "mark", NAME, "thank-you", "--date", "2026-09-11")
    return root


def by_hand(vault_bin: str, root: Path) -> Path:
    """The same story as Obsidian writes it: the note from the template, dates typed into
    its properties, an interview note made by hand; the status line is never touched."""
    assert run(vault_bin, "init", root).returncode == 0
    vault(vault_bin, root, "new", "contact", NAME)
    note = root / FILE
    text = note.read_text(encoding="utf-8")
    text = text.replace("outreach_sent:\n", "outreach_sent: 2026-09-01\n")
    text = text.replace("replied:\n", "replied: 2026-09-03\n")
    note.write_text(text, encoding="utf-8")
    (root / INTERVIEW).write_text(
        "---\n"
        "type: interview\n"
        f'contact: "[[{NAME}]]"\n'
        "date: 2026-09-10\n"
        "thank_you_sent: 2026-09-11\n"
        "---\n"
        "## Questions\n\n- What surprised you most in your first year?\n"
        "- What would you tell someone starting now?\n- Who else should I talk to?\n",
        encoding="utf-8",
    )
    return root


def test_the_vault_path_gets_its_stay_in_touch_reminder(vault_bin: str, tmp_path: Path):
    """Cadence (90) days after the last real contact, the thank-you of 2026-09-11; the note
    was created today, which is no contact at all."""
    root = by_vault(vault_bin, tmp_path / "v")
    items = report(vault_bin, root)["items"]
    assert items == [
        {
            "kind": "stay-in-touch",
            "person": NAME,
            "due": "2026-12-10",
            "days_overdue": 81,
            "bucket": "overdue",
            "path": FILE,
            "reason": "last in touch 2026-09-11: send a short update on your progress",
        }
    ]
    text = (root / FILE).read_text(encoding="utf-8")
    assert "status: met\n" in text, "mark moved the status line on with the facts"
    assert f"created: {dt.date.today().isoformat()}\n" in text
    assert text.endswith("## Log\n"), "creating the note wrote no log line"


def test_the_same_story_by_hand_gives_the_same_report(vault_bin: str, tmp_path: Path):
    """Written as Obsidian would, with `status: prospect` left as it was: the same items."""
    made = by_vault(vault_bin, tmp_path / "made")
    typed = by_hand(vault_bin, tmp_path / "typed")
    assert "status: prospect\n" in (typed / FILE).read_text(encoding="utf-8")
    assert report(vault_bin, typed) == report(vault_bin, made)
    for root in (made, typed):
        listed = vault(vault_bin, root, "ls", "contacts", "--json", "--today", REPORT_DAY)
        assert [row["status"] for row in json.loads(listed.stdout)] == ["met"]
    shown = vault(vault_bin, typed, "show", NAME, "--today", REPORT_DAY).stdout
    assert "  status: met (the note says prospect; `vault mark` moves it on)" in shown


def test_a_note_made_by_the_old_template_is_not_in_touch(vault_bin: str, tmp_path: Path):
    """The `- DATE added` line vaultkit 0.1 wrote gives no reminder on its own."""
    root = tmp_path / "old"
    assert run(vault_bin, "init", root).returncode == 0
    (root / FILE).write_text(
        f"---\ntype: contact\nname: {NAME}\nstatus: met\n---\n# {NAME}\n\n## Log\n\n"
        "- 2026-09-01 added, referred by [[Sam Lee]]\n",
        encoding="utf-8",
    )
    kinds = {item["kind"] for item in report(vault_bin, root)["items"]}  # type: ignore[union-attr]
    assert "stay-in-touch" not in kinds
