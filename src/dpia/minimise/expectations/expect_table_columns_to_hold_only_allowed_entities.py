"""``expect_table_columns_to_hold_only_allowed_entities``: no personal column beyond the agreement.

``expect_table_columns_to_match_set`` compares header names and would also reject the
non-personal columns (group, BRIN, licence code) an agreement never lists. This expectation reads
what each column *holds* (``dpia.column_findings``, from the column scanner): a column whose
detected entity type is not in ``allowed`` fails; columns without an entity type always pass. The
result names columns, entity types and how many cells are filled, never a value.
"""

from __future__ import annotations

from typing import Any, ClassVar

from great_expectations.compatibility import pydantic
from great_expectations.execution_engine.execution_engine import ExecutionEngine
from great_expectations.expectations.expectation import BatchExpectation
from great_expectations.render.components import LegacyRendererType, RenderedStringTemplateContent
from great_expectations.render.renderer.renderer import renderer

from dpia.minimise._column_findings import FINDINGS_METRIC, findings_of
from dpia.minimise._rendering import prescriptive
from dpia.register import ENTITY_NAMES


class ExpectTableColumnsToHoldOnlyAllowedEntities(BatchExpectation):
    """Every column's detected entity type is in ``allowed`` (or the column is not personal)."""

    allowed: list[pydantic.StrictStr]

    metric_dependencies: ClassVar[tuple[str, ...]] = (FINDINGS_METRIC, "table.row_count")
    success_keys: ClassVar[tuple[str, ...]] = ("allowed",)
    args_keys: ClassVar[tuple[str, ...]] = ("allowed",)

    @pydantic.validator("allowed")
    def _known_entities(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(ENTITY_NAMES))
        if unknown:
            raise ValueError(f"unknown entity type(s) {', '.join(unknown)}")
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
            "Personal columns hold only these entity types: $allowed.", configuration
        )

    def _validate(
        self,
        metrics: dict[str, Any],
        runtime_configuration: dict[str, Any] | None = None,
        execution_engine: ExecutionEngine[Any] | None = None,
    ) -> dict[str, Any]:
        allowed = set(self.allowed)
        rows = max(int(metrics["table.row_count"]), 1)
        excess = [
            {"column": f.name, "entity": f.entity, "count": f.filled, "share": f.filled / rows}
            for f in findings_of(metrics)
            if f.entity is not None and f.entity not in allowed
        ]
        return {
            "success": not excess,
            "result": {
                "observed_value": sorted({str(e["entity"]) for e in excess}),
                "details": {"columns": excess},
            },
        }
