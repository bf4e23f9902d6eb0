"""The dashboard note: `vault report --write-dashboard`, its bytes, and where it may be written.

Its bytes are pinned in tests/golden/example-dashboard.md (docs/testing.md says how to update).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import Result
from helpers import EXAMPLE_VAULT, check_golden, copy_example, run

from vaultkit.core.config import load_config
from vaultkit.errors import VaultError
from vaultkit.formats.dashboard import MARK, write_dashboard
from vaultkit.store import atomic
from vaultkit.store.index import refresh

TODAY = "2026-11-22"
SETTING = 'dashboard = "Follow-ups.md"\n'


def with_dashboard(root: Path, setting: str = SETTING) -> Path:
    toml = root / "vault.toml"
    toml.write_text(setting + toml.read_text(encoding="utf-8"), encoding="utf-8")
    return root


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of example-vault/ with the dashboard set."""
    return with_dashboard(copy_example(tmp_path))


def report_to_dashboard(root: Path, *args: str) -> Result:
    return run("report", "--vault", root, "--today", TODAY, "--write-dashboard", *args)


def test_example_dashboard_is_pinned(example: Path):
    """The example vault's dashboard on 2026-11-22 matches the golden file byte for byte."""
    result = report_to_dashboard(example)
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote Follow-ups.md\n"
    check_golden("example-dashboard.md", (example / "Follow-ups.md").read_bytes())


def test_links_every_person_and_every_note_to_open(example: Path):
    """Each due item names its person as a [[wikilink]], and the interview to open if any."""
    report_to_dashboard(example)
    text = (example / "Follow-ups.md").read_text(encoding="utf-8")
    report = run("report", "--vault", example, "--today", TODAY, "--json")
    items = json.loads(report.stdout)["items"]
    bullets = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(bullets) == len(items)
    for item, line in zip(items, bullets, strict=True):
        assert line.startswith(f"- **[[{item['person']}]]** — {item['reason']} · ")
        if item["path"].startswith("interviews/"):
            assert line.endswith(f" · [[{Path(item['path']).stem}]]")


def test_says_it_is_generated(example: Path):
    """The note carries a line saying vault generates it and edits are overwritten."""
    report_to_dashboard(example)
    lines = (example / "Follow-ups.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Follow-ups"
    assert lines[2].startswith(f"{MARK} from the notes in this vault, as of {TODAY}.")
    assert "Do not edit it" in lines[2]


def test_written_only_when_its_content_changes(example: Path):
    """A second run with nothing changed leaves the file alone, down to its inode and time."""
    report_to_dashboard(example)
    dashboard = example / "Follow-ups.md"
    before = dashboard.stat()
    result = report_to_dashboard(example)
    assert result.stderr == "Follow-ups.md is up to date\n"
    after = dashboard.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    (example / "contacts" / "Sofia Rossi.md").unlink()
    assert report_to_dashboard(example).stderr == "wrote Follow-ups.md\n"
    assert 'no contact note: vault new contact "Sofia Rossi"' in dashboard.read_text("utf-8")


def test_same_bytes_on_every_machine(example: Path, tmp_path: Path):
    """Another copy (other file times, other folder) and other report options: same bytes."""
    report_to_dashboard(example)
    other = shutil.copytree(example, tmp_path / "elsewhere" / "vault")
    (other / "Follow-ups.md").unlink()
    for number, path in enumerate(sorted(other.rglob("*.md"))):
        os.utime(path, ns=(number * 10**9, number * 10**9))
    result = report_to_dashboard(other, "--days", "30", "--kind", "nudge", "--json")
    assert json.loads(result.stdout)["today"] == TODAY  # stdout stays clean JSON
    assert (other / "Follow-ups.md").read_bytes() == (example / "Follow-ups.md").read_bytes()


def test_dashboard_is_not_read_as_a_note(example: Path):
    """Writing the dashboard changes no answer: it has no type, so it is one more other note."""
    check_before = json.loads(run("check", "--vault", example, "--json").stdout)
    contacts_before = run("ls", "contacts", "--vault", example, "--json").stdout
    report_before = run("report", "--vault", example, "--today", TODAY, "--json").stdout
    report_to_dashboard(example)
    check_after = json.loads(run("check", "--vault", example, "--json").stdout)
    assert check_after == {**check_before, "other_notes": check_before["other_notes"] + 1}
    assert run("ls", "contacts", "--vault", example, "--json").stdout == contacts_before
    assert run("report", "--vault", example, "--today", TODAY, "--json").stdout == (report_before)


def test_lists_notes_that_could_not_be_read(example: Path):
    """A note left with git conflict markers is named with its line, linked for Obsidian."""
    note = example / "contacts" / "Grace Liu.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(
        text.replace(
            "status: met\n", "<<<<<<< HEAD\nstatus: met\n=======\nstatus: paused\n>>>>>>> x\n"
        )
    )
    line = text.splitlines().index("status: met") + 1
    report_to_dashboard(example)
    dashboard = (example / "Follow-ups.md").read_text(encoding="utf-8")
    assert "## Notes that could not be read (1)" in dashboard
    assert (
        f"- [[Grace Liu]] (contacts/Grace Liu.md, line {line}): "
        "merge conflict: open and keep one side"
    ) in dashboard


def test_in_a_folder_that_does_not_exist_yet(tmp_path: Path):
    """A dashboard in a subfolder creates the folder."""
    root = with_dashboard(
        shutil.copytree(EXAMPLE_VAULT, tmp_path / "v"), 'dashboard = "Home/Due now.md"\n'
    )
    result = report_to_dashboard(root)
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote Home/Due now.md\n"
    assert MARK in (root / "Home" / "Due now.md").read_text(encoding="utf-8")


def test_never_overwrites_a_note_it_did_not_write(example: Path):
    """A note of the user's at the dashboard's name is left byte for byte: exit 2, one line."""
    mine = example / "Follow-ups.md"
    mine.write_bytes(b"# My own follow-ups\n\n- call mum\n")
    result = report_to_dashboard(example)
    assert result.exit_code == 2
    assert re.fullmatch(
        r"vault: .*Follow-ups\.md exists and was not written by vault; .*\n", result.stderr
    )
    assert mine.read_bytes() == b"# My own follow-ups\n\n- call mum\n"


def test_a_failed_write_leaves_the_old_dashboard(example: Path, monkeypatch: pytest.MonkeyPatch):
    """A write that fails half-way leaves the previous dashboard whole, and no temp file."""
    report_to_dashboard(example)
    dashboard = example / "Follow-ups.md"
    old = dashboard.read_bytes()
    (example / "contacts" / "Sofia Rossi.md").unlink()

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    vault, _ = refresh(load_config(example))
    with pytest.raises(VaultError, match=r"cannot be written .*; the file is unchanged"):
        write_dashboard(vault, dt.date(2026, 11, 22))
    assert dashboard.read_bytes() == old
    assert sorted(p.name for p in example.iterdir() if p.name.startswith(".Follow")) == []


def test_without_the_setting(tmp_path: Path):
    """--write-dashboard with no dashboard in vault.toml: one line saying what to add, exit 2."""
    root = shutil.copytree(EXAMPLE_VAULT, tmp_path / "v")
    result = report_to_dashboard(root)
    assert result.exit_code == 2
    assert result.stderr == (
        'vault: no dashboard is set; add a line like dashboard = "Follow-ups.md" '
        "at the top of vault.toml, before the first [section]\n"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"/tmp/Follow-ups.md"', "must be a note inside the vault"),
        ('"../Follow-ups.md"', "must be a note inside the vault"),
        ('"Follow-ups"', "must end in .md"),
        ('".obsidian/Follow-ups.md"', "must not be in a hidden folder"),
        ("42", "must be a note name in quotes"),
        ('""', "must be a note name in quotes"),
    ],
)
def test_bad_dashboard_setting(tmp_path: Path, value: str, message: str):
    """A dashboard setting that is not a note inside the vault stops with one line, exit 2."""
    root = with_dashboard(shutil.copytree(EXAMPLE_VAULT, tmp_path / "v"), f"dashboard = {value}\n")
    result = run("report", "--vault", root)
    assert result.exit_code == 2
    assert result.stderr.startswith("vault: ") and result.stderr.count("\n") == 1
    assert f"vault.toml: dashboard {message}" in result.stderr


def test_default_settings_mention_the_dashboard(tmp_path: Path):
    """`vault init` writes the setting commented out, so nothing is written until asked."""
    run("init", tmp_path / "new")
    text = (tmp_path / "new" / "vault.toml").read_text(encoding="utf-8")
    assert '# dashboard = "Follow-ups.md"' in text
    assert load_config(tmp_path / "new").dashboard is None
    with pytest.raises(VaultError):
        write_dashboard(refresh(load_config(tmp_path / "new"))[0], dt.date(2026, 11, 22))
