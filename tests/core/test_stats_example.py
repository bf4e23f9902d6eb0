"""`vault stats --json` on example-vault/, against numbers worked out by hand and against
the same figures worked out again from the notes' text (stats_oracle)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import EXAMPLE_TODAY, TODAY, copy_example, run
from stats_oracle import figures, read_vault


def stats_json(root: Path, *args: str) -> dict[str, object]:
    result = run("stats", "--vault", root, "--today", EXAMPLE_TODAY, "--json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("stats"))


# Worked out by reading example-vault/ as of 2026-11-22 (docs/commands/stats.md defines each):
# - 17 people were reached out to (Chloé Dubois and Samuel Adeyemi are prospects, no dates);
# - 13 replied: all but Aisha Rahman and Ingrid Solberg (nudged, silent), Noah Fischer and
#   Tomás Herrera (written to this month); Marcus Thompson declined, which counts;
# - 10 met: Daniel, Grace, Hannah, José, Leila, Lucas, Maya, Olivia, Sofia, Zoë (Kenji and
#   Rachel are only planned; Rachel's 2026-11-10 call was cancelled);
# - 5 referred someone on: Maya (Rachel, Daniel, Priya), Zoë (Noah, Sofia), Grace (Tomás),
#   Sofia (Chloé), Hannah (Samuel): 8 referrals, each made in an interview;
# - 1 offer: Leila Haddad (outcome: offer);
# - days from outreach to reply, 12 dated replies: 1 1 1 1 1 1 2 2 2 2 2 3, median 1.5;
# - 19 done interviews; 17 thanked within a day, Daniel's (2026-11-19) is late, Hannah's
#   (2026-11-21) is not due until 2026-11-22;
# - action items: 22 ticked; open and due later: José's (12-20), Maya's Priya (11-30),
#   Daniel's (11-26, a week after), Hannah's (11-28), Leila's slides (12-10); overdue:
#   Sofia's screener (11-18),
#   Maya's case study (11-19, a week after 11-12).
BY_HAND = {
    "funnel": [
        {"stage": "outreach", "count": 17, "rate": None},
        {"stage": "replied", "count": 13, "rate": round(13 / 17, 4)},
        {"stage": "met", "count": 10, "rate": round(10 / 13, 4)},
        {"stage": "referred", "count": 5, "rate": 0.5},
        {"stage": "offer", "count": 1, "rate": 0.1},
    ],
    "reply_rate": round(13 / 17, 4),
    "median_days_to_reply": 1.5,
    "replies_dated": 12,
    "nudged": {"nudged": 2, "replied": 0, "rate": 0.0},
    "interviews": 19,
    "thank_you_on_time": {"done": 19, "on_time": 17, "pending": 1, "rate": round(17 / 18, 4)},
    "actions": {"done": 22, "open": 5, "overdue": 2},
    "referrals": 8,
    "referrals_per_interview": round(8 / 19, 4),
    "interviews_per_offer": 19.0,
}


def test_example_vault_figures_as_worked_out_by_hand(example: Path) -> None:
    """Every figure of the whole period is the one worked out by reading the notes."""
    data = stats_json(example)
    assert {key: data[key] for key in BY_HAND} == BY_HAND
    assert data["since"] is None and data["until"] == EXAMPLE_TODAY and data["by"] is None


@pytest.mark.parametrize("by", [None, "month", "source", "tag", "company"])
def test_example_vault_figures_match_the_notes_read_independently(
    example: Path, by: str | None
) -> None:
    """Every figure, whole and by group, is what the notes' own text gives."""
    data = stats_json(example, *(["--by", by] if by else []))
    people, talks = read_vault(example)
    expected = figures(people, talks, TODAY, by=by)
    for key, value in expected.items():
        assert data[key] == value, key


@pytest.mark.parametrize(
    ("since", "until"), [("2026-10-01", None), ("2026-04-01", "2026-06-30"), (None, "2026-09-30")]
)
def test_example_vault_periods_match_the_notes_read_independently(
    example: Path, since: str | None, until: str | None
) -> None:
    """A period keeps the people first reached out to, and the interviews held, within it."""
    args = [*(["--since", since] if since else []), *(["--until", until] if until else [])]
    data = stats_json(example, *args, "--by", "month")
    people, talks = read_vault(example)
    expected = figures(
        people,
        talks,
        TODAY,
        since=dt.date.fromisoformat(since) if since else None,
        until=dt.date.fromisoformat(until) if until else None,
        by="month",
    )
    for key, value in expected.items():
        assert data[key] == value, key


def test_the_months_series_counts_outreach_and_done_interviews(example: Path) -> None:
    """The series has every month from March to November 2026, quiet July included."""
    months = stats_json(example)["months"]
    assert isinstance(months, list)
    assert [m["month"] for m in months] == [f"2026-{m:02d}" for m in range(3, 12)]
    assert [m["outreach"] for m in months] == [1, 2, 1, 1, 0, 1, 1, 5, 5]
    assert [m["interviews"] for m in months] == [1, 2, 1, 2, 1, 2, 3, 3, 4]
