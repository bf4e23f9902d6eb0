"""A vault as a whole: its config and every note in it, read in one pass."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from vaultkit.core.config import Config
from vaultkit.core.model import Contact, Interview, ParsedFile, Problem
from vaultkit.core.names import NameIndex, fold, note_name


@dataclass(frozen=True)
class Earlier:
    """An answer kept for an earlier generation of the notes: its bytes, the files whose
    notes changed since, and how many generations ago it was worked out."""

    data: bytes
    changed: frozenset[str]
    generations: int


class AnswerCache(Protocol):
    """Answers computed from the notes, kept until any note changes, and the notes of
    some files, to bring an earlier answer up to date (see store/answers.py)."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...

    def earlier(self, key: str) -> Earlier | None: ...

    @property
    def just_changed(self) -> bool:
        """Whether the notes changed in the refresh that made this vault."""
        ...

    def rows(self, paths: Iterable[str]) -> dict[str, ParsedFile] | None: ...


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
        self.worked_out: dict[str, object] = {}  # answers of this reading, by their key
        self.seconds = 0.0

    def with_files(self, files: list[ParsedFile]) -> Vault:
        """The same vault with its notes given, by path (as `vault watch` keeps them)."""
        return Vault(
            self.config,
            files,
            markdown_files=self._markdown_files,
            answers=self.answers,
            count=self._count,
        )

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

    def unreadable(self) -> dict[str, str]:
        """The notes that could not be read, by the name their file gives (folded): a link
        to one of them names a person whose note is broken, not one without a note."""
        return unreadable_names(self.broken_files)

    def names(self) -> NameIndex:
        return NameIndex.of(self.contacts)

    def interviews_of(self, contact: Contact) -> list[Interview]:
        """The contact's interviews, oldest first (see match_interviews)."""
        return match_interviews(self.names(), self.interviews)[0].get(contact.path, [])

    def contact_of(self, interview: Interview) -> Contact | None:
        """The one contact the interview links to, or None (see match_interviews)."""
        return match_interviews(self.names(), [interview])[1].get(interview.path)


def unreadable_names(paths: Iterable[str]) -> dict[str, str]:
    """Each unreadable note's path by the folded name its file gives."""
    return {fold(note_name(path)): path for path in paths}


def match_interviews(
    names: NameIndex, interviews: Iterable[Interview]
) -> tuple[dict[str, list[Interview]], dict[str, Contact]]:
    """Each interview matched to the one contact its link names, both ways, by path.

    A link that names nobody, or several people, matches no one: the interview is
    nobody's until the names are told apart. Each contact's interviews are oldest
    first, undated ones last, and on one day those without a time first.
    """
    by_contact: dict[str, list[Interview]] = {}
    contact_of: dict[str, Contact] = {}
    for interview in interviews:
        found = names.get(interview.contact) if interview.contact else []
        if len(found) == 1:
            by_contact.setdefault(found[0].path, []).append(interview)
            contact_of[interview.path] = found[0]
    for found_interviews in by_contact.values():
        found_interviews.sort(key=_oldest_first)
    return by_contact, contact_of


def _oldest_first(interview: Interview) -> tuple[bool, dt.date, bool, dt.time]:
    return (
        interview.date is None,
        interview.date or dt.date.min,
        interview.time is not None,
        interview.time or dt.time.min,
    )


def note_folders(config: Config) -> tuple[str, ...]:
    """Path prefixes of the contacts and interviews folders, as `contacts/`."""
    return tuple(f.strip("/") + "/" for f in (config.folders.contacts, config.folders.interviews))
