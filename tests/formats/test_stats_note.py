"""The stats note: `vault stats --write-note`, its bytes, its Mermaid charts, and where it
may be written.

The golden file is tests/golden/stats/example-note.md (docs/testing.md: updating it).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import EXAMPLE_TODAY, TODAY, check_golden, copy_example, run

from vaultkit.core.config import load_config
from vaultkit.errors import VaultError
from vaultkit.formats import stats_note
from vaultkit.formats.stats_note import MARK, write_stats_note
from vaultkit.store import atomic
from vaultkit.store.index import refresh

SETTING = 'stats = "Looking back/Stats.md"\n'
NOTE = "Looking back/Stats.md"


def with_stats(root: Path, setting: str = SETTING) -> Path:
    toml = root / "vault.toml"
    toml.write_text(setting + toml.read_text(encoding="utf-8"), encoding="utf-8")
    return root


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of example-vault/ with the stats note set."""
    return with_stats(copy_example(tmp_path))


def write(root: Path, *args: str) -> tuple[int, str, str]:
    result = run("stats", "--vault", root, "--today", EXAMPLE_TODAY, "--write-note", *args)
    return result.exit_code, result.stdout, result.stderr


def mermaid_blocks(text: str) -> list[list[str]]:
    return [b.split("\n")[:-1] for b in re.findall(r"^```mermaid\n(.*?)^```$", text, re.M | re.S)]


def test_example_note_is_pinned(example: Path) -> None:
    """The example vault's stats note on 2026-11-22 matches the golden file byte for byte."""
    code, _, errors = write(example)
    assert code == 0 and errors == f"wrote {NOTE}\n"
    check_golden("stats/example-note.md", (example / NOTE).read_bytes())


def test_the_note_is_written_only_when_it_changes(example: Path) -> None:
    """A second run leaves the file alone; an edit to a note makes it written again."""
    write(example)
    path = example / NOTE
    before = path.stat().st_mtime_ns
    code, _, errors = write(example)
    assert code == 0 and errors == f"{NOTE} is up to date\n"
    assert path.stat().st_mtime_ns == before
    contact = example / "contacts" / "Tomás Herrera.md"
    contact.write_text(
        contact.read_text(encoding="utf-8").replace("replied:", "replied: 2026-11-12")
    )
    code, _, errors = write(example)
    assert errors == f"wrote {NOTE}\n"
    assert "| replied | 14 |" in path.read_text(encoding="utf-8")


def test_the_note_depends_only_on_the_notes_and_the_day(example: Path, tmp_path: Path) -> None:
    """Two vaults with the same notes, written at different times, give the same bytes."""
    write(example)
    other = with_stats(copy_example(tmp_path / "other"))
    os.utime(other / "contacts" / "Maya Chen.md", (1, 1))
    write(other)
    assert (other / NOTE).read_bytes() == (example / NOTE).read_bytes()


def test_a_note_the_tool_did_not_write_is_never_replaced(example: Path) -> None:
    """An existing note without the tool's mark stays byte for byte; exit 2, one line."""
    path = example / NOTE
    path.parent.mkdir()
    path.write_bytes(b"# My own stats\n\nHand-made.\n")
    code, _, errors = write(example)
    assert code == 2
    assert errors.startswith(f"vault: {path} exists and was not written by vault")
    assert errors.count("\n") == 1
    assert path.read_bytes() == b"# My own stats\n\nHand-made.\n"


def test_a_failed_write_leaves_the_old_note(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The note is written atomically: when writing fails, the old bytes stay."""
    write(example)
    path = example / NOTE
    old = path.read_bytes()
    contact = example / "contacts" / "Tomás Herrera.md"
    contact.write_text(
        contact.read_text(encoding="utf-8").replace("replied:", "replied: 2026-11-12")
    )

    def broken(target: Path, data: bytes, *, exclusive: bool = False) -> None:
        raise VaultError(f"{target}: cannot be written (disk full); the file is unchanged")

    monkeypatch.setattr(atomic, "write_atomic", broken)
    vault, _ = refresh(load_config(example))
    with pytest.raises(VaultError):
        write_stats_note(vault, TODAY)
    assert path.read_bytes() == old


def test_without_a_setting_the_note_is_refused_with_the_line_to_add(tmp_path: Path) -> None:
    """No stats setting: exit 2 and the vault.toml line that sets one; the stats still print."""
    root = copy_example(tmp_path)
    code, out, errors = write(root)
    assert code == 2
    assert errors == f"vault: {stats_note.NOT_SET}\n"
    assert out.startswith("Looking back")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('stats = "Stats.txt"\n', "stats must end in .md"),
        ('stats = "../Stats.md"\n', "stats must be a note inside the vault"),
        ("stats = 3\n", "stats must be a note name in quotes"),
        ('stats = ".hidden/Stats.md"\n', "must not be in a hidden folder"),
        (
            'dashboard = "Same.md"\nstats = "Same.md"\n',
            "stats and dashboard must name two different notes",
        ),
    ],
)
def test_a_bad_setting_is_named(tmp_path: Path, setting: str, message: str) -> None:
    """A stats setting that cannot be used stops the command with a line naming it."""
    root = with_stats(copy_example(tmp_path), setting)
    result = run("stats", "--vault", root, "--today", EXAMPLE_TODAY)
    assert result.exit_code == 2
    assert message in result.stderr and "vault.toml" in result.stderr


# The grammar the note keeps to: Mermaid's flowchart and xychart parsers (flow.jison and
# xychart.jison) of 10.6.1, 11.4.1 and 11.13.0, the versions Obsidian has shipped since
# 2024, all read these lines the same way.
NODE = re.compile(r'^    (outreach|replied|met|referred|offer)\["[a-z ]+: \d+"\]$')
EDGE = re.compile(
    r'^    (outreach|replied|met) -->\|"(\d+%|\d+ of \d+|none yet)"\| (replied|met|referred|offer)$'
)
NUMBERS = r"\[\d+(?:, \d+)*\]"
XYCHART = [
    re.compile(r"^xychart-beta$"),
    re.compile(r'^    title "[^"]+"$'),
    re.compile(r'^    x-axis \["\d{4}-\d{2}"(?:, "\d{4}-\d{2}")*\]$'),
    re.compile(r'^    y-axis "[^"]+" 0 --> [1-9]\d*$'),
    re.compile(rf"^    bar {NUMBERS}$"),
    re.compile(rf"^    line {NUMBERS}$"),
]


def test_the_charts_keep_to_the_mermaid_grammar_obsidian_ships(example: Path) -> None:
    """A flowchart of the five stages and an xychart of the months, in lines Mermaid reads."""
    write(example)
    flowchart, xychart = mermaid_blocks((example / NOTE).read_text(encoding="utf-8"))
    assert flowchart[0] == "flowchart LR"
    assert [line for line in flowchart[1:] if not NODE.match(line) and not EDGE.match(line)] == []
    assert len(flowchart) == 1 + 5 + 4
    assert len(xychart) == len(XYCHART)
    for pattern, line in zip(XYCHART, xychart, strict=True):
        assert pattern.match(line), line
    months = re.findall(r'"(\d{4}-\d{2})"', xychart[2])
    bars = re.findall(r"\d+", xychart[4])
    assert len(months) == len(bars) == len(re.findall(r"\d+", xychart[5])) == 9


def test_text_from_the_notes_never_reaches_a_chart(tmp_path: Path) -> None:
    """A source with quotes, pipes and brackets shows in a table cell, escaped, not in Mermaid."""
    root = with_stats(copy_example(tmp_path))
    note = root / "contacts" / "Grace Liu.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("source: alumni network", "source: 'a \"b\" | [[c]]'"))
    write(root)
    written = (root / NOTE).read_text(encoding="utf-8")
    assert '| a "b" \\| [[c]] |' in written
    assert all('"b"' not in line for block in mermaid_blocks(written) for line in block)


def test_the_note_is_marked_as_generated(example: Path) -> None:
    """The note says it is generated, as the dashboard does, so it can be written again."""
    write(example)
    lines = (example / NOTE).read_text(encoding="utf-8").split("\n")
    assert lines[0] == "# Looking back"
    assert lines[2].startswith(f"{MARK} from the notes in this vault, up to {EXAMPLE_TODAY}.")
