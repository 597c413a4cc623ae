"""``expect_table_values_to_hold_no_national_id``: no BSN or onderwijsnummer in any column.

Column-agnostic because a BSN turns up under any header (``pgn``, ``id``, ``nummer``). A cell
counts when, white space around it aside, it is a national identification number as
``dpia.detect.national_id`` says, the test the scanner and the leak gate use: nine digits (plain,
``1234.56.782`` or ``1234 56 782``) that pass the BSN 11-test or the onderwijsnummer check
(``python-stdnum``); a nine-digit number failing both (an order number) is fine. Whole cells only:
free text is the special-category and allowed-entity checks' business. The result gives per
column the type and how many cells, never a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from great_expectations.compatibility import pydantic

from dpia.detect import national_id_counts
from dpia.minimise.expectations._base import TableExpectation, TableMetric
from dpia.minimise.expectations._spark import column_counts
from dpia.register import NATIONAL_IDS
from dpia.rules import Finding

if TYPE_CHECKING:
    from pyspark.sql import DataFrame as SparkFrame

METRIC = "dpia.national_id_cells"


def national_id_cells(frame: pd.DataFrame, identifiers: list[str]) -> list[dict[str, Any]]:
    """Per column and type: how many cells hold a national identification number."""
    counts = {str(column): national_id_counts(frame[column]) for column in frame.columns}
    return _listed(counts, identifiers, len(frame))


def _listed(
    counts: Mapping[str, Mapping[str, int]], identifiers: list[str], rows: int
) -> list[dict[str, Any]]:
    """Per column (in order) and type of ``identifiers``, its count of cells."""
    wanted = set(identifiers)
    return [
        {"column": column, "entity": kind, "count": n, "share": n / max(rows, 1)}
        for column, found in counts.items()
        for kind, n in sorted(found.items())
        if kind in wanted and n
    ]


def _national_ids(column: str, cells: pd.Series) -> Mapping[str, int]:
    return national_id_counts(cells)


class NationalIdCells(TableMetric):
    metric_name = METRIC
    value_keys = ("identifiers",)

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return national_id_cells(frame, list(kwargs["identifiers"]))

    @classmethod
    def measure_spark(
        cls, frame: SparkFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        rows, counts = column_counts(frame, list(frame.columns), _national_ids)
        return _listed(counts, list(kwargs["identifiers"]), rows)


class ExpectTableValuesToHoldNoNationalId(TableExpectation):
    """No cell of any column is a valid number of the ``identifiers`` types."""

    identifiers: list[pydantic.StrictStr]

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("identifiers",)
    args_keys: ClassVar[tuple[str, ...]] = ("identifiers",)
    template: ClassVar[str] = "No cell in any column is a valid $identifiers."

    @pydantic.validator("identifiers")
    def _known_identifiers(cls, value: list[str]) -> list[str]:
        if not value or set(value) - set(NATIONAL_IDS):
            raise ValueError(f"identifiers must be a non-empty subset of {list(NATIONAL_IDS)}")
        return value
