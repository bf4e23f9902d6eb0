"""Loading a note's properties: safe YAML only, dates left as text, no alias bombs.

Timestamps are not resolved by YAML here, so an impossible date such as
`2026-13-45` stays a string that the note reader reports with its line, instead
of failing the whole file inside the loader.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_EXPANDED_NODES = 10_000


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
        if err.context_mark and mark and mark.line >= text.count("\n"):
            mark = err.context_mark  # an unclosed bracket is found at the end; point at it
        raise YamlProblem(mark.line if mark else None, _describe(err)) from None
    except yaml.YAMLError as err:
        raise YamlProblem(None, f"the properties could not be read ({err})") from None
    except RecursionError:
        raise YamlProblem(None, "the properties are nested too deeply to read") from None
    finally:
        loader.dispose()


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


_HINTS = {
    "found unexpected end of stream": "a quote or bracket is not closed",
    "mapping values are not allowed here": "a value contains ': '; put it in quotes",
    "could not find expected ':'": "a line is missing the ':' between name and value",
    "found character '\\t' that cannot start any token": "a tab is used; indent with spaces",
    "found undefined alias": "a '*' starts a value; put the value in quotes",
}


def _describe(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or err.context or "unreadable YAML"
    hint = next((h for key, h in _HINTS.items() if key in problem), None)
    if hint is None and "expected ',' or ']'" in problem:
        hint = "a '[' is not closed, or a value with ',' or '[' needs quotes"
    if hint is None and "expected ',' or '}'" in problem:
        hint = "a '{' is not closed, or a value with ',' or '{' needs quotes"
    base = f"the properties are not valid YAML: {problem}"
    return f"{base} ({hint})" if hint else base
