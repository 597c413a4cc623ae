"""Masked snippets of free text around a special-category or pupil-care match.

A privacy officer judging a notes column needs to see *how* a category is mentioned ("... heeft
astma en gebruikt ..."), never *whose* note it is. A snippet keeps the matched words and up to
``WORDS_AROUND`` words on either side within the text; every other word that could identify
someone is masked with ``mask``'s budget: words that start with a capital (names, places, the
first word of a sentence alike: we cannot tell them apart without a model), words with a digit
(dates, ages, class numbers) and any span the analyzer read as a person, place or other personal
entity. Lower-case ordinary words stay, so the sense of the sentence survives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dpia.detect._masking import ELLIPSIS, mask

WORDS_AROUND = 5
PER_TYPE = 2  # snippets kept per entity type and column

_WORD = re.compile(r"\S+")
_MASKED_WORD = re.compile(r"\S*\*\S*")


@dataclass(frozen=True)
class Snippet:
    """A masked excerpt around one match: the type, the rule that matched and the text."""

    entity: str
    rule: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "text": self.text}

    @property
    def shape(self) -> str:
        """The text with each masked word as one mark: equal for notes that differ only in a
        masked name or number."""
        return _MASKED_WORD.sub("#", self.text)


def snippet(text: str, start: int, end: int, hidden: Sequence[tuple[int, int]]) -> str:
    """The words of ``text`` around ``start:end``, masked as the module docstring says."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    core = [i for i, (s, e) in enumerate(words) if s < end and e > start]
    if not core:
        return ""
    first = max(0, core[0] - WORDS_AROUND)
    last = min(len(words), core[-1] + WORDS_AROUND + 1)
    shown = []
    for i in range(first, last):
        s, e = words[i]
        word = text[s:e]
        if i in core and not _overlaps(s, e, hidden):
            shown.append(word)
        elif _identifying(word) or _overlaps(s, e, hidden):
            shown.append(mask(word, "PERSON"))
        else:
            shown.append(word)
    lead = ELLIPSIS + " " if first > 0 else ""
    tail = " " + ELLIPSIS if last < len(words) else ""
    return lead + " ".join(shown) + tail


def _identifying(word: str) -> bool:
    letters = word.lstrip("\"'(\u00ab\u201c\u2018")  # opening quotes
    return any(c.isdigit() for c in word) or (letters[:1].isupper())


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and e > start for s, e in spans)
