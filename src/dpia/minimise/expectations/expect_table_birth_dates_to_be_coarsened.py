"""``expect_table_birth_dates_to_be_coarsened``: a date of birth no more precise than agreed.

The date-of-birth columns are those the column scanner reports as ``DATE_OF_BIRTH`` (any header).
Per agreed form (``dpia.register._policy.BirthDateForm``):

* ``none``: no date-of-birth column at all; every filled cell of one counts.
* ``year``: filled cells are a four-digit year, or an age band (coarser than a year).
* ``age_band``: filled cells are an age band such as ``8-9``, ``6-8 jaar`` or ``6 tot 8 years``.

``full`` allows anything, so the suite builder writes no such expectation. The result gives per
column how many cells are too precise, never a value.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pandas as pd
from great_expectations.compatibility import pydantic
from great_expectations.execution_engine.execution_engine import ExecutionEngine
from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import BatchExpectation
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.render.components import LegacyRendererType, RenderedStringTemplateContent
from great_expectations.render.renderer.renderer import renderer

from dpia.minimise._classify import ColumnClass
from dpia.minimise._column_findings import DependsOnFindings, findings_of, table_frame
from dpia.minimise._rendering import prescriptive
from dpia.rules import fits

METRIC = "dpia.birth_date_cells_too_precise"
FORMS: tuple[str, ...] = ("none", "year", "age_band")


def cells_too_precise(
    frame: pd.DataFrame, findings: tuple[ColumnClass, ...], form: str
) -> list[dict[str, Any]]:
    """Per date-of-birth column: how many filled cells are more precise than ``form``."""
    rows = max(len(frame), 1)
    found: list[dict[str, Any]] = []
    for finding in findings:
        if finding.entity != "DATE_OF_BIRTH":
            continue
        counts = frame[finding.name].astype(str).value_counts(sort=False)
        count = sum(
            int(n)
            for value, n in counts.items()
            if str(value).strip() and not fits(str(value), form)
        )
        if count:
            found.append({"column": finding.name, "count": count, "share": count / rows})
    return found


class BirthDateCellsTooPrecise(DependsOnFindings):
    metric_name = METRIC
    value_keys = ("form",)

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
        return cells_too_precise(frame, findings_of(metrics), str(metric_value_kwargs["form"]))


class ExpectTableBirthDatesToBeCoarsened(BatchExpectation):
    """Date-of-birth columns hold nothing more precise than ``form`` (none, year, age_band)."""

    form: pydantic.StrictStr

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("form",)
    args_keys: ClassVar[tuple[str, ...]] = ("form",)

    @pydantic.validator("form")
    def _known_form(cls, value: str) -> str:
        if value not in FORMS:
            raise ValueError(f"form must be one of {list(FORMS)}")
        return value

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(
        cls,
        configuration: Any = None,
        result: Any = None,
        runtime_configuration: dict[str, Any] | None = None,
    ) -> list[RenderedStringTemplateContent]:
        return prescriptive("Dates of birth are no more precise than: $form.", configuration)

    def _validate(
        self,
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any] | None = None,
        execution_engine: ExecutionEngine[Any] | None = None,
    ) -> dict[str, Any]:
        found: list[dict[str, Any]] = metrics[METRIC]
        return {
            "success": not found,
            "result": {
                "observed_value": sum(int(f["count"]) for f in found),
                "details": {"columns": found},
            },
        }
