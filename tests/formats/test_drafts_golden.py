"""Every default message template rendered on the example vault, pinned in tests/golden/drafts/.

To change them on purpose, see docs/testing.md; then read the diff before committing it:
the texts are what users send.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from helpers import EXAMPLE_TODAY, GOLDEN, check_golden, copy_example, run

TODAY = EXAMPLE_TODAY
KINDS = ("outreach", "nudge", "thank-you", "update", "advice")

# Each kind for people the example vault has at its moment on 2026-11-22, with the
# greeting each should get.
CASES = [
    ("outreach", "Samuel Adeyemi", "Samuel"),  # prospect, referred by Hannah Schultz
    ("outreach", "Chloé Dubois", "Chloé"),  # prospect, referred by Sofia Rossi
    ("outreach", "Dr. Emily Carter", "Emily"),  # a title; source: a talk she gave
    ("nudge", "Tomás Herrera", "Tomás"),  # outreach 2026-11-10, no reply, referred
    ("nudge", "Noah Fischer", "Noah"),  # outreach 2026-11-19, no reply
    ("thank-you", "Daniel Okafor", "Daniel"),  # done 2026-11-19, an open action item
    ("thank-you", "Hannah Schultz", "Hannah"),  # done yesterday, "the notebook she shared"
    ("update", "José Martínez", "José"),  # an open promise to him, nothing done since
    ("update", "Zoë Kowalski", "Zoë"),  # one done item: progress
    ("update", "Leila Haddad", "Leila"),  # markup in insights and tasks, a promise ahead
    ("update", "Sofia Rossi", "Sofia"),  # a promise whose date has passed
    ("advice", "Sofia Rossi", "Sofia"),  # her team is hiring a junior researcher
    ("advice", "Zoë Kowalski", "Zoë"),
    ("advice", "Leila Haddad", "Leila"),  # a markup-rich first insight
]
IDS = [f"{kind}-{name}" for kind, name, _ in CASES]
SIGNATURE = ["Alex Rivera", "alex.rivera@example.com"]
MARKUP = re.compile(
    r"\[\[|\]\]|\*\*|__|~~|==|`|\]\(|(?<![\w&#/])#[^\W\d][\w/-]*|[📅⏳🛫✅❌➕⏫🔼🔽🔺⏬🔁]"
)
MINUTES = re.compile(r"\b(\d+)(?: to (\d+))? minutes\b")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of example-vault for the module (the tests only read it)."""
    return copy_example(tmp_path_factory.mktemp("drafts"))


def golden_name(kind: str, name: str) -> str:
    """drafts/<kind>-<name>.txt under tests/golden/, the name without accents or punctuation."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return f"drafts/{kind}-{'-'.join(re.findall(r'[a-z0-9]+', plain.lower()))}.txt"


def draft(vault: Path, kind: str, name: str) -> str:
    """`vault draft KIND NAME` on 2026-11-22; stdout."""
    result = run("draft", kind, name, "--today", TODAY, "--vault", vault)
    assert result.exit_code == 0, result.output
    return result.stdout


def subject_and_body(text: str) -> tuple[str, str]:
    """The subject line's text and everything after the blank line below it."""
    first, blank, body = text.split("\n", 2)
    assert first.startswith("Subject: ") and blank == ""
    return first.removeprefix("Subject: "), body


@pytest.mark.parametrize(("kind", "name", "greeting"), CASES, ids=IDS)
def test_default_draft_matches_golden(example: Path, kind: str, name: str, greeting: str) -> None:
    """The default template's draft for this person is the pinned text, byte for byte."""
    check_golden(golden_name(kind, name), draft(example, kind, name))


def test_every_golden_file_is_a_case() -> None:
    """No golden draft is left over from a case that is gone."""
    pinned = {f"drafts/{p.name}" for p in (GOLDEN / "drafts").glob("*.txt")}
    assert pinned == {golden_name(k, n) for k, n, _ in CASES}


def test_every_kind_has_a_golden_file_and_eight_people_are_drafted() -> None:
    """Each kind is pinned at least once, for at least eight different people."""
    assert {kind for kind, _, _ in CASES} == set(KINDS)
    assert len({name for _, name, _ in CASES}) >= 8


@pytest.mark.parametrize(("kind", "name", "greeting"), CASES, ids=IDS)
def test_draft_is_a_message(example: Path, kind: str, name: str, greeting: str) -> None:
    """A subject line, a blank line, a greeting by the name they go by, the signature last."""
    lines = draft(example, kind, name).splitlines()
    assert lines[0].startswith("Subject: ") and len(lines[0]) > len("Subject: ")
    assert lines[1] == ""
    assert lines[2] == f"Hi {greeting},"
    assert lines[-2:] == SIGNATURE


@pytest.mark.parametrize(("kind", "name", "greeting"), CASES, ids=IDS)
def test_draft_reads_as_a_person_wrote_it(
    example: Path, kind: str, name: str, greeting: str
) -> None:
    """No markup, double spaces, None or brackets, and the person never named after Hi."""
    text = draft(example, kind, name)
    assert not MARKUP.search(text), MARKUP.search(text)
    assert "  " not in text
    assert "None" not in text
    assert not re.search(r"\(\s*\)|\[\s*\]|\[[^\]]*\]", text)
    assert " ," not in text and " ." not in text and ".." not in text
    body = text.split("\n", 3)[3]
    assert greeting not in body.split("\n" + SIGNATURE[0])[0]


@pytest.mark.parametrize(("kind", "name", "greeting"), CASES, ids=IDS)
def test_subject_and_body_agree_on_the_length_of_the_call(
    example: Path, kind: str, name: str, greeting: str
) -> None:
    """Minutes named in the subject are the minutes the body asks for."""
    subject, body = subject_and_body(draft(example, kind, name))
    in_subject = set(MINUTES.findall(subject))
    in_body = set(MINUTES.findall(body))
    assert in_subject <= in_body
    assert len(in_body) <= 1, in_body


@pytest.mark.parametrize(
    ("kind", "limit"), [("outreach", 120), ("nudge", 60), ("thank-you", 120), ("update", 120)]
)
def test_drafts_are_short(example: Path, kind: str, limit: int) -> None:
    """Outreach under 120 words, a nudge under 60 (subject, greeting and signature in)."""
    for case_kind, name, _ in CASES:
        if case_kind == kind:
            words = len(draft(example, kind, name).split())
            assert words < limit, (name, words)


def test_nudge_is_two_or_three_sentences(example: Path) -> None:
    """The nudge's paragraph between greeting and sign-off is two or three sentences."""
    for kind, name, _ in CASES:
        if kind == "nudge":
            paragraph = subject_and_body(draft(example, kind, name))[1].split("\n\n")[1]
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s]
            assert 2 <= len(sentences) <= 3, paragraph


def test_outreach_says_how_and_asks_for_information(example: Path) -> None:
    """Outreach names the referrer, wants information not a job, and 20 to 30 minutes."""
    text = draft(example, "outreach", "Samuel Adeyemi")
    assert "Hannah Schultz suggested I write to you" in text
    assert "I'm not looking for a job" in text
    assert "20 to 30 minutes" in text and "at a time that suits you" in text


def test_outreach_without_referrer_says_where_you_found_them(example: Path) -> None:
    """With no referrer, the outreach says how their name was found (their `source`)."""
    text = draft(example, "outreach", "Dr. Emily Carter")
    assert "I heard you speak at ResearchOps Berlin, and" in text


def test_thank_you_names_the_insight_and_the_next_step(example: Path) -> None:
    """The thank-you quotes the first ## Insights item and says the open item as a plan."""
    text = draft(example, "thank-you", "Daniel Okafor")
    assert "Research ops is a way in: start by running the participant panel." in text
    assert "My next step is to read the ResearchOps Community's eight pillars." in text
    assert "link to my case study" not in text  # done already, and sent to him
    assert "on Thursday, 19 November" in text


def test_thank_you_speaks_to_the_person(example: Path) -> None:
    """`the notebook she shared` in Hannah's notes is `the notebook you shared` to her."""
    text = draft(example, "thank-you", "Hannah Schultz")
    assert "work through the survey-analysis notebook you shared." in text
    assert "Thank you for talking with me yesterday" in text


def test_update_names_progress_and_promises(example: Path) -> None:
    """Progress in the past tense, a promise with its date, and what they have left out."""
    text = draft(example, "update", "Leila Haddad")
    assert "Since then, I signed up to give a lightning talk at UXPA Colorado." in text
    assert "I'll send you the slides from my lightning talk by Thursday, 10 December." in text
    assert "availability" not in text


def test_a_promise_past_its_date_gives_no_date(example: Path) -> None:
    """Sofia's screener was due 2026-11-18: the update promises it without a past date."""
    text = draft(example, "update", "Sofia Rossi")
    assert "I'll send you my rewritten survey screener soon.\n" in text
    assert "18 November" not in text and "Chloé" not in text


def test_advice_never_asks_for_a_referral(example: Path) -> None:
    """The advice draft asks how to stand out, and never for a referral or to be put forward."""
    for kind, name, _ in CASES:
        if kind == "advice":
            text = draft(example, kind, name).lower()
            assert "stand out" in text
            asks = r"\brefer(?:ral|red|ring|s)?\b|recommend me|put in a word|put me forward"
            assert not re.search(asks, text), re.search(asks, text)


def test_nudge_mentions_the_outreach_date(example: Path) -> None:
    """The nudge recalls the date of the outreach and who suggested writing."""
    text = draft(example, "nudge", "Tomás Herrera")
    assert "I wrote on Tuesday, 10 November, at Grace Liu's suggestion," in text
