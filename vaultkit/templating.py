"""Rendering Jinja templates that travel with a vault, safely.

A vault's own `templates/` folder overrides the defaults shipped in the package
by file name. Templates run in Jinja's sandbox with strict undefined names, so a
template synced from elsewhere cannot run code and a misspelled name fails with
the template's path and line instead of rendering an empty string.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from vaultkit.errors import USAGE, VaultError
from vaultkit.links import as_link
from vaultkit.yamlsafe import YamlProblem, load_properties

_PLAIN_UNSAFE = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|:\s|\s#|\s$|^$")


def yaml_value(value: object) -> str:
    """A value written as one line of YAML that reads back as the same text."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    text = str(value)
    if not _PLAIN_UNSAFE.search(text):
        try:
            if load_properties(f"v: {text}") == {"v": text}:
                return text
        except YamlProblem:
            pass
    return json.dumps(text, ensure_ascii=False)


def yaml_link(name: object) -> str:
    """A property link as Obsidian writes it: `"[[Jane Doe]]"`; empty for no name."""
    return json.dumps(as_link(str(name)), ensure_ascii=False) if name else ""


def _strip_line_ends(text: str) -> str:
    """Drop the spaces an empty `{{ value }}` leaves at the end of a line."""
    return "\n".join(line.rstrip(" \t") for line in text.split("\n"))


def default_templates() -> Path:
    return Path(str(resources.files("vaultkit.templates")))


class Templates:
    """Templates by name, from the vault's folder first, then the defaults."""

    def __init__(self, vault_templates: Path | None) -> None:
        folders = [str(f) for f in (vault_templates, default_templates()) if f and f.is_dir()]
        self.env = SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(folders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
        )
        self.env.filters["yaml"] = yaml_value
        self.env.filters["link"] = yaml_link

    def path_of(self, name: str) -> str:
        try:
            source = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            raise VaultError(f"no template named {name}", USAGE) from None
        return source[1] or name

    def render(self, name: str, context: dict[str, object], *, file: Path | None = None) -> str:
        """Render template `name` (or the one `file`), failing with path, line and cause."""
        where = str(file) if file else self.path_of(name)
        try:
            if file:
                template = self.env.from_string(file.read_text(encoding="utf-8-sig"))
            else:
                template = self.env.get_template(name)
            return _strip_line_ends(template.render(context))
        except OSError as err:
            raise VaultError(f"{where}: cannot be read ({err.strerror})", USAGE) from None
        except jinja2.TemplateSyntaxError as err:
            raise VaultError(
                f"{where}:{err.lineno}: template syntax error: {err.message}", USAGE
            ) from None
        except jinja2.UndefinedError as err:
            raise VaultError(f"{where}:{_template_line(err)}: {err.message}", USAGE) from None
        except jinja2.exceptions.SecurityError as err:
            raise VaultError(
                f"{where}:{_template_line(err)}: not allowed in a template: {err}", USAGE
            ) from None
        except (TypeError, ValueError, ArithmeticError, LookupError) as err:
            raise VaultError(f"{where}:{_template_line(err)}: {err}", USAGE) from None


def _template_line(err: BaseException) -> int | str:
    """The template line a rendering error came from.

    Jinja rewrites tracebacks so that template frames carry the template's file
    name (or `<template>`) and its own line numbers; the innermost one counts.
    """
    tb, line = err.__traceback__, None
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.endswith(".py"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line if line is not None else "?"
