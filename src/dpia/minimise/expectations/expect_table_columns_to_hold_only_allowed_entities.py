"""``expect_table_columns_to_hold_only_allowed_entities``: no personal column beyond the agreement.

``expect_table_columns_to_match_set`` compares header names and would also reject the
non-personal columns (group, BRIN, licence code) an agreement never lists. This expectation reads
what each column *holds* (``dpia.column_findings``): whether a column may be sent is
``dpia.rules.excess_entities``, the judgement the exposure stage makes too. A column whose entity
type is not in ``allowed`` fails; so does an allowed free-text column whose notes mention a type
beyond ordinary data that ``allowed`` does not list; columns without an entity type always pass.
The result names columns, entity types and how many cells are filled (for a type found in notes:
the scan's mentions, at most the filled cells), never a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from great_expectations.compatibility import pydantic

from dpia.minimise.expectations._base import TableExpectation, TableMetric
from dpia.minimise.expectations._spark import column_counts
from dpia.register import ENTITY_NAMES
from dpia.rules import Finding, excess_entities, filled

if TYPE_CHECKING:
    from pyspark.sql import DataFrame as SparkFrame

METRIC = "dpia.columns_beyond_agreement"


def columns_beyond(
    frame: pd.DataFrame, findings: tuple[Finding, ...], allowed: list[str]
) -> list[dict[str, Any]]:
    """Per column and entity type the agreement does not allow: how many cells hold it."""
    beyond = _beyond(findings, allowed)
    filled_cells = {finding.name: int(filled(frame[finding.name]).sum()) for finding, _ in beyond}
    return _listed(beyond, filled_cells, len(frame))


def _beyond(
    findings: tuple[Finding, ...], allowed: list[str]
) -> list[tuple[Finding, tuple[str, ...]]]:
    """The columns holding entity types ``allowed`` does not list, with those types."""
    found = ((finding, excess_entities(finding, allowed)) for finding in findings)
    return [(finding, excess) for finding, excess in found if excess]


def _listed(
    beyond: list[tuple[Finding, tuple[str, ...]]], filled_cells: Mapping[str, int], rows: int
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for finding, excess in beyond:
        cells = filled_cells[finding.name]
        for kind in excess:
            count = cells if kind == finding.entity else min(finding.mentions[kind], cells)
            found.append(
                {
                    "column": finding.name,
                    "entity": kind,
                    "count": count,
                    "share": count / max(rows, 1),
                }
            )
    return found


def _filled(column: str, cells: pd.Series) -> Mapping[str, int]:
    return {"filled": int(filled(cells).sum())}


class ColumnsBeyondAgreement(TableMetric):
    metric_name = METRIC
    value_keys = ("allowed",)
    uses_findings = True

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return columns_beyond(frame, findings, list(kwargs["allowed"]))

    @classmethod
    def measure_spark(
        cls, frame: SparkFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        beyond = _beyond(findings, list(kwargs["allowed"]))
        rows, counts = column_counts(frame, [finding.name for finding, _ in beyond], _filled)
        filled_cells = {name: found.get("filled", 0) for name, found in counts.items()}
        return _listed(beyond, filled_cells, rows)


class ExpectTableColumnsToHoldOnlyAllowedEntities(TableExpectation):
    """Every column's detected entity type is in ``allowed`` (or the column is not personal)."""

    allowed: list[pydantic.StrictStr]

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("allowed",)
    args_keys: ClassVar[tuple[str, ...]] = ("allowed",)
    template: ClassVar[str] = "Personal columns hold only these entity types: $allowed."

    @pydantic.validator("allowed")
    def _known_entities(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(ENTITY_NAMES))
        if unknown:
            raise ValueError(f"unknown entity type(s) {', '.join(unknown)}")
        return value

    def result(self, found: Any) -> dict[str, Any]:
        columns: list[dict[str, Any]] = found
        return {
            "success": not columns,
            "result": {
                "observed_value": sorted({str(c["entity"]) for c in columns}),
                "details": {"columns": columns},
            },
        }
