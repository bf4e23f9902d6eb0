"""The README, the reference in docs/ and the commands' help cannot drift from the code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from vaultkit.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
REFERENCE = DOCS / "commands"  # one page per command, named after it


def leaf_commands(group: click.Group, prefix: str = "vault") -> list[tuple[str, click.Command]]:
    """Every command that does something, by its full name (`vault new contact`)."""
    found = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found += leaf_commands(command, full)
        else:
            found.append((full, command))
    return found


def group_names(group: click.Group, prefix: str = "vault") -> set[str]:
    """The full names of the groups of commands (`vault new`)."""
    names = set()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names |= {f"{prefix} {name}"} | group_names(command, f"{prefix} {name}")
    return names


COMMANDS = leaf_commands(cli)
IDS = [name for name, _ in COMMANDS]
NAMES = {name for name, _ in COMMANDS} | group_names(cli)


def outside_code(text: str) -> Iterator[tuple[int, str]]:
    """Each line of a Markdown text that is not inside a fenced code block, numbered."""
    fence = False
    for number, line in enumerate(text.split("\n")):
        if line.startswith("```"):
            fence = not fence
        elif not fence:
            yield number, line


def headings(text: str) -> list[tuple[int, int, list[str]]]:
    """(line, level, the `vault ...` names in backticks) of each heading."""
    found = []
    for number, line in outside_code(text):
        if match := re.match(r"(#{1,6}) (.*)", line):
            names = re.findall(r"`(vault [^`]*)`", match.group(2))
            found.append((number, len(match.group(1)), names))
    return found


def command_named(heading_name: str) -> str | None:
    """The command a heading's `vault ...` names: its longest prefix that is a command."""
    words = heading_name.split()
    for n in (3, 2):
        if " ".join(words[:n]) in NAMES:
            return " ".join(words[:n])
    return None


def reference(name: str) -> str:
    """A command's section of its page: from its heading to the next as high or for another.

    Empty when the page or the heading is missing.
    """
    page = REFERENCE / f"{name.split()[1]}.md"
    if not page.exists():
        return ""
    lines = page.read_text(encoding="utf-8").split("\n")
    marks = headings("\n".join(lines))
    for i, (start, level, names) in enumerate(marks):
        if name in {command_named(n) for n in names}:
            end = len(lines)
            for line, other_level, other_names in marks[i + 1 :]:
                others = {command_named(n) for n in other_names}
                if other_level <= level or others - {name}:
                    end = line
                    break
            return "\n".join(lines[start:end])
    return ""


def mentions(text: str, word: str) -> bool:
    """Whether the text has this word, not as part of a longer one (`--date` in `--dates`)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=IDS)
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    """Each command's help says what it does and shows a real command line."""
    assert command.help, f"{name} has no help"
    assert re.search(rf"Example: {re.escape(name)}\b", command.help), f"{name} help has no example"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=IDS)
def test_every_command_is_in_the_reference(name: str, command: click.Command) -> None:
    """Each command has a section in its docs/commands/ page, with an example line."""
    section = reference(name)
    assert section, f"no section for {name} in docs/commands/{name.split()[1]}.md"
    assert re.search(rf"^{re.escape(name)}\b", section, re.M), f"no example line for {name}"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=IDS)
def test_every_option_is_in_the_reference(name: str, command: click.Command) -> None:
    """Each option a command takes, by its long name, is in that command's section."""
    section = reference(name)
    options = [p for p in command.params if isinstance(p, click.Option)]
    long_names = [o for p in options for o in p.opts + p.secondary_opts if o.startswith("--")]
    missing = [o for o in long_names if not mentions(section, o)]
    assert not missing, f"{name}: {', '.join(missing)} not in its reference"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=IDS)
def test_every_choice_is_in_the_reference(name: str, command: click.Command) -> None:
    """Each value a command's arguments and options choose from is in its section."""
    section = reference(name)
    types = [p.type for p in command.params if isinstance(p.type, click.Choice)]
    choices = [str(choice) for kind in types for choice in kind.choices]
    missing = [choice for choice in choices if not mentions(section, choice)]
    assert not missing, f"{name}: {', '.join(missing)} not in its reference"


def test_reference_names_only_existing_commands() -> None:
    """Every page under docs/commands/ and every command its headings name exists."""
    tops = {name.split()[1] for name in NAMES}
    for page in sorted(REFERENCE.glob("*.md")):
        assert page.name == "README.md" or page.stem in tops, f"{page.name}: no such command"
        for _, _, names in headings(page.read_text(encoding="utf-8")):
            for heading_name in names:
                assert command_named(heading_name), f"{page.name} documents {heading_name}"


def test_quick_start_is_two_commands() -> None:
    """The Quick start is exactly two commands: the main job and the tests."""
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    assert "vault report" in blocks[0] and "example-vault" in blocks[0]
    assert "pytest" in blocks[1]
    assert "pytest" in ROOT.joinpath(".ci/run").read_text()


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings."""
    text = page.read_text(encoding="utf-8")
    return {slug(line.lstrip("#")) for _, line in outside_code(text) if line.startswith("#")}


MARKDOWN = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


@pytest.mark.parametrize("page", MARKDOWN, ids=[str(p.relative_to(ROOT)) for p in MARKDOWN])
def test_links_lead_somewhere(page: Path) -> None:
    """Every relative link in the README and docs/ names a file, and a heading, that exist."""
    text = "\n".join(line for _, line in outside_code(page.read_text(encoding="utf-8")))
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.name} links to {target}: no such file"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{page.name} links to {target}: no such heading"
