"""The name a message greets a person by: `Hi Emily,` for `Dr. Emily Carter, PhD`.

A contact's own `first_name` property always wins. Otherwise the greeting is the
given name found in the display name once titles (Dr, Prof, Mr, Ms, ...), letters
after the name (Jr, PhD, MBA, ...), pronouns in brackets, emoji and stray
punctuation are set aside:

- `Carter, Emily` (family name, comma, given names) greets Emily;
- a nickname in quotes or brackets after the first name wins: `Robert "Bob" Smith`;
- a title with only a family name keeps the title: `Dr. Carter`;
- names in Chinese, Japanese or Korean script put the family name first and are
  greeted in full; Vietnamese names written family name first (`Nguyễn Văn An`)
  greet the given name, which comes last;
- `Abdul Rahman ...` keeps both words, as `Abdul` alone is not a name;
- a lower-case particle first (`van Gogh`) means no given name is written.

When the name gives no sure answer (a single initial, an all-caps word, a handle
with digits or symbols) the greeting is the full name, and `unsure` says why, so
the draft can warn and the user can set `first_name`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vaultkit.core.markup import plain

# Written before a name, compared without case or a final dot.
HONORIFICS = frozenset(
    (
        "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame",
        "lord", "lady", "rev", "revd", "fr", "hon", "rt", "mstr", "master", "madam", "mme",
        "mlle", "herr", "frau", "sr", "sra", "srta"
    )
)  # fmt: skip
# Written after a name (letters after it, generational suffixes), compared without
# case or dots.
SUFFIXES = frozenset(
    (
        "jr", "jnr", "sr", "snr", "ii", "iii", "iv", "phd", "dphil", "md", "do", "dds", "dmd",
        "mba", "ma", "msc", "ms", "bsc", "ba", "bs", "beng", "meng", "mphil", "mfa", "llb",
        "llm", "jd", "esq", "cpa", "cfa", "pmp", "pe", "rn", "np", "pa", "frsa", "frs", "facs",
        "obe", "mbe", "cbe", "kbe", "dbe", "qc", "kc"
    )
)  # fmt: skip
# Suffixes that are also names (Jack Ma, Minh Do): set aside only when written in
# capitals or with dots (`MA`, `M.A.`) or after a comma.
_NAME_LIKE_SUFFIXES = frozenset(
    (
        "ma", "ba", "bs", "pa", "np", "pe", "do", "ms", "md", "ii", "iii", "iv"
    )
)  # fmt: skip
# Lower-case particles that start a family name: a name that begins with one has no
# given name written.
PARTICLES = frozenset(
    (
        "van", "von", "de", "da", "del", "della", "di", "du", "la", "le", "der", "den", "ter",
        "ten", "dos", "das", "des", "bin", "ibn", "al", "el"
    )
)  # fmt: skip
# `Abdul` and its like mean "servant of" and make a name only with the next word.
_COMPOUND_FIRST = frozenset(("abdul", "abdel", "abd", "abdal", "abdur", "abdus"))
# Family names that come first in Vietnamese, and the middle names that show the order.
_VIETNAMESE_FAMILY = frozenset(
    (
        "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi",
        "đỗ", "hồ", "ngô", "dương", "lý", "nguyen", "tran", "pham", "hoang", "huynh", "vu",
        "vo", "dang", "bui", "do", "ho", "ngo", "duong"
    )
)  # fmt: skip
_VIETNAMESE_MIDDLE = frozenset(("văn", "van", "thị", "thi"))
_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)

_PRONOUNS = re.compile(r"\((?:\s*(?:she|her|hers|he|him|his|they|them|theirs|ze|xe)\s*/?)+\)", re.I)
_NICKNAME = re.compile(r"""(?:^|\s)(?:"([^"]+)"|“([^”]+)”|'([^']+)'|\(([^)]+)\))(?=\s|$)""")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_GLUED_TITLE = re.compile(r"^(dr|prof|mr|mrs|ms|mx)\.(\w.*)$", re.I)
_INITIALS = re.compile(r"^(?:\w\.){1,3}\w?$|^\w$")
_WORD_EDGE = "\"'“”‘’«»()[]{}<>,;:!?*_~`|/\\-–—."


@dataclass(frozen=True)
class Greeting:
    """What follows `Hi`, and why the tool is unsure of it (empty when it is sure)."""

    name: str
    unsure: str = ""


def greeting(name: object, first_name: object = None) -> Greeting:
    """The name to greet a person by: their `first_name`, else one found in `name`."""
    own = _clean_text(str(first_name)) if first_name is not None else ""
    if own:
        return Greeting(own)
    text = _clean_text(str(name or ""))
    if not text:
        written = " ".join(str(name or "").split())
        return Greeting(written, "it has no letters to greet" if written else "it is empty")
    text = _PRONOUNS.sub(" ", text)
    nickname = _nickname(text)
    if nickname:
        return Greeting(nickname)
    text = " ".join(_BRACKETED.sub(" ", text).split())
    words = _given_order(text)
    titles, words = _split_titles(words)
    words = _drop_suffixes(words)
    full = " ".join(titles + words) or text
    if not words:
        return Greeting(full, "it has no name besides a title")
    if titles and len(words) == 1:
        return Greeting(full)  # `Dr. Carter`: the title goes with the family name
    return _from_words(words, full)


def _clean_text(text: str) -> str:
    """Prose without markup, emoji and control characters, on one line."""
    text = plain(unicodedata.normalize("NFC", text))
    kept = "".join(c for c in text if not _is_symbol(c))
    return " ".join(kept.split()).strip(" ,;:")


def _is_symbol(char: str) -> bool:
    """Emoji and other symbols, and what joins them (a zero-width joiner, VS16)."""
    return unicodedata.category(char) in ("So", "Sk", "Cc", "Co", "Cn") or char in "\u200d\ufe0f"


def _nickname(text: str) -> str:
    """A quoted or bracketed nickname right after the first word: `Robert "Bob" Smith`."""
    words = text.split(maxsplit=1)
    if len(words) < 2:
        return ""
    match = _NICKNAME.match(" " + words[1])
    if not match:
        return ""
    nickname = next(g for g in match.groups() if g is not None).strip()
    if not nickname or len(nickname.split()) > 2 or not _is_name_word(nickname.split()[0]):
        return ""
    return nickname


def _given_order(text: str) -> list[str]:
    """The words of the name, given names first: `Carter, Emily, PhD` gives Emily Carter."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    parts = parts[:1] + [p for p in parts[1:] if not all(_is_suffix(w, True) for w in p.split())]
    if len(parts) >= 2 and _is_family_name(parts[0]) and len(parts[1].split()) <= 3:
        ordered = [parts[1], parts[0]]
    else:
        ordered = parts[:1] if parts else [text]
    words = [_strip_edges(w) for part in ordered for w in part.split()]
    return [w for w in words if w]


def _is_family_name(text: str) -> bool:
    """One word, or particles and one word: `Carter`, `van der Berg`."""
    words = text.split()
    return bool(words) and all(w in PARTICLES for w in words[:-1]) and _is_name_word(words[-1])


def _strip_edges(word: str) -> str:
    """A word without wrapping quotes and trailing punctuation; the dot of an initial stays."""
    stripped = word.strip(_WORD_EDGE.replace(".", "").replace("-", ""))
    stripped = stripped.strip("-–—")
    if stripped.endswith(".") and not _INITIALS.fullmatch(stripped) and not _is_title(stripped):
        stripped = stripped.rstrip(".")
    return stripped


def _split_titles(words: list[str]) -> tuple[list[str], list[str]]:
    titles: list[str] = []
    rest = list(words)
    while rest:
        glued = _GLUED_TITLE.match(rest[0])
        if glued:
            titles.append(glued.group(1) + ".")
            rest[0] = glued.group(2)
        elif _is_title(rest[0]):
            titles.append(rest.pop(0))
        else:
            break
    return titles, rest


def _drop_suffixes(words: list[str]) -> list[str]:
    kept = list(words)
    while len(kept) > 1 and _is_suffix(kept[-1]):
        kept.pop()
    return kept


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in HONORIFICS


def _is_suffix(word: str, after_comma: bool = False) -> bool:
    key = word.lower().replace(".", "")
    if key not in SUFFIXES:
        return False
    return key not in _NAME_LIKE_SUFFIXES or after_comma or word.isupper() or "." in word


def _is_name_word(word: str) -> bool:
    """Letters (and the marks some scripts add to them), with inner hyphens, apostrophes
    or dots: Jean-Luc, D'Arcy, St., अमित."""
    return bool(word) and word[0].isalpha() and all(_in_name(c) for c in word)


def _in_name(char: str) -> bool:
    return char.isalpha() or char in "-'’." or unicodedata.category(char).startswith("M")


def _from_words(words: list[str], full: str) -> Greeting:
    first = words[0]
    if any(_family_name_first_script(c) for c in first):
        return Greeting(" ".join(words))
    vietnamese = _vietnamese_given(words)
    if vietnamese:
        return Greeting(vietnamese)
    why = _doubt(first, words)
    if why:
        return Greeting(full, why)
    if first.lower() in _COMPOUND_FIRST and len(words) >= 3:
        return Greeting(f"{first} {words[1]}")
    return Greeting(first)


def _doubt(first: str, words: list[str]) -> str:
    """Why the first word may not be how to greet them; empty when it is."""
    if _INITIALS.fullmatch(first):
        return "it starts with an initial"
    if first in PARTICLES and len(words) > 1:
        return f"it starts with {first!r}, part of a family name"
    if not _is_name_word(first):
        return "it does not look like a name"
    letters = [c for c in first if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "it is written in capitals"
    if len(words) == 1 and first.islower():
        return "it looks like a user name"
    return ""


def _family_name_first_script(char: str) -> bool:
    """Han, kana or Hangul: scripts whose names put the family name first."""
    try:
        name = unicodedata.name(char)
    except ValueError:
        return False
    return name.startswith(("CJK UNIFIED", "HIRAGANA", "KATAKANA", "HANGUL"))


def _vietnamese_given(words: list[str]) -> str:
    """The given name (last) of a Vietnamese name written family name first, else ''."""
    if len(words) < 2 or words[0].lower() not in _VIETNAMESE_FAMILY:
        return ""
    marked = any(_VIETNAMESE_LETTERS.search(w) for w in words)
    middle = len(words) >= 3 and words[1].lower() in _VIETNAMESE_MIDDLE
    return words[-1] if marked or middle else ""
