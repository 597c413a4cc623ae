"""``expect_table_pupils_to_have_consent``: for a vendor whose legal basis is consent, the parents
of every pupil in the feed gave ``consent`` as the board's export records it (the column
``Toestemming <consent>``: "Ja"; "Nee" or nothing recorded is no consent).

Counts the distinct pupils without it, per school (``dpia.rules.check_consent``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from great_expectations.compatibility import pydantic

from dpia.minimise._classify import Linked
from dpia.minimise.expectations._base import TableMetric
from dpia.minimise.expectations._promise import PromiseExpectation
from dpia.rules import PromiseCheck, check_consent

METRIC = "dpia.pupils_without_consent"


class PupilsWithoutConsent(TableMetric):
    metric_name = METRIC
    value_keys = ("consent",)
    uses_link = True

    @classmethod
    def measure_linked(cls, linked: Linked, kwargs: dict[str, Any]) -> PromiseCheck:
        return check_consent(linked.link, linked.board, str(kwargs["consent"]))


class ExpectTablePupilsToHaveConsent(PromiseExpectation):
    """The parents of every pupil of the feed gave ``consent``."""

    consent: pydantic.StrictStr

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("consent",)
    args_keys: ClassVar[tuple[str, ...]] = ("consent",)
    template: ClassVar[str] = "The parents of every pupil gave consent '$consent'."
