"""`vault show` is the person's whole story, and `ls --json` gives every standard property."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import EXAMPLE_TODAY, copy_example, make_vault, run

STANDARD = [
    "name",
    "company",
    "role",
    "email",
    "phone",
    "linkedin",
    "location",
    "source",
    "referred_by",
    "tags",
    "status",
    "first_name",
    "outcome",
    "outreach_sent",
    "nudge_sent",
    "replied",
    "follow_up",
    "cadence",
]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("story"))


def show(vault: Path, name: str, *args: str) -> str:
    result = run("show", name, "--today", EXAMPLE_TODAY, "--vault", vault, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_says_when_the_status_line_is_behind(example: Path):
    """Lucas's note says scheduled; his September call is done: he is met, and show says so."""
    lines = show(example, "Lucas Moreau").splitlines()
    assert "  status: met (the note says scheduled; `vault mark` moves it on)" in lines
    assert "  stage: met once, last on 2026-09-30; next conversation on 2026-11-23" in lines


def test_show_tells_the_whole_story(example: Path):
    """Sofia: properties, log, interviews with questions and insights, referrals, tasks, due."""
    text = show(example, "Sofia Rossi")
    for line in (
        "  phone: +1 720 555 0134",
        "Senior UX Researcher, Tessellate, Denver, CO",
        "  follow up: 2026-11-20: ask whether the junior researcher role was approved",
        "  referred by: Zoë Kowalski",
        "  suggested: Chloé Dubois",
        "Log (4)",
        "  2026-10-14  Sent outreach by email, mentioning Zoë Kowalski",
        "  2026-11-05  done, zoom  interviews/2026-11-05 Sofia Rossi.md",
        "      thank-you sent: 2026-11-06",
        "        - Could you look at my screener?",
        "        - Screeners ask about behaviour (what did you do last week), never opinions.",
        "  - [ ] Send Sofia my rewritten survey screener (due 2026-11-18)  "
        "interviews/2026-11-05 Sofia Rossi.md:29",
        "Due (2)",
        "  Send Sofia my rewritten survey screener  [action, 4 days overdue]",
        "  ask whether the junior researcher role was approved  [follow-up, 2 days overdue]",
    ):
        assert line in text.splitlines(), line


def test_show_json_has_the_same_story(example: Path):
    """--json: status and stage, the log with its words, interviews with their questions."""
    data = json.loads(show(example, "Sofia Rossi", "--json"))
    assert (data["status"], data["status_in_note"]) == ("met", "met")
    assert data["stage"] == "met twice, last on 2026-11-05"
    assert [e["date"] for e in data["log"]] == [
        "2026-10-14",
        "2026-10-15",
        "2026-10-21",
        "2026-11-05",
    ]
    assert data["interviews"][1]["questions"][0] == "Could you look at my screener?"
    assert data["interviews"][1]["referrals"] == ["Chloé Dubois"]
    assert data["suggested"] == ["Chloé Dubois"]
    assert [(d["kind"], d["bucket"]) for d in data["due"]] == [
        ("action", "overdue"),
        ("follow-up", "overdue"),
    ]
    assert set(STANDARD) <= set(data["contact"])


def test_ls_json_gives_every_standard_property(example: Path):
    """Each contact row holds every property of a contact note, filled or null."""
    result = run("ls", "contacts", "--json", "--today", EXAMPLE_TODAY, "--vault", example)
    rows = json.loads(result.stdout)
    for row in rows:
        assert set(STANDARD) <= set(row)
    jose = next(r for r in rows if r["name"] == "José Martínez")
    assert (jose["cadence"], jose["phone"], jose["location"]) == (
        30,
        "+1 512 555 0187",
        "Austin, TX",
    )


def test_contact_tasks_are_in_the_story(tmp_path: Path):
    """Open tasks written in the contact note itself are listed with their place."""
    raw = (
        "---\ntype: contact\nname: Ann Ho\nfirst_name: Annie\noutcome: referral\n---\n"
        "## Next\n\n- [ ] Send [[Ann Ho|Ann]] the deck #work ⏫\n- [-] dropped\n"
    )
    vault = make_vault(tmp_path / "v", {"contacts/Ann Ho.md": raw})
    text = show(vault, "Ann Ho")
    assert "  - [ ] Send Ann the deck  contacts/Ann Ho.md:9" in text.splitlines()
    assert "  first name: Annie" in text.splitlines()
    assert "  outcome: referral" in text.splitlines()
    assert "  status: prospect" in text.splitlines()
    assert "  stage: not contacted yet" in text.splitlines()
    assert "Open action items (1)" in text
    assert "dropped" not in text
    assert "  Send Ann the deck  [action, no due date]" in text.splitlines()


def test_ls_interviews_shows_the_time(example: Path):
    """The TIME column holds the hour of calls that have one."""
    table = run("ls", "interviews", "--today", EXAMPLE_TODAY, "--vault", example).stdout
    line = next(row for row in table.splitlines() if "Hannah Schultz" in row and "11-21" in row)
    assert line.split()[:2] == ["2026-11-21", "10:00"]


@pytest.mark.parametrize(
    ("what", "status", "message"),
    [
        ("contacts", "planned", "'planned' is not a status of contacts"),
        ("interviews", "met", "'met' is not a status of interviews"),
        ("contacts", "friendly", "'friendly' is not one of"),
    ],
)
def test_ls_status_is_checked_as_report_kind_is(example: Path, what, status, message):
    """A status the listing does not have is a usage error, exit 2."""
    result = run("ls", what, "--status", status, "--vault", example)
    assert result.exit_code == 2
    assert message in result.stderr
