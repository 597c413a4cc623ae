"""The message catalogues (``<lang>.yaml``): code -> template, read once and checked whole.

A template is text with ``{name}`` or ``{name:format}`` fields (``str.format`` syntax, ``{{`` for
a brace). A format is a comma-separated list of ``FORMATS`` words, or a plural choice
``one|other`` (as many forms as the language has) that writes the form fitting the number.
Anything else in a catalogue (a duplicate code, a field with an index or a conversion, an
unknown format) is an error when the catalogue is read, not when the sentence is first shown.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from dpia._yaml import load_unique
from dpia.errors import DpiaError
from dpia.messages._languages import LOCALES, Language

# ``percent``: a share as a percentage; ``code``: as a Markdown code span; ``and``: a list ended
# with the language's "and" (``list.and``); ``entity``: an entity type by its label.
FORMATS = frozenset({"percent", "code", "and", "entity"})
CODE = re.compile(r"[a-z][a-z0-9_]*(?:\.[A-Za-z0-9_]+)+")
_NAME = re.compile(r"[a-z][a-z0-9_]*")


class MessageError(DpiaError):
    """A message that cannot be written: unknown code, missing or unknown parameter, bad value."""

    reason = "invalid_message"


@dataclass(frozen=True)
class Field:
    """One ``{name:format}`` of a template."""

    name: str
    formats: frozenset[str] = frozenset()
    plural: tuple[str, ...] = ()  # the forms of a plural choice, if this field is one


Template = tuple[str | Field, ...]


@functools.cache
def catalogue(lang: Language) -> Mapping[str, Template]:
    """Every code of ``lang`` with its parsed template."""
    source = f"{lang}.yaml"
    text = resources.files("dpia.messages").joinpath(source).read_text(encoding="utf-8")
    loaded = load_unique(text, lambda message: MessageError(f"{source}: code {message}"))
    if not isinstance(loaded, dict):
        raise MessageError(f"{source}: expected a mapping of code to text")
    parsed: dict[str, Template] = {}
    for code, value in loaded.items():
        if not isinstance(code, str) or not CODE.fullmatch(code):
            raise MessageError(f"{source}: {code!r} is not a dotted code like 'report.title'")
        if not isinstance(value, str):
            raise MessageError(f"{source}: {code} must be text, not {type(value).__name__}")
        parsed[code] = parse(value, f"{source}: {code}", LOCALES[lang].forms)
    return MappingProxyType(parsed)


def parse(text: str, where: str, forms: int) -> Template:
    """``text`` split into literal text and fields (module docstring): ``where`` names it in
    errors, ``forms`` is the number of plural forms of its language."""
    parts: list[str | Field] = []
    try:
        pieces = list(string.Formatter().parse(text))
    except ValueError as error:
        raise MessageError(f"{where}: {error}") from None
    for literal, name, spec, conversion in pieces:
        if literal:
            parts.append(literal)
        if name is None:
            continue
        if not _NAME.fullmatch(name) or conversion:
            raise MessageError(f"{where}: field {{{name}}} must be a plain lower-case name")
        parts.append(_field(name, spec or "", where, forms))
    return tuple(parts)


def _field(name: str, spec: str, where: str, forms: int) -> Field:
    if "|" in spec:
        plural = tuple(spec.split("|"))
        if len(plural) != forms:
            raise MessageError(f"{where}: {{{name}:{spec}}}: the language has {forms} plural forms")
        return Field(name, plural=plural)
    formats = frozenset(spec.split(",")) if spec else frozenset()
    unknown = formats - FORMATS
    if unknown:
        raise MessageError(
            f"{where}: {{{name}:{spec}}}: unknown format {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(FORMATS))}, or plural forms a|b)"
        )
    return Field(name, formats=formats)
