"""``expect_table_quasi_identifiers_to_be_k_anonymous``: nobody singled out by the quasi-identifiers.

Quasi-identifier columns are those whose detected entity type is in ``quasi_identifiers``
(``dpia.register._taxonomy.QUASI_IDENTIFIERS``: address, postcode, place, date of birth, gender,
nationality). Group and school columns (headers in ``context_headers``, e.g. ``groep``, ``brin``)
join them only when at least one such column is present: on their own they split the pupils into
classes of a whole group, which singles nobody out, but next to a date of birth they narrow every
class down. Equivalence classes are the rows with identical values in those columns; ``k`` is the
size of the smallest. The result gives k, the threshold, the columns and the share of rows in a
class smaller than the threshold, never a value. A feed without quasi-identifiers passes (k is
reported as ``None``).
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
from dpia.minimise._column_findings import (
    DependsOnFindings,
    findings_of,
    header_matches,
    table_frame,
)
from dpia.minimise._rendering import prescriptive
from dpia.register import QUASI_IDENTIFIERS

METRIC = "dpia.k_anonymity"


def k_anonymity(
    frame: pd.DataFrame,
    findings: tuple[ColumnClass, ...],
    quasi_identifiers: list[str],
    context_headers: list[str],
    threshold: int,
) -> dict[str, Any]:
    """k, the columns it is computed over, and the share of rows in classes below ``threshold``."""
    wanted = set(quasi_identifiers)
    columns = [f.name for f in findings if f.entity in wanted]
    if columns:
        columns += [
            f.name
            for f in findings
            if f.name not in columns and header_matches(f.name, context_headers)
        ]
    if not columns or frame.empty:
        return {"k": None, "threshold": threshold, "columns": columns, "share_at_risk": 0.0}
    sizes = frame.groupby(columns, dropna=False, sort=False).size()
    return {
        "k": int(sizes.min()),
        "threshold": threshold,
        "columns": columns,
        "classes": len(sizes),
        "share_at_risk": int(sizes[sizes < threshold].sum()) / len(frame),
    }


class KAnonymity(DependsOnFindings):
    metric_name = METRIC
    value_keys = ("quasi_identifiers", "context_headers", "threshold")

    @metric_value(engine=PandasExecutionEngine)
    def _pandas(
        cls,
        execution_engine: PandasExecutionEngine,
        metric_domain_kwargs: dict[str, Any],
        metric_value_kwargs: dict[str, Any],
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any],
    ) -> dict[str, Any]:
        return k_anonymity(
            table_frame(execution_engine, metric_domain_kwargs),
            findings_of(metrics),
            list(metric_value_kwargs["quasi_identifiers"]),
            list(metric_value_kwargs["context_headers"]),
            int(metric_value_kwargs["threshold"]),
        )


class ExpectTableQuasiIdentifiersToBeKAnonymous(BatchExpectation):
    """Every row shares its quasi-identifier values with at least ``threshold - 1`` other rows."""

    threshold: pydantic.StrictInt
    quasi_identifiers: list[pydantic.StrictStr]
    context_headers: list[pydantic.StrictStr]

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("threshold", "quasi_identifiers", "context_headers")
    args_keys: ClassVar[tuple[str, ...]] = ("threshold", "quasi_identifiers", "context_headers")

    @pydantic.validator("threshold")
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("threshold must be at least 1")
        return value

    @pydantic.validator("quasi_identifiers")
    def _known_quasi_identifiers(cls, value: list[str]) -> list[str]:
        if not value or set(value) - set(QUASI_IDENTIFIERS):
            raise ValueError(f"quasi_identifiers must be a non-empty subset of {QUASI_IDENTIFIERS}")
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
            "The quasi-identifier columns ($quasi_identifiers; with them group and school) are $threshold-anonymous.",
            configuration,
        )

    def _validate(
        self,
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any] | None = None,
        execution_engine: ExecutionEngine[Any] | None = None,
    ) -> dict[str, Any]:
        found: dict[str, Any] = metrics[METRIC]
        k = found["k"]
        return {
            "success": k is None or k >= self.threshold,
            "result": {"observed_value": k, "details": found},
        }
