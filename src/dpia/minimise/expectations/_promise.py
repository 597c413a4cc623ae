"""What the four checks of the board's promises share: their result from a ``PromiseCheck``.

Each check is a metric over ``dpia.board_link`` (``_base.BoardLink``) and an expectation that
passes only when the check could be made and found nothing: a feed that cannot be linked to the
board's pupils, or a board export without what a check needs, fails with the reason ("cannot be
verified"), never passes. The result holds counts per school and the check's terms, no key and no
value.
"""

from __future__ import annotations

from typing import Any

from dpia.minimise.expectations._base import TableExpectation
from dpia.rules import PromiseCheck


class PromiseExpectation(TableExpectation):
    """Base of the checks of the board's promises; a subclass names its metric and template."""

    def result(self, found: Any) -> dict[str, Any]:
        check: PromiseCheck = found
        return {
            "success": check.verifiable and check.count == 0,
            "result": {"observed_value": check.count, "details": check.to_dict()},
        }
