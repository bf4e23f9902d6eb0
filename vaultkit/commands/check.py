"""`vault check`: every problem in the vault."""

from __future__ import annotations

from dataclasses import dataclass

from vaultkit.checks import vault_problems
from vaultkit.model import Problem
from vaultkit.vault import Vault


@dataclass(frozen=True)
class CheckResult:
    problems: list[Problem]
    contacts: int
    interviews: int
    other_notes: int
    seconds: float

    @property
    def files_with_problems(self) -> int:
        return len({p.path for p in self.problems})

    def as_json(self) -> dict[str, object]:
        return {
            "problems": [
                {"path": p.path, "line": p.line, "message": p.message} for p in self.problems
            ],
            "contacts": self.contacts,
            "interviews": self.interviews,
            "other_notes": self.other_notes,
        }


def check(vault: Vault) -> CheckResult:
    return CheckResult(
        problems=vault_problems(vault),
        contacts=len(vault.contacts),
        interviews=len(vault.interviews),
        other_notes=vault.other_notes,
        seconds=vault.seconds,
    )
