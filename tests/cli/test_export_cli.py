"""`vault export` from the command line: broken notes, --out, --strict, wrong options,
and the installed `vault` in a process of its own."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLE_TODAY, copy_example, run, snapshot


@pytest.mark.parametrize("fmt", [("ics",), ("csv", "contacts"), ("csv", "interviews"), ("vcard",)])
def test_broken_notes_are_named_and_the_rest_exported(
    broken_vault: Path, fmt: tuple[str, ...]
) -> None:
    """Every good note is exported, each note left out is named on stderr, exit 0;
    --strict makes it exit 1 with the same output."""
    result = run("export", *fmt, "--vault", broken_vault, "--today", EXAMPLE_TODAY)
    assert result.exit_code == 0, result.output
    left_out = [line for line in result.stderr.splitlines() if line.startswith("left out ")]
    assert "left out contacts/bad yaml.md:4: the properties are not valid YAML" in result.stderr
    assert len(left_out) == 7
    assert "read in part: contacts/impossible dates.md:4: outreach_sent" in result.stderr
    strict = run("export", *fmt, "--strict", "--vault", broken_vault, "--today", EXAMPLE_TODAY)
    assert strict.exit_code == 1
    assert strict.stdout_bytes == result.stdout_bytes


def test_every_good_contact_of_a_broken_vault_is_a_row(broken_vault: Path) -> None:
    """The CSV holds each contact that could be read, and none of the broken ones."""
    listed = run("ls", "contacts", "--json", "--vault", broken_vault).stdout
    result = run("export", "csv", "contacts", "--columns", "path", "--vault", broken_vault)
    paths = [r["path"] for r in csv.DictReader(io.StringIO(result.stdout))]
    assert len(paths) == listed.count('"path"') > 5
    assert "contacts/bad yaml.md" not in paths


def test_out_writes_once_and_only_when_the_content_changed(tmp_path: Path) -> None:
    """--out writes the file; a second run with nothing changed leaves it untouched."""
    example = copy_example(tmp_path)
    target = tmp_path / "Follow-ups.ics"
    args = ("export", "ics", "--out", target, "--vault", example, "--today", EXAMPLE_TODAY)
    first = run(*args)
    assert first.exit_code == 0 and first.stdout == ""
    assert f"wrote {target}" in first.stderr
    before = os.stat(target)
    again = run(*args)
    assert f"{target} is up to date" in again.stderr
    after = os.stat(target)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    stdout = run("export", "ics", "--vault", example, "--today", EXAMPLE_TODAY).stdout_bytes
    assert target.read_bytes() == stdout
    later = run("export", "ics", "--out", target, "--vault", example, "--today", "2026-11-23")
    assert f"wrote {target}" in later.stderr
    assert os.stat(target).st_ino != before.st_ino  # replaced whole, by a rename


def test_out_never_writes_over_a_note(tmp_path: Path) -> None:
    """An --out that names a Markdown file is refused (exit 2) and nothing changes."""
    example = copy_example(tmp_path)
    before = snapshot(example)
    target = example / "contacts" / "Daniel Okafor.md"
    result = run("export", "csv", "contacts", "--out", target, "--vault", example)
    assert result.exit_code == 2
    assert "would write over a Markdown note" in result.output
    assert snapshot(example) == before


@pytest.mark.parametrize("fmt", [("ics",), ("csv", "contacts"), ("vcard",)])
def test_out_never_writes_over_the_vaults_settings(tmp_path: Path, fmt: tuple[str, ...]) -> None:
    """An --out that names the vault's own vault.toml is refused (exit 2) and nothing changes."""
    example = copy_example(tmp_path)
    before = snapshot(example)
    result = run("export", *fmt, "--out", example / "vault.toml", "--vault", example)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "vault.toml" in result.stderr and "settings" in result.stderr
    assert snapshot(example) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("csv",), "needs what to export: contacts or interviews"),
        (("ics", "contacts"), "takes no contacts; only csv does"),
        (("vcard", "--todo"), "--todo is for vault export ics only"),
        (("ics", "--excel"), "--excel is for vault export csv only"),
        (("csv", "contacts", "--v4"), "--v4 is for vault export vcard only"),
        (("csv", "contacts", "--columns", ","), "--columns needs column names"),
        (("pdf",), "Invalid value"),
    ],
)
def test_misused_options_are_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    """Each wrong combination says what is wrong, with no traceback."""
    result = run("export", *args, "--vault", copy_example(tmp_path))
    assert result.exit_code == 2
    assert message in result.output


def test_exporting_never_writes_a_note(tmp_path: Path) -> None:
    """Every format leaves every file of the vault as it was."""
    example = copy_example(tmp_path)
    before = snapshot(example)
    for fmt in (("ics",), ("ics", "--todo"), ("csv", "contacts"), ("vcard", "--v4")):
        assert run("export", *fmt, "--vault", example).exit_code == 0
    assert snapshot(example) == before


def test_calendar_setting_must_be_an_ics_file(tmp_path: Path) -> None:
    """A calendar setting that is not an .ics file name is named in one line (exit 2)."""
    example = copy_example(tmp_path)
    toml = example / "vault.toml"
    toml.write_text('calendar = "Follow-ups.md"\n' + toml.read_text(encoding="utf-8"), "utf-8")
    result = run("export", "ics", "--vault", example)
    assert result.exit_code == 2
    assert "calendar must end in .ics" in result.output


def installed_vault() -> str:
    """The `vault` script installed beside this Python."""
    return str(Path(sys.executable).with_name("vault"))


def test_installed_vault_writes_the_same_calendar_twice(tmp_path: Path) -> None:
    """The installed `vault`, run twice as a process, writes byte-identical calendars."""
    example = copy_example(tmp_path)
    command = [installed_vault(), "export", "ics", "--vault", str(example), "--today", "2026-11-22"]
    runs = [subprocess.run(command, capture_output=True, timeout=120, check=False) for _ in "ab"]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout.startswith(b"BEGIN:VCALENDAR\r\n")
    assert runs[0].stdout.endswith(b"END:VCALENDAR\r\n")
    assert runs[0].stderr == b""
