"""The name a draft greets a person by, for the shapes real names come in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.greeting import HONORIFICS, Greeting, greeting

# (the name as written in a contact note, the greeting, whether the tool is sure)
NAMES = [
    ("Emily Carter", "Emily", True),
    ("Dr. Emily Carter", "Emily", True),
    ("dr emily carter", "emily", True),
    ("DR Emily Carter", "Emily", True),
    ("Dr.Emily Carter", "Emily", True),
    ("Prof. Dr. Hans Müller", "Hans", True),
    ("Professor Grace Liu", "Grace", True),
    ("Mr John Smith", "John", True),
    ("Mrs. Jane Doe", "Jane", True),
    ("Ms. Priya Natarajan", "Priya", True),
    ("Mx. Alex Kim", "Alex", True),
    ("Sir Tim Berners-Lee", "Tim", True),
    ("Dame Judi Dench", "Judi", True),
    ("Emily Carter, PhD", "Emily", True),
    ("Emily Carter PhD MBA", "Emily", True),
    ("Jane Doe, M.A.", "Jane", True),
    ("Jane Doe MA", "Jane", True),
    ("Jack Ma", "Jack", True),
    ("Martin Luther King Jr.", "Martin", True),
    ("John Smith III", "John", True),
    ("Carter, Emily", "Emily", True),
    ("van der Berg, Anna", "Anna", True),
    ("Dr. Carter", "Dr. Carter", True),
    ("Ms Lee", "Ms Lee", True),
    ("Ludwig van Beethoven", "Ludwig", True),
    ("Jean-Luc Picard", "Jean-Luc", True),
    ("Siobhán O'Connor", "Siobhán", True),
    ("D'Arcy Carden", "D'Arcy", True),
    ("José María Aznar", "José", True),
    ("Zoë Ñúñez", "Zoë", True),
    ("Björk Guðmundsdóttir", "Björk", True),
    ('Robert "Bob" Smith', "Bob", True),
    ("Robert (Bob) Smith", "Bob", True),
    ("Jane Doe (she/her)", "Jane", True),
    ("Jane Doe 🚀", "Jane", True),
    ("[[Jane Doe]]", "Jane", True),
    ("**Jane** Doe", "Jane", True),
    ("Abdul Rahman Al-Sayed", "Abdul Rahman", True),
    ("Mohammed bin Salman", "Mohammed", True),
    ("Nguyễn Văn An", "An", True),
    ("Tran Thi Mai", "Mai", True),
    ("Minh Do", "Minh", True),
    ("山田 太郎", "山田 太郎", True),
    ("王小明", "王小明", True),
    ("김민준", "김민준", True),
    ("Иван Петров", "Иван", True),
    ("Γιώργος Παπαδόπουλος", "Γιώργος", True),
    ("محمد علي", "محمد", True),
    ("अमित शर्मा", "अमित", True),
    ("Madonna", "Madonna", True),
    ("J. Smith", "J. Smith", False),
    ("J.R.R. Tolkien", "J.R.R. Tolkien", False),
    ("AC/DC:", "AC/DC", False),
    ("JDOE", "JDOE", False),
    ("JANE DOE", "JANE DOE", False),
    ("jdoe42", "jdoe42", False),
    ("@jane", "@jane", False),
    ("van Gogh", "van Gogh", False),
    ("Dr.", "Dr.", False),
]


@pytest.mark.parametrize(("name", "expected", "sure"), NAMES, ids=[n for n, _, _ in NAMES])
def test_greeting_for_real_name_shapes(name: str, expected: str, sure: bool) -> None:
    """Each name shape gives its greeting; an initial or a handle gives the full name, unsure."""
    found = greeting(name)
    assert found.name == expected
    assert (not found.unsure) == sure, found.unsure


def test_the_table_covers_thirty_shapes() -> None:
    """At least thirty name shapes are pinned, a handful the tool is unsure of."""
    assert len(NAMES) >= 30
    assert sum(1 for _, _, sure in NAMES if not sure) >= 5


@pytest.mark.parametrize("own", ["Em", "Mary Ann", "Dr. Carter", "**Emmy**"])
def test_first_name_property_always_wins(own: str) -> None:
    """A contact's own first_name is the greeting, whatever the name says (markup gone)."""
    assert greeting("J. Emily Carter, PhD", own).name == own.replace("**", "")
    assert not greeting("JDOE", own).unsure


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_an_empty_first_name_property_is_no_first_name(empty: str | None) -> None:
    """The template's empty `first_name:` line changes nothing."""
    assert greeting("Dr. Emily Carter", empty).name == "Emily"


GIVEN = st.sampled_from(["Emily", "José", "Zoë", "Anne-Marie", "Kwame", "Siobhán", "Oluwaseun"])
FAMILY = st.sampled_from(["Carter", "Martínez", "Okafor", "O'Brien", "Nakamura", "Haddad"])
TITLE = st.sampled_from(sorted(HONORIFICS)).flatmap(
    lambda t: st.sampled_from([t, t.capitalize(), t.upper(), t.capitalize() + "."])
)
SUFFIX = st.sampled_from(["", " Jr.", ", PhD", " PhD", ", MBA", " III", ", M.Sc."])


@given(st.lists(TITLE, max_size=2), GIVEN, FAMILY, SUFFIX)
def test_titles_and_suffixes_never_reach_the_greeting(
    titles: list[str], given_name: str, family: str, suffix: str
) -> None:
    """However many titles come before and letters after, the greeting is the given name."""
    name = " ".join([*titles, given_name, family]) + suffix
    found = greeting(name)
    assert found.name == given_name
    assert not found.unsure


def test_a_name_with_no_letters_is_greeted_as_written_and_unsure() -> None:
    """A file named with an emoji gives that emoji and a reason to set first_name."""
    assert greeting("🚀") == Greeting("🚀", "it has no letters to greet")
