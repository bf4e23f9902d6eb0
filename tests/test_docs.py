"""The README, the reference in docs/ and the commands' help cannot drift from the code."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vaultkit.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
REFERENCE = DOCS / "commands"  # one page per command, named after it
README_LIMIT = 15_000  # bytes: the README is a newcomer's page, the reference is in docs/
WEEK_HOME = "/home/alex"  # the home folder the README's week shows


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


def test_readme_is_short() -> None:
    """The README stays a newcomer's page: under 15 KB, the reference lives in docs/."""
    size = len(README.encode("utf-8"))
    assert size < README_LIMIT, f"README.md is {size} bytes; move reference to docs/"


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


def test_readme_links_every_docs_page() -> None:
    """The README leads to each page of docs/ (the command pages through their index)."""
    pages = [*sorted(DOCS.glob("*.md")), REFERENCE / "README.md"]
    for page in pages:
        link = page.relative_to(ROOT).as_posix()
        assert f"]({link})" in README, f"README.md does not link to {link}"


def section_of(text: str, heading: str) -> str:
    """The text under a `## ` heading, up to the next one outside code blocks."""
    lines = text.split("\n")
    starts = [n for n, line in outside_code(text) if line.startswith("## ")]
    start = next(n for n in starts if lines[n] == heading)
    end = next((n for n in starts if n > start), len(lines))
    return "\n".join(lines[start:end])


def blocks(section: str) -> Iterator[tuple[str, str, str]]:
    """(the prose before it, language, body) of each fenced code block."""
    done = 0
    for match in re.finditer(r"^```(\w*)\n(.*?)^```", section, re.M | re.S):
        yield section[done : match.start()], match.group(1), match.group(2)
        done = match.end()


def shown_commands(body: str, language: str) -> Iterator[tuple[str, str | None]]:
    """Each command line of a block, with the output shown under it (console blocks only)."""
    if language == "sh":
        for line in body.splitlines():
            if line.strip() and not line.startswith("#"):
                yield line, None
        return
    command, output = None, []
    for line in body.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield command, "\n".join(output)
            command, output = line[2:], []
        else:
            output.append(line)
    if command is not None:
        yield command, "\n".join(output)


def edit_key(line: str) -> tuple[str, str] | None:
    """What a line of a hand edit replaces: the task with that text, or that property."""
    if task := re.match(r"- \[[ xX]\] (.*)", line):
        return ("task", task.group(1))
    if prop := re.match(r"([A-Za-z_][\w-]*)\s*[:=]", line):
        return ("property", prop.group(1))
    return None


def apply_edit(folder: Path, prose: str, block: str) -> None:
    """Make a hand edit the README's week shows, in the file its prose names last.

    A heading (`## Insights`, `[me]`) is found in the file; a property or task line
    replaces the one with the same key at or after it; any other line goes below it.
    """
    files = [name for name in re.findall(r"`([^`]+)`", prose) if (folder / name).is_file()]
    assert files, f"a hand edit must follow a sentence naming its file:\n{block}"
    path = folder / files[-1]
    lines = path.read_text(encoding="utf-8").split("\n")
    at = -1
    for new in block.splitlines():
        if not new.strip():
            continue
        if new.startswith(("#", "[")):
            assert new in lines, f"{files[-1]} has no line {new!r}"
            at = lines.index(new)
            continue
        key = edit_key(new)
        same = [n for n, old in enumerate(lines) if n > at and key and edit_key(old) == key]
        if same:
            at = same[0]
            lines[at] = new
        else:
            assert at >= 0, f"{new!r} has no heading to go under in {files[-1]}"
            at += 1
            lines.insert(at, new)
    path.write_text("\n".join(lines), encoding="utf-8")


def step(words: list[str]) -> str:
    """Which step of the workflow a command line is: `new contact`, `mark reply`, `report`."""
    if words[0] == "new":
        return f"new {words[1]}"
    if words[0] == "mark":
        return f"mark {words[2]}"
    return words[0]


def test_the_week_runs_on_a_fresh_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands of "A week with vault" run in order on a fresh vault and print what it shows."""
    home = tmp_path.resolve()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("VAULT_DIR", raising=False)
    monkeypatch.chdir(home)
    runner = CliRunner()
    ran = []
    for prose, language, body in blocks(section_of(README, "## A week with vault")):
        if language not in ("console", "sh"):
            apply_edit(Path.cwd(), prose, body)
            continue
        for command, shown in shown_commands(body, language):
            words = [os.path.expanduser(word) for word in shlex.split(command)]
            if words[0] == "cd":
                monkeypatch.chdir(words[1])
                continue
            assert words[0] == "vault", f"the week shows only vault and cd: {command}"
            result = runner.invoke(cli, words[1:])
            assert result.exception is None or isinstance(result.exception, SystemExit), command
            assert result.exit_code == 0, f"{command}\n{result.output}"
            if shown is not None:
                printed = result.output.replace(str(home), WEEK_HOME).rstrip("\n")
                assert printed == shown.rstrip("\n"), f"{command} prints otherwise:\n{printed}"
            ran.append(step(words[1:]))
    workflow = {"init", "new contact", "new interview", "report", "draft"}
    workflow |= {f"mark {event}" for event in ("outreach", "nudge", "reply", "thank-you")}
    assert workflow <= set(ran), f"the week leaves out {sorted(workflow - set(ran))}"
