"""`vault export`: the vault written in another format, to stdout or to a file.

The work of the command without Click: the exporter is found in the registry,
the notes that could not be read (or were read in part) are listed for the
user, and a file is written atomically and only when its content changed.
"""

from __future__ import annotations

import contextlib
import marshal
from dataclasses import astuple, dataclass, field
from pathlib import Path

from vaultkit.core.model import Problem
from vaultkit.core.vault import Vault
from vaultkit.errors import USAGE, VaultError
from vaultkit.formats.registry import ExportRequest, exporter
from vaultkit.store.atomic import write_if_changed


@dataclass
class Exported:
    """What an export made, and what it could not use."""

    data: bytes
    written: bool | None = None  # with an --out file: whether it was written (else unchanged)
    left_out: list[Problem] = field(default_factory=list)  # one per note that could not be read
    in_part: list[Problem] = field(default_factory=list)  # problems of notes exported without them

    @property
    def complete(self) -> bool:
        return not (self.left_out or self.in_part)


def export_vault(
    vault: Vault, name: str, request: ExportRequest, *, out: Path | None = None
) -> Exported:
    """Export the vault as format `name`; with `out`, write the file if it changed."""
    if out is not None:
        check_target(out, vault.root)
    data = exporter(name).export(vault, request)
    result = Exported(data)
    result.left_out, result.in_part = problems_of(vault)
    if out is not None:
        result.written = write_if_changed(out, data)
    return result


def check_target(out: Path, root: Path) -> None:
    """Refuse a target that is a Markdown note, or the vault's own settings file:
    an export must never replace either."""
    if out.resolve() == (root / "vault.toml").resolve():
        raise VaultError(
            f"{out}: --out would write over the vault's settings; give a file name "
            "ending in .ics, .csv or .vcf",
            USAGE,
        )
    if out.suffix.lower() == ".md":
        raise VaultError(
            f"{out}: --out would write over a Markdown note; give a file name "
            "ending in .ics, .csv or .vcf",
            USAGE,
        )
    if out.is_dir():
        raise VaultError(f"{out} is a folder; give --out a file name", USAGE)


PROBLEMS_KEY = "export problems"


def problems_of(vault: Vault) -> tuple[list[Problem], list[Problem]]:
    """The first problem of each note left out, and every problem of the notes read in part.

    Counted first and kept beside the index, so an export answered from kept answers
    does not read every note again only to find there is nothing to say.
    """
    counts = vault.counts
    if not (counts.broken_files or counts.problems):
        return [], []
    kept = vault.answers.get(PROBLEMS_KEY) if vault.answers else None
    if kept is not None:
        with contextlib.suppress(Exception):  # a damaged answer is worked out again
            left, part = marshal.loads(kept)
            return [Problem(*p) for p in left], [Problem(*p) for p in part]
    left_out, in_part = _problems(vault)
    if vault.answers:
        rows = ([astuple(p) for p in left_out], [astuple(p) for p in in_part])
        vault.answers.put(PROBLEMS_KEY, marshal.dumps(rows))
    return left_out, in_part


def _problems(vault: Vault) -> tuple[list[Problem], list[Problem]]:
    left_out, in_part = [], []
    for parsed in vault.files:
        if not parsed.problems:
            continue
        if parsed.note is None:
            left_out.append(min(parsed.problems, key=lambda p: (p.line or 0, p.message)))
        else:
            in_part.extend(sorted(parsed.problems, key=lambda p: (p.line or 0, p.message)))
    return sorted(left_out), in_part
