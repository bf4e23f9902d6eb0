"""`vault export csv`: contacts and interviews as a spreadsheet, read back with the csv module."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import hypothesis
import pytest
from helpers import EXAMPLE_TODAY, contact_text, copy_example, interview_text, make_vault, run
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.records import CONTACT_COLUMNS, INTERVIEW_COLUMNS
from vaultkit.formats.csv_export import FORMULA_STARTS, neutralised, render

HOSTILE = "=cmd|' /C calc'!A0"


def export(root: Path, *args: str) -> bytes:
    """`vault export csv ARGS` on a vault as of the example's day; exit 0 or the test fails."""
    result = run("export", "csv", *args, "--vault", root, "--today", EXAMPLE_TODAY)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def rows(data: bytes) -> list[dict[str, str]]:
    """The CSV read back by the csv module, one dict per row."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of example-vault/ in tmp_path."""
    return copy_example(tmp_path)


def test_contacts_read_back_as_ls_json_says(example: Path) -> None:
    """Every contact is one row with the values `vault ls contacts --json` gives."""
    data = export(example, "contacts")
    found = rows(data)
    assert list(found[0]) == list(CONTACT_COLUMNS)
    listed = json.loads(run("ls", "contacts", "--json", "--vault", example).stdout)
    assert len(found) == len(listed) == 20
    for row, want in zip(found, listed, strict=True):
        for key, value in want.items():
            if isinstance(value, list):
                value = "; ".join(value)
            text = "" if value is None else str(value)
            assert row[key].removeprefix("'") == text, (key, row)
            if row[key] != text:
                assert text.startswith(FORMULA_STARTS)


def test_what_vault_works_out_is_in_its_columns(example: Path) -> None:
    """The status vault works with, last_interaction and the next item due come from the notes."""
    found = {r["name"]: r for r in rows(export(example, "contacts"))}
    daniel = found["Daniel Okafor"]
    assert daniel["status"] == "met"
    assert daniel["last_interaction"] == "2026-11-19"
    assert (daniel["next_due"], daniel["next_kind"]) == ("2026-11-20", "thank-you")
    report = json.loads(
        run(
            "report", "--today", EXAMPLE_TODAY, "--days", "3650", "--json", "--vault", example
        ).stdout
    )["items"]
    firsts: dict[str, str] = {}
    for item in report:
        if item["kind"] != "missing-contact":
            firsts.setdefault(item["person"], item["due"])
    assert {n: r["next_due"] for n, r in found.items() if r["next_due"]} == firsts


def test_interviews_have_one_row_each(example: Path) -> None:
    """Interviews come oldest first, with lists joined by `; ` and ISO dates."""
    found = rows(export(example, "interviews"))
    assert list(found[0]) == list(INTERVIEW_COLUMNS)
    listed = json.loads(run("ls", "interviews", "--json", "--vault", example).stdout)
    assert [r["path"] for r in found] == [i["path"] for i in listed]
    assert [r["date"] for r in found] == sorted(r["date"] for r in found)
    assert any("; " in r["questions"] for r in found)


def test_columns_chooses_and_orders(example: Path) -> None:
    """--columns gives only those columns, in that order; an unknown one is named (exit 2)."""
    data = export(example, "contacts", "--columns", "email,name")
    assert data.decode().splitlines()[0] == "email,name"
    bad = run("export", "csv", "contacts", "--columns", "name,salary", "--vault", example)
    assert bad.exit_code == 2
    assert "salary is not a column of contacts" in bad.output


def test_excel_gets_a_bom_and_crlf(example: Path) -> None:
    """--excel starts with a UTF-8 byte-order mark and ends every record in CRLF."""
    data = export(example, "contacts", "--excel")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == len(rows(data[3:])) + 1
    plain = export(example, "contacts")
    assert b"\r\n" not in plain
    assert rows(data[3:]) == rows(plain)


def test_a_hostile_cell_comes_out_neutralised(tmp_path: Path) -> None:
    """A company that a spreadsheet would run as a formula gets a leading quote."""
    root = make_vault(
        tmp_path / "v",
        {
            "contacts/Eve.md": f'---\ntype: contact\nname: Eve\ncompany: "{HOSTILE}"\n'
            'role: "+1 sales"\nemail: "@eve"\n---\n'
        },
    )
    (row,) = rows(export(root, "contacts"))
    assert row["company"] == "'" + HOSTILE
    assert row["role"] == "'+1 sales"
    assert row["email"] == "'@eve"


CELLS = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)


@given(values=st.lists(CELLS, min_size=1, max_size=4))
@hypothesis.example(values=["\r"])  # a bare carriage return must be quoted even with LF endings
@hypothesis.example(values=["a\rb", "=1+1", "\r\n"])
def test_every_cell_reads_back_and_none_is_a_formula(values: list[str]) -> None:
    """Whatever the text, csv reads back the neutralised cell, and no cell starts a formula."""
    columns = [f"c{i}" for i in range(len(values))]
    record = dict(zip(columns, values, strict=True))
    for excel in (False, True):
        text = render([record], columns, excel=excel).removeprefix("\ufeff")  # type: ignore[list-item]
        (row,) = list(csv.reader(io.StringIO(text, newline="")))[1:]
        assert row == [neutralised(v) for v in values]
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row)


def test_notes_to_self_stay_in_the_vault(tmp_path: Path) -> None:
    """Obsidian comments, block ids and footnote marks in an interview never reach the sheet."""
    body = interview_text(
        "Jane Doe",
        date="2026-11-19",
        questions=["How did you start? %%she hates this one%%"],
        tasks=["- [ ] Send Jane the deck %%after I fix slide 3%% ^task-1"],
    ).replace("## Insights\n", "## Insights\n\n- Panels are the way in[^1] ^insight-1\n")
    root = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe"),
            "interviews/2026-11-19 Jane Doe.md": body,
        },
    )
    (row,) = rows(export(root, "interviews"))
    assert row["questions"] == "How did you start?"
    assert row["insights"] == "Panels are the way in"
    assert row["open_actions"] == "Send Jane the deck"
    data = export(root, "interviews").decode("utf-8")
    for leak in ("%%", "she hates", "slide 3", "^task-1", "[^1]", "^insight-1"):
        assert leak not in data
