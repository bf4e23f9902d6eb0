"""Rendering Jinja templates that travel with a vault, safely.

A vault's own `templates/` folder overrides the defaults shipped in the package
by file name. Templates run in Jinja's sandbox with strict undefined names, so a
template synced from elsewhere cannot run code and a misspelled name fails with
the template's path and line instead of rendering an empty string.
"""

from __future__ import annotations

import json
import re
from _collections_abc import dict_items, dict_values
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from vaultkit.core.dates import parse_date
from vaultkit.core.greeting import greeting
from vaultkit.core.links import as_link
from vaultkit.core.yamlsafe import YamlProblem, load_properties
from vaultkit.errors import USAGE, VaultError

_PLAIN_UNSAFE = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|:\s|\s#|\s$|^$")
# Inside a [flow, list] these end or split an item, so an item holding one is quoted.
_FLOW_INDICATORS = re.compile(r"[,\[\]{}]")


def yaml_value(value: object, *, in_flow: bool = False) -> str:
    """A value written as one line of YAML that reads back as the same text."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v, in_flow=True) for v in value) + "]"
    text = str(value)
    if not _PLAIN_UNSAFE.search(text) and not (in_flow and _FLOW_INDICATORS.search(text)):
        try:
            if load_properties(f"v: {text}") == {"v": text}:
                return text
        except YamlProblem:
            pass
    return json.dumps(text, ensure_ascii=False)


def yaml_link(name: object) -> str:
    """A property link as Obsidian writes it: `"[[Jane Doe]]"`; empty for no name."""
    return json.dumps(as_link(str(name)), ensure_ascii=False) if name else ""


DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_words(value: object, year: bool = False) -> str:
    """`2026-11-19` as `Thursday, 19 November` (in English whatever the locale)."""
    day = parse_date(value)
    if day is None:
        return ""
    words = f"{DAY_NAMES[day.weekday()]}, {day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{words} {day.year}" if year else words


def first_name(value: object) -> str:
    """The name to greet someone by (see core/greeting.py), or a contact's `first_name`."""
    if isinstance(value, Mapping):
        if value.get("first_name"):
            return str(value.get("first_name"))
        value = value.get("name")
    return greeting(value).name


def english_list(values: Iterable[object], conjunction: str = "and") -> str:
    """`["a", "b", "c"]` as `a, b and c`."""
    items = [str(v) for v in values if v is not None and str(v)]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def sentence(value: object) -> str:
    """Text as a sentence: a capital first letter and a full stop if it has none."""
    text = str(value or "").strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.rstrip("\"')]»”’").endswith((".", "!", "?", "…")) else f"{text}."


def capital(value: object) -> str:
    """Text with a capital first letter, the rest as written (Jinja's `capitalize` lowers it)."""
    text = str(value or "").strip()
    return text[:1].upper() + text[1:]


def _strip_line_ends(text: str) -> str:
    """Drop the spaces an empty `{{ value }}` leaves at the end of a line."""
    return "\n".join(line.rstrip(" \t") for line in text.split("\n"))


def default_templates() -> Path:
    return Path(str(resources.files("vaultkit.templates")))


MAX_OUTPUT = 1_000_000  # characters; far beyond any message, far below what hurts


class _BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with `*` and `**` kept from building huge values."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: object, right: object
    ) -> object:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise jinja2.exceptions.SecurityError("a power that large is not allowed")
        if operator == "*":
            sizes = [len(v) for v in (left, right) if isinstance(v, (str, list, tuple))]
            counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
            if sizes and counts and sizes[0] * max(counts[0], 0) > MAX_OUTPUT:
                raise jinja2.exceptions.SecurityError(
                    "repeating text that many times is not allowed"
                )
        return super().call_binop(context, operator, left, right)


class Templates:
    """Templates by name, from the vault's folder first, then the defaults."""

    def __init__(self, vault_templates: Path | None, *, trim_blocks: bool = False) -> None:
        """`trim_blocks` drops the line breaks and indents around `{% ... %}` tags (messages)."""
        folders = [str(f) for f in (vault_templates, default_templates()) if f and f.is_dir()]
        # utf-8-sig: a byte-order mark (Notepad writes one) is not part of the text.
        self.loader = jinja2.FileSystemLoader(folders, encoding="utf-8-sig")
        self.env = _BoundedSandbox(
            loader=self.loader,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=trim_blocks,
            lstrip_blocks=trim_blocks,
        )
        self.env.filters.update(
            yaml=yaml_value,
            link=yaml_link,
            date_words=date_words,
            first_name=first_name,
            english_list=english_list,
            sentence=sentence,
            capital=capital,
        )

    def path_of(self, name: str) -> str:
        try:
            source = self.loader.get_source(self.env, name)
        except jinja2.TemplateNotFound:
            raise VaultError(f"no template named {name}", USAGE) from None
        return source[1] or name

    def render(self, name: str, context: Mapping[str, object], *, file: Path | None = None) -> str:
        """Render template `name` (or the one `file`), failing with path, line and cause."""
        where = str(file) if file else self.path_of(name)
        try:
            if file:
                template = self.env.from_string(file.read_text(encoding="utf-8-sig"))
            else:
                template = self.env.get_template(name)
            return _strip_line_ends(template.render(context))
        except jinja2.TemplateNotFound as err:
            where = _origin(err, where)
            raise VaultError(f"{where}: no template named {err.name}", USAGE) from None
        except OSError as err:
            raise VaultError(f"{where}: cannot be read ({err.strerror})", USAGE) from None
        except UnicodeDecodeError:
            raise VaultError(f"{where}: not UTF-8 text; re-save it as UTF-8", USAGE) from None
        except jinja2.TemplateSyntaxError as err:
            raise VaultError(
                f"{err.filename or where}:{err.lineno}: template syntax error: {err.message}",
                USAGE,
            ) from None
        except jinja2.UndefinedError as err:
            raise VaultError(f"{_origin(err, where)}: {err.message}", USAGE) from None
        except jinja2.exceptions.SecurityError as err:
            raise VaultError(
                f"{_origin(err, where)}: not allowed in a template: {err}", USAGE
            ) from None
        except (TypeError, ValueError, ArithmeticError, LookupError) as err:
            raise VaultError(f"{_origin(err, where)}: {err}", USAGE) from None
        except RecursionError as err:
            raise VaultError(
                f"{_origin(err, where)}: the template calls itself without end", USAGE
            ) from None
        except jinja2.TemplateError as err:
            raise VaultError(f"{_origin(err, where)}: {err}", USAGE) from None

    def renderer(self, name: str) -> Callable[[dict[str, object]], str]:
        """A function that renders template `name` as render() does, loaded and checked
        once: for rendering it for many notes in one command."""
        loaded: list[jinja2.Template] = []

        def render(context: dict[str, object]) -> str:
            if not loaded:
                text = self.render(name, context)  # the first time: any error worded by render()
                loaded.append(self.env.get_template(name))
                return text
            try:
                return _strip_line_ends(loaded[0].render(context))
            except Exception:  # render() words each error; it raises the same one again
                return self.render(name, context)

        return render


def _origin(err: BaseException, where: str) -> str:
    """`path:line` of the template (or included template) a rendering error came from.

    Jinja rewrites tracebacks so that template frames carry the template's file
    name (or `<template>` for one read from a string) and its own line numbers;
    the innermost one counts.
    """
    tb, origin = err.__traceback__, f"{where}:?"
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py"):
            origin = f"{where if filename == '<template>' else filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return origin


class Usage:
    """Which names, and which of their keys, a rendering read (see Watched)."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, str | None]] = set()

    def saw(self, name: str, key: str | None = None) -> bool:
        """Whether the template read `name` (any of it, for no key) or its `key`."""
        if key is None:
            return any(seen == name for seen, _ in self.seen)
        return (name, key) in self.seen or (name, "*") in self.seen


class WatchedDict(dict[str, object]):
    """A mapping for a template that notes each key the template reads, and whether it
    was tested or looped over, so warnings can be limited to what the template uses."""

    def __init__(self, name: str, usage: Usage, data: Mapping[str, object]) -> None:
        super().__init__(data)
        self._name, self._usage = name, usage

    def _note(self, key: str | None) -> None:
        self._usage.seen.add((self._name, key))

    def __getitem__(self, key: str) -> object:
        self._note(key)
        return super().__getitem__(key)

    def get(self, key: str, default: object = None) -> object:
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._note(str(key))
        return super().__contains__(key)

    def __len__(self) -> int:
        self._note(None)
        return super().__len__()

    def __iter__(self) -> Iterator[str]:
        self._note("*")
        return super().__iter__()

    def items(self) -> dict_items[str, object]:
        self._note("*")
        return super().items()

    def values(self) -> dict_values[str, object]:
        self._note("*")
        return super().values()


class WatchedList(list[object]):
    """A list for a template that notes when the template reads it at all."""

    def __init__(self, name: str, usage: Usage, items: Iterable[object]) -> None:
        super().__init__(items)
        self._name, self._usage = name, usage

    def _note(self) -> None:
        self._usage.seen.add((self._name, None))

    def __len__(self) -> int:
        self._note()
        return super().__len__()

    def __iter__(self) -> Iterator[object]:
        self._note()
        return super().__iter__()

    def __getitem__(self, index: Any) -> Any:  # an int or a slice, as list's own overloads
        self._note()
        return super().__getitem__(index)

    def __bool__(self) -> bool:
        self._note()
        return super().__len__() > 0
