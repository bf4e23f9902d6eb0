"""Every `next:` line of the example vault's report is a command that runs as printed and
resolves its item: each is run on its own copy of example-vault/, and the item is then
gone, or has become the next step (a new cycle, due later, or the let-go after a nudge)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path
from typing import NamedTuple

import pytest
from helpers import EXAMPLE_TODAY, GOLDEN, copy_example, run

# An item as the report prints it: who and what [kind, when], the file, the next step.
_ITEM = re.compile(
    r"^  (?P<person>[^:\n]+): (?P<reason>.+)  \[(?P<kind>[a-z-]+), [^\]]+\]\n"
    r"      (?P<path>.+)\n"
    r"      next: (?P<next>.+)$",
    re.M,
)


class Printed(NamedTuple):
    person: str
    reason: str
    kind: str
    path: str
    commands: list[str]


def printed_items(text: str) -> list[Printed]:
    """The report's items, parsed from its text by their three lines."""
    return [
        Printed(
            m["person"],
            m["reason"],
            m["kind"],
            m["path"],
            m["next"].split(", then "),
        )
        for m in _ITEM.finditer(text)
    ]


# The report as printed from the repository's root (pinned by test_report_golden, and read
# again below from each copy): the items to try, one test each.
REPORT_GOLDEN = GOLDEN / "example-report.txt"
ITEMS = printed_items(REPORT_GOLDEN.read_text(encoding="utf-8"))


def test_every_item_was_read_and_every_step_is_a_command():
    """All 14 items are parsed, and no step asks for a hand edit."""
    assert len(ITEMS) == 14
    for item in ITEMS:
        assert item.commands and all(c.startswith("vault ") for c in item.commands), item


def items_as_of(vault: Path, day: str) -> list[dict[str, object]]:
    result = run("report", "--vault", vault, "--today", day, "--days", "3650", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["items"]
    assert isinstance(found, list)
    return found


def same(item: Printed, found: dict[str, object]) -> bool:
    """The same item: kind, person and file, and for tasks the same task."""
    return (found["kind"], found["person"], found["path"]) == (
        item.kind,
        item.person,
        item.path,
    ) and (item.kind != "action" or found["reason"] == item.reason)


@pytest.mark.parametrize("item", ITEMS, ids=[f"{i.kind}-{i.person}" for i in ITEMS])
def test_each_next_step_runs_and_resolves_its_item(tmp_path: Path, monkeypatch, item: Printed):
    """Run as printed, from where the report ran; then the item is resolved."""
    vault = copy_example(tmp_path)
    monkeypatch.chdir(vault.parent)
    printed = run("report", "--vault", "example-vault", "--today", EXAMPLE_TODAY).stdout
    assert item in printed_items(printed), "the item is in the report as printed here"
    before = [i for i in items_as_of(vault, EXAMPLE_TODAY) if same(item, i)]
    assert before, "and in its JSON"
    for command in item.commands:
        arguments = shlex.split(command)
        assert arguments[0] == "vault" and arguments[-2:] == ["--vault", "example-vault"]
        result = run(*arguments[1:])
        assert result.exit_code == 0, f"{command}: {result.output}"
    if not [i for i in items_as_of(vault, EXAMPLE_TODAY) if same(item, i)]:
        return  # gone
    # Still there on the report's day: recorded today, it moved on from today.
    today = dt.date.today().isoformat()
    later = [i for i in items_as_of(vault, today) if same(item, i)]
    assert all(str(i["due"]) > str(before[0]["due"]) for i in later), later
    if item.kind == "stay-in-touch":
        assert [i["reason"] for i in later] == [
            f"last in touch {today}: send a short update on your progress"
        ]
