"""What a single table cell is: the entity types that account for it, by our Presidio recognizers.

A column scan asks this of thousands of short values. Presidio's ``PatternRecognizer.analyze``
spends ~40 us a call on bookkeeping (timestamps, explanations, result objects) around a regex
search of ~2 us; over ~25 recognizers that is ~1 ms a cell. So for pattern recognizers this module
runs the recognizer's own compiled patterns, ``validate_result`` and ``invalidate_result`` with
Presidio's scoring rules, and builds no result objects; for the vocabularies it asks their matcher
(``Vocabulary.find``, vetoes included) as their recognizer does; other recognizers (phone numbers,
the Deduce-backed names and places) are called through ``analyze`` as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer

from dpia.detect.recognizers import recognizers_for
from dpia.detect.recognizers.deduce_backed import DeduceBackedRecognizer, is_short
from dpia.detect.recognizers.international_name import InternationalNameRecognizer
from dpia.detect.recognizers.international_phone import InternationalPhoneRecognizer
from dpia.detect.recognizers.vocabulary import Vocabulary, VocabularyRecognizer
from dpia.register import SPECIAL_TYPES

REPORT_SCORE = 0.5  # score a cell needs without help from the header
COVERAGE = 0.8  # share of a cell a match must cover to speak for the whole cell
# Vocabulary types count a term inside a short cell ("ADHD (medicatie: ...)"), not the whole cell.
VOCABULARY_TYPES = frozenset({*SPECIAL_TYPES, "PUPIL_CARE"})
# A Dutch phone number has 9 to 13 digits and, written out, fits in 25 characters; anything else
# cannot be one, so phonenumbers (~1 ms on a long digit string) is not asked.
_MIN_PHONE_DIGITS = 9
_MAX_PHONE_CHARS = 25
# Cheap facts about shapes that spare a regex search on most cells of most columns.
_NEEDS_DIGIT = frozenset(
    {"NL_BSN", "NL_ONDERWIJSNUMMER", "NL_POSTCODE", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD",
     "DATE_OF_BIRTH", "IP_ADDRESS", "GEO_COORDINATES", "AGE", "POSTCODE", "NATIONAL_ID"}
)  # fmt: skip
_NEEDS_CHAR = {"EMAIL_ADDRESS": "@", "URL": "."}
# A header naming the first type is context for the second too: a postcode header for foreign
# postcodes, a device header for the keys it may hold.
_HEADER_ALSO = {"NL_POSTCODE": "POSTCODE"}


@dataclass(frozen=True)
class _Matcher:
    entity: str
    # Best score of a match accounting for the cell, 0.0 for none. The flag says whether the header
    # names this entity: without it, matches scoring below REPORT_SCORE cannot count, so
    # header-only checks (an IMEI's Luhn digit, a national number tried in 25 regions) are skipped.
    match: Callable[[str, bool], float]
    may_occur: Callable[[str], bool]  # could the recognizer report anything in this text at all?
    vocabulary: Vocabulary | None = None  # a special-category or care vocabulary's matcher


def _pattern_matcher(recognizer: PatternRecognizer) -> _Matcher:
    import regex

    entity = recognizer.supported_entities[0]
    patterns: list[Pattern] = recognizer.patterns  # type: ignore[has-type]  # untyped in Presidio
    compiled = [
        (regex.compile(p.regex, flags=recognizer.global_regex_flags), p.score) for p in patterns
    ]

    # A recognizer whose low-scoring patterns are header evidence only (its validator never makes a
    # match certain) says so; a BSN pattern's low score is raised to 1.0 by its checksum instead.
    header_only = bool(getattr(recognizer, "LOW_SCORES_NEED_HEADER", False))

    def match(value: str, header: bool) -> float:
        best = 0.0
        for pattern, score in compiled:
            if header_only and score < REPORT_SCORE and not header:
                continue
            for found in pattern.finditer(value):
                text = found.group()
                if not text or len(text) < COVERAGE * len(value):
                    continue
                # Presidio's rules: a validator's True means certain, False drops the match.
                verdict = recognizer.validate_result(text)
                if verdict is False or recognizer.invalidate_result(text):
                    continue
                best = max(best, EntityRecognizer.MAX_SCORE if verdict else score)
        return best

    def may_occur(text: str) -> bool:
        return any(pattern.search(text) for pattern, _ in compiled)

    return _Matcher(entity, match, may_occur)


def _vocabulary_matcher(recognizer: VocabularyRecognizer) -> _Matcher:
    vocabulary = recognizer.vocabulary
    # Nationalities name the whole cell; special-category and care terms count inside one.
    whole_cell = vocabulary.entity not in VOCABULARY_TYPES

    def match(value: str, header: bool) -> float:
        return max(
            (
                found.score
                for found in vocabulary.find(value)
                if not whole_cell or found.end - found.start >= COVERAGE * len(value)
            ),
            default=0.0,
        )

    def may_occur(text: str) -> bool:
        return vocabulary.may_contain(text)

    return _Matcher(vocabulary.entity, match, may_occur, vocabulary if not whole_cell else None)


def _analyze_matcher(recognizer: EntityRecognizer, entity: str) -> _Matcher:
    # Deduce's annotator reads long values as prose (ms each): a long cell is never one name.
    lookup_only = isinstance(recognizer, DeduceBackedRecognizer)

    scorer = recognizer.score if isinstance(recognizer, InternationalNameRecognizer) else None

    def match(value: str, header: bool) -> float:
        if isinstance(recognizer, InternationalPhoneRecognizer):
            return recognizer.score(value, national=header)
        if scorer is not None:
            return float(scorer(value, header))
        if entity == "PHONE_NUMBER" and (
            len(value) > _MAX_PHONE_CHARS or sum(c.isdigit() for c in value) < _MIN_PHONE_DIGITS
        ):
            return 0.0
        if lookup_only and not is_short(value):
            return 0.0
        # A cell has no NLP artifacts; these recognizers do not use them.
        results: list[Any] = recognizer.analyze(value, [entity], None)  # type: ignore[arg-type]
        return max(
            (r.score for r in results if (r.end - r.start) >= COVERAGE * len(value)), default=0.0
        )

    def may_occur(text: str) -> bool:
        return entity != "PHONE_NUMBER" or sum(c.isdigit() for c in text) >= _MIN_PHONE_DIGITS

    return _Matcher(entity, match, may_occur)


@cache
def _matchers() -> tuple[_Matcher, ...]:
    matchers = []
    for recognizer in recognizers_for("nl"):
        if isinstance(recognizer, VocabularyRecognizer):
            matchers.append(_vocabulary_matcher(recognizer))
        elif isinstance(recognizer, PatternRecognizer):
            matchers.append(_pattern_matcher(recognizer))
        else:
            matchers.extend(_analyze_matcher(recognizer, e) for e in recognizer.supported_entities)
    return tuple(matchers)


def cell_entities(value: str, header_entity: str | None = None) -> set[str]:
    """Entity types that account for the whole cell ``value`` (vocabulary types: a term in it).

    A match scoring below ``REPORT_SCORE`` counts only when the header names the same entity
    type: the header is the cell's context, as surrounding words are for prose. Vocabulary terms
    are looked for in short cells only: longer text is free text, read by the analyzer.
    """
    return column_entities([value], header_entity)[0]


def column_entities(values: Sequence[str], header_entity: str | None = None) -> list[set[str]]:
    """``cell_entities`` of each of a column's values, asked recognizer by recognizer over the
    column: the cheap facts about each value (a digit, a short cell) are computed once, and the
    vocabularies' one-search test for any of their terms tells which cells they need to read
    (most columns: none) before ``Vocabulary.find`` and its vetoes run."""
    has_digit = [any(c.isdigit() for c in v) for v in values]
    short = [is_short(v) for v in values]
    terms = [m.vocabulary.may_contain for m in _matchers() if m.vocabulary is not None]
    has_term = [s and any(t(v) for t in terms) for v, s in zip(values, short, strict=True)]
    found: list[set[str]] = [set() for _ in values]
    named_also = _HEADER_ALSO.get(header_entity or "")
    for matcher in _matchers():
        entity = matcher.entity
        named = entity == header_entity or named_also == entity
        needs_digit = entity in _NEEDS_DIGIT
        needs_char = _NEEDS_CHAR.get(entity)
        only_short = entity in VOCABULARY_TYPES
        vocabulary = matcher.vocabulary is not None
        for i, value in enumerate(values):
            # Skipped: a second recognizer of a type found (international after Dutch), a shape
            # that needs what the cell lacks, a vocabulary where no term of any occurs.
            if (
                entity in found[i]
                or (needs_digit and not has_digit[i])
                or (needs_char is not None and needs_char not in value)
                or (only_short and not short[i])
                or (vocabulary and not has_term[i])
            ):
                continue
            score = matcher.match(value, named)
            if score >= REPORT_SCORE or (score > 0.0 and named):
                found[i].add(entity)
    return found


def candidate_entities(text: str) -> list[str]:
    """Entity types some recognizer could report in ``text``: a pattern recognizer whose regexes
    find nothing cannot, so the analyzer need not run it (Presidio's bookkeeping costs ~40 us a
    recognizer on every text, a regex search ~2 us). Never empty: the name recognizers always run.
    """
    return sorted({m.entity for m in _matchers() if m.may_occur(text)})
