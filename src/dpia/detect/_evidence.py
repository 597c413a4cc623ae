"""What a column's examined values say, as summaries that merge.

The scan reads each examined distinct value once: a short value through the cell recognizers
(``ValueEvidence``), a note through the analyzer (``NoteEvidence``). Each summary is built over
any part of the values (``of``) and two parts merge (``merge``) into the summary of both, so the
pandas engine summarises a column's values at once and the Spark engine summarises each partition
on its executors and merges the parts on the driver, with the same result. Values are read in
sorted order within a part and ordered again when parts merge, which keeps the snippets shown the
same wherever a value was read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from presidio_analyzer import RecognizerResult

from dpia.detect._analyzer import get_analyzer
from dpia.detect._cells import VOCABULARY_TYPES, candidate_entities, column_entities
from dpia.detect._headers import flag_values
from dpia.detect._masking import mask_many
from dpia.detect._snippets import PER_TYPE, Snippet, snippet
from dpia.detect.recognizers import vocabulary_of
from dpia.detect.recognizers.date_of_birth import is_coarse

SHOWN = 3  # masked example values per column
# A card number exported through a spreadsheet loses its digits (5.54563E+15): under a card
# header such a value, or 12-19 digits failing the Luhn check, is still a card number.
_CARD_LIKE = re.compile(r"^\s*(?:\d[\d \-]{10,22}\d|\d(?:[.,]\d+)?[eE]\+?1[1-8])\s*$")


def smallest(*parts: Iterable[str]) -> tuple[str, ...]:
    """The ``SHOWN`` smallest distinct masked forms in ``parts`` (each already masked)."""
    return tuple(sorted({text for part in parts for text in part})[:SHOWN])


@dataclass(frozen=True)
class ValueEvidence:
    """Short values: per entity type the values its recognizers accept, and column facts."""

    examined: int = 0
    accepted: Mapping[str, int] = field(default_factory=dict)
    shown: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per entity type, the smallest masked forms of the values it accepts."""
    coarse: bool = True  # every value a year or an age band: a coarsened date of birth
    flags: bool = True  # every value yes/no/active/0/1...: a column about something, holding none
    card_like: int = 0  # values that are a card number, perhaps mangled by a spreadsheet

    @classmethod
    def of(cls, values: Sequence[str], header_entity: str | None) -> ValueEvidence:
        hits: dict[str, list[str]] = {}
        for value, entities in zip(values, column_entities(values, header_entity), strict=True):
            for entity in entities:
                hits.setdefault(entity, []).append(value)
        flags = frozenset(flag_values())
        return cls(
            examined=len(values),
            accepted={entity: len(found) for entity, found in hits.items()},
            shown={entity: tuple(mask_many(found, entity)) for entity, found in hits.items()},
            coarse=all(is_coarse(v) for v in values),
            flags=all(v.strip().casefold() in flags for v in values),
            card_like=sum(bool(_CARD_LIKE.match(v)) for v in values),
        )

    def merge(self, other: ValueEvidence) -> ValueEvidence:
        kinds = sorted({*self.accepted, *other.accepted})
        return ValueEvidence(
            examined=self.examined + other.examined,
            accepted={k: self.accepted.get(k, 0) + other.accepted.get(k, 0) for k in kinds},
            shown={k: smallest(self.shown.get(k, ()), other.shown.get(k, ())) for k in kinds},
            coarse=self.coarse and other.coarse,
            flags=self.flags and other.flags,
            card_like=self.card_like + other.card_like,
        )

    @property
    def shares(self) -> dict[str, float]:
        """Per entity type, the share of the examined values it accepts."""
        return {entity: n / self.examined for entity, n in self.accepted.items()}


@dataclass(frozen=True)
class NoteEvidence:
    """Notes: what the analyzer finds in them, counted per row, with masked snippets."""

    rows: int = 0
    mentioning: int = 0  # rows whose note mentions anything
    mentions: Mapping[str, int] = field(default_factory=dict)
    rows_mentioning: Mapping[str, int] = field(default_factory=dict)
    snippets: Mapping[str, tuple[tuple[str, Snippet], ...]] = field(default_factory=dict)
    """Per special or care type, the first ``PER_TYPE`` snippets of distinct shape, in the
    order of the notes they come from (the note is kept to order parts; never written)."""
    shown: tuple[str, ...] = ()

    @classmethod
    def of(cls, values: Sequence[str], counts: Mapping[str, int]) -> NoteEvidence:
        """``values`` with their row counts (identical notes on many rows are read once)."""
        evidence = cls(shown=tuple(mask_many(values, "FREE_TEXT")))
        for value in sorted(values):
            # Later notes cannot displace a type's first snippets: no need to cut more.
            full = {kind for kind, found in evidence.snippets.items() if len(found) == PER_TYPE}
            evidence = evidence.merge(_one_note(value, counts[value], full))
        return evidence

    def merge(self, other: NoteEvidence) -> NoteEvidence:
        kinds = sorted({*self.snippets, *other.snippets})
        return NoteEvidence(
            rows=self.rows + other.rows,
            mentioning=self.mentioning + other.mentioning,
            mentions=_added(self.mentions, other.mentions),
            rows_mentioning=_added(self.rows_mentioning, other.rows_mentioning),
            snippets={
                k: _first_shapes([*self.snippets.get(k, ()), *other.snippets.get(k, ())])
                for k in kinds
            },
            shown=smallest(self.shown, other.shown),
        )

    def found_snippets(self) -> tuple[Snippet, ...]:
        """The snippets shown, by type, each type's in the order of its notes."""
        return tuple(s for kind in sorted(self.snippets) for _, s in self.snippets[kind])


def _one_note(value: str, weight: int, full: set[str]) -> NoteEvidence:
    results = analyze_text(value)
    found = Counter(r.entity_type for r in results)
    wanted = {e for e in found if e in VOCABULARY_TYPES and e not in full}
    return NoteEvidence(
        rows=weight,
        mentioning=weight if found else 0,
        mentions={entity: hits * weight for entity, hits in found.items()},
        rows_mentioning=dict.fromkeys(found, weight),
        snippets={s.entity: ((value, s),) for s in _snippets(value, results, wanted)},
    )


def _added(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    return {k: a.get(k, 0) + b.get(k, 0) for k in sorted({*a, *b}) if a.get(k, 0) + b.get(k, 0)}


def _first_shapes(found: Sequence[tuple[str, Snippet]]) -> tuple[tuple[str, Snippet], ...]:
    """The first ``PER_TYPE`` snippets of distinct shape, by note: two notes from one template
    differ only in a masked name, and one of them is enough."""
    kept: list[tuple[str, Snippet]] = []
    shapes: set[str] = set()
    for note, found_snippet in sorted(found, key=lambda pair: pair[0]):
        if len(kept) == PER_TYPE:
            break
        if found_snippet.shape not in shapes:
            shapes.add(found_snippet.shape)
            kept.append((note, found_snippet))
    return tuple(kept)


def analyze_text(text: str, language: str = "nl") -> list[RecognizerResult]:
    """The full analyzer over one piece of prose, asked only for the types that can occur."""
    entities = candidate_entities(text)
    found: list[RecognizerResult] = get_analyzer().analyze(
        text=text, language=language, entities=entities
    )
    return found


def _snippets(text: str, results: Sequence[RecognizerResult], wanted: set[str]) -> list[Snippet]:
    """One masked snippet per type in ``wanted`` found in ``text``, with the rule that matched."""
    hidden = [(r.start, r.end) for r in results if r.entity_type not in VOCABULARY_TYPES]
    shown: list[Snippet] = []
    for r in sorted(results, key=lambda r: (r.start, r.end)):
        if r.entity_type not in wanted or r.entity_type in {s.entity for s in shown}:
            continue
        rule = next(
            (m.rule for m in vocabulary_of(r.entity_type).find(text) if m.start == r.start),
            r.entity_type,
        )
        shown.append(Snippet(r.entity_type, rule, snippet(text, r.start, r.end, hidden)))
    return shown
