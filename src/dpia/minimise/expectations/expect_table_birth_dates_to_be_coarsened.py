"""``expect_table_birth_dates_to_be_coarsened``: a date of birth no more precise than agreed.

The date-of-birth columns are those the column scanner reports as ``DATE_OF_BIRTH`` (any header).
Per agreed form (``dpia.register._policy.BirthDateForm``):

* ``none``: no date-of-birth column at all; every filled cell of one counts.
* ``year``: filled cells are a four-digit year, or an age band (coarser than a year).
* ``age_band``: filled cells are an age band such as ``8-9``, ``6-8 jaar`` or ``6 tot 8 years``.

What fits a form is ``dpia.rules.fits``, the judgement the exposure stage makes too.

``full`` allows anything, so the suite builder writes no such expectation. The result gives per
column how many cells are too precise, never a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from great_expectations.compatibility import pydantic

from dpia.minimise.expectations._base import TableExpectation, TableMetric
from dpia.minimise.expectations._spark import column_counts
from dpia.rules import Finding, too_precise

if TYPE_CHECKING:
    from pyspark.sql import DataFrame as SparkFrame

METRIC = "dpia.birth_date_cells_too_precise"
FORMS: tuple[str, ...] = ("none", "year", "age_band")


def cells_too_precise(
    frame: pd.DataFrame, findings: tuple[Finding, ...], form: str
) -> list[dict[str, Any]]:
    """Per date-of-birth column: how many filled cells are more precise than ``form``."""
    counts = {name: too_precise(frame[name], form) for name in _birth_columns(findings)}
    return _listed(counts, len(frame))


def _birth_columns(findings: tuple[Finding, ...]) -> list[str]:
    return [f.name for f in findings if f.entity == "DATE_OF_BIRTH"]


def _listed(counts: Mapping[str, int], rows: int) -> list[dict[str, Any]]:
    return [
        {"column": name, "count": count, "share": count / max(rows, 1)}
        for name, count in counts.items()
        if count
    ]


def _too_precise(form: str, column: str, cells: pd.Series) -> Mapping[str, int]:
    return {"count": too_precise(cells, form)}


class BirthDateCellsTooPrecise(TableMetric):
    metric_name = METRIC
    value_keys = ("form",)
    uses_findings = True

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return cells_too_precise(frame, findings, str(kwargs["form"]))

    @classmethod
    def measure_spark(
        cls, frame: SparkFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        columns = _birth_columns(findings)
        counting = partial(_too_precise, str(kwargs["form"]))
        rows, counts = column_counts(frame, columns, counting)
        return _listed({name: counts[name].get("count", 0) for name in columns}, rows)


class ExpectTableBirthDatesToBeCoarsened(TableExpectation):
    """Date-of-birth columns hold nothing more precise than ``form`` (none, year, age_band)."""

    form: pydantic.StrictStr

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("form",)
    args_keys: ClassVar[tuple[str, ...]] = ("form",)
    template: ClassVar[str] = "Dates of birth are no more precise than: $form."

    @pydantic.validator("form")
    def _known_form(cls, value: str) -> str:
        if value not in FORMS:
            raise ValueError(f"form must be one of {list(FORMS)}")
        return value
