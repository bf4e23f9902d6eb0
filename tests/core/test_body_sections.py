"""A note's `##` sections: where each begins and ends, and which of two with one title counts."""

from __future__ import annotations

from vaultkit.core.body import sections


def test_a_section_runs_to_the_next_heading_of_its_level_or_higher() -> None:
    """Deeper headings are lines of the section; a `#tag` line is not a heading."""
    text = "# Title\nintro\n## Log\na\n### Detail\nb\n#tag\n## Questions\nq\n# Next\nout"
    assert sections(text, 10) == {
        "log": [(13, "a"), (14, "### Detail"), (15, "b"), (16, "#tag")],
        "questions": [(18, "q")],
    }


def test_the_first_section_of_a_title_counts() -> None:
    """A second `## Log` ends the first and is left out, with everything under it."""
    text = "## Log\nfirst\n## log\nsecond\n## Notes\nn"
    found = sections(text, 1)
    assert found == {"log": [(2, "first")], "notes": [(6, "n")]}
    assert list(found) == ["log", "notes"]


def test_a_section_at_the_end_takes_the_rest() -> None:
    """The last section runs to the end of the text, blank lines and all."""
    assert sections("## Log\n- 2026-11-01 met\n\n", 5) == {
        "log": [(6, "- 2026-11-01 met"), (7, ""), (8, "")]
    }
