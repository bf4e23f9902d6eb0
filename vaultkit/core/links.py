"""Wikilinks: `[[Jane Doe]]` in properties and bodies, read leniently."""

from __future__ import annotations

import re

WIKILINK = re.compile(r"\[\[([^\[\]\n]+?)\]\]")


def link_target(value: object) -> str | None:
    """The note name a property's link points to, or None when empty.

    Accepts `"[[Jane Doe]]"`, an unquoted `[[Jane Doe]]` (which YAML reads as a
    list inside a list), `[[Jane Doe|Jane]]`, `[[Jane Doe.md]]`,
    `[[contacts/Jane Doe]]` and a bare `Jane Doe`.
    """
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    if value is None or isinstance(value, (list, dict)):
        return None
    text = str(value).strip()
    if not text:
        return None
    match = WIKILINK.search(text)
    if match:
        text = match.group(1)
    return clean_target(text) or None


def clean_target(text: str) -> str:
    """Drop an alias, a heading, a folder and a `.md` suffix from a link target."""
    text = text.split("|", 1)[0].split("#", 1)[0].strip()
    text = text.rsplit("/", 1)[-1]
    if text.lower().endswith(".md"):
        text = text[:-3]
    return text.strip()


def links_in(text: str) -> list[str]:
    """Every wikilink target in a piece of Markdown, in order."""
    return [t for t in (clean_target(m) for m in WIKILINK.findall(text)) if t]


def as_link(name: str) -> str:
    """The quoted form Obsidian writes in properties."""
    return f"[[{name}]]"
