"""Records for the exporters: the status vault works with, beside the one the note says."""

from __future__ import annotations

import datetime as dt

from helpers import TODAY, contact_text, interview_text, make_vault

from vaultkit.core.config import load_config
from vaultkit.core.records import contact_records, interview_records
from vaultkit.store.index import load_vault


def test_records_carry_the_stage_and_the_line_as_written(tmp_path) -> None:
    """A prospect with a done interview is met in `status`, prospect in `status_in_note`;
    the interview's own status is worked out from its date."""
    root = make_vault(
        tmp_path / "v",
        {
            "contacts/Jane Doe.md": contact_text("Jane Doe", status="prospect"),
            "interviews/2026-11-02 Jane Doe.md": interview_text("Jane Doe", date="2026-11-02"),
        },
    )
    vault = load_vault(load_config(root))
    (jane,) = contact_records(vault, today=TODAY)
    assert (jane["status"], jane["status_in_note"]) == ("met", "prospect")
    (talk,) = interview_records(vault, today=TODAY)
    assert (talk["status"], talk["status_in_note"]) == ("done", None)
    assert talk["date"] == dt.date(2026, 11, 2)
