"""What every dpia expectation shares, in Great Expectations' model.

* ``TableMetric``: a ``TableMetricProvider`` whose ``measure`` computes the metric from the
  batch's table (every cell text) and, when ``uses_findings``, the columns' findings; on GX's
  Spark execution engine ``measure_spark`` does, from the Spark DataFrame, by the same functions
  (``_spark``: Spark groups, joins and sums; the pandas functions judge batches of cells);
* ``ColumnFindings``: the metric ``dpia.column_findings``, each column's finding (``_classify``:
  those attached to the frame, else the column scanner's; on Spark those handed over). As a
  metric of its own, GX computes it once per validation and hands it to every metric that uses
  it;
* ``BoardLink``: the metric ``dpia.board_link``, the feed's rows linked to the board's pupils,
  which the checks of the board's promises share (``uses_link``);
* ``TableExpectation``: a ``BatchExpectation`` that judges one such metric (its
  ``metric_dependencies``), with a readable Data Docs line (``template``, ``$kwarg`` filled in)
  instead of GX's ``type(**kwargs)``. By default its result is that of a check no cell may fail:
  per column how many cells do (never a value), and their total as the observed value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.execution_engine.execution_engine import ExecutionEngine
from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine
from great_expectations.execution_engine.sparkdf_execution_engine import SparkDFExecutionEngine
from great_expectations.expectations.expectation import BatchExpectation
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.table_metric_provider import TableMetricProvider
from great_expectations.render.components import LegacyRendererType, RenderedStringTemplateContent
from great_expectations.render.renderer.renderer import renderer
from great_expectations.validator.metric_configuration import MetricConfiguration

from dpia.minimise._classify import (
    Linked,
    attached_board,
    column_findings,
    spark_board,
    spark_findings,
)
from dpia.rules import Finding, link_rows, link_spark

if TYPE_CHECKING:
    from pyspark.sql import DataFrame as SparkFrame

FINDINGS_METRIC = "dpia.column_findings"
LINK_METRIC = "dpia.board_link"


class TableMetric(TableMetricProvider):
    """Base of the dpia table metrics (module docstring); a subclass names its ``metric_name``
    and ``value_keys`` and implements ``measure``."""

    uses_findings: ClassVar[bool] = False
    uses_link: ClassVar[bool] = False
    """Depends on ``dpia.board_link`` (the feed's rows linked to the board's pupils) and is
    computed by ``measure_linked`` from it."""

    @classmethod
    def measure_linked(cls, linked: Any, kwargs: dict[str, Any]) -> Any:
        """The metric's value from the feed's link to the board (``uses_link``)."""
        raise NotImplementedError

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> Any:
        """The metric's value; ``kwargs`` are its value kwargs, ``findings`` empty unless
        ``uses_findings``."""
        raise NotImplementedError

    @classmethod
    def measure_spark(
        cls, frame: SparkFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> Any:
        """``measure`` on Spark: the same value from the Spark DataFrame ``frame``."""
        raise NotImplementedError

    @metric_value(engine=PandasExecutionEngine)
    def _pandas(
        cls,
        execution_engine: PandasExecutionEngine,
        metric_domain_kwargs: dict[str, Any],
        metric_value_kwargs: dict[str, Any],
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any],
    ) -> Any:
        frame, _, _ = execution_engine.get_compute_domain(
            domain_kwargs=metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE
        )
        return cls._value(cls.measure, frame, metrics, dict(metric_value_kwargs or {}))

    @metric_value(engine=SparkDFExecutionEngine)
    def _spark(
        cls,
        execution_engine: SparkDFExecutionEngine,
        metric_domain_kwargs: dict[str, Any],
        metric_value_kwargs: dict[str, Any],
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any],
    ) -> Any:
        frame, _, _ = execution_engine.get_compute_domain(
            domain_kwargs=metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE
        )
        return cls._value(cls.measure_spark, frame, metrics, dict(metric_value_kwargs or {}))

    @classmethod
    def _value(
        cls,
        measure: Callable[[Any, tuple[Finding, ...], dict[str, Any]], Any],
        frame: Any,
        metrics: dict[str, Any],
        kwargs: dict[str, Any],
    ) -> Any:
        """The metric's value on either engine, ``measure`` being the engine's."""
        if cls.uses_link:
            return cls.measure_linked(metrics[LINK_METRIC], kwargs)
        findings = metrics[FINDINGS_METRIC] if cls.uses_findings else ()
        return measure(frame, findings, kwargs)

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
        for uses, name in ((cls.uses_findings, FINDINGS_METRIC), (cls.uses_link, LINK_METRIC)):
            if uses:
                dependencies[name] = MetricConfiguration(
                    metric_name=name,
                    metric_domain_kwargs=dict(metric.metric_domain_kwargs),
                    metric_value_kwargs=None,
                )
        return dependencies


class ColumnFindings(TableMetric):
    """Each column's finding, in column order (module docstring)."""

    metric_name = FINDINGS_METRIC

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> tuple[Finding, ...]:
        return column_findings(frame)

    @classmethod
    def measure_spark(
        cls, frame: SparkFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> tuple[Finding, ...]:
        return spark_findings(frame)


class BoardLink(TableMetric):
    """The feed's rows linked to the board's pupils (``dpia.rules.link_rows``), with the board:
    the board's exports come with the frame (``dpia.minimise.with_board``); without them every
    check of the board's promises says it cannot be verified. One metric, so a validation links
    a feed once for all four checks."""

    metric_name = LINK_METRIC
    uses_findings = True

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> Linked:
        board = attached_board(frame)
        return Linked(link_rows(frame, findings, board), board)

    @classmethod
    def measure_spark(
        cls, frame: SparkFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> Linked:
        board = spark_board(frame)
        return Linked(link_spark(frame, findings, board), board)


class TableExpectation(BatchExpectation):
    """Base of the dpia expectations (module docstring); a subclass names its one metric in
    ``metric_dependencies`` and its Data Docs line in ``template``."""

    template: ClassVar[str] = ""

    @classmethod
    def is_abstract(cls) -> bool:
        # GX registers every concrete subclass as an expectation type; this base is none.
        return not cls.metric_dependencies or super().is_abstract()

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(
        cls,
        configuration: Any = None,
        result: Any = None,
        runtime_configuration: dict[str, Any] | None = None,
    ) -> list[RenderedStringTemplateContent]:
        kwargs: dict[str, Any] = dict(configuration.kwargs) if configuration is not None else {}
        # Lists are written comma-separated.
        params = {
            key: ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
            for key, value in kwargs.items()
            if key != "batch_id"
        }
        return [
            RenderedStringTemplateContent(
                content_block_type="string_template",
                string_template={"template": cls.template, "params": params},
            )
        ]

    def _validate(
        self,
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any] | None = None,
        execution_engine: ExecutionEngine[Any] | None = None,
    ) -> dict[str, Any]:
        (metric,) = self.metric_dependencies
        return self.result(metrics[metric])

    def result(self, found: Any) -> dict[str, Any]:
        """The expectation's result from its metric's value (module docstring)."""
        columns: list[dict[str, Any]] = found
        return {
            "success": not columns,
            "result": {
                "observed_value": sum(int(c["count"]) for c in columns),
                "details": {"columns": columns},
            },
        }
