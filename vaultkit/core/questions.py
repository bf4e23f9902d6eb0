"""The question bank: open questions by topic, and choosing ones a person has not been asked.

The bank is a Markdown file, `questions.md` at the vault's root: each `## Topic`
heading starts a topic and each list item under it is a question. A vault
without one uses the default bank shipped with vaultkit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from vaultkit.core.body import HEADING, ITEM
from vaultkit.core.dates import iso
from vaultkit.core.model import Contact, Interview
from vaultkit.core.names import fold, note_name
from vaultkit.core.vault import Vault
from vaultkit.core.words import plural
from vaultkit.errors import USAGE, VaultError

BANK_NAME = "questions.md"
FEWEST, MOST = 3, 5
UNFILED = "Other"

_FRONT = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)


@dataclass(frozen=True)
class Topic:
    name: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Bank:
    topics: tuple[Topic, ...]
    source: str  # where it was read from, for messages: "questions.md" or the default's path

    @property
    def size(self) -> int:
        return sum(len(t.questions) for t in self.topics)


@dataclass(frozen=True)
class Asked:
    """The questions written in one of a person's interviews."""

    interview: Interview
    status: str | None
    questions: tuple[str, ...]


def question_key(text: str) -> str:
    """The form questions are compared in: no case, single spaces."""
    return " ".join(text.casefold().split())


def parse_bank(text: str, source: str = BANK_NAME) -> Bank:
    """Topics in the order written; a question already in the bank is kept once."""
    text = _FRONT.sub("", text.removeprefix("\ufeff"), count=1)
    topics: dict[str, list[str]] = {}
    seen: set[str] = set()
    current: str | None = None
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            current = heading.group(2).strip() if len(heading.group(1)) == 2 else current
            continue
        item = ITEM.match(line)
        if item and question_key(item.group(1)) not in seen:
            seen.add(question_key(item.group(1)))
            topics.setdefault(current or UNFILED, []).append(item.group(1))
    return Bank(tuple(Topic(name, tuple(qs)) for name, qs in topics.items()), source)


def default_bank_path() -> Path:
    return Path(str(resources.files("vaultkit.templates"))) / BANK_NAME


def load_bank(root: Path) -> Bank:
    """The vault's questions.md, or the default bank when the vault has none."""
    path = root / BANK_NAME
    source = BANK_NAME
    if not path.is_file():
        path, source = default_bank_path(), "the default question bank"
    try:
        return parse_bank(path.read_text(encoding="utf-8"), source)
    except OSError as err:
        raise VaultError(f"{path}: cannot be read ({err.strerror})", USAGE) from None
    except UnicodeDecodeError:
        raise VaultError(f"{path}: not UTF-8 text; re-save it as UTF-8", USAGE) from None


def asked_of(
    vault: Vault, contact: Contact, today: dt.date, now: dt.time | None = None
) -> list[Asked]:
    """The questions of each of the person's interviews, oldest first.

    Planned interviews count (those questions are taken); cancelled ones do not,
    since their questions were never asked. `now` decides whether a conversation
    later today has happened, as it does for every command.
    """
    found = []
    for interview in vault.interviews_of(contact):
        status = interview.effective_status(today, now)
        if status != "cancelled":
            found.append(Asked(interview, status, interview.questions))
    return found


def asked_keys(asked: Iterable[Asked]) -> set[str]:
    return {question_key(q) for a in asked for q in a.questions}


def left_in(bank: Bank, asked: set[str]) -> list[Topic]:
    """The bank without the questions already asked; topics left empty are dropped."""
    topics = [
        Topic(t.name, tuple(q for q in t.questions if question_key(q) not in asked))
        for t in bank.topics
    ]
    return [t for t in topics if t.questions]


def choose(bank: Bank, asked: set[str], seed: str) -> list[str]:
    """3 to 5 questions not yet asked, from as many different topics as there are.

    One question per topic first (topics in an order drawn from the seed), then a
    second round if fewer than 3 topics have questions left. The same seed and
    bank always give the same questions, listed in the bank's order.
    """
    topics = left_in(bank, asked)
    wanted = min(max(len(topics), FEWEST), MOST)
    topics_drawn = sorted(topics, key=lambda t: _rank(seed, t.name))
    shuffled = [sorted(t.questions, key=lambda q: _rank(seed, q)) for t in topics_drawn]
    picked: list[str] = []
    for round_ in range(max((len(qs) for qs in shuffled), default=0)):
        for questions in shuffled:
            if len(picked) < wanted and round_ < len(questions):
                picked.append(questions[round_])
    order = {q: n for n, q in enumerate(q for t in topics for q in t.questions)}
    return sorted(picked, key=order.__getitem__)


def _rank(seed: str, text: str) -> str:
    """A stable pseudo-random order, the same on every machine and Python version."""
    return hashlib.sha256(f"{fold(seed)}\n{question_key(text)}".encode()).hexdigest()


def suggest(vault: Vault, contact: Contact, today: dt.date) -> tuple[list[str], list[str]]:
    """Questions for a new interview with the contact, and warnings when too few are left."""
    bank = load_bank(vault.root)
    stem = note_name(contact.path)
    chosen = choose(bank, asked_keys(asked_of(vault, contact, today)), stem)
    warnings = []
    if len(chosen) < FEWEST:
        warnings.append(
            f"only {plural(len(chosen), 'question')} in {bank.source} "
            f"that {contact.name} has not been asked; add more there "
            f'(see `vault questions "{contact.name}" --left`)'
        )
    return chosen, warnings


@dataclass(frozen=True)
class QuestionsOf:
    contact: Contact
    asked: list[Asked]
    bank: Bank
    left: list[Topic]

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.contact.name,
            "asked": [
                {
                    "date": iso(a.interview.date),
                    "status": a.status,
                    "path": a.interview.path,
                    "questions": list(a.questions),
                }
                for a in self.asked
            ],
            "bank": self.bank.source,
            "left": [{"topic": t.name, "questions": list(t.questions)} for t in self.left],
        }


def questions_of(
    vault: Vault, name: str, *, today: dt.date, now: dt.time | None = None
) -> QuestionsOf:
    """The questions in each of the person's interviews, and the bank without them."""
    contact = vault.names().resolve(name, vault.broken_files)
    asked = asked_of(vault, contact, today, now)
    bank = load_bank(vault.root)
    return QuestionsOf(contact, asked, bank, left_in(bank, asked_keys(asked)))
