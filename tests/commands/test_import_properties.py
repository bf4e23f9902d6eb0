"""Rules of `vault import` that hold for every input: one note per person whatever the order
of the rows and however often the file is imported, and every cell's text reading back
as itself."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit.commands.importing import ImportOptions, ImportResult, import_file
from vaultkit.core.cells import clean_line
from vaultkit.core.config import load_config
from vaultkit.core.names import fold
from vaultkit.core.note import read_note
from vaultkit.core.people import linkedin_key
from vaultkit.store.index import load_vault

TODAY = dt.date(2026, 11, 22)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
FIRST = ["José", "Zoë", "Anne-Marie", "Søren", "María José", "Jean-Luc", "Łukasz", "Nguyễn", "Ada"]
LAST = ["O'Brien", "Müller", "D'Angelo", "Smith-Jones", "Østergaard", "Çelik", "Lee", "Dubois Jr."]
COMPANIES = ["Acme", "Initech, Inc.", "Globex", "Umbrella: Labs", "=SUM(A1)", "[[Hooli]]", "yes"]


def vault_at(root: Path) -> Path:
    """A fresh empty vault."""
    (root / "contacts").mkdir(parents=True)
    (root / "vault.toml").write_text('[me]\nname = "Test"\n', encoding="utf-8")
    return root


def import_rows(root: Path, rows: list[list[str]]) -> ImportResult:
    """Import the rows as a LinkedIn export into the vault at root, through the index."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    file = root.parent / f"{root.name}.csv"
    file.write_text('Notes:\n"Some notes"\n\n' + out.getvalue(), encoding="utf-8")
    vault = load_vault(load_config(root))
    return import_file(vault, "linkedin", file, ImportOptions(), today=TODAY)


def snapshot(root: Path) -> dict[str, bytes]:
    """The notes of the vault's contacts folder, by name."""
    return {p.name: p.read_bytes() for p in sorted((root / "contacts").glob("*.md"))}


def people_in(root: Path) -> list[tuple[str, str | None, str | None, str | None]]:
    """Each contact note as (folded name, LinkedIn key, email without case, company)."""
    found = []
    for path in sorted((root / "contacts").glob("*.md")):
        note = read_note(f"contacts/{path.name}", path.read_bytes(), strict_folder=True).note
        assert note is not None and note.__class__.__name__ == "Contact"
        email = note.email.casefold() if note.email else None  # type: ignore[union-attr]
        key = linkedin_key(note.linkedin)  # type: ignore[union-attr]
        found.append((fold(note.name), key, email, note.company))  # type: ignore[union-attr]
    return sorted(found, key=repr)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


URL_FORMS = [
    "https://www.linkedin.com/in/{slug}",
    "http://linkedin.com/in/{slug}/",
    "https://uk.linkedin.com/in/{upper}?trk=people-guest",
    "www.linkedin.com/in/{slug}/",
    "https://de.linkedin.com/in/{slug}/#about",
]


@st.composite
def tables(
    draw: st.DrawFn,
) -> tuple[list[list[str]], list[tuple[str, str | None, str | None, str]]]:
    """Rows of a LinkedIn export for a few people, each person on one to three rows written
    differently (name case and accents, URL forms, email case, some cells missing), and
    what the notes must say of each person."""
    names = draw(
        st.lists(
            st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)),
            min_size=1,
            max_size=6,
            unique_by=lambda n: fold(f"{n[0]} {n[1]}"),
        )
    )
    rows: list[list[str]] = []
    expected = []
    for number, (first, last) in enumerate(names):
        slug = f"{strip_accents(first).lower().replace(' ', '-')}-{number}"
        email = f"{slug}@example.com"
        company = draw(st.sampled_from(COMPANIES))
        has_url, has_email = False, False
        for _ in range(draw(st.integers(1, 3))):
            form = draw(st.sampled_from(["as is", "lower", "upper", "no accents"]))
            shown = {
                "as is": (first, last),
                "lower": (first.lower(), last.lower()),
                "upper": (first.upper(), last.upper()),
                "no accents": (strip_accents(first), strip_accents(last)),
            }[form]
            url = ""
            if draw(st.booleans()):
                url = draw(st.sampled_from(URL_FORMS)).format(slug=slug, upper=slug.upper())
                has_url = True
            mail = ""
            if draw(st.booleans()):
                mail = draw(st.sampled_from([email, email.upper(), email.capitalize()]))
                has_email = True
            rows.append([*shown, url, mail, company, "Engineer", "15 Mar 2024"])
        key = linkedin_key(f"linkedin.com/in/{slug}") if has_url else None
        expected.append((fold(f"{first} {last}"), key, email if has_email else None, company))
    return rows, sorted(expected, key=repr)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tables(), st.randoms(use_true_random=False))
def test_any_order_any_number_of_times_gives_one_note_per_person(
    table: tuple[list[list[str]], list[tuple[str, str | None, str | None, str]]], random
) -> None:
    """Imported in two orders into two vaults, and again: the same people, one note each,
    and the repeats change no byte."""
    rows, expected = table
    with tempfile.TemporaryDirectory() as folder:
        first, second = vault_at(Path(folder) / "a"), vault_at(Path(folder) / "b")
        import_rows(first, rows)
        shuffled = list(rows)
        random.shuffle(shuffled)
        import_rows(second, shuffled)
        assert people_in(first) == expected
        assert people_in(second) == expected
        before = snapshot(first)
        again = import_rows(first, shuffled)
        assert snapshot(first) == before
        assert (again.created, again.updated) == ([], [])
        import_rows(first, rows)
        assert snapshot(first) == before


TRICKY = st.sampled_from(
    [
        "---",
        "...",
        "yes",
        "No",
        "null",
        "~",
        "123",
        "1e3",
        "0x1F",
        "2024-03-15",
        "[[Acme]]",
        "[a, b]",
        "{x: 1}",
        "key: value",
        "#hash",
        "@at",
        "&anchor",
        "*alias",
        "!tag",
        "|",
        ">",
        "% percent",
        "'single'",
        '"double"',
        '=HYPERLINK("https://x.example","x")',
        "+1 (555) 0100",
        "- dash",
        "a # not a comment",
        "back\\slash",
        "tab\there",
        "line\nbreak",
    ]
)
# Any text but NUL: a file holding one is binary, and refused as a whole (see test_import.py).
CELLS = st.one_of(
    TRICKY,
    st.text(st.characters(exclude_characters="\x00", codec="utf-8"), min_size=1, max_size=30),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(company=CELLS, role=CELLS)
def test_cell_text_reads_back_as_itself(company: str, role: str) -> None:
    """Whatever a cell holds lands in the note as that text (on one line), quoted as
    needed, and the note reader reads the same text back."""
    with tempfile.TemporaryDirectory() as folder:
        root = vault_at(Path(folder) / "v")
        result = import_rows(root, [["Ann", "Lee", "", "", company, role, ""]])
        assert result.created == ["contacts/Ann Lee.md"], result
        parsed = read_note("contacts/Ann Lee.md", (root / "contacts/Ann Lee.md").read_bytes())
        props = parsed.props or {}
        for key, cell in (("company", company), ("role", role)):
            text = clean_line(cell)
            if text is None or text.casefold() in ("-", "--", "n/a", "#n/a", "na", "–", "—"):
                assert props.get(key) in (None, ""), (key, props.get(key))
            else:
                assert props.get(key) == text, (key, cell, props.get(key))
        assert not parsed.problems
