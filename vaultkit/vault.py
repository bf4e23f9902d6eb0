"""A vault as a whole: its config and every note in it, read in one pass."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from vaultkit.config import Config
from vaultkit.model import Contact, Interview, ParsedFile, Problem
from vaultkit.names import NameIndex


class AnswerCache(Protocol):
    """Answers computed from the notes, kept until any note changes (see index.py)."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


@dataclass(frozen=True)
class Counts:
    """What a vault holds, in numbers."""

    contacts: int
    interviews: int
    other_notes: int
    broken_files: int
    problems: int


class Vault:
    """What the files say: the notes of ours, the broken ones, and a count of the rest.

    The notes can be given, or loaded on first use (the index hands over a loader,
    so a command answered from cached answers never decodes them).
    """

    def __init__(
        self,
        config: Config,
        files: list[ParsedFile] | None = None,
        *,
        load: Callable[[], list[ParsedFile]] | None = None,
        markdown_files: int | None = None,
        answers: AnswerCache | None = None,
        count: Callable[[], Counts] | None = None,
    ) -> None:
        self.config = config
        self._files = files
        self._load = load
        self._count = count
        self._markdown_files = markdown_files
        self._other_notes: int | None = None
        self.answers = answers
        self.seconds = 0.0

    @property
    def files(self) -> list[ParsedFile]:
        """Every note of ours and every broken file, by path."""
        if self._files is None:
            self._files = self._load() if self._load else []
        return self._files

    @property
    def other_notes(self) -> int:
        """Markdown files that are neither contacts, interviews nor broken."""
        if self._other_notes is None:
            total = self._markdown_files
            self._other_notes = 0 if total is None else total - len(self.files)
        return self._other_notes

    @other_notes.setter
    def other_notes(self, count: int) -> None:
        self._other_notes = count

    @property
    def counts(self) -> Counts:
        """The numbers of contacts, interviews, other notes, broken files and problems."""
        if self._count is not None:
            return self._count()
        return Counts(
            len(self.contacts),
            len(self.interviews),
            self.other_notes,
            len(self.broken_files),
            len(self.file_problems),
        )

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def contacts(self) -> list[Contact]:
        return [f.note for f in self.files if isinstance(f.note, Contact)]

    @property
    def interviews(self) -> list[Interview]:
        return [f.note for f in self.files if isinstance(f.note, Interview)]

    @property
    def file_problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def broken_files(self) -> list[str]:
        return [f.path for f in self.files if f.note is None and f.problems]

    def names(self) -> NameIndex:
        return NameIndex.of(self.contacts)

    def interviews_of(self, contact: Contact) -> list[Interview]:
        """The contact's interviews, oldest first."""
        keys = NameIndex.of([contact])
        found = [i for i in self.interviews if i.contact and keys.get(i.contact)]
        return sorted(found, key=lambda i: (i.date is None, i.date, i.time is not None, i.time))


def note_folders(config: Config) -> tuple[str, ...]:
    """Path prefixes of the contacts and interviews folders, as `contacts/`."""
    return tuple(f.strip("/") + "/" for f in (config.folders.contacts, config.folders.interviews))


def is_in_note_folder(config: Config, path: str) -> bool:
    return path.startswith(note_folders(config))


def read_files(config: Config, paths: Iterable[str]) -> Iterable[ParsedFile]:
    """Parse the given vault-relative files; one that cannot be read becomes a problem."""
    from vaultkit.notes import read_note  # YAML and the parsers: only when a file changed

    root, folders = str(config.root), note_folders(config)
    for path in paths:
        try:
            with open(os.path.join(root, path), "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            yield ParsedFile(path, retry=True)  # deleted since the walk
            continue
        except OSError as err:
            problem = Problem(path, None, f"cannot be read ({err.strerror})")
            yield ParsedFile(path, problems=[problem], retry=True)
            continue
        yield read_note(path, raw, strict_folder=path.startswith(folders))


def load_vault(config: Config) -> Vault:
    """The vault as it stands, read through the index (brought up to date first)."""
    from vaultkit.index import refresh

    return refresh(config)[0]
