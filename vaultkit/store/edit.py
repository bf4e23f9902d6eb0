"""Changing one property of a note while keeping every other byte.

python-frontmatter and PyYAML rewrite a whole properties block (sorted keys,
lost comments, new quoting), so a property is edited here as a line: the value
on the property's own line is replaced, keeping the key as written and any
trailing comment, or one line is added at the end of the block. The result is
parsed again and compared with the original before anything is written.
"""

from __future__ import annotations

import re

from vaultkit.core.note import BOM, FENCE_CLOSE, FENCE_OPEN
from vaultkit.core.yamlsafe import YamlProblem, load_properties

_CONTINUATION = re.compile(rb"[ \t]|-[ \t]|-\r?$|#")


class EditError(ValueError):
    """The note cannot be edited safely; its text is for the user."""


def set_property(raw: bytes, key: str, value: str) -> bytes:
    """Return raw with property `key` set to the YAML scalar text `value`."""
    offset = len(BOM) if raw.startswith(BOM) else 0
    opening = FENCE_OPEN.match(raw, offset)
    if not opening:
        raise EditError("the note has no properties block (--- lines at the top)")
    newline = opening.group(1)
    start = opening.end()
    close = FENCE_CLOSE.search(raw, start)
    if close is None:
        raise EditError("the properties block is not closed with a --- line")
    front = raw[start : close.start()]
    before = _load(front)
    edited = _replace_line(front, key, value) or _append_line(front, key, value, newline)
    try:
        after = _load(edited)
    except EditError:
        raise EditError(
            f"changing {key} here would break the properties; write the date in by hand"
        ) from None
    expected = dict(before)
    expected[key] = _load(f"{key}: {value}\n".encode())[key]
    if after != expected:
        raise EditError(f"changing {key} here would change other properties too")
    return raw[:start] + edited + raw[close.start() :]


def _load(front: bytes) -> dict[object, object]:
    try:
        data = load_properties(front.decode("utf-8"))
    except YamlProblem as err:
        raise EditError(f"{err.message}; see `vault check`") from None
    except UnicodeDecodeError:
        raise EditError("the properties are not UTF-8 text; see `vault check`") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise EditError("the properties block is not a list of `name: value` lines")
    return data


def _key_pattern(key: str) -> re.Pattern[bytes]:
    name = re.escape(key.encode())
    return re.compile(rb"^(?:" + name + rb"|\"" + name + rb"\"|'" + name + rb"')[ \t]*:", re.M)


_QUOTED = re.compile(rb"'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"")
_COMMENT = re.compile(rb"(?:^|(?<=[ \t]))#.*$")


def _replace_line(front: bytes, key: str, value: str) -> bytes | None:
    """Replace the value on the key's last line (the one YAML reads), or None if absent."""
    matches = list(_key_pattern(key).finditer(front))
    if not matches:
        return None
    match = matches[-1]
    line_end = front.find(b"\n", match.end())
    line_end = len(front) if line_end == -1 else line_end + 1
    line = front[match.start() : line_end]
    ending = b"\r\n" if line.endswith(b"\r\n") else b"\n" if line.endswith(b"\n") else b""
    key_part = line[: match.end() - match.start()]
    rest = line[len(key_part) : len(line) - len(ending)]
    gap = rest[: len(rest) - len(rest.lstrip(b" \t"))] or b" "
    old, tail = _split_value(rest.lstrip(b" \t"))
    block_end = line_end
    if not old or old[:1] in (b"|", b">", b"[", b"{"):
        block_end = _continuation_end(front, line_end)
    if value:
        new_line = key_part + gap + value.encode() + tail + ending
    else:  # an emptied property keeps no trailing space, only its comment
        new_line = key_part + (gap + tail.lstrip(b" \t") if tail else b"") + ending
    return front[: match.start()] + new_line + front[block_end:]


def _split_value(text: bytes) -> tuple[bytes, bytes]:
    """A value and what follows it on its line: the spaces and comment to keep."""
    quoted = _QUOTED.match(text)
    if quoted:
        old, after = text[: quoted.end()], text[quoted.end() :]
        return old, after if _COMMENT.search(after.lstrip(b" \t")) else b""
    comment = _COMMENT.search(text)
    if not comment:
        return text.rstrip(b" \t"), b""
    old = text[: comment.start()].rstrip(b" \t")
    return old, text[len(old) :] if old else b" " + text[comment.start() :]


def _continuation_end(front: bytes, position: int) -> int:
    """End of lines that still belong to the value above (indented or list items)."""
    while position < len(front):
        line_end = front.find(b"\n", position)
        line_end = len(front) if line_end == -1 else line_end + 1
        line = front[position:line_end]
        if not _CONTINUATION.match(line) or line.lstrip().startswith(b"#") or not line.strip():
            break  # comments and blank lines are the user's; the check after the edit decides
        position = line_end
    return position


def _append_line(front: bytes, key: str, value: str, newline: bytes) -> bytes:
    if front and not front.endswith(b"\n"):
        front += newline
    return front + (f"{key}: {value}" if value else f"{key}:").encode() + newline
