"""Shared fixtures: real vault folders in tmp_path and a Click runner that shows tracebacks."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from vaultkit.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN_VAULT = FIXTURES / "broken-vault"

MINIMAL_TOML = '[me]\nname = "Test User"\nemail = "test.user@example.com"\n'

JANE = """\
---
type: contact
name: Jane Doe
company: Acme
email: jane.doe@example.com
status: met
---
# Jane Doe
"""


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
def write_note() -> Callable[[Path, str, str | bytes], Path]:
    """Write a note (text as UTF-8, or exact bytes) at a vault-relative path."""

    def write(root: Path, relative: str, content: str | bytes) -> Path:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """An empty vault: vault.toml, contacts/ and interviews/."""
    root = tmp_path / "vault"
    (root / "contacts").mkdir(parents=True)
    (root / "interviews").mkdir()
    (root / "vault.toml").write_text(MINIMAL_TOML, encoding="utf-8")
    return root


@pytest.fixture
def jane_vault(vault: Path, write_note: Callable[[Path, str, str | bytes], Path]) -> Path:
    """A vault holding one contact, Jane Doe."""
    write_note(vault, "contacts/Jane Doe.md", JANE)
    return vault


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes]]:
    """Every file of a folder by relative path with its bytes, leaving out the cache."""

    def take(root: Path) -> dict[str, bytes]:
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file() and ".vaultkit" not in path.relative_to(root).parts
        }

    return take


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Invoke `vault ARGS...` in-process; a crash (not a clean exit) fails the test."""
    runner = CliRunner()

    def run(*args: str | Path) -> Result:
        result = runner.invoke(cli, [str(a) for a in args], catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(
                f"vault {' '.join(map(str, args))} crashed with "
                f"{type(result.exception).__name__}: {result.exception}\n{result.output}"
            ) from result.exception
        assert "Traceback" not in result.output
        return result

    return run
