"""Names you can always reach: by vault path, by a pasted [[link]], by another spelling;
two contacts of one name are named by `vault check`; `new contact` refuses a near twin."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import contact, contact_text, make_vault, parse, run

from vaultkit.core.model import Contact
from vaultkit.core.names import NameIndex, loose
from vaultkit.errors import VaultError


def two_sam_lees() -> NameIndex:
    old = parse("contacts/old/Sam Lee.md", contact_text("Sam Lee", company="Initech"))
    assert isinstance(old, Contact)
    return NameIndex.of([contact("Sam Lee", company="Acme"), old, contact("Dr. Emily Carter")])


@pytest.mark.parametrize(
    ("typed", "path"),
    [
        ("contacts/Sam Lee.md", "contacts/Sam Lee.md"),
        ("contacts/old/Sam Lee.md", "contacts/old/Sam Lee.md"),
        ("./contacts/old/Sam Lee.md", "contacts/old/Sam Lee.md"),
        ("contacts/old/sam lee", "contacts/old/Sam Lee.md"),
        ("[[contacts/old/Sam Lee]]", "contacts/old/Sam Lee.md"),
        ("[[contacts/old/Sam Lee|Sam]]", "contacts/old/Sam Lee.md"),
        ("[[Dr. Emily Carter]]", "contacts/Dr. Emily Carter.md"),
        ("dr emily carter", "contacts/Dr. Emily Carter.md"),
        ("Dr Emily-Carter", "contacts/Dr. Emily Carter.md"),
    ],
)
def test_a_path_a_link_or_another_spelling_reaches_one_person(typed, path):
    """Each form names exactly one contact, even when two share a name."""
    assert two_sam_lees().resolve(typed).path == path


def test_an_ambiguous_name_says_to_give_the_path():
    """`Sam Lee` names two people: the error lists both and shows the path form."""
    with pytest.raises(VaultError) as caught:
        two_sam_lees().resolve("[[Sam Lee]]")
    assert caught.value.exit_code == 1
    assert "contacts/Sam Lee.md, contacts/old/Sam Lee.md" in caught.value.message
    assert 'like "contacts/Sam Lee.md"' in caught.value.message


def test_loose_spelling_drops_punctuation_only():
    """Periods and apostrophes go, hyphens become spaces; titles and words stay."""
    assert loose("Dr. Emily Carter") == loose("dr emily carter") == "dr emily carter"
    assert loose("Mary-Jane O'Neil") == "mary jane oneil"
    assert loose("Emily Carter") != loose("Dr. Emily Carter")


@pytest.fixture
def twins(tmp_path: Path) -> Path:
    return make_vault(
        tmp_path / "v",
        {
            "contacts/Sam Lee.md": contact_text("Sam Lee", company="Acme"),
            "contacts/old/Sam Lee.md": contact_text("Sam Lee", company="Initech"),
            "contacts/Samantha Lee.md": contact_text("Samantha Lee", aliases="[Sam]"),
            "contacts/Sam Ray.md": contact_text("Sam Ray", aliases="[Sam]"),
        },
    )


def test_check_names_two_contacts_with_one_name_or_alias(twins: Path):
    """Each of the two is named, on its name or aliases line, with the other's path."""
    result = run("check", "--vault", twins)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "is also a name of" in line]
    assert lines == [
        "contacts/Sam Lee.md:3: name: 'Sam Lee' is also a name of contacts/old/Sam Lee.md, "
        'so [[Sam Lee]] and `vault show "Sam Lee"` cannot tell them apart; rename one, '
        'or give the path to commands (`vault show "contacts/Sam Lee.md"`)',
        "contacts/Sam Ray.md:4: aliases: 'Sam' is also a name of contacts/Samantha Lee.md, "
        'so [[Sam]] and `vault show "Sam"` cannot tell them apart; rename one, '
        'or give the path to commands (`vault show "contacts/Sam Ray.md"`)',
        "contacts/Samantha Lee.md:4: aliases: 'Sam' is also a name of contacts/Sam Ray.md, "
        'so [[Sam]] and `vault show "Sam"` cannot tell them apart; rename one, '
        'or give the path to commands (`vault show "contacts/Samantha Lee.md"`)',
        "contacts/old/Sam Lee.md:3: name: 'Sam Lee' is also a name of contacts/Sam Lee.md, "
        'so [[Sam Lee]] and `vault show "Sam Lee"` cannot tell them apart; rename one, '
        'or give the path to commands (`vault show "contacts/old/Sam Lee.md"`)',
    ]


def test_show_reaches_either_twin_by_path(twins: Path):
    """The path the error suggests works as printed."""
    result = run("show", "contacts/old/Sam Lee.md", "--vault", twins)
    assert result.exit_code == 0, result.output
    assert "Sam Lee\nInitech" in result.stdout


@pytest.mark.parametrize("typed", ["dr emily carter", "Dr Emily Carter", "DR. EMILY CARTER"])
def test_new_contact_refuses_the_same_person_spelt_otherwise(tmp_path: Path, typed: str):
    """`Dr. Emily Carter` exists: another spelling of her name is refused, nothing written."""
    vault = make_vault(tmp_path / "v", {})
    assert run("new", "contact", "Dr. Emily Carter", "--vault", vault).exit_code == 0
    before = sorted(p.name for p in (vault / "contacts").iterdir())
    result = run("new", "contact", typed, "--vault", vault)
    assert result.exit_code == 1
    assert result.stderr == (
        f"vault: {typed!r} is Dr. Emily Carter, who already has a note: "
        "contacts/Dr. Emily Carter.md; use that note, or a name that tells the two apart\n"
    )
    assert sorted(p.name for p in (vault / "contacts").iterdir()) == before


def test_new_contact_referred_by_a_path(twins: Path):
    """--referred-by takes the path form too: the link goes to that note, with no warning."""
    result = run(
        "new", "contact", "Ann Ho", "--referred-by", "contacts/old/Sam Lee.md", "--vault", twins
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    text = (twins / "contacts" / "Ann Ho.md").read_text(encoding="utf-8")
    assert 'referred_by: "[[Sam Lee]]"' in text
