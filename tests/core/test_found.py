"""How an outreach says where you came across someone, for every kind of `source`."""

from __future__ import annotations

import pytest

from vaultkit.core.found import found_clause

SOURCES = [
    ("LinkedIn", "I came across your profile on LinkedIn"),
    ("linkedin", "I came across your profile on LinkedIn"),
    ("alumni network", "I found your name through our alumni network"),
    ("alumni", "I found your name through our alumni network"),
    ("professional association", "I found your name through our professional association"),
    ("conference speaker", "I heard you speak at a conference"),
    ("ResearchOps Berlin talk", "I heard you speak at ResearchOps Berlin"),
    ("speaker at UX Camp Europe", "I heard you speak at UX Camp Europe"),
    ("at ResearchOps Berlin", "I came across your name at ResearchOps Berlin"),
    ("ResearchOps meetup", "I came across your name at the ResearchOps meetup"),
    ("meetup", "I came across your name at a meetup"),
    ("UX Camp Europe", "I came across your name at UX Camp Europe"),
    ("design conference", "I came across your name at a design conference"),
    ("Grace's newsletter", "I came across your name through Grace's newsletter"),
    ("referral", "a mutual contact suggested I get in touch"),
    ("referral from Ann Other", "Ann Other suggested I get in touch"),
    ("[[Mile High Data]] meetup", "I came across your name at the Mile High Data meetup"),
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize(("source", "clause"), SOURCES, ids=[str(s) for s, _ in SOURCES])
def test_source_as_a_clause(source: str | None, clause: str) -> None:
    """Each kind of source is said the way a person would open a message with it."""
    assert found_clause(source) == clause


def test_every_source_of_the_example_vault_reads_right() -> None:
    """The sources the example vault uses each give a clause with no bare noun in it."""
    for source in ("LinkedIn", "referral", "alumni network", "professional association"):
        assert " through referral" not in found_clause(source)
        assert found_clause(source).split()[-1] not in ("through", "at", "on")
