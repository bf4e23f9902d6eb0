"""Loading a note's properties: safe YAML only, dates left as text, no alias bombs.

Timestamps are not resolved by YAML here, so an impossible date such as
`2026-13-45` stays a string that the note reader reports with its line, instead
of failing the whole file inside the loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_EXPANDED_NODES = 10_000


# The C loader when PyYAML was built with it; its class is chosen at run time, which
# mypy cannot follow, hence the ignore.
class PropertyLoader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader that leaves timestamps as strings."""


PropertyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlProblem(Exception):
    """Why a properties block could not be read; line counts from its first line."""

    line: int | None
    message: str


def load_properties(text: str) -> object:
    """Parse one YAML document safely, refusing aliases that expand too far."""
    simple = simple_properties(text)
    if simple is not None:
        return simple
    return load_yaml(text)


def load_yaml(text: str) -> object:
    """Parse one YAML document with the safe loader, refusing aliases that expand too far."""
    loader = PropertyLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text:
            _check_expansion(node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and (
            "flow" in (err.context or "") or (mark and mark.line >= text.count("\n"))
        ):
            mark = err.context_mark  # an unclosed bracket or quote: point where it opened
        raise YamlProblem(mark.line if mark else None, _describe(err)) from None
    except yaml.reader.ReaderError as err:
        raise YamlProblem(text.count("\n", 0, err.position), _describe_character(err)) from None
    except yaml.YAMLError as err:
        reason = " ".join(str(err).split())
        raise YamlProblem(None, f"the properties could not be read ({reason})") from None
    except RecursionError:
        raise YamlProblem(None, "the properties are nested too deeply to read") from None
    finally:
        loader.dispose()


# Properties as Obsidian and most people write them: one `key: value` per line.
# Reading these lines directly gives the same values as the YAML loader (a
# property test holds the two together) at a fraction of the cost; anything
# else (block lists, nesting, escapes, anchors, tabs) goes to the YAML loader.
# (The value is matched greedily up to its last character that is not a space, and the
# runs of a plain scalar possessively: the same lines as lazily, in fewer steps.)
_SIMPLE_LINES = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ ]*:(?:[ ]+(.*[^ \n]))?[ ]*$", re.M)
_SKIPPED_LINES = re.compile(r"^(?:#.*)?$", re.M)
_PLAIN = re.compile(r"[^\-?:,\[\]{}#&*!|>'\"%@`\s](?:[^#:]++|:(?! )|(?<! )#)*+")
_FLOW_ITEM = re.compile(r"[^\-?:,\[\]{}#&*!|>'\"%@`\s](?:[^#:,\[\]{}]++|:(?! )|(?<! )#)*+")
_COMMENT = re.compile(r"(.*?)[ ]+#.*")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_BOOLS = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_NOT_SIMPLE = object()
_UNKNOWN = object()
_VALUES: dict[str, object] = {}
_VALUES_KEPT = 4096


def simple_properties(text: str) -> dict[str, object] | None:
    """The mapping of a block of plain `key: value` lines, or None if it is not that simple.

    Each line is empty, a `#` comment, or `key:` followed by nothing, a comment, or one
    value: plain text, a decimal integer, true/false or null as YAML spells them, a quoted
    string, or a `[flow, list]` of plain items. None hands the block to the YAML loader,
    and is for these only (tests/core/test_simple_properties.py holds the reader to them):

    - a tab, a backslash, a lone carriage return, or any other unprintable character;
    - a line of another shape: block-list items, indented or whitespace-only lines, keys
      of other characters than letters, digits, `_` and `-`, no space after the colon;
    - a key YAML reads as other than text (on, no, null, ...), a key written twice, or
      no key at all;
    - a value starting with one of - ? : , [ ] { } # & * ! | > ' " % @ ` that is not a
      quoted string, a flow list or a comment (so negative numbers too);
    - plain text with `: ` in it, or that YAML reads as a float, another form of
      integer, or its `=` and `<<` keys;
    - a quoted string followed by more than a comment, unclosed, or with `''` in single
      quotes (the empty `''` too);
    - a flow list that is nested, unclosed, followed by more than a comment, or holds an
      empty, quoted or non-plain item.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if "\t" in text or "\\" in text or "\r" in text or not text.replace("\n", "").isprintable():
        return None
    pairs = _SIMPLE_LINES.findall(text)
    # Every line must be a property, a comment or empty; whitespace-only lines are
    # fine in YAML but rare, so they go to the loader too.
    if len(pairs) + len(_SKIPPED_LINES.findall(text)) != text.count("\n") + 1:
        return None
    found: dict[str, object] = {}
    known = _VALUES  # looked up here first: most keys and values were met in another note
    for key, raw in pairs:
        if known.get(key, _UNKNOWN) != key and _cached_value(key) != key:
            return None  # a key YAML reads as other than text (on, null, ...)
        value = known.get(raw, _UNKNOWN)
        if value is _UNKNOWN or type(value) is list:
            value = _cached_value(raw)
        if value is _NOT_SIMPLE:
            return None
        found[key] = value
    if len(found) != len(pairs):
        return None  # a key written twice: the loader's reading, and the reader names it
    return found or None  # an empty document is None to YAML: let it say so


def _cached_value(raw: str) -> object:
    """_simple_value, remembered: most values (types, statuses, dates) recur across notes."""
    try:
        value = _VALUES[raw]
    except KeyError:
        value = _simple_value(raw)
        if len(_VALUES) >= _VALUES_KEPT:
            _VALUES.clear()
        _VALUES[raw] = value
    return list(value) if type(value) is list else value  # each note gets its own list


def _simple_value(text: str) -> object:
    if not text or text.startswith("#"):
        return None
    first = text[0]
    if first in "\"'":
        end = text.find(first, 1)
        rest = text[end + 1 :] if end > 0 else "x"
        if end < 0 or (rest and not _is_comment(rest)) or (first == "'" and "''" in text):
            return _NOT_SIMPLE
        return text[1:end]
    if first == "[":
        end = text.find("]")
        rest = text[end + 1 :] if end > 0 else "x"
        if end < 0 or (rest and not _is_comment(rest)):
            return _NOT_SIMPLE
        inner = text[1:end].strip()
        if not inner:
            return []
        items = [item.strip() for item in inner.split(",")]
        if not all(_FLOW_ITEM.fullmatch(item) for item in items):
            return _NOT_SIMPLE
        values = [_plain_value(item) for item in items]
        return _NOT_SIMPLE if _NOT_SIMPLE in values else values
    comment = _COMMENT.fullmatch(text) if " #" in text else None
    if comment:
        text = comment.group(1)
    if not _PLAIN.fullmatch(text):
        return _NOT_SIMPLE
    return _plain_value(text)


def _is_comment(rest: str) -> bool:
    return rest.strip() == "" or bool(re.fullmatch(r"[ ]+#.*", rest))


def _plain_value(text: str) -> object:
    """A plain scalar resolved as the YAML loader would, or _NOT_SIMPLE when unsure."""
    for tag, regexp in PropertyLoader.yaml_implicit_resolvers.get(text[0], ()):
        if not regexp.match(text):
            continue
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool") and text in _BOOLS:
            return _BOOLS[text]
        if tag.endswith(":int") and _INT.fullmatch(text) and not text.lstrip("+-").startswith("0"):
            return int(text)
        if tag.endswith(":int") and text in ("0", "-0", "+0"):
            return 0
        return _NOT_SIMPLE
    return text


def _check_expansion(root: yaml.Node) -> None:
    """Count the nodes an aliased document would expand to, failing fast."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise YamlProblem(None, "the properties refer to themselves through a YAML alias")
        active.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        active.discard(key)
        if total > MAX_EXPANDED_NODES:
            raise YamlProblem(
                node.start_mark.line,
                "the properties use YAML aliases (*name) that expand to too much data; "
                "write the values out instead",
            )
        sizes[key] = total
        return total

    size(root)


# Problems as libyaml (and PyYAML's own parser) word them, and what to do.
_HINTS = {
    "found unexpected end of stream": "a quote or bracket is not closed",
    "mapping values are not allowed": "a value contains ': ' or a line is indented; "
    "put the value in quotes or remove the indent",
    "could not find expected ':'": "a line is missing the ':' between name and value",
    "tab character": "a tab is used; indent with spaces",
    "'\\t' that cannot start any token": "a tab is used; indent with spaces",
    "found undefined alias": "a '*' starts a value; put the value in quotes",
    "expected '-' indicator": "list items and `name: value` lines are mixed at one level",
}


def _describe_character(err: yaml.reader.ReaderError) -> str:
    code = err.character if isinstance(err.character, int) else ord(err.character)
    return (
        f"the properties hold an invisible control character (U+{code:04X}) that YAML "
        "does not allow; delete it, or retype the line"
    )


def _describe(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or err.context or "unreadable YAML"
    hint = next((h for key, h in _HINTS.items() if key in problem), None)
    if hint is None and "expected ',' or ']'" in problem:
        hint = "a '[' is not closed, or a value with ',' or '[' needs quotes"
    if hint is None and "expected ',' or '}'" in problem:
        hint = "a '{' is not closed, or a value with ',' or '{' needs quotes"
    base = f"the properties are not valid YAML: {problem}"
    return f"{base} ({hint})" if hint else base
