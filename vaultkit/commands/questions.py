"""`vault questions NAME`: what was already asked of a person, and what is left in the bank."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vaultkit.model import Contact
from vaultkit.questions import Asked, Bank, Topic, asked_keys, asked_of, left_in, load_bank
from vaultkit.vault import Vault


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
                    "date": a.interview.date.isoformat() if a.interview.date else None,
                    "status": a.status,
                    "path": a.interview.path,
                    "questions": list(a.questions),
                }
                for a in self.asked
            ],
            "bank": self.bank.source,
            "left": [{"topic": t.name, "questions": list(t.questions)} for t in self.left],
        }


def questions_of(vault: Vault, name: str, *, today: dt.date) -> QuestionsOf:
    """The questions in each of the person's interviews, and the bank without them."""
    contact = vault.names().resolve(name)
    asked = asked_of(vault, contact, today)
    bank = load_bank(vault.root)
    return QuestionsOf(contact, asked, bank, left_in(bank, asked_keys(asked)))


def render_questions(found: QuestionsOf, *, show_left: bool) -> str:
    name = found.contact.name
    total = sum(len(a.questions) for a in found.asked)
    if total:
        counts = f"{_count(total, 'question')} in {_count(len(found.asked), 'interview')}"
        lines = [f"Asked of {name}: {counts}", ""]
    else:
        lines = [f"Nothing asked of {name} yet.", ""]
    for asked in found.asked:
        day = asked.interview.date.isoformat() if asked.interview.date else "(no date)"
        lines.append(f"{day} ({asked.status or 'no status'})  {asked.interview.path}")
        lines += [f"  - {q}" for q in asked.questions] or ["  (no questions written)"]
        lines.append("")
    if show_left:
        left = sum(len(t.questions) for t in found.left)
        size = _count(found.bank.size, "question")
        lines += [f"Left in {found.bank.source}: {left} of {size}", ""]
        for topic in found.left:
            lines.append(f"## {topic.name}")
            lines += [f"  - {q}" for q in topic.questions]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
