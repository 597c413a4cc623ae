"""``expect_table_values_to_hold_no_special_category_data``: no art. 9/10 content in any column.

Backed by the recognizers' special-category vocabularies (``dpia.detect.recognizers``), so a teacher's
note that mentions asthma or the mosque fails as surely as a ``medisch`` column does. Every cell of
every column is searched, free text included. As in the analyzer, a strong term counts on its own
and a weak term (score below ``REPORT_THRESHOLD``, e.g. "arts", also a surname) only with a context
word of its vocabulary in the cell or in the column header; a match vetoed by its group's ``unless``
in the same sentence (a class trip to the mosque) does not count. The result gives per column how
many cells mention which type, never a value.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, ClassVar

import pandas as pd
import regex
from great_expectations.compatibility import pydantic
from great_expectations.execution_engine.execution_engine import ExecutionEngine
from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import BatchExpectation
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.table_metric_provider import TableMetricProvider
from great_expectations.render.components import LegacyRendererType, RenderedStringTemplateContent
from great_expectations.render.renderer.renderer import renderer

import dpia._offline  # noqa: F401  (before presidio, which dpia.detect.recognizers imports)
from dpia.detect import (
    REPORT_THRESHOLD,
    SPECIAL_VOCABULARIES,
    context_words,
    load_vocabulary,
    sentence_around,
)
from dpia.minimise._column_findings import cells_result, table_frame
from dpia.minimise._rendering import prescriptive
from dpia.register import SPECIAL_TYPES

METRIC = "dpia.special_category_cells"
# Presidio's flags for pattern recognizers: the vocabularies are written for them.
_FLAGS = regex.IGNORECASE | regex.DOTALL | regex.MULTILINE
_WHITESPACE = r"\s+"
# Hashes and pseudonyms (an ECK iD holds 128 hex digits) cannot hold a vocabulary word.
_HEX_RUN = re.compile(r"(?<!\w)[0-9a-f]{32,}(?!\w)", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class _Group:
    """One term group compiled for cell search: strong or weak, and its ``unless`` veto."""

    terms: regex.Pattern[str]
    strong: bool
    guard: re.Pattern[str] | None


@dataclass(frozen=True)
class _Terms:
    """One vocabulary compiled for cell search."""

    entity: str
    groups: tuple[_Group, ...]
    context: frozenset[str]
    context_in_text: regex.Pattern[str]

    def mentioned(self, text: str, header_context: bool) -> bool:
        for group in self.groups:
            for match in group.terms.finditer(text):
                if group.guard is not None and group.guard.search(
                    sentence_around(text, match.start(), match.end())
                ):
                    continue
                if group.strong or header_context:
                    return True
                # A term never boosts itself: "arts" is both a weak term and a context word.
                rest = f"{text[: match.start()]} {text[match.end() :]}"
                if self.context_in_text.search(rest):
                    return True
        return False


@functools.cache
def _vocabularies() -> tuple[_Terms, ...]:
    compiled = []
    for name in SPECIAL_VOCABULARIES:
        vocabulary = load_vocabulary(name)
        if vocabulary.entity not in SPECIAL_TYPES:
            continue  # pupil care is sensitive, not art. 9: the allowed-entities check covers it
        groups = tuple(
            _Group(
                terms=regex.compile(vocabulary.regex_for(group), _FLAGS),
                strong=group.score >= REPORT_THRESHOLD,
                guard=vocabulary.guard_for(group),
            )
            for group in vocabulary.groups
        )
        context = "|".join(
            _WHITESPACE.join(regex.escape(word) for word in c.split()) for c in vocabulary.context
        )
        compiled.append(
            _Terms(
                entity=vocabulary.entity,
                groups=groups,
                context=frozenset(vocabulary.context),
                context_in_text=regex.compile(rf"(?<!\w)(?:{context})(?!\w)", _FLAGS),
            )
        )
    return tuple(compiled)


@functools.cache
def _prefilter(types: frozenset[str]) -> regex.Pattern[str] | None:
    """Any term of the ``types`` vocabularies: most cells match none and are done in one search."""
    fragments = [g.terms.pattern for v in _vocabularies() if v.entity in types for g in v.groups]
    return regex.compile("|".join(f"(?:{f})" for f in fragments), _FLAGS) if fragments else None


def special_category_cells(frame: pd.DataFrame, types: list[str]) -> list[dict[str, Any]]:
    """Per column: how many cells mention a special category of ``types``, and which."""
    wanted = frozenset(types)
    prefilter = _prefilter(wanted)
    if prefilter is None:
        return []
    vocabularies = [v for v in _vocabularies() if v.entity in wanted]
    rows = max(len(frame), 1)
    found: list[dict[str, Any]] = []
    for column in frame.columns:
        header = set(context_words([str(column)]))
        header_context = {v.entity: bool(header & v.context) for v in vocabularies}
        cells = 0
        mentions: Counter[str] = Counter()
        # Vectorised first: a cell without a letter holds no word, and once pseudonyms are blanked
        # a column of ECK iDs is one distinct text to search instead of one per pupil.
        texts = frame[column].astype(str)
        texts = texts[texts.str.contains(_LETTER, regex=True)].str.replace(
            _HEX_RUN, " ", regex=True
        )
        for value, n in texts.value_counts(sort=False).items():
            text = str(value)
            if not prefilter.search(text):
                continue
            kinds = [v.entity for v in vocabularies if v.mentioned(text, header_context[v.entity])]
            if kinds:
                cells += int(n)
                mentions.update({kind: int(n) for kind in set(kinds)})
        if cells:
            found.append(
                {
                    "column": str(column),
                    "count": cells,
                    "share": cells / rows,
                    "mentions": dict(sorted(mentions.items())),
                }
            )
    return found


class SpecialCategoryCells(TableMetricProvider):
    metric_name = METRIC
    value_keys = ("types",)

    @metric_value(engine=PandasExecutionEngine)
    def _pandas(
        cls,
        execution_engine: PandasExecutionEngine,
        metric_domain_kwargs: dict[str, Any],
        metric_value_kwargs: dict[str, Any],
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any],
    ) -> list[dict[str, Any]]:
        frame = table_frame(execution_engine, metric_domain_kwargs)
        return special_category_cells(frame, list(metric_value_kwargs["types"]))


class ExpectTableValuesToHoldNoSpecialCategoryData(BatchExpectation):
    """No cell of any column mentions a special category of ``types`` (art. 9 GDPR, art. 10)."""

    types: list[pydantic.StrictStr]

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("types",)
    args_keys: ClassVar[tuple[str, ...]] = ("types",)

    @pydantic.validator("types")
    def _special_types(cls, value: list[str]) -> list[str]:
        if not value or set(value) - set(SPECIAL_TYPES):
            raise ValueError(f"types must be a non-empty subset of {list(SPECIAL_TYPES)}")
        return value

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(
        cls,
        configuration: Any = None,
        result: Any = None,
        runtime_configuration: dict[str, Any] | None = None,
    ) -> list[RenderedStringTemplateContent]:
        return prescriptive(
            "No cell in any column mentions a special category: $types.", configuration
        )

    def _validate(
        self,
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any] | None = None,
        execution_engine: ExecutionEngine[Any] | None = None,
    ) -> dict[str, Any]:
        return cells_result(metrics[METRIC])
