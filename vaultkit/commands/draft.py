"""`vault draft KIND NAME`: a message from its template, printed or saved to drafts/."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from vaultkit.drafts import Draft, render_draft, write_draft
from vaultkit.vault import Vault


@dataclass(frozen=True)
class Drafted:
    draft: Draft
    path: Path | None  # where it was saved, with --write


def draft(
    vault: Vault,
    kind: str,
    name: str,
    *,
    today: dt.date,
    interview_file: Path | None = None,
    template_file: Path | None = None,
    write: bool = False,
) -> Drafted:
    """Render the draft for the contact NAME, and save it when asked."""
    contact = vault.names().resolve(name)
    made = render_draft(
        vault,
        contact,
        kind,
        today=today,
        interview_file=interview_file,
        template_file=template_file,
    )
    path = write_draft(vault.config, made, today=today) if write else None
    return Drafted(made, path)
