"""Whether a column may be sent: the agreement's ``allowed`` entity types against what it holds.

One judgement for the validation's allowed-entities check and the exposure stage. A column with no
entity type is not personal and always may. A column of a type the agreement does not list may
not. A free-text column the agreement allows may still not: its notes are judged by what they
carry, so every type beyond ordinary data they mention and the agreement does not list is excess.
Birth-date precision is a judgement of its own (``fits``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from dpia.register import ENTITY_TYPES, Category
from dpia.rules._findings import Finding


def excess_entities(finding: Finding, allowed: Collection[str]) -> tuple[str, ...]:
    """The entity types in ``finding``'s column that ``allowed`` does not allow (module docstring)."""
    if finding.entity is None:
        return ()
    if finding.entity not in allowed:
        return (finding.entity,)
    if finding.entity != "FREE_TEXT":
        return ()
    return tuple(kind for kind, _ in beyond_ordinary(finding.mentions) if kind not in allowed)


def beyond_ordinary(mentions: Mapping[str, int]) -> list[tuple[str, int]]:
    """The mentioned types beyond ordinary data, in taxonomy order, with their counts.

    A type outside the vocabulary (a recognizer's own label) has no category to count it in.
    """
    return [
        (kind, mentions[kind])
        for kind, entity in ENTITY_TYPES.items()
        if mentions.get(kind, 0) > 0 and entity.category is not Category.GEWOON
    ]
