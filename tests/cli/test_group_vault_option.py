"""`vault --vault PATH COMMAND ...`: the vault given before the command, and which one wins."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLE_TODAY, copy_example, make_vault, run

from vaultkit.core.config import CONFIG_NAME

JANE = "---\ntype: contact\nname: Jane Doe\noutreach_sent: 2026-11-01\n---\n# Jane Doe\n"
SAM = "---\ntype: contact\nname: Sam Lee\n---\n# Sam Lee\n"


@pytest.fixture
def two_vaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two vaults, one holding Jane Doe and one Sam Lee, run from a folder in neither."""
    jane = make_vault(tmp_path / "jane", {"contacts/Jane Doe.md": JANE})
    sam = make_vault(tmp_path / "sam", {"contacts/Sam Lee.md": SAM})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return jane, sam


def names(result_stdout: str) -> list[str]:
    """The names `vault ls contacts --json` printed."""
    return [row["name"] for row in json.loads(result_stdout)]


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["index"],
        ["ls", "contacts"],
        ["show", "Jane Doe"],
        ["questions", "Jane Doe"],
        ["report", "--today", "2026-11-22"],
        ["draft", "nudge", "Jane Doe"],
        ["mark", "Jane Doe", "reply", "--date", "2026-11-20"],
        ["new", "interview", "Jane Doe", "--date", "2026-12-01"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_every_command_takes_the_vault_before_it(
    two_vaults: tuple[Path, Path], command: list[str]
) -> None:
    """The group's --vault reaches the command, nested ones (`new interview`) included."""
    jane, _ = two_vaults
    result = run("--vault", jane, *command)
    assert result.exit_code == 0, result.output
    assert "not a vault" not in result.output


def test_before_and_after_give_the_same_answer(two_vaults: tuple[Path, Path]) -> None:
    """`vault --vault P ls` and `vault ls --vault P` print the same thing."""
    jane, _ = two_vaults
    before = run("--vault", jane, "ls", "contacts", "--json")
    after = run("ls", "contacts", "--json", "--vault", jane)
    assert before.stdout == after.stdout
    assert names(before.stdout) == ["Jane Doe"]


def test_the_commands_own_vault_wins(two_vaults: tuple[Path, Path]) -> None:
    """Given both, the --vault after the command is the one used."""
    jane, sam = two_vaults
    result = run("--vault", jane, "ls", "contacts", "--json", "--vault", sam)
    assert names(result.stdout) == ["Sam Lee"]


def test_the_group_option_wins_over_vault_dir(two_vaults: tuple[Path, Path]) -> None:
    """VAULT_DIR is the fallback: an explicit --vault before the command beats it."""
    jane, sam = two_vaults
    result = run("--vault", jane, "ls", "contacts", "--json", env={"VAULT_DIR": str(sam)})
    assert names(result.stdout) == ["Jane Doe"]
    assert names(run("ls", "contacts", "--json", env={"VAULT_DIR": str(sam)}).stdout) == ["Sam Lee"]


def test_a_bad_group_vault_is_one_line(two_vaults: tuple[Path, Path], tmp_path: Path) -> None:
    """A --vault before the command that is not a vault: exit 2, the usual one line."""
    result = run("--vault", tmp_path / "nowhere", "report")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "run `vault init " + str(tmp_path / "nowhere") + "` to make one"
    )
    assert result.stderr.count("\n") == 1


def test_init_makes_the_vault_named_before_it(
    two_vaults: tuple[Path, Path], tmp_path: Path
) -> None:
    """`vault --vault P init` makes P a vault; a PATH given to init itself wins."""
    first, second = tmp_path / "first", tmp_path / "second"
    assert run("--vault", first, "init").exit_code == 0
    assert (first / CONFIG_NAME).is_file()
    assert run("--vault", first, "init", second).exit_code == 0
    assert (second / CONFIG_NAME).is_file()
    assert not (Path.cwd() / CONFIG_NAME).exists()


def test_the_reports_next_steps_carry_the_group_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commands a report suggests name the vault it was given before the command."""
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    text = run("--vault", "example-vault", "report", "--today", EXAMPLE_TODAY).stdout
    steps = [line.split("next: ", 1)[1] for line in text.splitlines() if "next: vault" in line]
    assert steps
    first = steps[0].split(", then ")[0]
    assert first.endswith(" --vault example-vault")
    assert run(*shlex.split(first)[1:]).exit_code == 0


def test_the_installed_command_takes_it(two_vaults: tuple[Path, Path]) -> None:
    """The installed `vault`, as a process: both places work and the later one wins."""
    jane, sam = two_vaults
    vault = Path(sys.executable).with_name("vault")
    both = [str(vault), "--vault", str(jane), "ls", "contacts", "--json", "--vault", str(sam)]
    done = subprocess.run(both, capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert names(done.stdout) == ["Sam Lee"]
    alone = subprocess.run(both[:-2], capture_output=True, text=True, check=False, timeout=60)
    assert names(alone.stdout) == ["Jane Doe"]
