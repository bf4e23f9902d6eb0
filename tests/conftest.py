"""The fixtures: real vault folders in tmp_path. Plain helpers are in helpers.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import BROKEN_VAULT, JANE_NOTE, TEST_USER_TOML, copy_example, make_vault, write


@pytest.fixture(autouse=True)
def _no_vault_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep a VAULT_DIR from the developer's shell out of every test."""
    monkeypatch.delenv("VAULT_DIR", raising=False)


@pytest.fixture
def broken_vault(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/broken-vault, so the index cache lands in tmp_path."""
    target = tmp_path / "broken-vault"
    shutil.copytree(BROKEN_VAULT, target)
    return target


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of example-vault/ in tmp_path, so no cache lands in the repository."""
    return copy_example(tmp_path)


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """An empty vault of Test User's: vault.toml, contacts/ and interviews/."""
    return make_vault(tmp_path / "vault", {}, TEST_USER_TOML)


@pytest.fixture
def jane_vault(vault: Path) -> Path:
    """A vault holding one contact, Jane Doe."""
    write(vault, "contacts/Jane Doe.md", JANE_NOTE)
    return vault
