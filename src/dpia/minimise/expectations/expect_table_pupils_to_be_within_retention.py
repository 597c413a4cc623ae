"""``expect_table_pupils_to_be_within_retention``: no pupil in the feed left the school longer ago
than the agreed retention (an ISO 8601 period such as ``P3M``), measured on ``date``: the feed's
date, else the board export's, as the register gives them.

Counts the distinct pupils kept too long, per school, and the latest leaving date among them
(``dpia.rules.check_retention``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from great_expectations.compatibility import pydantic

from dpia.minimise._classify import Linked
from dpia.minimise.expectations._base import TableMetric
from dpia.minimise.expectations._promise import PromiseExpectation
from dpia.register import parse_duration
from dpia.rules import PromiseCheck, check_retention

METRIC = "dpia.pupils_kept_after_retention"


class PupilsKeptAfterRetention(TableMetric):
    metric_name = METRIC
    value_keys = ("retention", "date")
    uses_link = True

    @classmethod
    def measure_linked(cls, linked: Linked, kwargs: dict[str, Any]) -> PromiseCheck:
        date = kwargs.get("date")
        on = dt.date.fromisoformat(str(date)) if date else None
        period = parse_duration(str(kwargs["retention"]))
        return check_retention(linked.link, linked.board, period, on)


class ExpectTablePupilsToBeWithinRetention(PromiseExpectation):
    """No pupil of the feed left longer than ``retention`` before ``date``."""

    retention: pydantic.StrictStr
    date: pydantic.StrictStr | None = None

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("retention", "date")
    args_keys: ClassVar[tuple[str, ...]] = ("retention", "date")
    template: ClassVar[str] = "No pupil left longer than $retention before $date."

    @pydantic.validator("retention")
    def _period(cls, value: str) -> str:
        return parse_duration(value).text

    @pydantic.validator("date")
    def _day(cls, value: str | None) -> str | None:
        if value is not None:
            dt.date.fromisoformat(value)
        return value
