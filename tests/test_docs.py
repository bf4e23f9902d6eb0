"""The README and the commands' help cannot drift from the commands that exist."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from vaultkit.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The command reference: the README's, and the pages of docs/ (one per feature).
REFERENCE = "\n".join(
    [README, *(page.read_text(encoding="utf-8") for page in sorted(ROOT.glob("docs/*.md")))]
)


def leaf_commands(group: click.Group, prefix: str = "vault") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found += leaf_commands(command, full)
        else:
            found.append((full, command))
    return found


COMMANDS = leaf_commands(cli)
HEADINGS = [
    name
    for line in re.findall(r"^### .*$", REFERENCE, re.M)
    for name in re.findall(r"`(vault [^`]*)`", line)
]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    """Each command's help says what it does and shows a real command line."""
    assert command.help, f"{name} has no help"
    assert re.search(rf"Example: {re.escape(name)}\b", command.help), f"{name} help has no example"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_is_in_the_readme(name: str, command: click.Command) -> None:
    """The command reference (README or docs/) has a section and an example for each command."""
    assert any(h == name or h.startswith(name + " ") for h in HEADINGS), f"no section for {name}"
    assert re.search(rf"^{re.escape(name)}\b", REFERENCE, re.M), f"no example line for {name}"


def test_readme_sections_name_only_existing_commands() -> None:
    """Every command the README and docs/ document exists."""
    names = {n for n, _ in COMMANDS}
    for heading in HEADINGS:
        words = heading.split()
        assert any(" ".join(words[:n]) in names for n in (2, 3)), f"README documents {heading}"


def test_quick_start_is_two_commands() -> None:
    """The Quick start is exactly two commands: the main job and the tests."""
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    assert "vault report" in blocks[0] and "example-vault" in blocks[0]
    assert "pytest" in blocks[1]
    assert "pytest" in Path(__file__).resolve().parents[1].joinpath(".ci/run").read_text()
