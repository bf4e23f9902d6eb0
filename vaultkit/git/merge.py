"""`vault merge-file`: git's merge driver for notes, the properties block merged key by key.

git's own merge works on lines and counts touching changes as one conflict, so two
machines that write neighbouring properties (`nudge_sent:` on one, `replied:` on
the other) stop on a conflict nobody made. Here each property is merged on its own:
a key changed on one side takes that side, a key changed the same way on both is
kept once, and only a key given two different values is a conflict, marked with
git's usual markers around that key's lines alone. The body is left to
`git merge-file`, so its conflicts look as git's always do.

Every byte neither side changed is kept: the BOM, line endings, comments, blank
lines and the order of keys (a key added on one side lands where that side put it).
A file whose properties cannot be read line by line (no closed block, nested YAML
that does not split into one piece per key, a key written twice, conflict markers
already in it) is merged by `git merge-file` as a whole, exactly as without the
driver. The driver reads nothing but the three files: no vault, index or config.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vaultkit.core.note import BOM, FENCE_CLOSE, FENCE_OPEN
from vaultkit.core.yamlsafe import YamlProblem, load_properties
from vaultkit.errors import USAGE, VaultError
from vaultkit.store.atomic import write_atomic

MARKER_SIZE = 7
# A property's first line: a name at the start of the line, then a colon.
_KEY_LINE = re.compile(rb"([^\s#:'\"\-][^:]*?|\"[^\"\r\n]+\"|'[^'\r\n]+')[ \t]*:(?:[ \t]|\r?\n|$)")
_MARKERS = (b"<<<<<<<", b"|||||||", b"=======", b">>>>>>>")
# Lines that carry on the value above: indented, or a list item at the left edge.
_CONTINUATION = re.compile(rb"[ \t]|-(?:[ \t]|\r?\n|$)")


@dataclass(frozen=True)
class Labels:
    """The names on conflict markers; git's own when it passes them (git 2.44 and later)."""

    ours: str = "HEAD"
    base: str = "base"
    theirs: str = "incoming"


@dataclass(frozen=True)
class Merged:
    """A merge's bytes and what is left to the user."""

    data: bytes
    conflicted_keys: tuple[str, ...] = ()  # properties given two values, in block order
    body_conflicts: int = 0  # conflicts git merge-file marked (the body, or a whole file)

    @property
    def clean(self) -> bool:
        return not self.conflicted_keys and not self.body_conflicts


# (ours, base, theirs, labels, marker size) -> (merged bytes, number of conflicts)
TextMerge = Callable[[bytes, bytes, bytes, Labels, int], tuple[bytes, int]]


def merge_note(
    base: bytes,
    ours: bytes,
    theirs: bytes,
    *,
    labels: Labels | None = None,
    marker_size: int = MARKER_SIZE,
    diff3: bool = False,
    merge_text: TextMerge | None = None,
) -> Merged:
    """Merge two versions of a note changed from `base`, properties key by key.

    `diff3` adds the base version to property conflicts (git's merge.conflictStyle
    diff3 or zdiff3); `merge_text` merges the body (default: `git merge-file`).
    """
    labels = labels or Labels()
    merge_text = merge_text or git_merge_file
    if ours == theirs or base == theirs:
        return Merged(ours)
    if base == ours:
        return Merged(theirs)
    base, ours, theirs = same_line_endings(base, ours, theirs)
    b, o, t = (split_note(raw) for raw in (base, ours, theirs))
    if b is None or o is None or t is None or not (o.has_block and t.has_block):
        data, conflicts = merge_text(ours, base, theirs, labels, marker_size)
        return Merged(data, body_conflicts=conflicts)
    properties = _merge_properties(b, o, t, labels, marker_size, diff3)
    if properties is None:  # the key-by-key merge would not read back as planned
        data, conflicts = merge_text(ours, base, theirs, labels, marker_size)
        return Merged(data, body_conflicts=conflicts)
    block, conflicted = properties
    body, body_conflicts = _merge_body(b.body, o.body, t.body, labels, marker_size, merge_text)
    head = _pick(b.head, o.head, t.head)
    close = _pick(b.close, o.close, t.close)
    return Merged(head + block + close + body, conflicted, body_conflicts)


# -- line endings ---------------------------------------------------------------------------


def line_ending_style(raw: bytes) -> str | None:
    """`crlf` or `lf` when every line ends the same way; None when mixed or one line."""
    lines = raw.count(b"\n")
    if not lines:
        return None
    crlf = raw.count(b"\r\n")
    if crlf == lines:
        return "crlf"
    return "lf" if crlf == 0 else None


def same_line_endings(base: bytes, ours: bytes, theirs: bytes) -> tuple[bytes, bytes, bytes]:
    """When one side alone changed every line ending, that change applied to the others.

    A note re-saved with CRLF on one machine and edited on the other would
    otherwise conflict on every line; converting a file whose lines all end
    alike is lossless, so the other two are converted before merging.
    """
    was, mine, other = (line_ending_style(raw) for raw in (base, ours, theirs))
    if was is None or mine is None or other is None or mine == other:
        return base, ours, theirs
    if mine == was:
        return _convert(base, other), _convert(ours, other), theirs
    if other == was:
        return _convert(base, mine), ours, _convert(theirs, mine)
    return base, ours, theirs


def _convert(raw: bytes, style: str) -> bytes:
    if style == "crlf":
        return raw.replace(b"\n", b"\r\n")
    return raw.replace(b"\r\n", b"\n")


# -- a note in pieces -----------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One property (its first line and the lines that carry on its value), or one
    line that belongs to no property: a comment or a blank line (key None)."""

    key: str | None
    text: bytes

    @property
    def identity(self) -> tuple[str, str | bytes]:
        return ("key", self.key) if self.key is not None else ("line", self.text)


@dataclass(frozen=True)
class SplitNote:
    """A note as the merge sees it; without a block, everything is body."""

    head: bytes  # the BOM and the opening --- line
    units: tuple[Unit, ...]
    close: bytes  # the closing --- line
    body: bytes
    values: dict[str, object]  # each key's value, as YAML reads its lines

    @property
    def has_block(self) -> bool:
        return bool(self.head)

    def unit(self, key: str) -> Unit | None:
        return next((u for u in self.units if u.key == key), None)


def split_note(raw: bytes) -> SplitNote | None:
    """The note's pieces, or None when its properties cannot be merged key by key."""
    offset = len(BOM) if raw.startswith(BOM) else 0
    opening = FENCE_OPEN.match(raw, offset)
    if opening is None:
        return SplitNote(b"", (), b"", raw, {})
    close = FENCE_CLOSE.search(raw, opening.end())
    if close is None:
        return None
    close_end = close.end() + 1 if raw[close.end() : close.end() + 1] == b"\n" else close.end()
    units = _units(raw[opening.end() : close.start()])
    if units is None:
        return None
    values = _values(units)
    if values is None:
        return None
    return SplitNote(
        raw[: opening.end()], units, raw[close.start() : close_end], raw[close_end:], values
    )


def _units(front: bytes) -> tuple[Unit, ...] | None:
    units: list[Unit] = []
    blanks: list[bytes] = []  # blank lines, until it is known whether a value goes on
    for line in front.splitlines(keepends=True):
        if line.startswith(_MARKERS):
            return None  # an earlier conflict (git's merge of merge bases makes them too)
        if not line.strip():
            blanks.append(line)
            continue
        last = units[-1] if units else None
        if _CONTINUATION.match(line):
            if last is None or last.key is None:
                return None  # an indented line under no property
            units[-1] = Unit(last.key, last.text + b"".join(blanks) + line)
        else:
            units.extend(Unit(None, blank) for blank in blanks)
            if line.startswith(b"#"):
                units.append(Unit(None, line))
            else:
                key = _KEY_LINE.match(line)
                if key is None:
                    return None
                units.append(Unit(key.group(1).strip(b"\"'").decode("utf-8", "replace"), line))
        blanks = []
    units.extend(Unit(None, blank) for blank in blanks)
    keys = [u.key for u in units if u.key is not None]
    if len(keys) != len(set(keys)):
        return None  # a key written twice: YAML keeps the last, a merge cannot know which
    return tuple(units)


def _values(units: Sequence[Unit]) -> dict[str, object] | None:
    """Each key's value read from its own lines, if that is how YAML reads the whole block."""
    values: dict[str, object] = {}
    whole: dict[object, object] = {}
    for unit in units:
        if unit.key is None:
            continue
        read = _read(unit.text)
        if read is None or len(read) != 1:
            return None
        ((name, value),) = read.items()
        values[unit.key] = value
        whole[name] = value
    together = _read(b"".join(u.text for u in units))
    return values if together == whole else None


def _read(text: bytes) -> dict[object, object] | None:
    try:
        data = load_properties(text.decode("utf-8").replace("\r\n", "\n"))
    except (YamlProblem, UnicodeDecodeError):
        return None
    if data is None:
        return {}
    return data if isinstance(data, dict) else None


# -- the properties, key by key -------------------------------------------------------------


@dataclass(frozen=True)
class _Choice:
    """What the merge keeps of one key: a unit, nothing (deleted), or a conflict."""

    unit: Unit | None
    conflict: tuple[Unit | None, Unit | None, Unit | None] | None = None  # base, ours, theirs


def _decide(key: str, b: SplitNote, o: SplitNote, t: SplitNote) -> _Choice:
    was, mine, other = b.unit(key), o.unit(key), t.unit(key)
    if mine == other:
        return _Choice(mine)
    if was == mine:
        return _Choice(other)
    if was == other:
        return _Choice(mine)
    if mine is not None and other is not None and o.values[key] == t.values[key]:
        return _Choice(mine)  # the same value, written differently: no disagreement
    return _Choice(mine or other, (was, mine, other))


def _merge_properties(
    b: SplitNote, o: SplitNote, t: SplitNote, labels: Labels, marker_size: int, diff3: bool
) -> tuple[bytes, tuple[str, ...]] | None:
    """The merged lines between the fences and the keys in conflict; None if unsafe."""
    keys = list(dict.fromkeys(u.key for s in (o, t, b) for u in s.units if u.key is not None))
    choices = {key: _decide(key, b, o, t) for key in keys}
    layout = _layout(b, o, t, choices)
    newline = b"\r\n" if o.head.endswith(b"\r\n") else b"\n"
    out: list[bytes] = []
    conflicted: list[str] = []
    for identity in layout:
        kind, value = identity
        if kind == "line":
            assert isinstance(value, bytes)
            out.append(value)
            continue
        assert isinstance(value, str)
        choice = choices[value]
        if choice.conflict is not None:
            conflicted.append(value)
            out.append(_conflict_block(choice.conflict, labels, marker_size, diff3, newline))
        elif choice.unit is not None:
            out.append(choice.unit.text)
    block = b"".join(out)
    if not conflicted and not _reads_as_planned(block, choices, b, o, t):
        return None
    return block, tuple(conflicted)


def _reads_as_planned(
    block: bytes, choices: dict[str, _Choice], b: SplitNote, o: SplitNote, t: SplitNote
) -> bool:
    """The merged block reads, as YAML, as exactly the values chosen for each key."""
    merged = split_note(b"---\n" + block + b"---\n")
    if merged is None:
        return False
    expected: dict[str, object] = {}
    for key, choice in choices.items():
        if choice.unit is None:
            continue
        side = o if o.unit(key) == choice.unit else t if t.unit(key) == choice.unit else b
        expected[key] = side.values[key]
    return merged.values == expected


def _conflict_block(
    sides: tuple[Unit | None, Unit | None, Unit | None],
    labels: Labels,
    marker_size: int,
    diff3: bool,
    newline: bytes,
) -> bytes:
    was, mine, other = sides

    def marker(sign: str, label: str) -> bytes:
        return (sign * marker_size + (f" {label}" if label else "")).encode() + newline

    def text(unit: Unit | None) -> bytes:
        return unit.text if unit is not None else b""

    parts = [marker("<", labels.ours), text(mine)]
    if diff3:
        parts += [marker("|", labels.base), text(was)]
    parts += [marker("=", ""), text(other), marker(">", labels.theirs)]
    return b"".join(parts)


Identity = tuple[str, str | bytes]


def _layout(
    b: SplitNote, o: SplitNote, t: SplitNote, choices: dict[str, _Choice]
) -> list[Identity]:
    """The order of keys and loose lines: a three-way merge of the three orders.

    Where both sides added lines at the same place (two keys at the end of the
    block, say), both are kept, each side's in its own order, the two interleaved
    by key name, so the result is the same whichever side is ours. Where both
    changed the same stretch otherwise, ours come first, then theirs' additions;
    a line one side deleted goes.
    """
    base = [u.identity for u in b.units]
    mine = [u.identity for u in o.units]
    other = [u.identity for u in t.units]
    merged: list[Identity] = []
    for was, ours_part, theirs_part in _regions(base, mine, other):
        if ours_part == theirs_part or was == theirs_part:
            merged += ours_part
        elif was == ours_part:
            merged += theirs_part
        elif not was:
            merged += _interleave(ours_part, theirs_part)
        else:
            merged += [i for i in ours_part if not (i in was and i not in theirs_part)]
            merged += [i for i in theirs_part if i not in ours_part and i not in was]
    seen: set[Identity] = set()
    kept: list[Identity] = []
    for identity in merged:
        if identity[0] == "key" and (identity in seen or choices[str(identity[1])].unit is None):
            continue
        seen.add(identity)
        kept.append(identity)
    for key, choice in choices.items():  # a key kept that no chosen order holds: where it was
        if choice.unit is not None and ("key", key) not in seen:
            _insert_after_neighbour(kept, ("key", key), [other, mine, base])
    return kept


def _interleave(mine: list[Identity], other: list[Identity]) -> list[Identity]:
    """Both lists, each in its own order, merged as two sorted lists are."""
    out: list[Identity] = []
    i = j = 0
    while i < len(mine) and j < len(other):
        if other[j] < mine[i]:
            out.append(other[j])
            j += 1
        else:
            out.append(mine[i])
            i += 1
    return out + mine[i:] + other[j:]


def _insert_after_neighbour(
    layout: list[Identity], identity: Identity, orders: list[list[Identity]]
) -> None:
    for order in orders:
        if identity in order:
            before = order[: order.index(identity)]
            for neighbour in reversed(before):
                if neighbour[0] == "key" and neighbour in layout:
                    layout.insert(layout.index(neighbour) + 1, identity)
                    return
            layout.insert(0, identity)
            return


def _regions(
    base: list[Identity], mine: list[Identity], other: list[Identity]
) -> list[tuple[list[Identity], list[Identity], list[Identity]]]:
    """The three sequences cut at the stretches all three share: (base, ours, theirs) parts,
    the shared stretches included as equal parts."""
    ours_match = difflib.SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    theirs_match = difflib.SequenceMatcher(None, base, other, autojunk=False).get_matching_blocks()
    shared: list[tuple[int, int, int, int]] = []  # base start, base end, ours start, theirs start
    i = j = 0
    while i < len(ours_match) and j < len(theirs_match):
        a_base, a_at, a_len = ours_match[i]
        b_base, b_at, b_len = theirs_match[j]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            shared.append((start, end, a_at + start - a_base, b_at + start - b_base))
        if a_base + a_len < b_base + b_len:
            i += 1
        else:
            j += 1
    shared.append((len(base), len(base), len(mine), len(other)))
    regions = []
    at_base = at_ours = at_theirs = 0
    for start, end, ours_start, theirs_start in shared:
        regions.append(
            (base[at_base:start], mine[at_ours:ours_start], other[at_theirs:theirs_start])
        )
        length = end - start
        same = base[start:end]
        regions.append((same, same, same))
        at_base, at_ours, at_theirs = end, ours_start + length, theirs_start + length
    return [r for r in regions if any(r)]


def _pick(was: bytes, mine: bytes, other: bytes) -> bytes:
    """A piece that is not merged further (a fence line): the side that changed it."""
    return other if was == mine else mine


def _merge_body(
    was: bytes, mine: bytes, other: bytes, labels: Labels, marker_size: int, merge_text: TextMerge
) -> tuple[bytes, int]:
    if mine == other or was == other:
        return mine, 0
    if was == mine:
        return other, 0
    return merge_text(mine, was, other, labels, marker_size)


def merge_files(
    base: Path, ours: Path, theirs: Path, *, labels: Labels | None = None, marker_size: int
) -> Merged:
    """git's driver contract: merge the three files and write the result over `ours`."""
    was, mine, other = _read_file(base), _read_file(ours), _read_file(theirs)
    merged = merge_note(
        was, mine, other, labels=labels, marker_size=marker_size, diff3=conflict_style_is_diff3()
    )
    if merged.data != mine:
        write_atomic(ours, merged.data)
    return merged


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise VaultError(f"{path}: cannot be read ({err.strerror}); nothing was merged") from None


# -- git ------------------------------------------------------------------------------------


def git_merge_file(
    ours: bytes, base: bytes, theirs: bytes, labels: Labels, marker_size: int
) -> tuple[bytes, int]:
    """git's own three-way line merge of three texts: the result and its conflict count.

    Run in the current folder, so the repository's merge.conflictStyle applies, as
    it does to every merge git makes itself.
    """
    with tempfile.TemporaryDirectory(prefix="vault-merge-") as folder:
        paths = [Path(folder, name) for name in ("ours", "base", "theirs")]
        for path, data in zip(paths, (ours, base, theirs), strict=True):
            path.write_bytes(data)
        args = ["git", "merge-file", "--stdout", f"--marker-size={marker_size}"]
        for label in (labels.ours, labels.base, labels.theirs):
            args += ["-L", label]
        done = _run_git([*args, *map(str, paths)])
    if not 0 <= done.returncode <= 127:
        said = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
        raise VaultError(f"git merge-file cannot merge these files: {said}", USAGE)
    return done.stdout, done.returncode


def conflict_style_is_diff3() -> bool:
    """Whether this repository asks for the base version in conflicts (diff3, zdiff3)."""
    done = _run_git(["git", "config", "--get", "merge.conflictStyle"])
    return done.returncode == 0 and done.stdout.strip().lower() in (b"diff3", b"zdiff3")


def _run_git(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(args, capture_output=True, stdin=subprocess.DEVNULL, check=False)
    except FileNotFoundError:
        raise VaultError("git is not installed (or not on PATH); install it first") from None
