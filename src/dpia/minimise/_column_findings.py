"""The shared table metric ``dpia.column_findings``: every column's detected entity type.

Several expectations need the classification of the feed's columns; as a metric of its own, Great
Expectations computes it once per validation and hands it to each of them. Imports Great
Expectations: only ``dpia.minimise._runner`` imports this module, when it validates.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.execution_engine.execution_engine import ExecutionEngine
from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.table_metric_provider import TableMetricProvider
from great_expectations.validator.metric_configuration import MetricConfiguration

from dpia.detect import normalise
from dpia.minimise._classify import ColumnClass, classify_columns

FINDINGS_METRIC = "dpia.column_findings"


def table_frame(engine: PandasExecutionEngine, domain_kwargs: dict[str, Any]) -> pd.DataFrame:
    """The batch's table as a DataFrame (every cell text, as ``dpia.load._export`` reads it)."""
    frame, _, _ = engine.get_compute_domain(
        domain_kwargs=domain_kwargs, domain_type=MetricDomainTypes.TABLE
    )
    return frame


def header_matches(header: str, phrases: list[str]) -> bool:
    """Whether the normalised ``header`` is, or holds as whole words, one of ``phrases``."""
    norm = normalise(header)
    padded = f" {norm} "
    squashed = norm.replace(" ", "")
    return any(squashed == phrase.replace(" ", "") or f" {phrase} " in padded for phrase in phrases)


def cells_result(found: list[dict[str, Any]]) -> dict[str, Any]:
    """The result of an expectation that no cell may hold something: ``found`` holds per column
    how many cells do (never a value); the observed value is their total."""
    return {
        "success": not found,
        "result": {
            "observed_value": sum(int(f["count"]) for f in found),
            "details": {"columns": found},
        },
    }


def findings_of(metrics: dict[str, Any]) -> tuple[ColumnClass, ...]:
    findings: tuple[ColumnClass, ...] = metrics[FINDINGS_METRIC]
    return findings


class ColumnFindings(TableMetricProvider):
    """Each column's ``ColumnClass`` from the active classifier (``dpia.detect._scan.scan_frame``)."""

    metric_name = FINDINGS_METRIC

    @metric_value(engine=PandasExecutionEngine)
    def _pandas(
        cls,
        execution_engine: PandasExecutionEngine,
        metric_domain_kwargs: dict[str, Any],
        metric_value_kwargs: dict[str, Any],
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any],
    ) -> tuple[ColumnClass, ...]:
        return classify_columns(table_frame(execution_engine, metric_domain_kwargs))


class DependsOnFindings(TableMetricProvider):
    """Base for table metrics computed from the feed and its column findings."""

    @classmethod
    def _get_evaluation_dependencies(
        cls,
        metric: MetricConfiguration,
        configuration: Any = None,
        execution_engine: ExecutionEngine[Any] | None = None,
        runtime_configuration: dict[str, Any] | None = None,
    ) -> dict[str, MetricConfiguration]:
        dependencies: dict[str, MetricConfiguration] = super()._get_evaluation_dependencies(
            metric=metric,
            configuration=configuration,
            execution_engine=execution_engine,
            runtime_configuration=runtime_configuration,
        )
        dependencies[FINDINGS_METRIC] = MetricConfiguration(
            metric_name=FINDINGS_METRIC,
            metric_domain_kwargs=dict(metric.metric_domain_kwargs),
            metric_value_kwargs=None,
        )
        return dependencies
