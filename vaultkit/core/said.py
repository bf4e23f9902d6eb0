"""Action items said to the person a message is for: promises, plans and progress.

The `## Action items` of an interview are notes to oneself: `Send Sofia my
screener`, `Work through the notebook she shared`. A message cannot quote them as
written, so each item is read for what it is and said as the writer would say it
to the person:

- its markup goes (see markup.plain);
- the person, named (name, first name, alias) or as `she`/`he`/`her`/`him`/`his`
  when no other contact is named in the item, becomes `you`/`your`:
  `Send Sofia my screener` says `send you my screener`;
- an open item is said as what the writer will do (`I'll send you my screener`),
  a done one in the past tense (`I rewrote my CV summary in your framing`).

What each item is, for the default templates:

- promise: open, and addressed to them (`you` right after its verb, or `to you`,
  `with you`, `for you` anywhere): `Send Sofia my screener`;
- plan: any other open item: `Read the ResearchOps Community's eight pillars`;
- progress: done, and not addressed to them (they know that already):
  `Rewrite my CV summary in his framing`;
- unsaid: bookkeeping, private, or not starting with a verb vaultkit knows:
  `Add Chloé to the vault`.

An item is bookkeeping when its first word is one of BOOKKEEPING_VERBS (book,
bookmark, calendar, confirm, connect, file, follow but not `follow up`, log, note,
remind, reschedule, save, schedule, tag, tick), or it mentions a reminder, a
calendar or the vault; it is private when tagged `#private`. Unsaid items are never
put in a message.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from vaultkit.core.markup import plain
from vaultkit.core.model import Task

BOOKKEEPING_VERBS = frozenset(
    (
        "bookmark", "book", "calendar", "confirm", "connect", "file", "follow", "log", "note",
        "remind", "reschedule", "save", "schedule", "tag", "tick"
    )
)  # fmt: skip
_BOOKKEEPING_WORDS = re.compile(r"\b(?:reminders?|calendar|(?:the|this|my) vault)\b", re.I)
_PRIVATE = re.compile(r"(?<![\w#])#private\b", re.I)

# Past tenses that do not add -ed.
IRREGULAR = {
    "begin": "began", "bring": "brought", "build": "built", "buy": "bought",
    "catch": "caught", "choose": "chose", "come": "came", "cut": "cut", "do": "did",
    "draw": "drew", "drive": "drove", "feel": "felt", "find": "found", "forget": "forgot",
    "get": "got", "give": "gave", "go": "went", "hang": "hung", "have": "had",
    "hear": "heard", "hold": "held", "keep": "kept", "know": "knew", "lead": "led",
    "leave": "left", "lend": "lent", "let": "let", "make": "made", "meet": "met",
    "pay": "paid", "put": "put", "quit": "quit", "read": "read", "redo": "redid",
    "remake": "remade", "reread": "reread", "rerun": "reran", "rethink": "rethought",
    "rewrite": "rewrote", "ring": "rang", "run": "ran", "say": "said", "see": "saw",
    "seek": "sought", "sell": "sold", "send": "sent", "set": "set", "show": "showed",
    "shut": "shut", "sit": "sat", "speak": "spoke", "spend": "spent", "stand": "stood",
    "take": "took", "teach": "taught", "tell": "told", "think": "thought",
    "understand": "understood", "undertake": "undertook", "win": "won", "write": "wrote",
}  # fmt: skip
# Verbs ending in a stressed vowel and consonant that double it: submit, submitted.
_DOUBLING = frozenset(
    (
        "admit", "commit", "submit", "omit", "permit", "refer", "prefer", "regret", "transfer"
    )
)  # fmt: skip
# Verbs an action item starts with, as written in the base form ("Send ...").
VERBS = frozenset(IRREGULAR) | frozenset(
    (
        "add", "apply", "ask", "attend", "block", "browse", "call", "chat", "check", "clean",
        "collect", "compare", "complete", "connect", "contact", "copy", "create", "decide",
        "design", "draft", "edit", "email", "explore", "fill", "finish", "fix", "follow",
        "forward", "help", "improve", "interview", "introduce", "invite", "join", "learn",
        "list", "listen", "look", "map", "mention", "message", "offer", "open", "order",
        "outline", "plan", "polish", "post", "practise", "practice", "prepare", "present",
        "print", "publish", "record", "register", "rehearse", "reach", "reply", "research",
        "restructure", "review", "revise", "revisit", "rework", "schedule", "share", "shorten",
        "sign", "sketch", "start", "study", "submit", "summarise", "summarize", "talk", "test",
        "text", "thank", "tidy", "trim", "try", "update", "upload", "visit", "volunteer",
        "watch", "work"
    )
)  # fmt: skip
VERBS |= BOOKKEEPING_VERBS | _DOUBLING

_WORD = re.compile(r"[\w'’-]+|[^\w'’-]+")
_ADVERBS = frozenset(
    (
        "also", "always", "often", "never", "usually", "just", "still", "really", "already"
    )
)  # fmt: skip
_AGREEMENT = {
    "is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
    "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't", "says": "say",
}  # fmt: skip
# After `her`, these words show it is the object (`send her my notes`), not `your`.
_AFTER_OBJECT_HER = frozenset(
    (
        "a", "an", "the", "my", "our", "this", "that", "these", "those", "some", "any", "to",
        "for", "with", "about", "on", "in", "at", "by", "from", "and", "or", "but", "if",
        "when", "how", "what", "why", "back", "up", "again", "know"
    )
)  # fmt: skip
_PRONOUNS = {
    "him": "you", "his": "your", "hers": "yours", "herself": "yourself",
    "himself": "yourself", "she's": "you're", "he's": "you're", "she'll": "you'll",
    "he'll": "you'll", "she'd": "you'd", "he'd": "you'd",
}  # fmt: skip


@dataclass(frozen=True)
class Person:
    """Who a message is for (every name they go by), and the names of everybody else."""

    names: tuple[str, ...]
    others: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One action item, and how a message to the person says it."""

    text: str  # its words, markup gone
    said: str  # after `I'll` (open) or `I` (done), to them: `send you my notes`; '' if unsaid
    done: bool
    due: dt.date | None
    line: int
    kind: str  # promise, plan, progress or unsaid

    def due_passed(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today


def say_items(tasks: Iterable[Task], person: Person) -> list[Item]:
    """Every task, read for what it is and said to the person."""
    return [say_item(task, person) for task in tasks]


def say_item(task: Task, person: Person) -> Item:
    text = plain(task.text)
    said = to_them(text, person)
    words = said.split()
    verb = words[0].casefold() if words else ""
    unsaid = (
        verb not in VERBS or _is_bookkeeping(verb, words, text) or bool(_PRIVATE.search(task.text))
    )
    if unsaid:
        return Item(text, "", task.done, task.due, task.line, "unsaid")
    rest = said[len(words[0]) :]
    said = (past_tense(verb) if task.done else verb) + rest
    addressed = _addressed(said)
    if task.done:
        kind = "unsaid" if addressed else "progress"
    else:
        kind = "promise" if addressed else "plan"
    return Item(text, said if kind != "unsaid" else "", task.done, task.due, task.line, kind)


def _is_bookkeeping(verb: str, words: list[str], text: str) -> bool:
    if verb == "follow":
        return len(words) < 2 or words[1].casefold() != "up"
    return verb in BOOKKEEPING_VERBS or bool(_BOOKKEEPING_WORDS.search(text))


def _addressed(said: str) -> bool:
    """`you` right after the verb, or `to you`, `with you`, `for you` anywhere."""
    words = [w.casefold().strip(",.;:") for w in said.split()]
    return "you" in words[1:2] or bool(re.search(r"\b(?:to|with|for) you\b", said, re.I))


def to_them(text: str, person: Person) -> str:
    """The text with the person as `you`: their names, and he/she when nobody else is named."""
    text = _names_to_you(text, person.names)
    if not _names_someone_else(text, person.others):
        text = _pronouns_to_you(text)
    return text


def _names_to_you(text: str, names: Iterable[str]) -> str:
    forms = sorted({f for n in names if n.strip() for f in (n.strip(), _unaccented(n.strip()))})
    if not forms:
        return text
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # Case counts: a name is written with its capital, and `Will` or `Grace` are also words.
    pattern = re.compile(rf"(?<![\w'’])(?:{alternatives})(['’]s)?(?![\w'’])")
    return pattern.sub(lambda m: "your" if m.group(1) else "you", text)


def _unaccented(name: str) -> str:
    """The name without accents, as people type it (Jose for José); case kept."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _names_someone_else(text: str, others: Iterable[str]) -> bool:
    """Whether the text names another person, as written (with capitals, accents or not)."""
    plain_text = _unaccented(text)
    words = {w.strip("'’") for w in re.findall(r"[\w'’-]+", plain_text)}
    for other in others:
        key = " ".join(_unaccented(other).split())
        if not key:
            continue
        spaced = " " in key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", plain_text)
        if key in words or spaced:
            return True
    return False


def _pronouns_to_you(text: str) -> str:
    tokens = _WORD.findall(text)
    out: list[str] = []
    agree_next = False
    for index, token in enumerate(tokens):
        key = token.casefold().replace("’", "'")
        if not token[0].isalnum() and token[0] not in "'’":
            out.append(token)
            continue
        if agree_next and key not in _ADVERBS:
            token, agree_next = _agree(token), False
        elif key in ("she", "he"):
            token, agree_next = "you", True
        elif key in _PRONOUNS:
            token = _PRONOUNS[key]
        elif key == "her":
            token = "you" if _next_word(tokens, index) in _AFTER_OBJECT_HER else "your"
        out.append(token)
    return "".join(out)


def _next_word(tokens: list[str], index: int) -> str:
    for token in tokens[index + 1 :]:
        if token[0].isalnum():
            return token.casefold()
        if token.strip(" "):
            return ""  # punctuation ends the phrase: `thank her.`
    return ""


def _agree(verb: str) -> str:
    """A verb after `you` instead of `she`: `recommends` as `recommend`, `has` as `have`."""
    key = verb.casefold().replace("’", "'")
    if key in _AGREEMENT:
        return _AGREEMENT[key]
    if not key.endswith("s") or key.endswith(("ss", "us", "is")):
        return verb
    if key.endswith("ies"):
        return verb[:-3] + "y"
    if key.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1]


def past_tense(verb: str) -> str:
    """The past tense of a verb in its base form: send sent, plan planned, study studied."""
    key = verb.casefold()
    if key in IRREGULAR:
        return IRREGULAR[key]
    if key.endswith("e"):
        return key + "d"
    if re.search(r"[^aeiou]y$", key):
        return key[:-1] + "ied"
    if key in _DOUBLING or re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", key):
        return key + key[-1] + "ed"
    return key + "ed"
