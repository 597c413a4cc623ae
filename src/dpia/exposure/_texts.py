"""Words shared by the exposure stage: reasons in Dutch and English, and category names.

A category key is a Model DPIA type (``gewoon``, ``gevoelig``, ``strafrechtelijk``,
``nationaal_identificatienummer``) or, for art. 9 data, ``bijzonder:<TYPE>`` (``bijzonder:HEALTH``):
a privacy officer needs to see health apart from religion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dpia.minimise import Language, label
from dpia.register import SPECIAL_TYPES, Category, entity

__all__ = [
    "CATEGORY_ORDER",
    "Language",
    "Reason",
    "category_key",
    "category_label",
    "category_sort_key",
    "entity_label",
]

CATEGORY_NAMES: dict[Category, tuple[str, str]] = {
    Category.GEWOON: ("gewoon", "ordinary"),
    Category.GEVOELIG: ("gevoelig", "sensitive"),
    Category.BIJZONDER: ("bijzonder", "special"),
    Category.STRAFRECHTELIJK: ("strafrechtelijk", "criminal"),
    Category.NATIONAAL_ID: ("nationaal id-nummer", "national id number"),
}
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
    """One short reason, in Dutch and English; ``code`` is stable for machines and tests."""

    code: str
    nl: str
    en: str

    def text(self, lang: Language) -> str:
        return self.nl if lang == "nl" else self.en

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "nl": self.nl, "en": self.en}


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
    nl, en = CATEGORY_NAMES[Category(category)]
    name = nl if lang == "nl" else en
    return f"{name}: {label(special, lang)}" if special else name


def entity_label(entity_type: str, lang: Language) -> str:
    return label(entity_type, lang)
