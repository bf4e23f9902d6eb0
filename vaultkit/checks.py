"""Problems that span notes: dangling links, shared emails, interviews without a contact."""

from __future__ import annotations

from vaultkit.model import Problem
from vaultkit.names import fold
from vaultkit.vault import Vault


def vault_problems(vault: Vault) -> list[Problem]:
    """Every problem in the vault, file problems first, in path and line order."""
    problems = vault.file_problems + missing_links(vault) + shared_emails(vault)
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))


def missing_links(vault: Vault) -> list[Problem]:
    names = vault.names()
    found = []
    for contact in vault.contacts:
        if contact.referred_by and not names.get(contact.referred_by):
            found.append(
                Problem(
                    contact.path,
                    contact.lines.get("referred_by"),
                    f"referred_by: no contact note for [[{contact.referred_by}]]; "
                    f'create it with `vault new contact "{contact.referred_by}"` or fix the link',
                )
            )
    for interview in vault.interviews:
        line = interview.lines.get("contact")
        if not interview.contact:
            # With no contact line, point at the type line: the new line goes beside it.
            line = line or interview.lines.get("type")
            found.append(
                Problem(interview.path, line, 'contact: missing; write contact: "[[Their Name]]"')
            )
        elif not names.get(interview.contact):
            found.append(
                Problem(
                    interview.path,
                    line,
                    f"contact: no contact note for [[{interview.contact}]]; "
                    f'create it with `vault new contact "{interview.contact}"` or fix the link',
                )
            )
    return found


def shared_emails(vault: Vault) -> list[Problem]:
    by_email: dict[str, list] = {}
    for contact in vault.contacts:
        if contact.email:
            by_email.setdefault(fold(contact.email), []).append(contact)
    found = []
    for same in by_email.values():
        if len(same) < 2:
            continue
        for contact in same:
            others = ", ".join(c.path for c in same if c is not contact)
            found.append(
                Problem(
                    contact.path,
                    contact.lines.get("email"),
                    f"email: {contact.email} is also the email of {others}; "
                    "merge the two notes or correct one",
                )
            )
    return found
