"""`vault adopt FOLDER --as contact|interview`: a type for every note of the folder that has
none, written as one line at the end of its properties (as `vault mark` adds a line), or
as a properties block of its own for a note that has none. Nothing else changes."""

from __future__ import annotations

from pathlib import Path

from vaultkit.core.adoption import AdoptResult, Skipped, TypeState, type_state
from vaultkit.core.config import Config
from vaultkit.core.model import Contact, Interview
from vaultkit.core.note import BOM, read_note
from vaultkit.errors import USAGE, VaultError
from vaultkit.store.batch import Write, ensure_writable, write_all
from vaultkit.store.edit import EditError, set_property
from vaultkit.store.walk import listing

KINDS = {"contact": Contact, "interview": Interview}


def adopt(config: Config, folder: Path, kind: str, *, dry_run: bool, cwd: Path) -> AdoptResult:
    """Give every note in `folder` (and its subfolders) that has no type the type `kind`."""
    relative = folder_in_vault(config, folder, cwd)
    result = AdoptResult(relative, kind, dry_run)
    writes: list[Write] = []
    base = config.root / relative
    for name in sorted(listing(base)):
        path = f"{relative}/{name}"
        write = _adopted(config.root / path, path, kind, result)
        if write:
            writes.append(write)
    if writes and not dry_run:
        ensure_writable(base)
        failed = {f.path: f.reason for f in write_all(writes)}
        for write in writes:
            if write.path in failed:
                path = write.path.relative_to(config.root).as_posix()
                result.adopted.remove(path)
                result.skipped.append(Skipped(path, failed[write.path], problem=True))
    return result


def folder_in_vault(config: Config, folder: Path, cwd: Path) -> str:
    """The folder as a vault-relative path: given from the vault's root, or from here."""
    root = config.root.resolve()
    places = [folder] if folder.is_absolute() else [root / folder, cwd / folder]
    for place in places:
        resolved = place.resolve()
        if not resolved.is_dir():
            continue
        try:
            inside = resolved.relative_to(root)
        except ValueError:
            raise VaultError(f"{folder} is not inside the vault {root}", USAGE) from None
        if not inside.parts:
            raise VaultError(
                "give the folder of people or interview notes (like contacts), not the whole vault",
                USAGE,
            )
        if any(part.startswith(".") for part in inside.parts):
            raise VaultError(f"{folder} is a hidden folder; vault reads no notes there", USAGE)
        return inside.as_posix()
    raise VaultError(f"{folder}: no such folder in the vault {root}", USAGE)


def _adopted(target: Path, path: str, kind: str, result: AdoptResult) -> Write | None:
    try:
        raw = target.read_bytes()
    except OSError as err:
        result.skipped.append(Skipped(path, f"cannot be read ({err.strerror})", problem=True))
        return None
    state = type_state(raw)
    if state.problem:
        result.skipped.append(Skipped(path, state.problem, state.line, problem=True))
        return None
    if state.kind is not None:
        if state.kind.lower() == kind:
            result.already.append(path)
        else:
            result.skipped.append(Skipped(path, f"it has type: {state.kind}"))
        return None
    try:
        new = with_type(raw, kind, state)
    except EditError as err:
        result.skipped.append(Skipped(path, f"{err}; nothing was written", problem=True))
        return None
    parsed = read_note(path, new, strict_folder=True)
    if not isinstance(parsed.note, KINDS[kind]):
        reason = parsed.problems[0].message if parsed.problems else f"it would not read as {kind}"
        line = parsed.problems[0].line if parsed.problems else None
        result.skipped.append(Skipped(path, reason, line, problem=True))
        return None
    result.adopted.append(path)
    return Write(target, new, expect=raw)


def with_type(raw: bytes, kind: str, state: TypeState) -> bytes:
    """The note with `type: KIND`: one line added at the end of its properties (or the
    empty `type:` line filled), or a block of its own when it has no properties."""
    if state.has_block:
        return set_property(raw, "type", kind)
    bom = BOM if raw.startswith(BOM) else b""
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    block = b"---" + newline + f"type: {kind}".encode() + newline + b"---" + newline
    return bom + block + raw[len(bom) :]
