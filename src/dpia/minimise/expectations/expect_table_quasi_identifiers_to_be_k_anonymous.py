"""``expect_table_quasi_identifiers_to_be_k_anonymous``: nobody singled out by the quasi-identifiers.

The columns are ``dpia.rules.quasi_identifier_columns``, as the exposure stage takes them, so both
report the same k: those whose detected entity type is in ``quasi_identifiers``
(``dpia.register.QUASI_IDENTIFIERS``: address, postcode, place, date of birth, gender,
nationality), joined by the non-personal group and school columns (a header phrase in
``context_headers``, e.g. ``groep``, ``brin``) only when at least one such column is present: on
their own they split the pupils into classes of a whole group, which singles nobody out, but next
to a date of birth they narrow every class down. Equivalence classes are the rows with identical
values in those columns; ``k`` is the size of the smallest. The result gives k, the threshold, the
columns and the share of rows in a class smaller than the threshold, never a value. A feed without
quasi-identifiers passes (k is reported as ``None``). On Spark the classes are a group-by.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from great_expectations.compatibility import pydantic

from dpia.minimise.expectations._base import TableExpectation, TableMetric
from dpia.minimise.expectations._spark import positional
from dpia.register import QUASI_IDENTIFIERS
from dpia.rules import Finding, quasi_identifier_columns

if TYPE_CHECKING:
    from pyspark.sql import DataFrame as SparkFrame

METRIC = "dpia.k_anonymity"


def k_anonymity(
    frame: pd.DataFrame,
    findings: tuple[Finding, ...],
    quasi_identifiers: list[str],
    context_headers: list[str],
    threshold: int,
) -> dict[str, Any]:
    """k, the columns it is computed over, and the share of rows in classes below ``threshold``."""
    quasi, context = quasi_identifier_columns(findings, quasi_identifiers, context_headers)
    columns = [*quasi, *context]
    if not columns or frame.empty:
        return _summary(columns, threshold, None)
    sizes = frame.groupby(columns, dropna=False, sort=False).size()
    classes = (int(sizes.min()), len(sizes), int(sizes[sizes < threshold].sum()), len(frame))
    return _summary(columns, threshold, classes)


def _summary(
    columns: list[str], threshold: int, classes: tuple[int, int, int, int] | None
) -> dict[str, Any]:
    """The metric from the equivalence classes: the smallest's size, how many, the rows in those
    below ``threshold``, and all rows (``None``: no classes)."""
    if classes is None:
        return {"k": None, "threshold": threshold, "columns": columns, "share_at_risk": 0.0}
    k, count, at_risk, rows = classes
    return {
        "k": k,
        "threshold": threshold,
        "columns": columns,
        "classes": count,
        "share_at_risk": at_risk / rows,
    }


def k_anonymity_spark(
    frame: SparkFrame,
    findings: tuple[Finding, ...],
    quasi_identifiers: list[str],
    context_headers: list[str],
    threshold: int,
) -> dict[str, Any]:
    """``k_anonymity`` of a feed on Spark: the classes are a group-by, summed up in Spark."""
    from pyspark.sql import functions as F

    quasi, context = quasi_identifier_columns(findings, quasi_identifiers, context_headers)
    columns = [*quasi, *context]
    if not columns:
        return _summary(columns, threshold, None)
    names = list(frame.columns)
    sizes = positional(frame).groupBy(*(f"c{names.index(c)}" for c in columns)).count()
    (row,) = sizes.agg(
        F.min("count").alias("k"),
        F.count(F.lit(1)).alias("classes"),
        F.sum(F.when(F.col("count") < threshold, F.col("count")).otherwise(0)).alias("at_risk"),
        F.sum("count").alias("rows"),
    ).collect()
    if not row["classes"]:
        return _summary(columns, threshold, None)
    classes = (int(row["k"]), int(row["classes"]), int(row["at_risk"]), int(row["rows"]))
    return _summary(columns, threshold, classes)


class KAnonymity(TableMetric):
    metric_name = METRIC
    value_keys = ("quasi_identifiers", "context_headers", "threshold")
    uses_findings = True

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> dict[str, Any]:
        return k_anonymity(
            frame,
            findings,
            list(kwargs["quasi_identifiers"]),
            list(kwargs["context_headers"]),
            int(kwargs["threshold"]),
        )

    @classmethod
    def measure_spark(
        cls, frame: SparkFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> dict[str, Any]:
        return k_anonymity_spark(
            frame,
            findings,
            list(kwargs["quasi_identifiers"]),
            list(kwargs["context_headers"]),
            int(kwargs["threshold"]),
        )


class ExpectTableQuasiIdentifiersToBeKAnonymous(TableExpectation):
    """Every row shares its quasi-identifier values with at least ``threshold - 1`` other rows."""

    threshold: pydantic.StrictInt
    quasi_identifiers: list[pydantic.StrictStr]
    context_headers: list[pydantic.StrictStr]

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("threshold", "quasi_identifiers", "context_headers")
    args_keys: ClassVar[tuple[str, ...]] = ("threshold", "quasi_identifiers", "context_headers")
    template: ClassVar[str] = (
        "The quasi-identifier columns ($quasi_identifiers; with them group and school) are "
        "$threshold-anonymous."
    )

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

    def result(self, found: Any) -> dict[str, Any]:
        k = found["k"]
        return {
            "success": k is None or k >= self.threshold,
            "result": {"observed_value": k, "details": found},
        }
