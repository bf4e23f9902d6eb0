"""example-vault/ is what issue 2 asks of it: big and varied enough, clean, and on
2026-11-22 every rule of the report has a case that is due and a case that is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import EXAMPLE_TODAY, copy_example, run

from vaultkit.core.config import load_config
from vaultkit.core.model import DUE_KINDS as KINDS
from vaultkit.store.index import load_vault

# kind: (a note the rule makes due by 2026-11-22, a note where the same rule is not due)
CASES = {
    "thank-you": ("interviews/2026-11-19 Daniel Okafor.md", "interviews/2026-11-12 Maya Chen.md"),
    "nudge": ("contacts/Tomás Herrera.md", "contacts/Noah Fischer.md"),
    "let-go": ("contacts/Aisha Rahman.md", "contacts/Ingrid Solberg.md"),
    "follow-up": ("contacts/Sofia Rossi.md", "contacts/Grace Liu.md"),
    "stay-in-touch": ("contacts/Zoë Kowalski.md", "contacts/José Martínez.md"),
    "action": ("interviews/2026-11-05 Sofia Rossi.md", "interviews/2026-11-19 Daniel Okafor.md"),
    "prepare": (
        "interviews/2026-11-24 Rachel Goldberg.md",
        "interviews/2026-12-10 Kenji Watanabe.md",
    ),
    "missing-contact": (
        "interviews/2026-11-12 Maya Chen.md",
        "interviews/2026-11-21 Hannah Schultz.md",
    ),
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the example vault for this module (the tests only read it)."""
    return copy_example(tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def items(example: Path) -> list[dict[str, object]]:
    """Every report item of the example vault, looking ten years ahead."""
    result = run("report", "--vault", example, "--today", EXAMPLE_TODAY, "--days", "3650", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["items"]


def test_every_rule_is_named_here() -> None:
    """CASES names each kind of follow-up the rules make, and only those."""
    assert set(CASES) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_each_rule_has_a_due_case_and_a_case_not_due(
    items: list[dict[str, object]], kind: str
) -> None:
    """The due note has an item of that kind due by today; the other has none due yet."""
    due_path, not_due_path = CASES[kind]
    due = [i for i in items if i["kind"] == kind and i["bucket"] in ("overdue", "today")]
    assert due_path in {i["path"] for i in due}, due
    assert not_due_path not in {i["path"] for i in due}, due


def test_the_vault_is_big_varied_and_linked(example: Path) -> None:
    """At least 12 contacts and 20 interviews, many companies, referrals, notes of the user's."""
    vault = load_vault(load_config(example))
    assert len(vault.contacts) >= 12
    assert len(vault.interviews) >= 20
    assert len({c.company for c in vault.contacts if c.company}) >= 12
    assert len({c.status for c in vault.contacts}) >= 5
    names = vault.names()
    referred = [c for c in vault.contacts if c.referred_by and names.get(c.referred_by)]
    assert len(referred) >= 5
    assert vault.other_notes >= 2


def test_the_vault_checks_clean(example: Path) -> None:
    """`vault check` finds no problem in the example vault."""
    result = run("check", "--vault", example)
    assert result.exit_code == 0, result.output
