"""``expect_table_values_to_hold_no_national_id``: no BSN or onderwijsnummer in any column.

Column-agnostic because a BSN turns up under any header (``pgn``, ``id``, ``nummer``). A cell
counts when, stripped of spaces and dots, it is nine digits that pass the BSN 11-test or the
onderwijsnummer check (``python-stdnum``); a nine-digit number failing both (an order number) is
fine. Whole cells only: free text is the special-category and allowed-entity checks' business.
The result gives per column the type and how many cells, never a value.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, ClassVar

import pandas as pd
from great_expectations.compatibility import pydantic
from great_expectations.execution_engine.execution_engine import ExecutionEngine
from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import BatchExpectation
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.table_metric_provider import TableMetricProvider
from great_expectations.render.components import LegacyRendererType, RenderedStringTemplateContent
from great_expectations.render.renderer.renderer import renderer
from stdnum.nl import bsn, onderwijsnummer

from dpia.minimise._column_findings import cells_result, table_frame
from dpia.minimise._rendering import prescriptive
from dpia.minimise._suites import NATIONAL_IDS

METRIC = "dpia.national_id_cells"
_SEPARATORS = re.compile(r"[ .]")
_NINE_DIGITS = re.compile(r"[0-9]{9}")


def national_id_type(cell: str) -> str | None:
    """``NL_BSN`` or ``NL_ONDERWIJSNUMMER`` when ``cell`` is one, else ``None``."""
    number = _SEPARATORS.sub("", cell)
    if not _NINE_DIGITS.fullmatch(number):
        return None
    if bsn.is_valid(number):
        return "NL_BSN"
    if onderwijsnummer.is_valid(number):
        return "NL_ONDERWIJSNUMMER"
    return None


def national_id_cells(frame: pd.DataFrame, identifiers: list[str]) -> list[dict[str, Any]]:
    """Per column and type: how many cells hold a national identification number."""
    wanted = set(identifiers)
    rows = max(len(frame), 1)
    found: list[dict[str, Any]] = []
    for column in frame.columns:
        counts: Counter[str] = Counter()
        numbers = frame[column].astype(str).str.replace(_SEPARATORS, "", regex=True)
        numbers = numbers[numbers.str.fullmatch(_NINE_DIGITS)]
        # Each distinct number is checked once, by python-stdnum (never a hand-rolled 11-test).
        for value, n in numbers.value_counts(sort=False).items():
            kind = national_id_type(str(value))
            if kind in wanted:
                counts[str(kind)] += int(n)
        found.extend(
            {"column": str(column), "entity": kind, "count": n, "share": n / rows}
            for kind, n in sorted(counts.items())
        )
    return found


class NationalIdCells(TableMetricProvider):
    metric_name = METRIC
    value_keys = ("identifiers",)

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
        return national_id_cells(frame, list(metric_value_kwargs["identifiers"]))


class ExpectTableValuesToHoldNoNationalId(BatchExpectation):
    """No cell of any column is a valid number of the ``identifiers`` types."""

    identifiers: list[pydantic.StrictStr]

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("identifiers",)
    args_keys: ClassVar[tuple[str, ...]] = ("identifiers",)

    @pydantic.validator("identifiers")
    def _known_identifiers(cls, value: list[str]) -> list[str]:
        if not value or set(value) - set(NATIONAL_IDS):
            raise ValueError(f"identifiers must be a non-empty subset of {list(NATIONAL_IDS)}")
        return value

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(
        cls,
        configuration: Any = None,
        result: Any = None,
        runtime_configuration: dict[str, Any] | None = None,
    ) -> list[RenderedStringTemplateContent]:
        return prescriptive("No cell in any column is a valid $identifiers.", configuration)

    def _validate(
        self,
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any] | None = None,
        execution_engine: ExecutionEngine[Any] | None = None,
    ) -> dict[str, Any]:
        return cells_result(metrics[METRIC])
