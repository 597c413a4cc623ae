"""``expect_table_rows_to_match_board_pupils``: every row of the feed is a pupil of the board's
exports, matched on the strongest key both hold (``dpia.rules.link_rows``: ECK iD, pupil number,
BSN, or surname plus date of birth as a last resort). A row with a blank key counts as unmatched.

Counts the rows, not pupils: an unmatched row has no pupil to count.
"""

from __future__ import annotations

from typing import Any, ClassVar

from dpia.minimise._classify import Linked
from dpia.minimise.expectations._base import TableMetric
from dpia.minimise.expectations._promise import PromiseExpectation
from dpia.rules import PromiseCheck, check_unmatched

METRIC = "dpia.rows_matching_no_pupil"


class RowsMatchingNoPupil(TableMetric):
    metric_name = METRIC
    uses_link = True

    @classmethod
    def measure_linked(cls, linked: Linked, kwargs: dict[str, Any]) -> PromiseCheck:
        return check_unmatched(linked.link)


class ExpectTableRowsToMatchBoardPupils(PromiseExpectation):
    """Every row of the feed is a pupil of the board's exports."""

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    template: ClassVar[str] = "Every row is a pupil of the board's exports."
