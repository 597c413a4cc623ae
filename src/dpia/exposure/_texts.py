"""Reasons and category names of the exposure stage (their words are in ``dpia.messages``).

A category key is a Model DPIA type (``gewoon``, ``gevoelig``, ``strafrechtelijk``,
``nationaal_identificatienummer``) or, for art. 9 data, ``bijzonder:<TYPE>`` (``bijzonder:HEALTH``):
a privacy officer needs to see health apart from religion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dpia.messages import LANGUAGES, Language, Message, render
from dpia.register import SPECIAL_TYPES, Category, entity

__all__ = [
    "CATEGORY_ORDER",
    "Reason",
    "category_key",
    "category_label",
    "category_sort_key",
]

# Tables and charts run from ordinary to the most protected data.
CATEGORY_ORDER: tuple[Category, ...] = (
    Category.GEWOON,
    Category.GEVOELIG,
    Category.BIJZONDER,
    Category.STRAFRECHTELIJK,
    Category.NATIONAAL_ID,
)


@dataclass(frozen=True)
class Reason:
    """One short reason: ``code`` is stable for machines and tests, ``message`` says it."""

    code: str
    message: Message

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, **{lang: render(self.message, lang) for lang in LANGUAGES}}


def category_key(entity_type: str) -> str:
    """The category key under which a value of ``entity_type`` is counted."""
    kind = entity(entity_type)
    if kind.category is Category.BIJZONDER:
        return f"{kind.category.value}:{kind.name}"
    return kind.category.value


def category_sort_key(key: str) -> tuple[int, int]:
    category, _, special = key.partition(":")
    order = CATEGORY_ORDER.index(Category(category))
    return order, SPECIAL_TYPES.index(special) if special else -1


def category_label(key: str, lang: Language) -> str:
    """``bijzonder: gezondheid`` / ``special: health``; ``gewoon`` / ``ordinary``."""
    category, _, special = key.partition(":")
    name = Message(f"category.{Category(category).value}")
    if special:
        return render("category.with_type", lang, category=name, entity=special)
    return render(name, lang)
