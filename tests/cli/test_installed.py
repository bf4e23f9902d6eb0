"""The installed `vault` executable and `python -m vaultkit`, run as real processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a new Python process for each command


def vault_executable() -> str:
    """The `vault` script next to this Python, else on PATH; its absence is a failure."""
    beside = Path(sys.executable).parent / ("vault.exe" if os.name == "nt" else "vault")
    found = str(beside) if beside.is_file() else shutil.which("vault")
    assert found, "the `vault` console script is not installed next to Python or on PATH"
    return found


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command with a clean VAULT_DIR, capturing text output."""
    env = {k: v for k, v in os.environ.items() if k != "VAULT_DIR"}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def vault_bin() -> str:
    """Path to the installed `vault` executable."""
    return vault_executable()


def test_help(vault_bin: str) -> None:
    """`vault --help` lists the commands and exits 0."""
    result = run(vault_bin, "--help")
    assert result.returncode == 0, result.stderr
    for command in ("init", "new", "mark", "check"):
        assert command in result.stdout


def test_python_m_vaultkit_help(tmp_path: Path) -> None:
    """`python -m vaultkit --help` works like `vault --help`, away from the source tree."""
    result = run(sys.executable, "-m", "vaultkit", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "check" in result.stdout


def test_init_new_check(vault_bin: str, tmp_path: Path) -> None:
    """init, new contact, new interview and check work end to end from the installed package."""
    root = tmp_path / "vault"
    result = run(vault_bin, "init", root)
    assert result.returncode == 0, result.stderr
    result = run(vault_bin, "new", "contact", "Zoë Martin", "--company", "Acme", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "contacts" / "Zoë Martin.md").is_file()
    result = run(vault_bin, "new", "interview", "zoe martin", "--date", "2026-11-25", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "interviews" / "2026-11-25 Zoë Martin.md").is_file()
    result = run(vault_bin, "check", "--vault", root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_new_contact_twice_exits_1(vault_bin: str, tmp_path: Path) -> None:
    """The installed command refuses to overwrite, with exit 1 and no traceback."""
    root = tmp_path / "vault"
    run(vault_bin, "init", root)
    run(vault_bin, "new", "contact", "Jane Doe", "--vault", root)
    result = run(vault_bin, "new", "contact", "Jane Doe", "--vault", root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("vault: ")


def test_check_on_the_broken_vault(vault_bin: str, broken_vault: Path) -> None:
    """`vault check` on the broken fixture exits 1, names every broken file, no traceback."""
    result = run(vault_bin, "check", "--vault", broken_vault)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for name in (
        "contacts/bad yaml.md:4:",
        "contacts/not utf-8.md:3:",
        "contacts/merge conflict.md:4:",
        "contacts/alias bomb.md:",
        "contacts/no closing dashes.md:1:",
        "contacts/frontmatter is a list.md:2:",
        "contacts/control character.md:4:",
        "contacts/cadence forever.md:5:",
    ):
        assert name in result.stdout


def test_outside_a_vault_exits_2(vault_bin: str, tmp_path: Path) -> None:
    """Outside any vault, a command says so in one line and exits 2."""
    result = run(vault_bin, "check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
