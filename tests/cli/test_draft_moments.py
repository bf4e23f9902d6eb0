"""`vault draft` only at each kind's moment: every refusal, --force, and warnings kept to
what the template uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from helpers import run, write

TODAY = "2026-11-22"


def contact(**props: str) -> str:
    """A contact note for Sam Lee with these properties."""
    lines = "".join(f"{k}: {v}\n" for k, v in props.items())
    return f"---\ntype: contact\nname: Sam Lee\nemail: sam@example.com\n{lines}---\n# Sam Lee\n"


def interview(day: str, **props: str) -> str:
    """An interview with Sam Lee on that day."""
    lines = "".join(f"{k}: {v}\n" for k, v in props.items())
    return (
        f'---\ntype: interview\ncontact: "[[Sam Lee]]"\ndate: {day}\n{lines}---\n'
        "## Insights\n\n- Start small.\n\n## Action items\n\n- [ ] Send Sam my outline\n"
    )


def draft(vault: Path, *args: str) -> Result:
    """`vault draft ARGS... --today 2026-11-22 --vault VAULT`."""
    return run("draft", *args, "--today", TODAY, "--vault", vault)


def refused(result: Result) -> str:
    """The one line of a refusal: exit 1, nothing on stdout, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# (what the notes say, the kind, why it does not fit, what fits instead)
REFUSALS = [
    (
        {"outreach_sent": "2026-11-01", "replied": "2026-11-03"},
        [("2026-11-10", {"status": "done"})],
        "nudge",
        "you met on 2026-11-10",
        "what fits now: thank-you, update or advice",
    ),
    (
        {"outreach_sent": "2026-11-01", "nudge_sent": "2026-11-08"},
        [],
        "nudge",
        "you nudged them on 2026-11-08; one nudge, then let it go",
        "no message fits now",
    ),
    (
        {},
        [],
        "nudge",
        "there is no outreach to follow up (outreach_sent is empty)",
        "what fits now: outreach",
    ),
    (
        {"outreach_sent": "2026-11-01", "replied": "2026-11-03"},
        [("2026-12-01", {})],
        "outreach",
        "a conversation is planned for 2026-12-01",
        "no message fits now",
    ),
    (
        {"outreach_sent": "2026-11-01"},
        [],
        "outreach",
        "you wrote to them on 2026-11-01",
        "what fits now: nudge",
    ),
    (
        {"outreach_sent": "2026-11-01", "replied": "2026-11-02"},
        [],
        "outreach",
        "they replied on 2026-11-02",
        "no message fits now",
    ),
    (
        {"outreach_sent": "2026-11-01"},
        [("2026-11-10", {"thank_you_sent": "2026-11-11"})],
        "thank-you",
        "you thanked them on 2026-11-11 for the conversation of 2026-11-10",
        "what fits now: update or advice",
    ),
    (
        {},
        [("2026-12-01", {})],
        "thank-you",
        "you have no done interview with them",
        "no message fits now",
    ),
    (
        {},
        [("2026-12-01", {})],
        "update",
        "you have not met yet (a conversation is planned for 2026-12-01)",
        "no message fits now",
    ),
    ({}, [], "advice", "you have not met yet", "what fits now: outreach"),
    (
        {"status": "declined", "outreach_sent": "2026-11-01"},
        [],
        "nudge",
        "contacts/Sam Lee.md says status: declined",
        "no message fits now",
    ),
]


@pytest.mark.parametrize(
    ("props", "interviews", "kind", "why", "instead"),
    REFUSALS,
    ids=[f"{r[2]}-{r[3][:30]}" for r in REFUSALS],
)
def test_a_draft_outside_its_moment_is_refused(
    vault: Path,
    props: dict[str, str],
    interviews: list[tuple[str, dict[str, str]]],
    kind: str,
    why: str,
    instead: str,
) -> None:
    """Refused in one line with why and what fits (exit 1); --force drafts it with a warning."""
    write(vault, "contacts/Sam Lee.md", contact(**props))
    for day, extra in interviews:
        write(vault, f"interviews/{day} Sam Lee.md", interview(day, **extra))
    line = refused(draft(vault, kind, "Sam Lee"))
    assert line == f"vault: no {kind} for Sam Lee: {why}; {instead} (or --force to draft it anyway)"
    forced = draft(vault, kind, "Sam Lee", "--force")
    assert forced.exit_code == 0, forced.output
    assert forced.stdout.startswith("Subject: ")
    assert f"warning: drafted with --force: {why}\n" in forced.stderr


def test_each_kind_at_its_moment_is_drafted(vault: Path) -> None:
    """Outreach first, then the one nudge, then a thank-you, an update and advice."""
    path = write(vault, "contacts/Sam Lee.md", contact())
    assert draft(vault, "outreach", "Sam Lee").exit_code == 0
    path.write_text(contact(outreach_sent="2026-11-01"), encoding="utf-8")
    assert draft(vault, "nudge", "Sam Lee").exit_code == 0
    write(vault, "interviews/2026-11-20 Sam Lee.md", interview("2026-11-20"))
    for kind in ("thank-you", "update", "advice"):
        assert draft(vault, kind, "Sam Lee").exit_code == 0, kind


def test_an_interview_given_must_be_done_for_a_thank_you(vault: Path) -> None:
    """--interview of a conversation still ahead is no moment for a thank-you."""
    write(vault, "contacts/Sam Lee.md", contact())
    write(vault, "interviews/2026-11-20 Sam Lee.md", interview("2026-11-20"))
    write(vault, "interviews/2026-12-01 Sam Lee.md", interview("2026-12-01"))
    ahead = "interviews/2026-12-01 Sam Lee.md"
    line = refused(draft(vault, "thank-you", "Sam Lee", "--interview", ahead))
    assert "the conversation of 2026-12-01 has not happened" in line


def test_an_early_nudge_is_drafted_with_a_word_on_timing(vault: Path) -> None:
    """A nudge three days after the outreach fits, and says when one is due."""
    write(vault, "contacts/Sam Lee.md", contact(outreach_sent="2026-11-19"))
    result = draft(vault, "nudge", "Sam Lee")
    assert result.exit_code == 0
    assert (
        "warning: you wrote to Sam Lee 3 days ago; a nudge is due 7 days after the outreach "
        "(2026-11-26)" in result.stderr
    )


# -- warnings only about what the template uses --------------------------------------------------


def test_no_warning_about_a_property_the_kind_does_not_use(vault: Path) -> None:
    """No source or company: the nudge warns of neither, outreach and advice of their own."""
    write(vault, "contacts/Sam Lee.md", contact(outreach_sent="2026-11-01"))
    nudge = draft(vault, "nudge", "Sam Lee")
    assert nudge.exit_code == 0 and nudge.stderr == ""
    outreach = draft(vault, "outreach", "Sam Lee", "--force")
    assert "says neither how you found Sam Lee nor who referred them" in outreach.stderr
    write(vault, "interviews/2026-11-20 Sam Lee.md", interview("2026-11-20"))
    advice = draft(vault, "advice", "Sam Lee")
    assert "Sam Lee has no company" in advice.stderr
    assert "no company" not in draft(vault, "update", "Sam Lee").stderr


def test_a_template_that_reads_little_hears_little(vault: Path) -> None:
    """A template that reads no insight, pitch or referrer gets no warning about them."""
    write(
        vault,
        "contacts/Sam Lee.md",
        '---\ntype: contact\nname: J. Lee\nreferred_by: "[[Nobody Here]]"\n---\n',
    )
    (vault / "vault.toml").write_text("")
    template = vault.parent / "short.md"
    template.write_text("Subject: Hi\n\nHello {{ contact.name }}\n", encoding="utf-8")
    result = draft(vault, "outreach", "J. Lee", "--template", str(template))
    assert result.exit_code == 0
    assert result.stderr == "warning: J. Lee has no email: add `email:` to contacts/Sam Lee.md\n"
    full = draft(vault, "outreach", "J. Lee")
    for said in ("who has no contact note", "no pitch", "greeting 'J. Lee' by the full name"):
        assert said in full.stderr
    assert "Hi J. Lee," in full.stdout
