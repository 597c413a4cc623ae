"""``expect_table_values_to_hold_no_special_category_data``: no art. 9/10 content in any column.

Backed by the recognizers' special-category vocabularies (``dpia.detect.recognizers``), so a teacher's
note that mentions asthma or the mosque fails as surely as a ``medisch`` column does. Every cell of
every column is searched, free text included. As in the analyzer, a strong term counts on its own
and a weak term (score below ``REPORT_THRESHOLD``, e.g. "arts", also a surname) only with a context
word of its vocabulary in the cell or in the column header; a match vetoed by its group's ``unless``
in the same sentence (a class trip to the mosque) does not count. The terms are found by the
vocabularies' own matcher (``dpia.detect.Vocabulary.find``), as the recognizers find them. The
result gives per column how many cells mention which type, never a value.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
import regex
from great_expectations.compatibility import pydantic

from dpia.detect import (
    REPORT_THRESHOLD,
    SPECIAL_VOCABULARIES,
    Vocabulary,
    any_term,
    context_words,
    load_vocabulary,
)
from dpia.minimise.expectations._base import TableExpectation, TableMetric
from dpia.minimise.expectations._spark import column_counts
from dpia.register import SPECIAL_TYPES
from dpia.rules import Finding

if TYPE_CHECKING:
    from pyspark.sql import DataFrame as SparkFrame

METRIC = "dpia.special_category_cells"
# Hashes and pseudonyms (an ECK iD holds 128 hex digits) cannot hold a vocabulary word.
_HEX_RUN = re.compile(r"(?<!\w)[0-9a-f]{32,}(?!\w)", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _vocabularies() -> tuple[Vocabulary, ...]:
    # Pupil care is sensitive, not art. 9: the allowed-entities check covers it.
    vocabularies = (load_vocabulary(name) for name in SPECIAL_VOCABULARIES)
    return tuple(v for v in vocabularies if v.entity in SPECIAL_TYPES)


@functools.cache
def _prefilter(types: frozenset[str]) -> regex.Pattern[str] | None:
    return any_term(v for v in _vocabularies() if v.entity in types)


def _mentions(vocabulary: Vocabulary, text: str, header_context: bool) -> bool:
    """Whether ``text`` mentions ``vocabulary``'s type: a strong term, or a weak one with a
    context word in the column header or elsewhere in the cell."""
    for match in vocabulary.find(text):
        if match.score >= REPORT_THRESHOLD or header_context:
            return True
        # A term never boosts itself: "arts" is both a weak term and a context word.
        if vocabulary.context_in(f"{text[: match.start]} {text[match.end :]}"):
            return True
    return False


def special_category_cells(frame: pd.DataFrame, types: list[str]) -> list[dict[str, Any]]:
    """Per column: how many cells mention a special category of ``types``, and which."""
    if _prefilter(frozenset(types)) is None:
        return []
    counts = {str(c): _mentioned(types, str(c), frame[c]) for c in frame.columns}
    return _listed(counts, len(frame))


_CELLS = "cells"  # the count of cells mentioning any type, next to the types (upper case)


def _mentioned(types: list[str], column: str, cells: pd.Series) -> Mapping[str, int]:
    """How many of a column's ``cells`` mention a special category of ``types`` (``_CELLS``), and
    how many each type."""
    vocabularies = [v for v in _vocabularies() if v.entity in types]
    # Most cells hold no term at all: one search tells.
    prefilter = _prefilter(frozenset(types))
    if prefilter is None:
        return {}
    header = set(context_words([column]))
    header_context = {v.entity: bool(header & set(v.context)) for v in vocabularies}
    mentions: Counter[str] = Counter()
    # Vectorised first: a cell without a letter holds no word, and once pseudonyms are blanked
    # a column of ECK iDs is one distinct text to search instead of one per pupil.
    texts = cells.astype(str)
    texts = texts[texts.str.contains(_LETTER, regex=True)].str.replace(_HEX_RUN, " ", regex=True)
    for value, n in texts.value_counts(sort=False).items():
        text = str(value)
        if not prefilter.search(text):
            continue
        kinds = {v.entity for v in vocabularies if _mentions(v, text, header_context[v.entity])}
        if kinds:
            mentions[_CELLS] += int(n)
            mentions.update(dict.fromkeys(kinds, int(n)))
    return mentions


def _listed(counts: Mapping[str, Mapping[str, int]], rows: int) -> list[dict[str, Any]]:
    return [
        {
            "column": column,
            "count": found[_CELLS],
            "share": found[_CELLS] / max(rows, 1),
            "mentions": dict(sorted((k, n) for k, n in found.items() if k != _CELLS)),
        }
        for column, found in counts.items()
        if found.get(_CELLS)
    ]


class SpecialCategoryCells(TableMetric):
    metric_name = METRIC
    value_keys = ("types",)

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return special_category_cells(frame, list(kwargs["types"]))

    @classmethod
    def measure_spark(
        cls, frame: SparkFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        types = list(kwargs["types"])
        if _prefilter(frozenset(types)) is None:
            return []
        counting = functools.partial(_mentioned, types)
        rows, counts = column_counts(frame, list(frame.columns), counting)
        return _listed(counts, rows)


class ExpectTableValuesToHoldNoSpecialCategoryData(TableExpectation):
    """No cell of any column mentions a special category of ``types`` (art. 9 GDPR, art. 10)."""

    types: list[pydantic.StrictStr]

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("types",)
    args_keys: ClassVar[tuple[str, ...]] = ("types",)
    template: ClassVar[str] = "No cell in any column mentions a special category: $types."

    @pydantic.validator("types")
    def _special_types(cls, value: list[str]) -> list[str]:
        if not value or set(value) - set(SPECIAL_TYPES):
            raise ValueError(f"types must be a non-empty subset of {list(SPECIAL_TYPES)}")
        return value
