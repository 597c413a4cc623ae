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
quasi-identifiers passes (k is reported as ``None``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import pandas as pd
from great_expectations.compatibility import pydantic

from dpia.minimise.expectations._base import TableExpectation, TableMetric
from dpia.register import QUASI_IDENTIFIERS
from dpia.rules import Finding, quasi_identifier_columns

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
        return {"k": None, "threshold": threshold, "columns": columns, "share_at_risk": 0.0}
    sizes = frame.groupby(columns, dropna=False, sort=False).size()
    return {
        "k": int(sizes.min()),
        "threshold": threshold,
        "columns": columns,
        "classes": len(sizes),
        "share_at_risk": int(sizes[sizes < threshold].sum()) / len(frame),
    }


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
