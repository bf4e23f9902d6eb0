"""`vault import`: the people of a file as contact notes, one note per person.

One pass: the vault is read once (through the index), every incoming person is matched
against it and against the people before them in the file (by LinkedIn address, then
email, then name), and only then is anything written. A match fills the properties its
note leaves empty and never changes one that has a value; a new person's note comes from
the contact template, as `vault new contact` makes it. Every note is written atomically
(store/batch.py), and a dry run writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vaultkit.commands.import_notes import NewNote, NoteBuilder, Planned, Progress, Target
from vaultkit.core.cells import Value, read_tags
from vaultkit.core.model import Contact
from vaultkit.core.people import (
    Directory,
    ImportResult,
    Incoming,
    Known,
    Match,
    Person,
    Remark,
    email_keys,
    linkedin_key,
)
from vaultkit.core.vault import Vault
from vaultkit.formats.registry import read_people
from vaultkit.store.answers import rows_of
from vaultkit.store.batch import Write, ensure_writable, write_all


@dataclass(frozen=True)
class ImportOptions:
    """What the command line says beside the file: tags and a source for every person,
    the --map entries of a spreadsheet, and whether to write at all."""

    tags: tuple[str, ...] = ()
    source: str | None = None
    columns: tuple[str, ...] = ()  # --map entries, for spreadsheets
    dry_run: bool = False


def import_file(
    vault: Vault,
    kind: str,
    path: Path,
    options: ImportOptions,
    *,
    today: dt.date,
    progress: Progress | None = None,
) -> ImportResult:
    """Read the file with the importer `kind`, then import its people (see import_people)."""
    incoming = read_people(kind, path, columns=options.columns)
    return import_people(vault, incoming, options, file=str(path), today=today, progress=progress)


def import_people(
    vault: Vault,
    incoming: Incoming,
    options: ImportOptions,
    *,
    file: str,
    today: dt.date,
    progress: Progress | None = None,
) -> ImportResult:
    """Match each incoming person to a contact or to an earlier row, then write the notes."""
    result = ImportResult(file, options.dry_run, ignored_columns=incoming.ignored_columns)
    result.skipped.extend(incoming.skipped)
    result.warnings.extend(incoming.remarks)
    contacts, kinds = _known_notes(vault)
    directory = Directory.of(contacts)
    plan = _Plan(vault, directory, result)
    for person in incoming.people:
        plan.take(_with_defaults(person, options, incoming.default_source))
    writes = plan.writes(kinds, today, progress)
    if not options.dry_run and writes:
        ensure_writable(vault.root / vault.config.folders.contacts)
        failed = write_all(
            [w for w, _, _ in writes],
            progress=(lambda done, total: progress("writing", done, total)) if progress else None,
        )
        _drop_failed(result, {f.path: f.reason for f in failed}, writes)
    result.skipped.sort()
    result.warnings.sort()
    return result


def _known_notes(vault: Vault) -> tuple[list[Contact], dict[str, str]]:
    """The vault's contacts, and every note's kind by path: from the index's rows of
    contacts alone when it has them, else from every note."""
    rows = rows_of(vault)
    contacts = rows.of_kind("contact") if rows else None
    kinds = rows.kinds() if rows else None
    if contacts is None or kinds is None:
        return vault.contacts, {f.path: f.kind for f in vault.files}
    return [f.note for f in contacts if isinstance(f.note, Contact)], kinds


def _with_defaults(person: Person, options: ImportOptions, default_source: str | None) -> Person:
    values = dict(person.values)
    source = options.source or default_source
    if source and not values.get("source"):
        values["source"] = source
    if options.tags:
        held = values.get("tags")
        values["tags"] = read_tags([*(held if isinstance(held, tuple) else ()), *options.tags])
    return Person(person.line, person.name, values, person.research)


class _Plan:
    """The people of the file, each matched once, in the order the file first names them."""

    def __init__(self, vault: Vault, directory: Directory, result: ImportResult) -> None:
        self.vault = vault
        self.directory = directory
        self.result = result
        self.targets: dict[int, Target] = {}

    def take(self, person: Person) -> None:
        match = self.directory.match(person)
        if match.ambiguous:
            self.result.skipped.append(Remark(person.line, _ambiguous(match)))
            return
        known = match.known
        if known is None:
            if not person.name:
                self.result.skipped.append(
                    Remark(
                        person.line,
                        "no name, and no contact has this email or LinkedIn address; "
                        "a note needs a name",
                    )
                )
                return
            known = Known(person.name, line=person.line)
        target = self.targets.get(id(known))
        if target is None:
            target = Target(known, person.line, person.name)
            self.targets[id(known)] = target
        else:
            self._merge_warnings(target, person)
        for key, value in person.values.items():
            target.values.setdefault(key, value)
        if target.research is None:
            target.research = person.research
        self.directory.add(
            known,
            linkedin=_text(person.values.get("linkedin")),
            email=_text(person.values.get("email")),
            names=[person.name],
        )

    def _merge_warnings(self, target: Target, person: Person) -> None:
        for key, value in person.values.items():
            held = target.values.get(key)
            if held is not None and not _same(key, held, value) and key not in ("tags", "source"):
                self.result.warnings.append(
                    Remark(
                        person.line,
                        f"{key} {_shown(value)} differs from {_shown(held)} on line "
                        f"{target.line} for the same person; the first is kept",
                    )
                )

    def writes(
        self, kinds: dict[str, str], today: dt.date, progress: Progress | None
    ) -> list[Planned]:
        """Each note to write; what becomes of each person is noted in the result.

        Notes that are there are filled one by one; new notes get their file names in
        file order, then are rendered (in worker processes when there are many).
        """
        builder = NoteBuilder(self.vault, self.directory, kinds, today)
        writes: list[Planned] = []
        new: list[NewNote] = []
        for target in self.targets.values():
            if target.known.path is None:
                planned = builder.plan_new(target, self.result)
                if planned:
                    new.append(planned)
            elif write := builder.filled_note(target, self.result):
                writes.append((*write, target.line))
        for note, made in zip(new, builder.render_all(new, progress), strict=True):
            if isinstance(made, bytes):
                self.result.created.append(note.relative)
                writes.append(
                    (Write(self.vault.root / note.relative, made), note.relative, note.line)
                )
            else:
                self.result.skipped.append(
                    Remark(
                        note.line,
                        f"the note for {note.name} cannot be made here ({made}); not imported",
                    )
                )
        return writes


def _ambiguous(match: Match) -> str:
    places = sorted(k.path or f"the person on line {k.line}" for k in match.ambiguous)
    return (
        f"matches more than one contact by {match.by} ({', '.join(places)}); "
        "tell them apart or merge them, then import again"
    )


def _text(value: Value | None) -> str | None:
    return value if isinstance(value, str) else None


def _same(key: str, one: Value, other: Value) -> bool:
    """Whether two rows say the same, as matching compares them (addresses without case)."""
    if key == "linkedin":
        return linkedin_key(str(one)) == linkedin_key(str(other))
    if key == "email":
        return email_keys(str(one)) == email_keys(str(other))
    return one == other


def _shown(value: Value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return repr(", ".join(value))
    return repr(value)


def _drop_failed(
    result: ImportResult, failed: Mapping[Path, str], writes: Iterable[Planned]
) -> None:
    """Move the notes that could not be written from created or updated to skipped."""
    lost = {relative: (line, failed[w.path]) for w, relative, line in writes if w.path in failed}
    if not lost:
        return
    result.created = [p for p in result.created if p not in lost]
    result.updated = [u for u in result.updated if u.path not in lost]
    result.skipped.extend(Remark(line, f"{path} {why}") for path, (line, why) in lost.items())
