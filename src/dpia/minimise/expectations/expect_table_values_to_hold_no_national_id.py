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

from typing import Any, ClassVar

import pandas as pd
from great_expectations.compatibility import pydantic

from dpia.detect import national_id_counts
from dpia.minimise.expectations._base import TableExpectation, TableMetric
from dpia.register import NATIONAL_IDS
from dpia.rules import Finding

METRIC = "dpia.national_id_cells"


def national_id_cells(frame: pd.DataFrame, identifiers: list[str]) -> list[dict[str, Any]]:
    """Per column and type: how many cells hold a national identification number."""
    wanted = set(identifiers)
    rows = max(len(frame), 1)
    return [
        {"column": str(column), "entity": kind, "count": n, "share": n / rows}
        for column in frame.columns
        for kind, n in sorted(national_id_counts(frame[column]).items())
        if kind in wanted
    ]


class NationalIdCells(TableMetric):
    metric_name = METRIC
    value_keys = ("identifiers",)

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return national_id_cells(frame, list(kwargs["identifiers"]))


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
