"""`vault export vcard`: one card per contact, read back with vobject and compared with
`vault ls contacts --json` and the notes themselves."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import vobject
import yaml
from helpers import EXAMPLE_TODAY, contact, copy_example, run, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.formats.vcard_export import card


def export(root: Path, *args: str) -> str:
    """`vault export vcard ARGS` as text; exit 0 or the test fails."""
    result = run("export", "vcard", *args, "--vault", root, "--today", EXAMPLE_TODAY)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


def properties(root: Path, path: str) -> dict[str, object]:
    """A note's properties as PyYAML reads them."""
    text = (root / path).read_text(encoding="utf-8")
    found: dict[str, object] = yaml.safe_load(text.split("---\n")[1])
    return found


def value(card: vobject.base.Component, name: str) -> object:
    """A card's value for a property, or None when the card has none."""
    return getattr(card, name).value if name in card.contents else None


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of example-vault/ in tmp_path."""
    return copy_example(tmp_path)


def test_cards_carry_every_field_of_each_contact(example: Path) -> None:
    """Each contact's card has its name, company, role, email, tags, phone and LinkedIn."""
    cards = list(vobject.readComponents(export(example)))
    listed = json.loads(run("ls", "contacts", "--json", "--vault", example).stdout)
    assert len(cards) == len(listed) == 20
    for got, want in zip(cards, listed, strict=True):
        assert got.version.value == "3.0"
        assert got.fn.value == want["name"]
        assert value(got, "org") == ([want["company"]] if want["company"] else None)
        assert value(got, "title") == want["role"]
        assert value(got, "email") == want["email"]
        assert value(got, "categories") == (want["tags"] or None)
        note = properties(example, str(want["path"]))
        assert value(got, "tel") == (str(note["phone"]) if note.get("phone") else None)
        assert value(got, "url") == note.get("linkedin")
        family, given_name = got.n.value.family, got.n.value.given
        assert f"{given_name} {family}".strip() == want["name"]
    assert len({c.uid.value for c in cards}) == len(cards)


def test_note_says_how_you_met_and_when_you_last_spoke(example: Path) -> None:
    """NOTE is one line: the source, who referred them and the last interaction."""
    cards = {c.fn.value: c for c in vobject.readComponents(export(example))}
    assert cards["Daniel Okafor"].note.value == (
        "How we met: referral, referred by Maya Chen. Last in touch: 2026-11-19."
    )
    assert all("\n" not in c.note.value for c in cards.values() if "note" in c.contents)


def test_uids_are_stable_across_runs_and_machines(example: Path, tmp_path: Path) -> None:
    """The same notes give the same bytes, even from another folder."""
    first = export(example)
    moved = example.rename(tmp_path / "elsewhere")
    assert export(moved) == first


def test_version_4(example: Path) -> None:
    """--v4 writes vCard 4.0, without the 3.0-only INTERNET type."""
    cards = list(vobject.readComponents(export(example, "--v4")))
    assert {c.version.value for c in cards} == {"4.0"}
    assert "INTERNET" not in export(example, "--v4")


TEXT = st.text(
    alphabet=st.sampled_from([*"aZé ,;:\\\"'\n🚀", "\u05e9", "\u0627", "\u200f"]),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s)


@settings(max_examples=60, deadline=None)
@given(name=TEXT, company=TEXT, tags=st.lists(TEXT, max_size=3))
def test_values_survive_the_escaping(name: str, company: str, tags: list[str]) -> None:
    """Commas, semicolons, newlines, quotes, emoji and right-to-left text come back exact."""
    person = contact("X")
    person.name, person.company, person.tags = name, company, tuple(tags)
    for version in ("3.0", "4.0"):
        read = vobject.readOne(card(person, dt.date(2026, 11, 1), version=version))
        assert read.fn.value == name
        assert read.org.value == [company]
        if tags:
            assert read.categories.value == tags


def test_importing_the_export_back_changes_nothing(tmp_path: Path) -> None:
    """What `vault export vcard` writes, `vault import vcard` reads as the same people: every
    contact is matched, nothing is created or filled, and no byte of the vault changes."""
    example = copy_example(tmp_path)
    cards = tmp_path / "contacts.vcf"
    exported = run("export", "vcard", "--out", cards, "--vault", example)
    assert exported.exit_code == 0, exported.output
    before = snapshot(example)
    again = run("import", "vcard", cards, "--json", "--vault", example)
    assert again.exit_code == 0, again.output
    done = json.loads(again.stdout)
    assert (done["created"], done["updated"], done["skipped"]) == ([], [], [])
    assert len(done["unchanged"]) == 20
    assert snapshot(example) == before
