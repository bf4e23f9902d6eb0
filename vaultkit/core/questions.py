"""The question bank: open questions by topic, and choosing ones a person has not been asked.

The bank is a Markdown file, `questions.md` at the vault's root: each `## Topic`
heading starts a topic and each list item under it is a question. A list item
indented under a question is a follow-up to it, one that only makes sense after
it ("May I mention your name when I reach out to them?" under "Who else should I
talk to?"): it is picked only together with its question, right after it, and
never once that question has been asked. A vault without a bank uses the default
one shipped with vaultkit.
"""

from __future__ import annotations

import contextlib
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
from vaultkit.core.partial import IndexedNotes, person_vault
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
    questions: tuple[str, ...]  # in the order written, follow-ups after their question
    follows: tuple[str | None, ...] = ()  # for each question, the one it follows, if any

    def parent(self, question: str) -> str | None:
        """The question `question` is a follow-up to, or None."""
        if not self.follows:
            return None
        return self.follows[self.questions.index(question)]

    def units(self) -> list[tuple[str, ...]]:
        """Each question with its follow-ups after it: what is picked together."""
        found: dict[str, list[str]] = {}
        for question in self.questions:
            parent = self.parent(question)
            if parent is None:
                found.setdefault(question, [question])
            elif parent in found:
                found[parent].append(question)
        return [tuple(unit) for unit in found.values()]


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
    """Topics in the order written; a question already in the bank is kept once.

    An indented item follows the last unindented question of its topic.
    """
    text = _FRONT.sub("", text.removeprefix("\ufeff"), count=1)
    topics: dict[str, list[tuple[str, str | None]]] = {}
    seen: set[str] = set()
    current: str | None = None
    parent: str | None = None
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            if len(heading.group(1)) == 2:
                current, parent = heading.group(2).strip(), None
            continue
        item = ITEM.match(line)
        if not item:
            continue
        question, nested = item.group(1), line[:1] in (" ", "\t")
        if question_key(question) in seen:
            continue
        seen.add(question_key(question))
        follows = parent if nested else None
        topics.setdefault(current or UNFILED, []).append((question, follows))
        if follows is None:
            parent = question
    return Bank(tuple(_topic(name, items) for name, items in topics.items()), source)


def _topic(name: str, items: list[tuple[str, str | None]]) -> Topic:
    follows = tuple(f for _, f in items)
    return Topic(name, tuple(q for q, _ in items), follows if any(follows) else ())


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
    """The bank without the questions already asked, nor the follow-ups of those; topics
    left empty are dropped."""
    topics = []
    for topic in bank.topics:
        kept = [
            (q, topic.parent(q))
            for unit in topic.units()
            if question_key(unit[0]) not in asked
            for q in unit
            if question_key(q) not in asked
        ]
        order = {q: n for n, q in enumerate(topic.questions)}
        kept.sort(key=lambda pair: order[pair[0]])
        if kept:
            topics.append(_topic(topic.name, kept))
    return topics


def choose(bank: Bank, asked: set[str], seed: str) -> list[str]:
    """3 to 5 questions not yet asked, from as many different topics as there are.

    One question per topic first (topics in an order drawn from the seed), then a
    second round if fewer than 3 topics have questions left. A question comes with
    its follow-ups, and the two count as one. The same seed and bank always give
    the same questions, listed in the bank's order.
    """
    topics = left_in(bank, asked)
    wanted = min(max(len(topics), FEWEST), MOST)
    topics_drawn = sorted(topics, key=lambda t: _rank(seed, t.name))
    shuffled = [sorted(t.units(), key=lambda u: _rank(seed, u[0])) for t in topics_drawn]
    picked: list[tuple[str, ...]] = []
    for round_ in range(max((len(units) for units in shuffled), default=0)):
        for units in shuffled:
            if len(picked) < wanted and round_ < len(units):
                picked.append(units[round_])
    order = {q: n for n, q in enumerate(q for t in topics for q in t.questions)}
    return sorted((q for unit in picked for q in unit), key=order.__getitem__)


def follow_ups(bank: Bank, questions: list[str]) -> list[str]:
    """Those of `questions` that follow another in the bank."""
    parents = {q: t.parent(q) for t in bank.topics for q in t.questions}
    return [q for q in questions if parents.get(q)]


def _rank(seed: str, text: str) -> str:
    """A stable pseudo-random order, the same on every machine and Python version."""
    return hashlib.sha256(f"{fold(seed)}\n{question_key(text)}".encode()).hexdigest()


@dataclass(frozen=True)
class Suggested:
    """Questions for a new interview, which of them are follow-ups, and what to warn of."""

    questions: list[str]
    follow_ups: list[str]
    warnings: list[str]


def suggest(vault: Vault, contact: Contact, today: dt.date) -> Suggested:
    """Questions for a new interview with the contact, and warnings when too few are left."""
    bank = load_bank(vault.root)
    stem = note_name(contact.path)
    chosen = choose(bank, asked_keys(asked_of(vault, contact, today)), stem)
    warnings = []
    if len(chosen) < FEWEST:
        count = f"only {plural(len(chosen), 'question')}" if chosen else "no question"
        warnings.append(
            f"{count} left in {bank.source} that {contact.name} has not been asked; "
            f'add more there (see `vault questions "{contact.name}" --left`)'
        )
    return Suggested(chosen, follow_ups(bank, chosen), warnings)


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
    vault: Vault,
    name: str,
    *,
    today: dt.date,
    now: dt.time | None = None,
    indexed: IndexedNotes | None = None,
) -> QuestionsOf:
    """The questions in each of the person's interviews, and the bank without them; with
    `indexed`, read from the person's own notes (see partial.py) unless NAME is not one
    person's, which the whole vault explains."""
    few = person_vault(vault, indexed, name) if indexed is not None else None
    if few is not None:
        with contextlib.suppress(VaultError):
            return _questions_of(few, name, today, now)
    return _questions_of(vault, name, today, now)


def _questions_of(vault: Vault, name: str, today: dt.date, now: dt.time | None) -> QuestionsOf:
    contact = vault.names().resolve(name, vault.broken_files)
    asked = asked_of(vault, contact, today, now)
    bank = load_bank(vault.root)
    return QuestionsOf(contact, asked, bank, left_in(bank, asked_keys(asked)))
