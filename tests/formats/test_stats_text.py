"""`vault stats` in a terminal: golden files (plain and coloured), bars in eighths that fit
the width, and shares shown as counts when their base is too small.

The golden files are in tests/golden/stats/ (docs/testing.md: updating them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import (
    EXAMPLE_TODAY,
    GOLDEN,
    TODAY,
    check_golden,
    contact,
    copy_example,
    interview,
    run,
)
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.config import FollowUp, load_config
from vaultkit.core.stats import compute, stats_of
from vaultkit.formats.stats_text import (
    EIGHTHS,
    FULL,
    Style,
    bar,
    percent,
    portion,
    render_stats,
)
from vaultkit.store.index import refresh

STATS_GOLDEN = GOLDEN / "stats"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
BLOCKS = set(FULL + EIGHTHS.strip())


def golden(name: str, text: str) -> None:
    """Compare with (or, when updating, write) tests/golden/stats/NAME."""
    check_golden(f"stats/{name}", text)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("stats-text"))


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("example.txt", []),
        ("example-by-source.txt", ["--by", "source"]),
        ("example-october-on.txt", ["--since", "2026-10-01", "--by", "month"]),
    ],
)
def test_plain_text_is_pinned(example: Path, name: str, args: list[str]) -> None:
    """Piped (as CliRunner's output is), the text has no colour and matches its golden file."""
    result = run(
        "stats", "--vault", example, "--today", EXAMPLE_TODAY, *args, env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert not ANSI.search(result.stdout)
    golden(name, result.stdout)


def test_coloured_text_is_pinned(example: Path) -> None:
    """With colour, bars, headings and counts are styled; the text underneath is the same."""
    vault, _ = refresh(load_config(example))
    coloured = render_stats(stats_of(vault, today=TODAY), style=Style(colour=True, width=80))
    golden("example-colour.txt", coloured)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == (STATS_GOLDEN / "example.txt").read_text(encoding="utf-8")


def test_bars_are_aligned_and_scaled(example: Path) -> None:
    """Every bar of the funnel starts in one column, and the longest one is the outreach's."""
    text = (STATS_GOLDEN / "example.txt").read_text(encoding="utf-8")
    funnel = text.split("Funnel\n", 1)[1].split("\n\n", 1)[0].split("\n")
    starts = {line.index(FULL) for line in funnel}
    assert len(starts) == 1
    lengths = [sum(c in BLOCKS for c in line) for line in funnel]
    assert lengths[0] == max(lengths) and lengths == sorted(lengths[:3], reverse=True) + lengths[3:]


@given(value=st.integers(0, 10_000), most=st.integers(1, 10_000), width=st.integers(1, 200))
def test_a_bar_is_as_long_as_its_share(value: int, most: int, width: int) -> None:
    """A bar is its share of `width` to the nearest eighth, full blocks then one partial."""
    value = min(value, most)
    drawn = bar(value, most, width)
    assert len(drawn) <= width
    assert set(drawn[:-1]) <= {FULL}
    eighths = 8 * drawn.count(FULL) + (
        EIGHTHS.index(drawn[-1]) if drawn and drawn[-1] != FULL else 0
    )
    if value == 0:
        assert drawn == ""
    else:
        assert eighths == max(1, round(value * width * 8 / most))


@given(width=st.integers(20, 240))
def test_charts_fit_the_terminal(width: int) -> None:
    """No line of the funnel or the months is wider than the terminal, when it has room."""
    notes = [contact("Ann Lee", outreach_sent="2026-10-01", replied="2026-10-02")]
    talks = [interview("Ann Lee", "2026-10-10")]
    stats = compute(notes, talks, FollowUp(), today=TODAY)
    text = render_stats(stats, style=Style(width=width))
    charts = text.split("Yardsticks")[0] + text.split("Per month")[1]
    widest = max(len(line) for line in charts.split("\n"))
    assert widest <= max(width, 2 + 11 + 2 + 1 + 2 + 8 + 2 + 25)


def test_small_bases_show_counts_and_no_percentage() -> None:
    """Under 5, a share is `n of m`; from 5 on, a percentage; with no base, a dash."""
    assert portion(3, 4) == "3 of 4"
    assert portion(0, 1) == "0 of 1"
    assert portion(3, 5) == "60%"
    assert portion(0, 0) == "-"
    assert percent(0.125) == "13%" and percent(2 / 3) == "67%"


def test_an_empty_vault_says_there_is_nothing_yet(vault: Path) -> None:
    """No outreach and no interview: one sentence, exit 0."""
    result = run("stats", "--vault", vault, "--today", EXAMPLE_TODAY)
    assert result.exit_code == 0
    assert "Nothing to look back on" in result.stdout
