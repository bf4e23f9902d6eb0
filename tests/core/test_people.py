"""The notions under every import: dates as people type them, LinkedIn addresses compared by
what they point to, tags, text kept as text in a Markdown body, and who is who."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import contact
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core import body
from vaultkit.core.cells import clean_value, read_date, read_status, read_tags
from vaultkit.core.people import Directory, Known, Person, email_keys, linkedin_key
from vaultkit.core.research import add_research, as_markdown_text


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-03-15", dt.date(2024, 3, 15)),
        ("2024-03-15T10:30", dt.date(2024, 3, 15)),
        ("2024/3/5", dt.date(2024, 3, 5)),
        ("15/03/2024", dt.date(2024, 3, 15)),
        ("5.3.2024", dt.date(2024, 3, 5)),
        ("05-03-2024", dt.date(2024, 3, 5)),
        ("15 Mar 2024", dt.date(2024, 3, 15)),
        ("15 March 2024", dt.date(2024, 3, 15)),
        ("15-Mar-2024", dt.date(2024, 3, 15)),
        ("1st Sept 2024", dt.date(2024, 9, 1)),
        ("Mar 15, 2024", dt.date(2024, 3, 15)),
        ("Friday, 15 March 2024", dt.date(2024, 3, 15)),
        ("15/03/2024 09:15", dt.date(2024, 3, 15)),
        ("", None),
        ("n/a", None),
        ("-", None),
    ],
)
def test_dates_people_type(text: str, day: dt.date | None) -> None:
    """ISO, day-first and month-name dates are read; empty cells are no date."""
    assert read_date(text) == day


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("03/15/2024", "not a real date when read day first"),
        ("31/02/2024", "not a real date"),
        ("31 Feb 2024", "not a real date"),
        ("15/03/24", "year in full"),
        ("yes", "not a date"),
        ("15 Mär 2024", "not a date"),
        ("next week", "not a date"),
    ],
)
def test_dates_that_would_need_a_guess_are_refused(text: str, words: str) -> None:
    """A month-first date, an impossible one, a short year or a word: an error, not a guess."""
    with pytest.raises(ValueError, match=words):
        read_date(text)


URLS = [
    "https://www.linkedin.com/in/jane-doe",
    "http://linkedin.com/in/jane-doe/",
    "https://uk.linkedin.com/in/Jane-Doe?trk=people-guest",
    "www.linkedin.com/in/jane-doe/#experience",
    "linkedin.com/in/jane-doe",
    "HTTPS://DE.LINKEDIN.COM/IN/JANE-DOE/",
    "https://m.linkedin.com/in/jane-doe",
]


@pytest.mark.parametrize("url", URLS)
def test_linkedin_addresses_of_one_profile_share_a_key(url: str) -> None:
    """Scheme, www. and country subdomains, query, fragment, slash and case do not count."""
    assert linkedin_key(url) == "linkedin.com/in/jane-doe"


def test_linkedin_keys_tell_profiles_apart() -> None:
    """Different profiles, and percent-escaped letters, are compared by what they name."""
    assert linkedin_key("linkedin.com/in/jane-doe") != linkedin_key("linkedin.com/in/jane-doe-2")
    assert linkedin_key("linkedin.com/in/jos%C3%A9") == linkedin_key("linkedin.com/in/josé")
    assert linkedin_key("") is None and linkedin_key(None) is None


@given(
    slug=st.from_regex(r"[a-z0-9][a-z0-9-]{2,20}", fullmatch=True),
    scheme=st.sampled_from(["", "http://", "https://", "HTTPS://"]),
    host=st.sampled_from(["", "www.", "uk.", "fr.", "M."]),
    tail=st.sampled_from(["", "/", "?trk=x", "/?a=1&b=2", "#top", "//"]),
    upper=st.booleans(),
)
def test_any_way_of_writing_a_profile_gives_its_key(
    slug: str, scheme: str, host: str, tail: str, upper: bool
) -> None:
    """For every slug, each way of writing its address gives the one key."""
    url = f"{scheme}{host}linkedin.com/in/{slug.upper() if upper else slug}{tail}"
    assert linkedin_key(url) == f"linkedin.com/in/{slug}"


def test_email_keys_ignore_case_and_hold_several() -> None:
    """Emails compare without case; a property listing two gives both."""
    assert email_keys("Jane.Doe@Example.com") == ("jane.doe@example.com",)
    assert email_keys("a@x.example, B@y.example") == ("a@x.example", "b@y.example")
    assert email_keys(None) == ()


def test_tags_as_obsidian_takes_them() -> None:
    """No `#`, no spaces (dashes instead), each tag once whatever its case."""
    assert read_tags("Work, Design Team;#mentor,work,, R&D") == (
        "Work",
        "Design-Team",
        "mentor",
        "R-D",
    )


def test_statuses_of_trackers() -> None:
    """Tracker words map to vault's statuses; an unknown one is refused."""
    assert [read_status(w) for w in ("Met", "reached out", "Replied", "On hold", "")] == [
        "met",
        "contacted",
        "contacted",
        "paused",
        None,
    ]
    with pytest.raises(ValueError, match="not a status"):
        read_status("maybe later")


def test_values_are_cleaned_by_property() -> None:
    """Emails lose a mailto:, text loses control characters and extra spaces."""
    assert clean_value("email", " mailto:Ann@X.example ") == "Ann@X.example"
    assert clean_value("company", " Acme \x07\n Inc. ") == "Acme Inc."
    assert clean_value("company", "#N/A") is None
    assert clean_value("cadence", "30 days") == 30
    with pytest.raises(ValueError, match="not an email"):
        clean_value("email", "ann at x")
    with pytest.raises(ValueError, match="not a LinkedIn address"):
        clean_value("linkedin", "https://twitter.com/ann")


MARKUP_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            ["## Log", "# Title", "   ### deep", "---", "===", "***", "```", "~~~", "[[Jane]]",
             "<script>x</script>", "- 2024-01-01 met", "\\## escaped", "plain text"]
        ),
        st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=20),
    ),
    min_size=1,
    max_size=6,
)  # fmt: skip


@given(MARKUP_LINES)
def test_research_text_makes_no_section_or_link(lines: list[str]) -> None:
    """Whatever the text, under `## Research` it adds no heading, section or wikilink."""
    note = b"---\ntype: contact\n---\n# Ann\n\n## Research\n\n## Log\n\n- 2026-01-01 met\n"
    new = add_research(note, "\n".join(lines))
    assert new is not None
    text = new.decode("utf-8").split("---\n", 2)[2]
    sections = body.sections(text, 1)
    assert list(sections) == ["research", "log"]
    assert body.links(sections["research"]) == ()
    assert [line for _, line in sections["log"] if line.strip()] == ["- 2026-01-01 met"]


def test_markdown_text_keeps_ordinary_text_as_it_is() -> None:
    """Plain sentences, list items and a lone backslash are not escaped."""
    text = "Met at the meetup.\n- likes chess\nC:\\Users is a path"
    assert as_markdown_text(text) == text


def test_research_goes_where_there_is_room() -> None:
    """An empty section is filled; a missing one is added at the end; a full one is kept."""
    empty = b"---\ntype: contact\n---\n## Research\n\n## Log\n"
    assert (
        add_research(empty, "Notes") == b"---\ntype: contact\n---\n## Research\n\nNotes\n\n## Log\n"
    )
    missing = b"---\r\ntype: contact\r\n---\r\nBody"
    assert add_research(missing, "a\nb") == missing + b"\r\n\r\n## Research\r\n\r\na\r\nb\r\n"
    assert add_research(b"---\ntype: contact\n---\n## Research\nMine\n", "Notes") is None


def test_who_is_who() -> None:
    """LinkedIn first, then email, then name; a different LinkedIn address is someone else."""
    jane = contact("Jane Doe", email="jane@x.example", linkedin="https://linkedin.com/in/jane")
    other = contact("Sam Lee", email="sam@x.example")
    directory = Directory.of([jane, other])

    def who(name: str | None, **values: str) -> str | None:
        found = directory.match(Person(1, name, values)).known
        return found.path if found else None

    assert who("Someone", linkedin="https://www.linkedin.com/in/JANE/") == "contacts/Jane Doe.md"
    assert who("Someone", email="SAM@x.example") == "contacts/Sam Lee.md"
    assert who("jane doe") == "contacts/Jane Doe.md"
    assert who("Jane Doe", linkedin="https://linkedin.com/in/jane-doe-2") is None
    assert who("Sam Lee", email="sam@x.example", linkedin="linkedin.com/in/sam") == (
        "contacts/Sam Lee.md"
    )


def test_two_candidates_are_ambiguous() -> None:
    """A name two contacts answer to matches neither."""
    directory = Directory.of([contact("Ann Lee"), contact("Ann Lee 2", aliases=["Ann Lee"])])
    match = directory.match(Person(1, "ann lee", {}))
    assert match.known is None and len(match.ambiguous) == 2 and match.by == "name"


def test_people_added_while_importing_are_found() -> None:
    """A person not written yet is found by the keys the import gave them."""
    directory = Directory()
    pending = Known("Ann Lee", line=3)
    directory.add(pending, linkedin="linkedin.com/in/ann", email="ann@x.example", names=["Ann Lee"])
    assert directory.match(Person(9, "A. Lee", {"email": "ANN@x.example"})).known is pending
