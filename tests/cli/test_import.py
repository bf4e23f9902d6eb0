"""`vault import` over the hand-written fixtures in each real shape: the notes it writes,
read back through the note reader; the dry run writing nothing; a second run changing
no byte; and files that are not what they claim stopping with one line."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from helpers import run, snapshot, write
from import_helpers import (
    ANDROID,
    APPLE,
    GOOGLE,
    LINKEDIN,
    LINKEDIN_OLD,
    TRACKER,
    contact,
    contact_notes,
    without_empty,
)

from vaultkit.core import body

SAM = """\
---
type: contact
name: Sam Lee
company: Initech Ltd   # where I met him
role:
email:
linkedin: https://www.linkedin.com/in/samlee
status: contacted
---
# Sam Lee

## Research

Knows the hiring manager.
"""

SUMMARY = re.compile(
    r"^created (?P<created>[\d,]+), updated (?P<updated>[\d,]+)(?: \(filled (?P<filled>[^)]*)\))?, "
    r"unchanged (?P<unchanged>[\d,]+), skipped (?P<skipped>[\d,]+)(?: \(see above\))?$"
)

# The day a note is made: the contact template writes it as `created`.
CREATED = dt.date.today().isoformat()


# Each fixture in its real shape: a LinkedIn export with its notes and one without URL,
# vCards from Apple (3.0), Google and Android (4.0), a tracker with semicolons and a BOM.
EVERY_SHAPE = pytest.mark.parametrize(
    ("kind", "file"),
    [
        ("linkedin", LINKEDIN),
        ("linkedin", LINKEDIN_OLD),
        ("vcard", APPLE),
        ("vcard", GOOGLE),
        ("vcard", ANDROID),
        ("csv", TRACKER),
    ],
    ids=["linkedin", "linkedin-old", "apple", "google", "android", "tracker"],
)


def summary(output: str) -> dict[str, str]:
    """The counts of the summary line, the last line of a real run's output."""
    match = SUMMARY.match(output.splitlines()[-1])
    assert match, output
    return {k: v for k, v in match.groupdict().items() if v is not None}


@pytest.fixture
def sam_vault(vault: Path) -> Path:
    """A vault holding Sam Lee, whose LinkedIn address the export writes another way."""
    write(vault, "contacts/Sam Lee.md", SAM)
    return vault


def test_linkedin_export_becomes_one_note_per_person(sam_vault: Path) -> None:
    """Each connection is a contact with its properties; the preamble and empty rows are not."""
    result = run("import", "linkedin", LINKEDIN, "--vault", sam_vault)
    assert result.exit_code == 1, result.output  # a row skipped, a date left out
    assert summary(result.output) == {
        "created": "5",
        "updated": "1",
        "filled": "role 1, email 1, source 1, connected_on 1",
        "unchanged": "0",
        "skipped": "1",
    }
    notes = {name: without_empty(props) for name, props in contact_notes(sam_vault).items()}
    assert notes["Aisha Rahman.md"] == {
        "type": "contact",
        "created": CREATED,
        "name": "Aisha Rahman",
        "company": "Northwind Health",
        "role": "Director, Product Strategy",
        "email": "aisha@northwind.example",  # from her second row, merged into the first
        "linkedin": "https://www.linkedin.com/in/aisha-rahman-4b2a1c",
        "source": "LinkedIn",
        "status": "prospect",
        "connected_on": "2024-11-12",
    }
    assert notes["Zoë O'Brien-Łukasz.md"]["company"] == '=HYPERLINK("https://evil.example","click")'
    assert notes["Zoë O'Brien-Łukasz.md"]["role"] == "---"
    assert notes["Tomás Herrera.md"]["company"] == "[[Acme]]"
    assert notes["Tomás Herrera.md"]["role"] == "yes"
    assert notes["Priya Sharma 🚀.md"]["company"] == "Foo: bar, Inc."
    assert notes["Priya Sharma 🚀.md"]["role"] == "#1 growth hacker"
    assert "connected_on" not in notes["Priya Sharma 🚀.md"]  # 31 Feb: left out, not guessed
    assert notes["Kenji Watanabe.md"]["company"] == "null"
    assert notes["Kenji Watanabe.md"]["role"] == "@ceo & founder"
    assert sorted(notes) == [
        "Aisha Rahman.md",
        "Kenji Watanabe.md",
        "Priya Sharma 🚀.md",
        "Sam Lee.md",
        "Tomás Herrera.md",
        "Zoë O'Brien-Łukasz.md",
    ]


def test_a_match_fills_only_what_the_note_leaves_empty(sam_vault: Path) -> None:
    """Sam's company, LinkedIn line and comment stay; the empty lines are filled in place."""
    run("import", "linkedin", LINKEDIN, "--vault", sam_vault)
    text = (sam_vault / "contacts/Sam Lee.md").read_text(encoding="utf-8")
    assert text == SAM.replace("role:\n", "role: Engineering Manager\n").replace(
        "email:\n", "email: sam.lee@example.com\n"
    ).replace(
        "status: contacted\n", "status: contacted\nsource: LinkedIn\nconnected_on: 2023-01-03\n"
    )


def test_skipped_rows_and_left_out_values_are_named_with_their_line(sam_vault: Path) -> None:
    """Each skipped row and left-out value is `FILE:LINE: reason`, above the summary."""
    result = run("import", "linkedin", LINKEDIN, "--vault", sam_vault)
    lines = result.output.splitlines()[:-1]
    assert f"{LINKEDIN}:12: skipped: no name, email or LinkedIn address in this row" in lines
    assert any(
        line.startswith(f"{LINKEDIN}:10: Connected On: '31 Feb 2024' is not a real date")
        for line in lines
    )
    assert any(
        line.startswith(f"{LINKEDIN}:11: company 'Northwind' differs from 'Northwind Health'")
        for line in lines
    )


def test_dry_run_lists_everything_and_writes_nothing(sam_vault: Path) -> None:
    """--dry-run prints each note it would create and update and each skip; no byte changes."""
    before = snapshot(sam_vault)
    result = run("import", "linkedin", LINKEDIN, "--dry-run", "--vault", sam_vault)
    assert snapshot(sam_vault) == before
    lines = result.output.splitlines()
    assert "create contacts/Aisha Rahman.md" in lines
    assert "update contacts/Sam Lee.md: fill role, email, source, connected_on" in lines
    assert lines[-1] == (
        "dry run, nothing written: would create 5, update 1 (fill role 1, email 1, source 1, "
        "connected_on 1), leave 0 unchanged, skip 1 (see above)"
    )


def test_dry_run_says_what_the_real_run_does(sam_vault: Path) -> None:
    """The JSON of a dry run and of the real run after it list the same notes."""
    dry = json.loads(
        run("import", "linkedin", LINKEDIN, "--dry-run", "--json", "--vault", sam_vault).stdout
    )
    real = json.loads(run("import", "linkedin", LINKEDIN, "--json", "--vault", sam_vault).stdout)
    assert dry["dry_run"] is True and real["dry_run"] is False
    for key in ("created", "updated", "unchanged", "skipped", "warnings"):
        assert dry[key] == real[key], key


@EVERY_SHAPE
def test_a_dry_run_writes_nothing(kind: str, file: Path, sam_vault: Path) -> None:
    """For every shape of file, --dry-run leaves every byte of the vault as it was, and
    names each note the real run then writes."""
    before = snapshot(sam_vault)
    dry = run("import", kind, file, "--dry-run", "--json", "--vault", sam_vault)
    assert snapshot(sam_vault) == before
    planned = json.loads(dry.stdout)
    real = json.loads(run("import", kind, file, "--json", "--vault", sam_vault).stdout)
    assert (planned["created"], planned["updated"]) == (real["created"], real["updated"])
    assert planned["created"] or planned["updated"]


@EVERY_SHAPE
def test_a_second_run_changes_no_byte(kind: str, file: Path, sam_vault: Path) -> None:
    """The same import twice: the second creates and changes nothing, and says so."""
    run("import", kind, file, "--vault", sam_vault)
    after_first = snapshot(sam_vault)
    result = run("import", kind, file, "--json", "--vault", sam_vault)
    assert snapshot(sam_vault) == after_first
    data = json.loads(result.stdout)
    assert data["created"] == [] and data["updated"] == []
    assert len(data["unchanged"]) == len({*data["unchanged"]})


def test_old_linkedin_export_without_url(sam_vault: Path) -> None:
    """An export with no URL column: people matched by email, and no linkedin property."""
    run("import", "linkedin", LINKEDIN, "--vault", sam_vault)
    result = run("import", "linkedin", LINKEDIN_OLD, "--json", "--vault", sam_vault)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["created"] == ["contacts/Leila Haddad.md", "contacts/Noah Fischer.md"]
    assert data["unchanged"] == ["contacts/Sam Lee.md"]  # SAM.LEE@... is his email, any case
    noah = without_empty(contact_notes(sam_vault)["Noah Fischer.md"])
    assert noah["company"] == "Fischer & Söhne GmbH"
    assert noah["connected_on"] == "2018-03-15"
    assert "linkedin" not in noah and "email" not in noah
    assert contact(sam_vault, "Sam Lee").company == "Initech Ltd"  # never changed


def test_apple_vcards(vault: Path) -> None:
    """Apple's 3.0 cards: escaped commas and semicolons, the preferred email and phone,
    a LinkedIn URL, categories as tags, the note as research; the company card skipped."""
    result = run("import", "vcard", APPLE, "--json", "--vault", vault)
    data = json.loads(result.stdout)
    assert data["created"] == ["contacts/Chloé Dubois.md", "contacts/Daniel Okafor.md"]
    assert data["skipped"] == [{"row": 21, "reason": "a company's card, not a person's"}]
    chloe = without_empty(contact_notes(vault)["Chloé Dubois.md"])
    assert chloe == {
        "type": "contact",
        "created": CREATED,
        "name": "Chloé Dubois",
        "company": "Acme, Inc.",
        "role": "Head of Research; Europe",
        "email": "chloe.dubois@acme.example",
        "phone": "+33 6 12 34 56 78",
        "linkedin": "https://fr.linkedin.com/in/chloe-dubois/",
        "tags": ["Work", "Design-Team"],
        "status": "prospect",
    }
    assert contact(vault, "Daniel Okafor").linkedin == "http://www.linkedin.com/in/danielokafor"
    text = (vault / "contacts/Chloé Dubois.md").read_text(encoding="utf-8")
    assert "/9j/" not in text and "1988" not in text  # the photo and birthday: not a word
    research = body.sections(text.split("---\n", 2)[2], 1)
    assert list(research) == ["research", "log"]  # the note's `## Log` line made no section
    lines = [line for _, line in research["research"] if line.strip()]
    assert lines == [
        "Met at the Lyon design meetup, spring 2024.",
        "Asked about moving from research into product; offered to introduce me to her team lead.",
        "\\## Log",
    ]


def test_google_vcards(vault: Path) -> None:
    """Google's export: an escaped colon in the URL, its myContacts group dropped, N only."""
    run("import", "vcard", GOOGLE, "--vault", vault)
    notes = {name: without_empty(props) for name, props in contact_notes(vault).items()}
    assert notes["Marcus Thompson.md"]["linkedin"] == "https://www.linkedin.com/in/marcus-thompson"
    assert notes["Marcus Thompson.md"]["tags"] == ["Mentors"]
    assert notes["Marcus Thompson.md"]["email"] == "marcus.thompson@globex.example"
    assert "tags" not in notes["Grace Liu.md"]
    assert notes["Lucas Moreau.md"]["email"] == "lucas.moreau@example.fr"
    assert "rue de la Paix" not in (vault / "contacts/Lucas Moreau.md").read_text(encoding="utf-8")


def test_android_vcards(vault: Path) -> None:
    """A 4.0 card's PREF=1 email and tel: URI, and a 2.1 card's quoted-printable name."""
    run("import", "vcard", ANDROID, "--vault", vault)
    ingrid = contact(vault, "Ingrid Solberg")
    assert (ingrid.email, ingrid.phone) == ("ingrid@nordic.example", "+47-912-34-567")
    assert ingrid.tags == ("Work", "Nordics")
    zoe = contact(vault, "Zoë Kowalski")
    assert (zoe.email, zoe.phone) == ("zoe.kowalski@example.pl", "+48 601 234 567")


def test_tracker_spreadsheet(vault: Path) -> None:
    """A semicolon table with a byte-order mark: synonyms mapped, tracker dates kept,
    unreadable dates named with their line and left out, an unknown column reported."""
    write(vault, "contacts/Sam Lee.md", "---\ntype: contact\nname: Sam Lee\n---\n")
    result = run("import", "csv", TRACKER, "--vault", vault)
    assert result.exit_code == 1
    notes = {name: without_empty(props) for name, props in contact_notes(vault).items()}
    assert notes["Maya Chen.md"] == {
        "type": "contact",
        "created": CREATED,
        "name": "Maya Chen",
        "company": "Contoso",
        "role": "Senior UX Researcher",
        "email": "maya.chen@contoso.example",
        "status": "met",
        "outreach_sent": "2024-02-03",
        "replied": "2024-02-10",
        "follow_up": "2024-03-15",
    }
    assert notes["Olivia Bennett.md"]["company"] == "Tailspin; Toys"
    assert notes["Olivia Bennett.md"]["status"] == "met"  # "interviewed"
    rachel = notes["Rachel Goldberg.md"]
    assert "outreach_sent" not in rachel and "replied" not in rachel and "follow_up" not in rachel
    assert notes["Sam Lee.md"] == {  # a note of the user's own: no `created` added
        "type": "contact",
        "name": "Sam Lee",
        "company": "Initech",
        "status": "contacted",
        "outreach_sent": "2024-01-15",
    }
    for column in ("Date contacted: '31/02/2024'", "Replied: 'yes'", "Next step: 'Send thank-you'"):
        assert f"{TRACKER}:4: {column}" in result.output
    assert "columns not imported: Birthday" in result.output
    maya = (vault / "contacts/Maya Chen.md").read_text(encoding="utf-8")
    assert "Great talk; follow up on the research ops role.\nSecond line of notes.\n" in maya


def test_map_names_a_column(vault: Path) -> None:
    """--map gives an unknown column a property, and "Column=" leaves a known one out."""
    sheet = write(vault.parent, "people.csv", "Person,Employer,Birthday\nAna Lima,Acme,1 May\n")
    result = run(
        "import", "csv", sheet, "--map", "Birthday=birthday", "--map", "Employer=", "--vault", vault
    )
    assert result.exit_code == 0, result.output
    ana = contact_notes(vault)["Ana Lima.md"]
    assert ana["birthday"] == "1 May"
    assert ana["company"] in (None, "")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--map", "Birthday"), 'write it as "Column=property"'),
        (("--map", "Birthday=type"), "not a property an import writes"),
        (("--map", "Nope=company"), "has no such column"),
    ],
)
def test_bad_map_is_a_usage_error(vault: Path, args: tuple[str, ...], words: str) -> None:
    """A --map that cannot be used: exit 2, one line, nothing written."""
    sheet = write(vault.parent, "people.csv", "Name,Birthday\nAna Lima,1 May\n")
    before = snapshot(vault)
    result = run("import", "csv", sheet, *args, "--vault", vault)
    assert result.exit_code == 2
    assert words in result.output
    assert snapshot(vault) == before


def test_tags_and_source_from_the_command_line(vault: Path) -> None:
    """--tag adds to every person's tags; --source replaces LinkedIn's default."""
    run("import", "linkedin", LINKEDIN, "--tag", "2024 search", "--tag", "linkedin",
            "--source", "alumni network", "--vault", vault)  # fmt: skip
    aisha = contact(vault, "Aisha Rahman")
    assert aisha.tags == ("2024-search", "linkedin")
    assert aisha.source == "alumni network"


def test_the_users_contact_template_is_used(vault: Path) -> None:
    """New notes come from the vault's own contact template, as `vault new contact` makes them."""
    write(
        vault,
        "templates/contact.md",
        "---\ntype: contact\nname: {{ name | yaml }}\ncompany: {{ company | yaml }}\n"
        "status: prospect\n---\n# {{ name }}\n\nImported {{ today }}.\n",
    )
    run("import", "linkedin", LINKEDIN, "--vault", vault)
    text = (vault / "contacts/Kenji Watanabe.md").read_text(encoding="utf-8")
    assert text == (
        '---\ntype: contact\nname: Kenji Watanabe\ncompany: "null"\nstatus: prospect\n'
        'role: "@ceo & founder"\nlinkedin: https://www.linkedin.com/in/kenji-watanabe\n'
        "source: LinkedIn\nconnected_on: 2024-03-15\n---\n# Kenji Watanabe\n\n"
        f"Imported {dt.date.today().isoformat()}.\n"
    )


def test_a_broken_template_stops_before_writing(vault: Path) -> None:
    """A template error is one line with the template's path; no note is written."""
    write(vault, "templates/contact.md", "---\ntype: contact\nname: {{ nmae }}\n---\n")
    before = snapshot(vault)
    result = run("import", "linkedin", LINKEDIN, "--vault", vault)
    assert result.exit_code == 2
    assert "templates/contact.md" in result.output and "nmae" in result.output
    assert snapshot(vault) == before


def test_an_untyped_note_with_the_name_is_not_doubled(vault: Path) -> None:
    """A people note without a type where a new note would go: skipped, pointing to adopt."""
    write(vault, "contacts/Kenji Watanabe.md", "# Kenji\n\nMy own notes.\n")
    result = run("import", "linkedin", LINKEDIN, "--vault", vault)
    assert "contacts/Kenji Watanabe.md is there but is not a contact note" in result.output
    assert "vault adopt contacts --as contact" in result.output
    assert (vault / "contacts/Kenji Watanabe.md").read_text() == "# Kenji\n\nMy own notes.\n"
    assert not (vault / "contacts/Kenji Watanabe 2.md").exists()


def test_a_different_person_of_the_same_name_gets_a_note_of_their_own(vault: Path) -> None:
    """Another Kenji Watanabe (another LinkedIn address) is not merged into the first."""
    kenji = "---\ntype: contact\nlinkedin: https://www.linkedin.com/in/kenji-w-tokyo\n---\n"
    write(vault, "contacts/Kenji Watanabe.md", kenji)
    run("import", "linkedin", LINKEDIN, "--vault", vault)
    assert (vault / "contacts/Kenji Watanabe.md").read_text() == kenji
    assert contact(vault, "Kenji Watanabe 2").name == "Kenji Watanabe"


@pytest.mark.parametrize(
    ("kind", "content", "words"),
    [
        ("linkedin", APPLE.read_bytes(), ":1: not a LinkedIn connections export"),
        ("linkedin", b"", ":1: the file is empty"),
        ("linkedin", b"\x89PNG\r\n\x1a\n\x00\x00", ":3: this is a binary file"),
        ("csv", b"PK\x03\x04rest-of-a-zip", "Excel's format"),
        ("csv", "Name,Email\nJosé,x\n".encode("latin-1"), ":2: this is not UTF-8 text"),
        ("csv", b"hello world\njust some text\n", ":1: no header row naming the columns"),
        ("csv", b'Name,Email\n"Ann,ann@x.example\nBob,bob@x.example\n', ':2: a quote (") opened'),
        ("vcard", LINKEDIN.read_bytes(), ":1: not a vCard file"),
        ("vcard", b"BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n", ":1: this card is never closed"),
        ("vcard", b"BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nno colon here\nEND:VCARD\n", ":4: this card"),
        ("vcard", b"BEGIN:VCARD\nFN:A\nEND:VCARD\nstray\n", ":4: this line is outside any card"),
    ],
    ids=[
        "vcard-as-linkedin",
        "empty",
        "binary",
        "xlsx",
        "latin-1",
        "no-header",
        "open-quote",
        "csv-as-vcard",
        "unclosed-card",
        "bad-vcard-line",
        "text-between-cards",
    ],
)
def test_a_file_that_is_not_what_it_claims(
    vault: Path, tmp_path: Path, kind: str, content: bytes, words: str
) -> None:
    """One line naming the file and the first line at fault, exit 2, nothing written."""
    given = tmp_path / "given.file"
    given.write_bytes(content)
    before = snapshot(vault)
    result = run("import", kind, given, "--vault", vault)
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"vault: {given}:"), lines
    assert words in lines[0]
    assert lines[0].endswith("nothing was written")
    assert snapshot(vault) == before


def test_a_missing_file(vault: Path) -> None:
    """A file that is not there: one line saying so, exit 2."""
    result = run("import", "csv", vault / "nope.csv", "--vault", vault)
    assert result.exit_code == 2
    assert "nope.csv: cannot be read" in result.output


def test_json_shape(sam_vault: Path) -> None:
    """--json holds created, updated (path and filled), unchanged, skipped (row and reason)."""
    data = json.loads(run("import", "linkedin", LINKEDIN, "--json", "--vault", sam_vault).stdout)
    assert set(data) == {
        "file", "dry_run", "created", "updated", "unchanged", "skipped", "warnings",
        "ignored_columns",
    }  # fmt: skip
    assert data["updated"] == [
        {"path": "contacts/Sam Lee.md", "filled": ["role", "email", "source", "connected_on"]}
    ]
    assert data["skipped"] == [
        {"row": 12, "reason": "no name, email or LinkedIn address in this row"}
    ]
    assert [w["row"] for w in data["warnings"]] == [10, 11, 11]
