"""Which names, interview dates and files completion offers for what has been typed."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.completion import (
    KnownContact,
    KnownInterview,
    Suggestion,
    interview_dates,
    interview_files,
    interviews_of,
    names_starting,
)
from vaultkit.core.names import fold, note_name

ZOE = KnownContact("contacts/Zoë Kowalski.md", "Zoë Kowalski", ("Zo",), "Fernweh Travel")
ZOLA = KnownContact("contacts/Émile Zola.md", "Émile Zola", (), None)
SAM = KnownContact("contacts/Sam Lee.md", "Samuel Lee", ("Sam Lee", "Sammy"), "Acme")

# Small alphabets, so that generated names often share beginnings.
words = st.text("aAeéÉoöÖ zZ-'", min_size=1, max_size=6)
contacts = st.lists(
    st.builds(
        lambda stem, name, aliases: KnownContact(f"contacts/{stem}.md", name, aliases, None),
        words,
        words,
        st.lists(words, max_size=2).map(tuple),
    ),
    max_size=8,
)


def spellings(contact: KnownContact) -> list[str]:
    return [contact.name, note_name(contact.path), *contact.aliases]


def test_accents_and_case_do_not_matter() -> None:
    """`zoe`, `ZOË` and `émile` find the names written with accents and capitals."""
    people = [ZOE, ZOLA, SAM]
    assert names_starting(people, "zoe") == [Suggestion("Zoë Kowalski", "Fernweh Travel")]
    assert names_starting(people, "ZOË K")[0].value == "Zoë Kowalski"
    assert [s.value for s in names_starting(people, "emile")] == ["Émile Zola"]


def test_a_space_typed_counts() -> None:
    """`Zoë ` (with its space) fits `Zoë Kowalski` and not `Zoëlle Martin`."""
    zoelle = KnownContact("contacts/Zoëlle Martin.md", "Zoëlle Martin", (), None)
    assert [s.value for s in names_starting([ZOE, zoelle], "zoe")] == [
        "Zoë Kowalski",
        "Zoëlle Martin",
    ]
    assert [s.value for s in names_starting([ZOE, zoelle], "zoe ")] == ["Zoë Kowalski"]


def test_an_alias_is_offered_when_the_name_does_not_fit() -> None:
    """Typing an alias completes the alias, told with whose it is."""
    assert names_starting([SAM], "sam") == [Suggestion("Samuel Lee", "Acme")]
    assert names_starting([SAM], "samm") == [Suggestion("Sammy", "Samuel Lee, Acme")]
    assert names_starting([ZOE], "zo") == [Suggestion("Zoë Kowalski", "Fernweh Travel")]


@given(contacts, words)
def test_every_offer_fits_and_every_fit_is_offered(people: list[KnownContact], typed: str) -> None:
    """Each value offered is a spelling of someone that starts like the typed text, offered
    once; and everyone with such a spelling gets a value of theirs (or a same one)."""
    offered = [s.value for s in names_starting(people, typed)]
    assert len(offered) == len(set(offered))
    key = fold(typed) + (" " if fold(typed) and typed[-1].isspace() else "")
    for value in offered:
        assert fold(value).startswith(key)
        assert any(value in spellings(c) for c in people)
    for contact in people:
        if any(s and fold(s).startswith(key) for s in spellings(contact)):
            assert set(spellings(contact)) & set(offered), contact


@given(contacts)
def test_nothing_typed_offers_every_name(people: list[KnownContact]) -> None:
    """An empty word: every contact's name, in the order names are listed."""
    offered = [s.value for s in names_starting(people, "")]
    assert set(offered) == {c.name for c in people if c.name}
    assert offered == sorted(offered, key=lambda v: (fold(v), v))


def interview(path: str, link: str | None, day: str | None, time: str | None = None):
    return KnownInterview(path, link, dt.date.fromisoformat(day) if day else None, time)


def test_the_persons_interviews_newest_first() -> None:
    """Interviews whose link names the person (by name, file name or alias), newest first,
    undated last; one whose link also names someone else is nobody's."""
    sam_lee = KnownContact("contacts/Sam Lee 2.md", "Sam Lee", (), None)  # shares a name
    theirs = [
        interview("i/a.md", "Samuel Lee", "2026-01-05"),
        interview("i/b.md", "sammy", "2026-03-01"),
        interview("i/c.md", "Samuel Lee", None),
        interview("i/d.md", "Sam Lee", "2026-04-01"),  # Sam Lee is also another contact
        interview("i/e.md", "Zoë Kowalski", "2026-05-01"),
    ]
    found = interviews_of("samuel lee", [SAM, sam_lee, ZOE], theirs)
    assert [i.path for i in found] == ["i/b.md", "i/a.md", "i/c.md"]
    assert [i.path for i in interviews_of("zoe kowalski", [SAM, sam_lee, ZOE], theirs)] == [
        "i/e.md"
    ]


def test_a_name_for_nobody_or_several_has_no_interviews() -> None:
    """NAME must mean exactly one contact, as it must for `vault edit`."""
    other = KnownContact("contacts/Sammy B.md", "Sammy B", ("Sammy",), None)
    talk = [interview("i/a.md", "Samuel Lee", "2026-01-05")]
    assert interviews_of("Nobody", [SAM, ZOE], talk) == []
    assert interviews_of("sammy", [SAM, other], talk) == []
    assert interviews_of("samuel lee", [SAM, other], talk) == talk


def test_same_day_interviews_latest_time_first() -> None:
    """On one day, the later call comes first, as it is the newer."""
    talks = [
        interview("i/am.md", "Samuel Lee", "2026-11-03", "09:00:00"),
        interview("i/pm.md", "Samuel Lee", "2026-11-03", "15:30:00"),
    ]
    assert [i.path for i in interviews_of("Samuel Lee", [SAM], talks)] == ["i/pm.md", "i/am.md"]


def test_dates_with_latest_first() -> None:
    """`latest`, then each day; two on one day are told apart by their times."""
    interviews = [
        interview("i/3.md", "x", "2026-11-03", "15:30:00"),
        interview("i/2.md", "x", "2026-11-03", "09:00:00"),
        interview("i/1.md", "x", "2026-10-01", "10:00:00"),
    ]
    assert [s.value for s in interview_dates(interviews, "")] == [
        "latest",
        "2026-11-03 15:30",
        "2026-11-03 09:00",
        "2026-10-01",
    ]
    assert [s.value for s in interview_dates(interviews, "2026-10")] == ["2026-10-01"]
    assert [s.value for s in interview_dates([], "")] == ["latest"]


def test_files_by_prefix() -> None:
    """Interview paths that start like the typed text, ignoring case and accents."""
    interviews = [
        interview("interviews/2026 Zoë.md", "x", None),
        interview("other/x.md", "x", None),
    ]
    assert interview_files(interviews, "INTERVIEWS/2026 zoe") == [
        Suggestion("interviews/2026 Zoë.md")
    ]
