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

from typing import Any, ClassVar

import pandas as pd
from great_expectations.compatibility import pydantic

from dpia.minimise.expectations._base import TableExpectation, TableMetric
from dpia.rules import Finding, too_precise

METRIC = "dpia.birth_date_cells_too_precise"
FORMS: tuple[str, ...] = ("none", "year", "age_band")


def cells_too_precise(
    frame: pd.DataFrame, findings: tuple[Finding, ...], form: str
) -> list[dict[str, Any]]:
    """Per date-of-birth column: how many filled cells are more precise than ``form``."""
    rows = max(len(frame), 1)
    counts = {
        f.name: too_precise(frame[f.name], form) for f in findings if f.entity == "DATE_OF_BIRTH"
    }
    return [
        {"column": name, "count": count, "share": count / rows}
        for name, count in counts.items()
        if count
    ]


class BirthDateCellsTooPrecise(TableMetric):
    metric_name = METRIC
    value_keys = ("form",)
    uses_findings = True

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return cells_too_precise(frame, findings, str(kwargs["form"]))


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
