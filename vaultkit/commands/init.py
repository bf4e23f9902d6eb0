"""`vault init`: make a vault, or adopt an existing folder, touching nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vaultkit.core.config import CACHE_DIR, CONFIG_NAME, DEFAULT_TOML, Folders
from vaultkit.core.questions import BANK_NAME, default_bank_path
from vaultkit.errors import USAGE, VaultError
from vaultkit.git.driver import DriverSetup, in_work_tree, install_driver
from vaultkit.store.atomic import write_atomic

GITIGNORE_LINE = f"{CACHE_DIR}/"


@dataclass
class InitResult:
    root: Path
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    driver: DriverSetup = field(default_factory=DriverSetup)  # set up only inside git


def init_vault(root: Path) -> InitResult:
    """Add what is missing: vault.toml, note folders, questions.md, the .gitignore line,
    and, inside a git work tree, the notes' merge driver (see vaultkit.git.driver)."""
    if root.exists() and not root.is_dir():
        raise VaultError(f"{root} is a file, not a folder", USAGE)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise VaultError(f"{root}: cannot create the folder ({err.strerror})", USAGE) from None
    result = InitResult(root.resolve())
    if not (root / CONFIG_NAME).exists():
        write_atomic(root / CONFIG_NAME, DEFAULT_TOML.encode(), exclusive=True)
        result.created.append(CONFIG_NAME)
    for folder in (Folders().contacts, Folders().interviews):
        if not (root / folder).exists():
            _make_folder(root / folder)
            result.created.append(f"{folder}/")
    if not (root / BANK_NAME).exists():
        write_atomic(root / BANK_NAME, default_bank_path().read_bytes(), exclusive=True)
        result.created.append(BANK_NAME)
    _ignore_cache(root, result)
    if in_work_tree(root):
        result.driver = install_driver(root)
    return result


def _make_folder(path: Path) -> None:
    try:
        path.mkdir()
    except OSError as err:
        reason = "a link to nothing" if path.is_symlink() else err.strerror
        raise VaultError(f"{path}: cannot create the folder ({reason})", USAGE) from None


def _ignore_cache(root: Path, result: InitResult) -> None:
    path = root / ".gitignore"
    if not path.exists():
        write_atomic(path, f"{GITIGNORE_LINE}\n".encode(), exclusive=True)
        result.created.append(".gitignore")
        return
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise VaultError(
            f"{path}: cannot be read ({err.strerror}); add a line {GITIGNORE_LINE} yourself",
            USAGE,
        ) from None
    entries = {line.strip().rstrip("/") for line in raw.decode("utf-8", "replace").splitlines()}
    if CACHE_DIR in entries or f"/{CACHE_DIR}" in entries:
        return
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    separator = b"" if not raw or raw.endswith(b"\n") else newline
    write_atomic(path, raw + separator + GITIGNORE_LINE.encode() + newline)
    result.changed.append(".gitignore")
