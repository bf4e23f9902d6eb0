"""What a refresh changed in meaning: the lines `vault watch` prints.

Two readings of the vault (path -> ParsedFile, notes of ours and broken files
only) are compared file by file. A save that changes nothing a command would
see (the body's free text, a property moved one line down) gives no line. A note
gone from one path and come back, the same, at another was moved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from vaultkit.core.model import Contact, ParsedFile, Problem, Task
from vaultkit.core.words import plural

# Fields that say where something is in the file, not what the note says.
_PLACES = ("path", "lines")
# How a field is named in a message, where that differs from its name in the model.
_SHOWN_AS = {"tasks": "action items", "time": "date"}

Reading = dict[str, ParsedFile]


@dataclass(frozen=True, order=True)
class Change:
    """One note whose meaning changed: added, removed, moved, broken, fixed or changed."""

    path: str
    verb: str
    detail: str = ""  # what follows the path, with its own leading separator

    def render(self) -> str:
        return f"{self.verb} {self.path}{self.detail}"


def reading(files: Iterable[ParsedFile]) -> Reading:
    return {parsed.path: parsed for parsed in files}


def changes(before: Reading, after: Reading, *, exists: Callable[[str], bool]) -> list[Change]:
    """The changes from one reading to the next, in path order.

    `exists` tells whether a path is still on disk, to tell a deleted note from
    one that is no longer a contact or an interview.
    """
    found = []
    for path, new in after.items():
        old = before.get(path)
        if old is not None and old.note == new.note and old.problems == new.problems:
            continue  # the common case, kept cheap: tens of thousands of notes did not change
        change = _change(path, old, new, exists)
        if change is not None:
            found.append(change)
    gone = sorted(before.keys() - after.keys())
    moves = _moves(before, after, gone, found)
    found = [c for c in found if c.path not in moves.values()]
    found += [
        Change(path, "moved", f" to {moves[path]}") if path in moves else _removed(path, exists)
        for path in gone
    ]
    return sorted(found)


def _moves(before: Reading, after: Reading, gone: list[str], found: list[Change]) -> dict[str, str]:
    """Each note gone from a path that was added, the same in meaning, at another."""
    added: dict[object, list[str]] = {}
    for change in found:
        if change.verb == "added":
            added.setdefault(_key(after[change.path]), []).append(change.path)
    moves = {}
    for path in gone:
        same = added.get(_key(before[path]))
        if same:
            moves[path] = same.pop(0)
    return moves


def _key(parsed: ParsedFile) -> object:
    return repr((_facts(parsed), _messages(parsed)))


def _change(
    path: str, old: ParsedFile | None, new: ParsedFile, exists: Callable[[str], bool]
) -> Change | None:
    if old is not None and _same(old, new):
        return None
    if new.problems:
        if old is not None and _messages(old) == _messages(new):
            return Change(path, "changed", _what_changed(old, new))
        return Change(path, "broken", _problem_detail(old, new))
    if old is None:
        return Change(path, "added", f" ({new.kind})")
    if old.problems:
        return Change(path, "fixed")
    return Change(path, "changed", _what_changed(old, new))


def _removed(path: str, exists: Callable[[str], bool]) -> Change:
    return Change(path, "removed", " (no longer a contact or interview)" if exists(path) else "")


def _same(old: ParsedFile, new: ParsedFile) -> bool:
    return _messages(old) == _messages(new) and _facts(old) == _facts(new)


def _messages(parsed: ParsedFile) -> list[str]:
    # Line numbers left out: a problem that moved down a line is the same problem.
    return sorted(p.message for p in parsed.problems)


def _facts(parsed: ParsedFile) -> dict[str, object] | None:
    note = parsed.note
    if note is None:
        return None
    facts = {f.name: getattr(note, f.name) for f in dataclasses.fields(note)}
    for place in _PLACES:
        facts.pop(place, None)
    facts["tasks"] = tuple(_task_facts(t) for t in note.tasks)
    if isinstance(note, Contact):
        facts["log"] = tuple((e.day, e.text) for e in note.log)
    facts["kind"] = parsed.kind
    return facts


def _task_facts(task: Task) -> tuple[object, ...]:
    return (task.text, task.done, task.due)


def _what_changed(old: ParsedFile, new: ParsedFile) -> str:
    before, after = _facts(old), _facts(new)
    if before is None or after is None:
        return ""
    if before["kind"] != after["kind"]:
        return f" (now {'an' if after['kind'] == 'interview' else 'a'} {after['kind']})"
    names = [_SHOWN_AS.get(k, k) for k in after if k != "kind" and before.get(k) != after[k]]
    return f" ({', '.join(dict.fromkeys(names))})" if names else ""


def _problem_detail(old: ParsedFile | None, new: ParsedFile) -> str:
    """The first problem that is new (else the first one), as `:line: message`."""
    known = set(_messages(old)) if old is not None else set()
    ordered = sorted(new.problems, key=lambda p: (p.line or 0, p.message))
    first = next((p for p in ordered if p.message not in known), ordered[0])
    more = len(ordered) - 1
    extra = f" (and {plural(more, 'more problem')}; see vault check)" if more else ""
    return _where(first) + extra


def _where(problem: Problem) -> str:
    line = f":{problem.line}" if problem.line else ""
    return f"{line}: {problem.message}"
