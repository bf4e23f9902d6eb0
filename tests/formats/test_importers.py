"""Each importer on its own: a file in, Person records out, with the line each starts on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_helpers import ANDROID, APPLE, GOOGLE, LINKEDIN, LINKEDIN_OLD, TRACKER

from vaultkit.core.people import Incoming
from vaultkit.errors import VaultError
from vaultkit.formats.registry import IMPORTERS, read_people


def write(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def names(found: Incoming) -> list[tuple[int, str | None]]:
    return [(p.line, p.name) for p in found.people]


def test_every_registered_importer_reads_its_fixture() -> None:
    """The registry names three formats, each imported lazily and reading its own shape."""
    assert list(IMPORTERS) == ["linkedin", "vcard", "csv"]
    for kind, file in (("linkedin", LINKEDIN), ("vcard", APPLE), ("csv", TRACKER)):
        assert read_people(kind, file).people, kind


def test_linkedin_header_is_found_after_the_notes() -> None:
    """The rows start below the header, wherever the notes end; empty rows are passed over."""
    found = read_people("linkedin", LINKEDIN)
    assert names(found)[:2] == [(5, "Aisha Rahman"), (6, "Sam Lee")]
    assert [r.line for r in found.skipped] == [12]
    assert found.default_source == "LinkedIn"


def test_linkedin_without_url_column() -> None:
    """An older export (CRLF, no URL column) reads the same columns by name."""
    found = read_people("linkedin", LINKEDIN_OLD)
    assert names(found) == [(2, "Leila Haddad"), (3, "Noah Fischer"), (4, "Sam Lee")]
    assert found.people[0].values == {
        "email": "leila.haddad@example.org",
        "company": "Levant Design Studio",
        "role": "Founder, Creative Director",
        "connected_on": dt.date(2019, 2, 2),
    }


def test_vcard_lines_are_where_the_cards_begin() -> None:
    """Each person carries the line of their BEGIN:VCARD, after folded lines and photos."""
    assert names(read_people("vcard", APPLE)) == [(1, "Chloé Dubois"), (30, "Daniel Okafor")]
    assert names(read_people("vcard", GOOGLE)) == [
        (1, "Marcus Thompson"),
        (15, "Grace Liu"),
        (24, "Lucas Moreau"),
    ]
    assert names(read_people("vcard", ANDROID)) == [(1, "Ingrid Solberg"), (12, "Zoë Kowalski")]


def test_vcard_preferred_values(tmp_path: Path) -> None:
    """PREF=1 beats an earlier value; TYPE=pref too; otherwise the first one counts."""
    card = write(
        tmp_path,
        "BEGIN:VCARD\nVERSION:4.0\nFN:Ann Lee\nEMAIL;PREF=2:two@x.example\n"
        "EMAIL;PREF=1:one@x.example\nTEL:+1 1\nTEL;TYPE=pref:+1 2\nEND:VCARD\n",
        "a.vcf",
    )
    values = read_people("vcard", card).people[0].values
    assert (values["email"], values["phone"]) == ("one@x.example", "+1 2")


def test_spreadsheet_tab_and_semicolon_tables(tmp_path: Path) -> None:
    """The delimiter is the one that makes the header a header."""
    tabs = write(tmp_path, "Name\tCompany\tEmail\nAnn Lee\tAcme; Inc\tann@x.example\n", "t.tsv")
    assert read_people("csv", tabs).people[0].values == {
        "company": "Acme; Inc",
        "email": "ann@x.example",
    }
    assert read_people("csv", TRACKER).people[0].values["company"] == "Contoso"


def test_spreadsheet_header_below_a_title(tmp_path: Path) -> None:
    """A title row above the header is passed over, as LinkedIn's notes are."""
    sheet = write(tmp_path, "My outreach tracker\n\nFirst Name,Surname,Company\nAnn,Lee,Acme\n")
    assert names(read_people("csv", sheet)) == [(4, "Ann Lee")]


def test_spreadsheet_map_to_name_parts(tmp_path: Path) -> None:
    """--map can name the columns that hold a name's parts."""
    sheet = write(tmp_path, "Vorname;Nachname;Firma\nJürgen;Müller;Acme\n")
    found = read_people(
        "csv", sheet, columns=("Vorname=given_name", "Nachname=family_name", "Firma=company")
    )
    assert names(found) == [(2, "Jürgen Müller")]
    assert found.people[0].values == {"company": "Acme"}


def test_spreadsheet_extra_cells_are_named(tmp_path: Path) -> None:
    """A row longer than its header: the extra cells are left out and the line named."""
    sheet = write(tmp_path, "Name,Company\nAnn Lee,Acme, Inc\n")
    found = read_people("csv", sheet)
    assert found.people[0].values == {"company": "Acme"}
    assert [r.line for r in found.remarks] == [2]
    assert "is a comma unquoted?" in found.remarks[0].message


def test_a_row_with_nothing_to_know_someone_by(tmp_path: Path) -> None:
    """A row with a company only is skipped with its line; one with an email is kept."""
    sheet = write(tmp_path, "Name,Company,Email\n,Acme,\n,,ann@x.example\n")
    found = read_people("csv", sheet)
    assert [(p.line, p.name, dict(p.values)) for p in found.people] == [
        (3, None, {"email": "ann@x.example"})
    ]
    assert [r.line for r in found.skipped] == [2]


def test_a_cell_holding_a_line_break_keeps_the_next_rows_lines(tmp_path: Path) -> None:
    """A quoted cell over two lines: the rows after it are named by their own line."""
    sheet = write(tmp_path, 'Name,Notes\nAnn Lee,"one\ntwo"\nBo Ek,x\nCy Do,31 Feb\n')
    found = read_people("csv", sheet)
    assert names(found) == [(2, "Ann Lee"), (4, "Bo Ek"), (5, "Cy Do")]
    assert found.people[0].research == "one\ntwo"


@pytest.mark.parametrize("kind", ["linkedin", "vcard"])
def test_map_is_for_spreadsheets_only(kind: str) -> None:
    """--map with a format whose fields are known is a usage error."""
    with pytest.raises(VaultError, match="--map is for `vault import csv`"):
        read_people(kind, LINKEDIN, columns=("A=company",))
