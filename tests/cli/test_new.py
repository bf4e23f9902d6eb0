"""`vault new contact|interview`: notes from templates, never over an existing file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import run, snapshot, write

from vaultkit.core.model import Contact, Interview
from vaultkit.core.note import read_note


def read(root: Path, relative: str) -> Contact | Interview:
    """The note at a vault-relative path, which must read without problems."""
    parsed = read_note(relative, (root / relative).read_bytes(), strict_folder=True)
    assert parsed.problems == []
    assert parsed.note is not None
    return parsed.note


def test_new_contact_with_every_field(vault: Path) -> None:
    """Each option lands in its property, values with commas, colons and quotes intact."""
    result = run(
        "new", "contact", "Zoë O'Brien",
        "--company", "Acme, Inc.",
        "--role", "Head: Product",
        "--email", "zoe@example.com",
        "--linkedin", "https://www.linkedin.com/in/zoe",
        "--location", "Lyon #2",
        "--source", '"alumni" network',
        "--tag", "product", "--tag", "design",
        "--vault", vault,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "contacts/Zoë O'Brien.md" in result.stdout
    note = read(vault, "contacts/Zoë O'Brien.md")
    assert isinstance(note, Contact)
    assert note.name == "Zoë O'Brien"
    assert (note.company, note.role, note.email) == (
        "Acme, Inc.",
        "Head: Product",
        "zoe@example.com",
    )
    assert note.linkedin == "https://www.linkedin.com/in/zoe"
    assert (note.location, note.source) == ("Lyon #2", '"alumni" network')
    assert note.tags == ("product", "design")
    assert note.status == "prospect"
    assert note.outreach_sent is None


def test_a_tag_with_a_comma_or_brackets_stays_one_tag(vault: Path) -> None:
    """Tags go in a [flow, list]: a comma, bracket or brace inside one must not split it."""
    tags = ["career change", "x, y", "[draft]", "{later}", "a,b"]
    args = [arg for tag in tags for arg in ("--tag", tag)]
    result = run("new", "contact", "Jane Doe", *args, "--vault", vault)
    assert result.exit_code == 0, result.output
    note = read(vault, "contacts/Jane Doe.md")
    assert isinstance(note, Contact)
    assert note.tags == tuple(tags)


def test_new_contact_is_found_by_name_afterwards(vault: Path) -> None:
    """The new note is a contact `vault mark` and `vault check` see."""
    run("new", "contact", "Jane Doe", "--vault", vault)
    assert run("check", "--vault", vault).exit_code == 0
    assert run("mark", "jane doe", "outreach", "--vault", vault).exit_code == 0


def test_referred_by_an_existing_contact_links_to_its_file(jane_vault: Path) -> None:
    """--referred-by matches a contact leniently and writes the link to its file name."""
    result = run("new", "contact", "Sam Lee", "--referred-by", "jane doe", "--vault", jane_vault)
    assert result.exit_code == 0
    assert result.stderr == ""
    note = read(jane_vault, "contacts/Sam Lee.md")
    assert isinstance(note, Contact)
    assert note.referred_by == "Jane Doe"
    assert '"[[Jane Doe]]"' in (jane_vault / "contacts/Sam Lee.md").read_text(encoding="utf-8")


def test_referred_by_someone_unknown_warns(vault: Path) -> None:
    """A referrer without a note is written as given, with a warning that says what to do."""
    result = run("new", "contact", "Sam Lee", "--referred-by", "Ada King", "--vault", vault)
    assert result.exit_code == 0
    assert "Ada King" in result.stderr
    assert "vault new contact" in result.stderr
    note = read(vault, "contacts/Sam Lee.md")
    assert isinstance(note, Contact)
    assert note.referred_by == "Ada King"


@pytest.mark.parametrize("again", ["Jane Doe", "jane doe", "JANE  DOE", "Jané Doe"])
def test_new_contact_never_overwrites(jane_vault: Path, again: str) -> None:
    """The same person again: exit 1, a clear line, every file unchanged."""
    before = snapshot(jane_vault)
    result = run("new", "contact", again, "--company", "Other", "--vault", jane_vault)
    assert result.exit_code == 1
    assert "contacts/Jane Doe.md" in result.stderr
    assert snapshot(jane_vault) == before


def test_new_contact_never_overwrites_a_file_that_is_not_a_contact(vault: Path) -> None:
    """A note of the user's own at the same path is never replaced."""
    write(vault, "contacts/Jane Doe.md", "# My private thoughts about Jane\n")
    before = snapshot(vault)
    result = run("new", "contact", "Jane Doe", "--vault", vault)
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert snapshot(vault) == before


def test_new_contact_whose_file_name_is_taken_by_another_spelling(jane_vault: Path) -> None:
    """`Jane/Doe` makes the file name `Jane Doe`, which exists: exit 1, nothing written."""
    before = snapshot(jane_vault)
    result = run("new", "contact", "Jane/Doe", "--vault", jane_vault)
    assert result.exit_code == 1
    assert snapshot(jane_vault) == before


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../evil", "evil"),
        ("../../../../tmp/evil", "tmp evil"),
        ("/etc/passwd", "etc passwd"),
        ("a\\b", "a b"),
        ("Jane: PM", "Jane- PM"),
        (".hidden", "hidden"),
        ("tab\there", "tab here"),
    ],
)
def test_new_contact_names_stay_in_contacts(vault: Path, name: str, stem: str) -> None:
    """Names that look like paths make a file inside contacts/ and nowhere else."""
    outside = snapshot(vault.parent)
    result = run("new", "contact", name, "--vault", vault)
    assert result.exit_code == 0, result.output
    added = set(snapshot(vault.parent)) - set(outside)
    assert added == {f"vault/contacts/{stem}.md"}


@pytest.mark.parametrize("name", ["..", ".", "/", "", "   ", "\x00"])
def test_new_contact_without_a_usable_name(vault: Path, name: str) -> None:
    """A name with nothing usable: exit 2, the one `vault:` line naming it, nothing written."""
    before = snapshot(vault)
    result = run("new", "contact", name, "--vault", vault)
    assert result.exit_code == 2
    typed = " ".join(name.split())  # as the command reads the name: spaces collapsed
    assert result.stderr == f"vault: {typed!r} has no characters usable in a file name\n"
    assert result.stdout == ""
    assert snapshot(vault) == before


def test_new_contact_over_200_bytes(vault: Path) -> None:
    """A very long name makes a file name of at most 200 bytes plus `.md`."""
    result = run("new", "contact", "Zoë " * 80, "--vault", vault)
    assert result.exit_code == 0
    (made,) = (vault / "contacts").iterdir()
    assert len(made.name.encode("utf-8")) <= 203


def test_new_contact_with_a_vault_template(vault: Path) -> None:
    """A template in the vault's templates/ folder replaces the default."""
    write(
        vault,
        "templates/contact.md",
        "---\ntype: contact\nname: {{ name | yaml }}\nsource: mine\n---\nMy template\n",
    )
    assert run("new", "contact", "Jane Doe", "--vault", vault).exit_code == 0
    text = (vault / "contacts/Jane Doe.md").read_text(encoding="utf-8")
    assert text == "---\ntype: contact\nname: Jane Doe\nsource: mine\n---\nMy template\n"


@pytest.mark.parametrize(
    "template",
    [
        "---\ntype: contact\nname: {{ name | yaml }\n---\n",
        "---\ntype: contact\nname: {{ nmae }}\n---\n",
        "---\ntype: contact\nname: {{ ''.__class__.__mro__ }}\n---\n",
        "---\ntype: contact\nname: [{{ name }}\n---\n",
        "no properties at all\n",
    ],
)
def test_new_contact_with_a_broken_template(vault: Path, template: str) -> None:
    """A broken vault template: exit 2, the template named, no traceback, nothing written."""
    write(vault, "templates/contact.md", template)
    before = snapshot(vault)
    result = run("new", "contact", "Jane Doe", "--vault", vault)
    assert result.exit_code == 2
    assert "contact.md" in result.stderr
    assert snapshot(vault) == before


def test_new_interview(jane_vault: Path) -> None:
    """An interview note for the contact, its date and time, linked to the contact's file."""
    result = run(
        "new", "interview", "jane doe", "--date", "2026-11-25 14:30", "--vault", jane_vault
    )
    assert result.exit_code == 0, result.output
    note = read(jane_vault, "interviews/2026-11-25 Jane Doe.md")
    assert isinstance(note, Interview)
    assert note.contact == "Jane Doe"
    assert (note.date, note.time) == (dt.date(2026, 11, 25), dt.time(14, 30))
    text = (jane_vault / "interviews/2026-11-25 Jane Doe.md").read_text(encoding="utf-8")
    assert 'contact: "[[Jane Doe]]"' in text
    for section in ("## Questions", "## Notes", "## Insights", "## Action items", "## Referrals"):
        assert section in text


def test_new_interview_defaults_to_today(jane_vault: Path) -> None:
    """Without --date, the interview is dated today."""
    assert run("new", "interview", "Jane Doe", "--vault", jane_vault).exit_code == 0
    today = dt.date.today().isoformat()
    assert (jane_vault / f"interviews/{today} Jane Doe.md").is_file()


def test_new_interview_never_overwrites(jane_vault: Path) -> None:
    """A second interview on the same day: exit 1, the first one unchanged."""
    run("new", "interview", "Jane Doe", "--date", "2026-11-25", "--vault", jane_vault)
    path = jane_vault / "interviews/2026-11-25 Jane Doe.md"
    path.write_bytes(path.read_bytes() + b"- my notes\n")
    before = snapshot(jane_vault)
    result = run("new", "interview", "Jane Doe", "--date", "2026-11-25", "--vault", jane_vault)
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert snapshot(jane_vault) == before


def test_new_interview_for_an_unknown_person(jane_vault: Path) -> None:
    """An unknown name: exit 1 with the closest name, nothing written."""
    before = snapshot(jane_vault)
    result = run("new", "interview", "Jane Do", "--vault", jane_vault)
    assert result.exit_code == 1
    assert "Jane Doe" in result.stderr
    assert snapshot(jane_vault) == before


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-45", "next week", "2026-11-25 25:00"])
def test_new_interview_with_a_bad_date(jane_vault: Path, date: str) -> None:
    """A bad --date: exit 2 naming the date, nothing written."""
    before = snapshot(jane_vault)
    result = run("new", "interview", "Jane Doe", "--date", date, "--vault", jane_vault)
    assert result.exit_code == 2
    assert "--date" in result.stderr
    assert snapshot(jane_vault) == before
