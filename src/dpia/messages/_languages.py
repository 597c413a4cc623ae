"""The languages the workbench writes, and how each writes numbers and chooses plural forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

Language = Literal["nl", "en"]
# Derived from the type, so the list of languages is written down once; Dutch first: the default.
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "nl"


@dataclass(frozen=True)
class Locale:
    """How one language writes a number and picks a plural form (``{count:one|other}``)."""

    group: str  # thousands separator
    decimal: str
    forms: int  # plural forms
    plural: Callable[[int], int]  # count -> index of its form


def _one_other(count: int) -> int:
    return 0 if count == 1 else 1


LOCALES: dict[Language, Locale] = {
    "nl": Locale(group=".", decimal=",", forms=2, plural=_one_other),
    "en": Locale(group=",", decimal=".", forms=2, plural=_one_other),
}


def check_language(lang: str) -> Language:
    """``lang`` if the workbench speaks it; ``ValueError`` otherwise."""
    if lang in LANGUAGES:
        return lang
    raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")


def number(value: int, lang: Language) -> str:
    """``1980`` as ``1.980`` (nl) or ``1,980`` (en)."""
    return f"{value:,}".replace(",", LOCALES[lang].group)


def percent(share: float, lang: Language) -> str:
    """``0.99`` as ``99,0%`` (nl) or ``99.0%`` (en)."""
    return f"{share * 100:.1f}%".replace(".", LOCALES[lang].decimal)
