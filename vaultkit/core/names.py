"""People's names: safe file names, and finding a contact from what the user typed."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from vaultkit.core.links import WIKILINK
from vaultkit.core.model import Contact
from vaultkit.errors import FOUND, USAGE, VaultError


def note_name(path: str) -> str:
    """The name a note's file gives it: `contacts/Jane Doe.md` is `Jane Doe`."""
    return path.rsplit("/", 1)[-1].removesuffix(".md")


MAX_NAME_BYTES = 200
# Characters no file system or Obsidian link accepts in a note name.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|#^\[\]]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))}
_WINDOWS_RESERVED |= {f"LPT{i}" for i in range(1, 10)}


def safe_file_stem(name: str) -> str:
    """A file name (without `.md`) for a person that stays inside its folder.

    Path separators, `..`, control characters and the characters that break
    Obsidian links become spaces or dashes; leading dots and trailing dots and
    spaces go; the result is cut to 200 bytes on a character boundary.
    """
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE.sub(lambda m: " " if m.group(0) < " " or m.group(0) in "/\\" else "-", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = text.lstrip(".- ")
    encoded = text.encode("utf-8")[:MAX_NAME_BYTES]
    text = encoded.decode("utf-8", errors="ignore").rstrip(" .")
    if not text:
        raise VaultError(f"{name!r} has no characters usable in a file name", USAGE)
    if text.upper() in _WINDOWS_RESERVED:
        text += "_"
    return text


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The form names are compared in: no accents, no case, single spaces."""
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


_PUNCTUATION = re.compile(r"[^\w\s]|_")
_DROPPED = re.compile(r"[.'’]")


def loose(text: str) -> str:
    """The form names are compared in when spelling may differ: `dr emily carter` for
    `Dr. Emily Carter`, `mary jane` for `Mary-Jane`."""
    return " ".join(_PUNCTUATION.sub(" ", _DROPPED.sub("", fold(text))).split())


def names_of(contact: Contact) -> list[str]:
    """Every name the contact answers to: file name, `name` and `aliases`."""
    return [n for n in (note_name(contact.path), contact.name, *contact.aliases) if n]


def name_keys(contact: Contact) -> set[str]:
    """The folded form of every name the contact answers to."""
    return {fold(n) for n in names_of(contact)}


def _typed_target(typed: str) -> tuple[str, str | None]:
    """The name in what the user typed (a pasted link's target), and the path it gives
    when it is one (`contacts/Sam Lee.md`), as NameIndex.find reads them."""
    target = typed.strip()
    link = WIKILINK.fullmatch(target)
    if link:
        target = link.group(1).split("|", 1)[0].split("#", 1)[0].strip()
    if "/" in target or target.lower().endswith(".md"):
        path = target.removeprefix("./")
        path = path if path.lower().endswith(".md") else f"{path}.md"
        return note_name(path), path
    return target, None


@dataclass(frozen=True)
class Lookup:
    """Every key NameIndex.find may look a typed name up by: folded names, loose names
    and folded paths. The contacts holding any of them are all that find can return."""

    keys: frozenset[str]
    loose: frozenset[str]
    paths: frozenset[str]

    @classmethod
    def of(cls, typed: str) -> Lookup:
        target, path = _typed_target(typed)
        paths = frozenset({fold(path)} if path is not None else ())
        return cls(frozenset({fold(typed), fold(target)}), frozenset({loose(target)}), paths)


@dataclass
class NameIndex:
    """Contacts by every name they answer to: file name, `name` and `aliases`."""

    by_key: dict[str, list[Contact]] = field(default_factory=dict)
    by_path: dict[str, Contact] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)
    _by_loose: dict[str, list[Contact]] | None = None

    @classmethod
    def of(cls, contacts: Iterable[Contact]) -> NameIndex:
        index = cls()
        for contact in contacts:
            for key in name_keys(contact):
                index.by_key.setdefault(key, []).append(contact)
            index.by_path[fold(contact.path)] = contact
            index.contacts.append(contact)
        return index

    @property
    def by_loose(self) -> dict[str, list[Contact]]:
        """Contacts by the loose form of their names: worked out only when a name typed
        matched no one exactly, since most commands never ask."""
        if self._by_loose is None:
            self._by_loose = {}
            for contact in self.contacts:
                for key in {loose(n) for n in names_of(contact)}:
                    self._by_loose.setdefault(key, []).append(contact)
        return self._by_loose

    def get(self, name: str) -> list[Contact]:
        """The contacts answering to exactly this name (in case, accents and spacing aside)."""
        return self.by_key.get(fold(name), [])

    def same_person(self, name: str) -> list[Contact]:
        """The contacts this name is theirs, or theirs spelt with other punctuation."""
        return self.get(name) or self.by_loose.get(loose(name), [])

    def find(self, typed: str) -> list[Contact]:
        """The contacts meant by what the user typed: a name, a pasted `[[link]]` or a
        vault path (`contacts/Sam Lee.md`), which is how to name one of two Sam Lees."""
        found = self.get(typed)
        if found:
            return found
        target, path = _typed_target(typed)
        if path is not None:
            contact = self.by_path.get(fold(path))
            if contact is not None:
                return [contact]
        return self.same_person(target)

    def resolve(self, name: str, broken: Iterable[str] = ()) -> Contact:
        """The one contact NAME means, or a VaultError listing the closest names.

        `broken` are the paths of notes that could not be read: when NAME is one
        of their file names, the error names that file instead of guessing.
        """
        found = self.find(name)
        if len(found) == 1:
            return found[0]
        if found:
            paths = sorted(c.path for c in found)
            raise VaultError(
                f"{name!r} matches more than one contact: {', '.join(paths)}; "
                f'give the path of the one you mean, like "{paths[0]}"',
                FOUND,
            )
        unreadable = [p for p in broken if fold(note_name(p)) == fold(name)]
        if unreadable:
            raise VaultError(
                f"{unreadable[0]} cannot be read, so {name!r} is not known; "
                "fix it first (`vault check` says what is wrong)",
                FOUND,
            )
        raise VaultError(f"no contact named {name!r}{self._suggestion(name)}", FOUND)

    def closest(self, name: str, limit: int = 3) -> list[str]:
        key = fold(name)
        keys = list(self.by_key)
        import difflib  # only when a name matched nobody

        close = difflib.get_close_matches(key, keys, n=limit, cutoff=0.6)
        close += [k for k in keys if key and key in k and k not in close]
        names = dict.fromkeys(c.name for k in close for c in self.by_key[k])
        return list(names)[:limit]

    def _suggestion(self, name: str) -> str:
        close = self.closest(name)
        if close:
            return "; did you mean " + " or ".join(repr(c) for c in close) + "?"
        return "; see `vault ls contacts`, or create one with `vault new contact`"
