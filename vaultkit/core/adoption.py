"""Notes that are people or conversations but do not say so: telling them apart from notes
of another type and from notes that cannot be read, before `vault adopt` gives them a type.

Read from a note's raw bytes with the same fences and YAML loader as the note reader,
so what counts as "no type" here is what the reader passes over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vaultkit.core.note import BOM, CONFLICT_MARKER, FENCE_CLOSE, FENCE_OPEN
from vaultkit.core.yamlsafe import YamlProblem, load_properties


@dataclass(frozen=True)
class TypeState:
    """What a note says of its type.

    `kind` is the type it has (None when it has none); `problem` and `line` say why its
    properties cannot be read; `has_block` whether it has a properties block at all.
    """

    kind: str | None = None
    has_block: bool = True
    problem: str | None = None
    line: int | None = None

    @property
    def untyped(self) -> bool:
        return self.kind is None and self.problem is None


def type_state(raw: bytes) -> TypeState:
    """Whether the note has a type, has none, or has properties that cannot be read."""
    start = len(BOM) if raw.startswith(BOM) else 0
    conflict = CONFLICT_MARKER.search(raw)
    if conflict:
        line = raw.count(b"\n", 0, conflict.start()) + 1
        return TypeState(problem="merge conflict: open and keep one side", line=line)
    opening = FENCE_OPEN.match(raw, start)
    if not opening:
        return TypeState(has_block=False)
    close = FENCE_CLOSE.search(raw, opening.end())
    if close is None:
        return TypeState(
            problem="the properties block is not closed: add a line with --- after the last "
            "property",
            line=1,
        )
    front = raw[opening.end() : close.start()]
    try:
        text = front.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, opening.end() + err.start) + 1
        return TypeState(problem="the properties are not UTF-8 text", line=line)
    try:
        props = load_properties(text)
    except YamlProblem as err:
        return TypeState(problem=err.message, line=err.line + 2 if err.line is not None else 1)
    if props is None:
        return TypeState()
    if not isinstance(props, dict):
        return TypeState(
            problem="the properties block is not a list of `name: value` lines", line=2
        )
    kind = props.get("type")
    if kind is None or (isinstance(kind, str) and not kind.strip()):
        return TypeState()
    return TypeState(kind=str(kind).strip())


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str
    line: int | None = None
    problem: bool = False  # the note cannot be read, rather than being something else

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class AdoptResult:
    """What `vault adopt` did (or would do) to each note of the folder."""

    folder: str
    kind: str
    dry_run: bool
    adopted: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def found_problems(self) -> bool:
        return any(s.problem for s in self.skipped)

    def as_json(self) -> dict[str, object]:
        return {
            "folder": self.folder,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "adopted": self.adopted,
            "already": self.already,
            "skipped": [{"path": s.path, "line": s.line, "reason": s.reason} for s in self.skipped],
        }


def adopt_hint(folder: str, kind: str, count: int) -> str:
    """The line `vault check` adds for notes without a type in the contacts or interviews
    folder."""
    shown = folder.strip("/")
    argument = f'"{shown}"' if re.search(r"[\s\"'$`\\]", shown) else shown
    notes = "1 note" if count == 1 else f"{count:,} notes"
    verb = "has" if count == 1 else "have"
    return f"{notes} in {shown}/ {verb} no type: run `vault adopt {argument} --as {kind}`"
