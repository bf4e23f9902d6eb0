"""Records for the exporters: the status vault works with, the last interaction, the next item."""

from __future__ import annotations

from helpers import contact, day, facts, interview
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.core.model import CONTACT_STATUSES
from vaultkit.core.records import current_status

ORDER = ["prospect", "contacted", "scheduled", "met"]


def test_dates_move_the_status_forward() -> None:
    """Outreach makes a prospect contacted; a planned interview, scheduled; a done one, met."""
    jane = contact("Jane Doe", status="prospect", outreach_sent=day(-10))
    assert current_status(facts([jane]), jane) == "contacted"
    planned = interview("Jane Doe", day(3), status="planned")
    assert current_status(facts([jane, planned]), jane) == "scheduled"
    done = interview("Jane Doe", day(-3), status="done")
    assert current_status(facts([jane, planned, done]), jane) == "met"


def test_a_written_status_further_along_is_kept() -> None:
    """A note that says met stays met, whatever the dates show."""
    sam = contact("Sam Lee", status="met", outreach_sent=day(-10))
    assert current_status(facts([sam]), sam) == "met"


def test_nothing_to_go_on_is_a_prospect() -> None:
    """A contact with no status and no dates is a prospect."""
    ana = contact("Ana Silva")
    assert current_status(facts([ana]), ana) == "prospect"


@given(
    written=st.sampled_from([None, *CONTACT_STATUSES]),
    outreach=st.booleans(),
    interview_status=st.sampled_from([None, "planned", "done", "cancelled"]),
)
def test_declined_and_paused_always_win(
    written: str | None, outreach: bool, interview_status: str | None
) -> None:
    """Whatever the dates, a written declined or paused is the status; otherwise the
    status is never behind what the note says."""
    props: dict[str, object] = {}
    if written:
        props["status"] = written
    if outreach:
        props["outreach_sent"] = day(-20)
    person = contact("Jane Doe", **props)
    notes: list[object] = [person]
    if interview_status:
        notes.append(interview("Jane Doe", day(-2), status=interview_status))
    found = current_status(facts(notes), person)  # type: ignore[arg-type]
    if written in ("declined", "paused"):
        assert found == written
    else:
        assert ORDER.index(found) >= ORDER.index(written or "prospect")
        assert (found == "met") == (interview_status == "done" or written == "met")
