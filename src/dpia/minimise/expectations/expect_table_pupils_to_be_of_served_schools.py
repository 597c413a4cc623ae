"""``expect_table_pupils_to_be_of_served_schools``: every pupil in the feed attends a school the
agreement covers, according to the board's export (not the feed's own BRIN column, which may be
stale or absent).

Counts the distinct pupils of other schools, per school (``dpia.rules.check_schools``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from great_expectations.compatibility import pydantic
from stdnum.nl import brin

from dpia.minimise._classify import Linked
from dpia.minimise.expectations._base import TableMetric
from dpia.minimise.expectations._promise import PromiseExpectation
from dpia.rules import PromiseCheck, check_schools

METRIC = "dpia.pupils_of_unserved_schools"


class PupilsOfUnservedSchools(TableMetric):
    metric_name = METRIC
    value_keys = ("schools",)
    uses_link = True

    @classmethod
    def measure_linked(cls, linked: Linked, kwargs: dict[str, Any]) -> PromiseCheck:
        return check_schools(linked.link, linked.board, list(kwargs["schools"]))


class ExpectTablePupilsToBeOfServedSchools(PromiseExpectation):
    """Every pupil of the feed attends one of ``schools`` (BRIN codes)."""

    schools: list[pydantic.StrictStr]

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("schools",)
    args_keys: ClassVar[tuple[str, ...]] = ("schools",)
    template: ClassVar[str] = "Every pupil attends one of the schools $schools (board's export)."

    @pydantic.validator("schools")
    def _brin_codes(cls, value: list[str]) -> list[str]:
        invalid = [code for code in value if not brin.is_valid(code)]
        if invalid or not value:
            raise ValueError(f"schools must be BRIN codes; not: {', '.join(invalid) or '(none)'}")
        return value
