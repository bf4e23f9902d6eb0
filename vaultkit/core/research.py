"""Research text in a contact note's body: written so Markdown shows it as itself, and put
under the note's `## Research` heading without touching anything else."""

from __future__ import annotations

import re

from vaultkit.core.note import BOM, FENCE_CLOSE, FENCE_OPEN

_HEADING_START = re.compile(r"^(\s{0,3})#")
_RULE_OR_UNDERLINE = re.compile(r"^(\s{0,3})([-=_*])(?=[-=_*\s]*$)")
_FENCE = re.compile(r"^(\s{0,3})(```|~~~)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# A backslash before ASCII punctuation is Markdown's escape; elsewhere it is itself.
_ESCAPING_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def as_markdown_text(block: str) -> str:
    """Text that Markdown shows as itself: no heading, rule, fence, link or HTML tag in it.

    A note about someone goes into a note's body; a line `## Log` or `---` in it must
    not become a section or a rule, nor `[[x]]` a link.
    """
    lines = []
    for line in block.split("\n"):
        line = _ESCAPING_BACKSLASH.sub(r"\\\\", line)
        line = line.replace("[[", "\\[\\[").replace("]]", "\\]\\]")
        line = _TAG_START.sub("\\\\<", line)
        line = _HEADING_START.sub(r"\1\\#", line)
        line = _RULE_OR_UNDERLINE.sub(r"\1\\\2", line)
        line = _FENCE.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


_RESEARCH_HEADING = re.compile(r"^##[ \t]+research[ \t]*#*[ \t]*$", re.I)
_SECTION_END = re.compile(r"^#{1,2}[ \t]")


def add_research(raw: bytes, block: str) -> bytes | None:
    """The note with `block` under its `## Research` heading, or in a new such section at
    its end; None when that section already holds text (it is the user's).

    Only the blank lines between the heading and the next one are replaced; every other
    byte stays, and new lines end as the note's lines do.
    """
    head = len(BOM) if raw.startswith(BOM) else 0
    opening = FENCE_OPEN.match(raw, head)
    close = FENCE_CLOSE.search(raw, opening.end()) if opening else None
    start = raw.find(b"\n", close.end()) + 1 if close else 0
    if close and start == 0:
        start = len(raw)
    newline = "\r\n" if b"\r\n" in raw else "\n"
    lines = raw[start:].decode("utf-8").splitlines(keepends=True)
    text = newline.join(as_markdown_text(block).split("\n")) + newline
    found = next(
        (i for i, line in enumerate(lines) if _RESEARCH_HEADING.match(line.rstrip())), None
    )
    if found is None:
        ending = "" if not raw or raw.endswith((b"\n", b"\r")) else newline
        tail = f"{ending}{newline if lines else ''}## Research{newline}{newline}{text}"
        return raw + tail.encode("utf-8")
    end = next(
        (i for i in range(found + 1, len(lines)) if _SECTION_END.match(lines[i])), len(lines)
    )
    if any(line.strip() for line in lines[found + 1 : end]):
        return None
    heading = lines[found] if lines[found].endswith(("\n", "\r")) else lines[found] + newline
    after = [newline] if end < len(lines) else []
    kept = [*lines[:found], heading, newline, text, *after, *lines[end:]]
    return raw[:start] + "".join(kept).encode("utf-8")
