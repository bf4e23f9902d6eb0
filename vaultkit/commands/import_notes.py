"""The bytes of the notes `vault import` writes: a new person's note from the contact
template, with what the template has no line for added at the end of its properties; a
known person's note with its empty properties filled, one line each. Every note is read
back before it is written, and must say what was meant.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from vaultkit.core.cells import PROPERTIES, RESEARCH, Value
from vaultkit.core.dates import parse_date
from vaultkit.core.links import link_target
from vaultkit.core.model import Contact
from vaultkit.core.names import fold, note_name, safe_file_stem
from vaultkit.core.note import BOM, FENCE_CLOSE, FENCE_OPEN, PROPERTY_ALIASES, read_note
from vaultkit.core.people import Directory, ImportResult, Known, Remark, Updated
from vaultkit.core.research import add_research
from vaultkit.core.vault import Vault
from vaultkit.core.yamlsafe import YamlProblem, load_properties
from vaultkit.errors import VaultError
from vaultkit.formats.templating import Templates, yaml_link, yaml_value
from vaultkit.store.batch import Write
from vaultkit.store.edit import EditError, set_property

Progress = Callable[[str, int, int], None]  # what is being done, how far, out of how many
# What the contact template is given, as `vault new contact` gives it.
TEMPLATE_FIELDS = ("company", "role", "email", "linkedin", "location", "source", "referred_by")


@dataclass
class Target:
    """One person the file names: a contact of the vault, or a note to create."""

    known: Known
    line: int  # the first row that names them
    name: str | None
    values: dict[str, Value] = field(default_factory=dict)
    research: str | None = None


@dataclass(frozen=True)
class NewNote:
    """A note to create: its vault-relative path, and what goes in it."""

    relative: str
    name: str
    values: dict[str, Value]
    research: str | None
    line: int


PARALLEL_FROM = 2000  # new notes from which rendering them is shared among worker processes
_CHUNK = 250
_WORKING: list[NoteBuilder] = []  # the builder a forked worker inherits


def _render_in_workers(
    builder: NoteBuilder,
    notes: list[NewNote],
    workers: int,
    progress: Progress | None,
    total: int,
) -> list[bytes | str]:
    """The notes rendered by forked worker processes, which inherit the builder (its
    template loaded and its names known), a chunk each at a time, in order."""
    from vaultkit.store.pool import quiet_pool  # as the index's workers start

    chunks = [notes[i : i + _CHUNK] for i in range(0, len(notes), _CHUNK)]
    _WORKING[:] = [builder]
    try:
        made: list[bytes | str] = []
        with quiet_pool(workers, "fork") as pool:
            for chunk in pool.imap(_render_chunk, chunks):
                made += chunk
                if progress:
                    progress("preparing", len(made) + 1, total)
        return made
    finally:
        _WORKING.clear()


def _render_chunk(chunk: list[NewNote]) -> list[bytes | str]:
    return [_WORKING[0].made(note) for note in chunk]


def _property_order(key: str) -> tuple[int, str]:
    """Properties in the order notes list them, research last, others by name after."""
    order = (*PROPERTIES, RESEARCH)
    return (order.index(key), "") if key in order else (len(order), key)


def in_order(values: Mapping[str, Value]) -> dict[str, Value]:
    """The values in the order notes list their properties, so lines are added in it."""
    return {key: values[key] for key in sorted(values, key=_property_order)}


class NoteBuilder:
    """The bytes of each note the import writes: new ones from the template, filled ones
    one property line at a time."""

    def __init__(
        self, vault: Vault, directory: Directory, kinds: Mapping[str, str], today: dt.date
    ) -> None:
        self.vault = vault
        self.directory = directory
        self.today = today
        self.folder = vault.config.folders.contacts.strip("/")
        templates = Templates(vault.root / vault.config.folders.templates)
        self.render_contact = templates.renderer("contact.md")
        self.taken = _taken_names(vault, kinds, self.folder)
        broken = [path for path, kind in kinds.items() if kind == "broken"]
        self.broken = {_file_key(note_name(p)): p for p in broken}

    # -- new notes ----------------------------------------------------------------------

    def plan_new(self, target: Target, result: ImportResult) -> NewNote | None:
        """The new note's file name and values; None (and why, skipped) when it gets none."""
        name = target.name or target.known.name
        try:
            stem = safe_file_stem(name)
        except VaultError as err:
            result.skipped.append(Remark(target.line, err.message))
            return None
        relative = self._free_path(stem, target, result)
        if relative is None:
            return None
        values = in_order({"status": "prospect", **target.values})
        if "referred_by" in values:
            values["referred_by"] = self._referrer(str(values["referred_by"]))
        return NewNote(relative, name, values, target.research, target.line)

    def render_all(self, notes: list[NewNote], progress: Progress | None) -> list[bytes | str]:
        """Each note's bytes, or why it cannot be made; the first is rendered here, so a
        template's error stops the import before anything else."""
        if not notes:
            return []
        made = [self.made(notes[0])]
        rest = notes[1:]
        workers = min(os.cpu_count() or 1, 4)
        if len(rest) < PARALLEL_FROM or workers < 2 or not sys.platform.startswith("linux"):
            for done, note in enumerate(rest, start=2):
                made.append(self.made(note))
                if progress and (done % 100 == 0 or done == len(notes)):
                    progress("preparing", done, len(notes))
            return made
        return made + _render_in_workers(self, rest, workers, progress, len(notes))

    def made(self, note: NewNote) -> bytes | str:
        try:
            return self._render(note.name, note.values, note.research)
        except (EditError, _Unreadable) as err:
            return str(err)

    def _free_path(self, stem: str, target: Target, result: ImportResult) -> str | None:
        """A file name no note has yet; None (and the reason, skipped) when the name is
        held by a note vault cannot tell is this person or not."""
        key = _file_key(stem)
        holder = self.taken.get(key)
        if holder is not None and holder[1] == "other":
            result.skipped.append(
                Remark(
                    target.line,
                    f"{holder[0]} is there but is not a contact note (it has no type); "
                    f"add `type: contact` with `vault adopt {self.folder} --as contact`, "
                    "then import again",
                )
            )
            return None
        if key in self.broken:
            result.skipped.append(
                Remark(
                    target.line,
                    f"{self.broken[key]} cannot be read, so whether it is this person is not "
                    "known; fix it first (`vault check` says what is wrong), then import again",
                )
            )
            return None
        number = 1
        chosen = stem
        while _file_key(chosen) in self.taken:
            number += 1
            chosen = f"{stem} {number}"
        relative = f"{self.folder}/{chosen}.md" if self.folder else f"{chosen}.md"
        self.taken[_file_key(chosen)] = (relative, "new")
        return relative

    def _referrer(self, name: str) -> str:
        """The file name of the one contact the referrer's name means, else the name."""
        found = [k for k in self.directory.by_name.get(fold(name), []) if k.path]
        return note_name(found[0].path or "") if len(found) == 1 else name

    def _render(self, name: str, values: Mapping[str, Value], research: str | None) -> bytes:
        context: dict[str, object] = {
            key: _template_value(values.get(key)) for key in TEMPLATE_FIELDS
        }
        tags = values.get("tags")
        context.update(
            name=name,
            tags=list(tags) if isinstance(tags, tuple) else [],
            today=self.today.isoformat(),
        )
        raw = self.render_contact(context).encode("utf-8")
        props = _properties(raw)
        missing = {k: v for k, v in values.items() if k not in props}
        for key, value in values.items():
            if key in props and not _reads_as(props, key, value):
                raw = set_property(raw, key, _yaml(key, value))
        raw = _append_properties(raw, missing)
        if research:
            raw = add_research(raw, research) or raw
        _verify(raw, name, values, kept={k: v for k, v in props.items() if k not in values})
        return raw

    # -- notes that are there -----------------------------------------------------------

    def filled_note(self, target: Target, result: ImportResult) -> tuple[Write, str] | None:
        relative = target.known.path or ""
        path = self.vault.root / relative
        try:
            raw = path.read_bytes()
        except OSError as err:
            result.skipped.append(
                Remark(target.line, f"{relative}: cannot be read ({err.strerror})")
            )
            return None
        props = _properties(raw)
        new, filled = raw, []
        values = in_order(target.values)
        if "referred_by" in values:
            values["referred_by"] = self._referrer(str(values["referred_by"]))
        try:
            missing = {}
            for key, value in values.items():
                if not _is_empty(props, key):
                    continue
                filled.append(key)
                if key in props:  # an empty line of its own: filled where it is
                    new = set_property(new, key, _yaml(key, value))
                else:
                    missing[key] = value
            new = _append_properties(new, missing)
            if target.research:
                with_research = add_research(new, target.research)
                if with_research is not None:
                    new = with_research
                    filled.append(RESEARCH)
            if filled:
                kept = {k: v for k, v in props.items() if k not in filled}
                _verify(
                    new,
                    None,
                    {k: values[k] for k in filled if k != RESEARCH},
                    before=raw,
                    kept=kept,
                )
        except (EditError, _Unreadable) as err:
            result.skipped.append(
                Remark(target.line, f"{relative}: {err}; nothing was written to it")
            )
            return None
        if not filled:
            result.unchanged.append(relative)
            return None
        result.updated.append(Updated(relative, tuple(filled)))
        return Write(path, new, expect=raw), relative


# A note to write, its vault-relative path, and the line of the file that names the person.
Planned = tuple[Write, str, int]


class _Unreadable(ValueError):
    """A note as made would not read back as what was meant; its text says why."""


def _taken_names(vault: Vault, kinds: Mapping[str, str], folder: str) -> dict[str, tuple[str, str]]:
    """Note names in use, by _file_key: every file of the contacts folder (its kind:
    "other" for a file that is not a note of ours) and every note elsewhere (`kinds`:
    each note's kind by path)."""
    taken: dict[str, tuple[str, str]] = {}
    for path in sorted(kinds):
        taken[_file_key(note_name(path))] = (path, kinds[path])
    try:
        names = os.listdir(vault.root / folder) if folder else []
    except OSError:
        names = []
    for name in names:
        if name.endswith(".md") and not name.startswith("."):
            relative = f"{folder}/{name}"
            taken.setdefault(_file_key(name.removesuffix(".md")), (relative, "other"))
    return taken


def _file_key(stem: str) -> str:
    """How file systems that ignore case (and Obsidian's links) compare two note names."""
    return unicodedata.normalize("NFC", stem).casefold()


def _template_value(value: Value | None) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _properties(raw: bytes) -> dict[str, object]:
    """The note's properties as YAML reads them (empty when it has none)."""
    block = _block(raw)
    if block is None:
        return {}
    try:
        props = load_properties(raw[block[0] : block[1]].decode("utf-8").replace("\r\n", "\n"))
    except (YamlProblem, UnicodeDecodeError):
        return {}
    return {str(k): v for k, v in props.items()} if isinstance(props, dict) else {}


def _block(raw: bytes) -> tuple[int, int] | None:
    """Where the properties block's lines begin and end (before the closing ---)."""
    opening = FENCE_OPEN.match(raw, len(BOM) if raw.startswith(BOM) else 0)
    close = FENCE_CLOSE.search(raw, opening.end()) if opening else None
    return (opening.end(), close.start()) if opening and close else None


def _append_properties(raw: bytes, values: Mapping[str, Value]) -> bytes:
    """The note with a `key: value` line for each of `values` added at the end of its
    properties, as set_property adds one (checked by _verify, with the rest kept)."""
    block = _block(raw)
    if not values or block is None:
        return raw
    newline = b"\r\n" if raw[: block[0]].endswith(b"\r\n") else b"\n"
    front = raw[block[0] : block[1]]
    if front and not front.endswith(b"\n"):
        front += newline
    lines = b"".join(
        f"{key}: {_yaml(key, value)}".encode() + newline for key, value in values.items()
    )
    return raw[: block[0]] + front + lines + raw[block[1] :]


def _is_empty(props: Mapping[str, object], key: str) -> bool:
    """Whether the note says nothing for `key` (nor under its older name: `contacted`)."""
    return all(
        props.get(name) in (None, "", [], {}) for name in (key, *PROPERTY_ALIASES.get(key, ()))
    )


def _yaml(key: str, value: Value) -> str:
    """The value as one line of YAML that reads back as itself."""
    if key == "referred_by":
        return yaml_link(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return yaml_value(list(value))
    return yaml_value(value)


def _reads_as(props: Mapping[str, object], key: str, value: Value) -> bool:
    """Whether the note's property `key` reads as `value`, as the note reader would."""
    held = props.get(key)
    if held is None:
        return False
    if key == "referred_by":
        return link_target(held) == value
    if isinstance(value, dt.date):
        try:
            return parse_date(held) == value
        except ValueError:
            return False
    if isinstance(value, tuple):
        return isinstance(held, list) and tuple(str(v) for v in held) == value
    if isinstance(value, int):
        return held == value and not isinstance(held, bool)
    return isinstance(held, str) and held.strip() == value


def _verify(
    raw: bytes,
    name: str | None,
    values: Mapping[str, Value],
    *,
    before: bytes | None = None,
    kept: Mapping[str, object] | None = None,
) -> None:
    """The note reads as a contact with no problems (none it did not have `before`), each
    value reads as itself, and the properties in `kept` are as they were."""
    parsed = read_note("contacts/note.md", raw, strict_folder=True)
    if not isinstance(parsed.note, Contact):
        raise _Unreadable("the template does not make a contact note")
    new = parsed.problems
    if new and before:
        had = {
            p.message for p in read_note("contacts/note.md", before, strict_folder=True).problems
        }
        new = [p for p in new if p.message not in had]
    if new:
        raise _Unreadable(new[0].message)
    props = parsed.props or {}
    wrong = [key for key, value in values.items() if not _reads_as(props, key, value)]
    wrong += [key for key, value in (kept or {}).items() if props.get(key) != value]
    if name is not None and parsed.note.name != name:
        wrong.insert(0, "name")
    if wrong:
        raise _Unreadable(f"{', '.join(wrong)} would not read back as written")
