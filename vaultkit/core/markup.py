"""Obsidian's Markdown turned into plain prose, for text that leaves the vault.

A draft, the report and the calendar quote what the user wrote in a note: an
insight, a task, a question. There it must read as words, so wikilinks become
the name (or alias) they show, emphasis and code marks go, Markdown links become
their text, `#tags` and the Obsidian Tasks fields (`📅 2026-11-30`, `⏫`, `🔁
every week`, ...) are dropped, and runs of whitespace become one space. What
Obsidian hides goes too: `%%comments%%` (notes to self), footnote marks and block
ids (`^id`).
"""

from __future__ import annotations

import re

# Obsidian Tasks: date fields carry a date, the recurrence field a rule in words up to
# the next field; priorities stand alone.
_DATE_FIELDS = "📅⏳🛫✅❌➕"
_PRIORITIES = "🔺⏫🔼🔽⏬"
_RECURRENCE = "🔁"
# A recurrence rule as Obsidian Tasks writes one ("every 2 weeks on Monday when done",
# "every month on the 1st"), so the rule ends where the user's own words begin.
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+(?:st|nd|rd|th)|last)"
_RULE = (
    r"every(?:\s+\d+)?\s+(?:day|week|month|year|weekday)s?"
    rf"(?:\s+on\s+(?:the\s+)?{_DAY}(?:\s*(?:,|and)\s*(?:the\s+)?{_DAY})*)?"
    r"(?:\s+when\s+done)?\b"
)
_TASK_FIELD = re.compile(
    rf"[{_DATE_FIELDS}]\ufe0f?\s*(?:\d{{4}}-\d{{1,2}}-\d{{1,2}})?"
    rf"|[{_PRIORITIES}]\ufe0f?"
    rf"|{_RECURRENCE}\ufe0f?(?:\s*{_RULE})?",
    re.IGNORECASE,
)
_EMBED_OR_LINK = re.compile(r"!?\[\[([^\]|#^]*)(?:[#^][^\]|]*)?(?:\|([^\]]*))?\]\]")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CODE = re.compile(r"`+([^`]*)`+")
_EMPHASIS = (
    re.compile(r"\*\*(.+?)\*\*"),
    re.compile(r"__(.+?)__"),
    re.compile(r"~~(.+?)~~"),
    re.compile(r"==(.+?)=="),
    re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"),
)
# A tag as Obsidian reads one: `#` at a word's start, then letters, digits, _ - /,
# with at least one character that is not a digit.
_TAG = re.compile(r"(?<![\w&#/])#(?=[\w/-]*[^\W\d])[\w/-]+")
_SPACE = re.compile(r"\s+")
# What Obsidian never shows as text: a `%%comment%%` (one left open hides the rest), a
# footnote's mark `[^1]` or inline footnote `^[...]`, and a block id ` ^id` at the end.
_COMMENT = re.compile(r"%%.*?(?:%%|$)", re.DOTALL)
_FOOTNOTE = re.compile(r"\[\^[^\]]*\]|\^\[[^\]]*\]")
_BLOCK_ID = re.compile(r"(?:^|\s)\^[A-Za-z0-9-]+\s*$")
# Every pattern above needs one of these characters (the Tasks fields are not ASCII):
# text without any is prose already, but for its spacing.
_MARKUP = re.compile(r"[%^\[`*_~=#]|[^\x00-\x7f]")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?)])")
# Text that `plain` would change: markup, or spacing that is not one space between words.
_UNTIDY = re.compile(r"[%^\[`*_~=#]|[^\x00-\x7f]|[^\S ]|\s\s|\s[,.;:!?)]|\A\s|\s\Z")


def plain(text: str) -> str:
    """The words of `text` without Obsidian's markup, on one line."""
    if _UNTIDY.search(text) is None:  # most tasks and questions are plain words already
        return text
    if _MARKUP.search(text) is not None:
        text = _without_markup(text)
    text = _SPACE.sub(" ", text).strip()
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)


def _without_markup(text: str) -> str:
    text = _COMMENT.sub(" ", text)
    text = _FOOTNOTE.sub("", text)
    text = _BLOCK_ID.sub("", text)
    text = _TASK_FIELD.sub(" ", text)
    text = _EMBED_OR_LINK.sub(_link_text, text)
    text = _MD_LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return _TAG.sub(" ", text)


def _link_text(match: re.Match[str]) -> str:
    target, alias = match.group(1), match.group(2)
    if alias and alias.strip():
        return alias.strip()
    return target.strip().rsplit("/", 1)[-1].removesuffix(".md")
