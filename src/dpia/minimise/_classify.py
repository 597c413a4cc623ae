"""Which entity type each column of a feed holds, handed to the expectations with the feed itself.

The expectations that reason about columns (allowed entities, dates of birth, k-anonymity,
identifier shapes) share one classification per validation: the ``dpia.column_findings`` metric.
It reads the findings from the DataFrame being validated: ``with_findings(frame, findings)``
attaches them as ``frame.attrs[FINDINGS]`` (pandas keeps ``attrs`` on the copies and slices Great
Expectations makes of the batch). That is how ``dpia run`` hands validation the scan its report
shows, and how tests hand it a classification of their own. A frame without findings, as a plain
Great Expectations user validates it, is classified by the project's column scanner
(``dpia.detect.scan_frame``), once per validation. Nothing else passes between the stages: no
global, no context variable.

The board's pupils, which the checks of the board's promises link each feed row to, come the same
way: ``with_board(frame, board)``. They are reference data read at validation time, never part
of a suite.

This module does not import Great Expectations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dpia.detect import scan_frame
from dpia.rules import BoardPupils, Finding, Link

FINDINGS = "dpia.findings"
BOARD = "dpia.board"


@dataclass(frozen=True)
class _Attached:
    """Findings in ``frame.attrs``: immutable, so the copies pandas makes of a frame share them
    instead of deep-copying them at every step."""

    findings: tuple[Finding, ...]

    def __deepcopy__(self, memo: dict[int, Any]) -> _Attached:
        return self


def with_findings(frame: pd.DataFrame, findings: Sequence[Finding]) -> pd.DataFrame:
    """A shallow copy of ``frame`` carrying ``findings`` (one per column) for validation."""
    carrying = frame.copy(deep=False)
    carrying.attrs[FINDINGS] = _Attached(tuple(findings))
    return carrying


@dataclass(frozen=True)
class _Board:
    """The board's pupils in ``frame.attrs``, shared (not copied) like ``_Attached``."""

    board: BoardPupils

    def __deepcopy__(self, memo: dict[int, Any]) -> _Board:
        return self


@dataclass(frozen=True, eq=False)
class Linked:
    """A feed's link to the board's pupils and the board itself (``None``: none handed over)."""

    link: Link
    board: BoardPupils | None


def with_board(frame: pd.DataFrame, board: BoardPupils) -> pd.DataFrame:
    """A shallow copy of ``frame`` carrying the board's pupils (``dpia.rules.board_pupils``) for
    the checks of the board's promises. They stay in memory: GX never writes a metric's value."""
    carrying = frame.copy(deep=False)
    carrying.attrs[BOARD] = _Board(board)
    return carrying


def attached_board(frame: pd.DataFrame) -> BoardPupils | None:
    """The board's pupils handed over with ``frame``, or ``None``."""
    attached = frame.attrs.get(BOARD)
    return attached.board if isinstance(attached, _Board) else None


def column_findings(frame: pd.DataFrame) -> tuple[Finding, ...]:
    """Every column's finding in frame order: those attached, else the column scanner's.

    The findings must cover exactly the frame's columns: a column left out would silently count as
    not personal, so a mismatch is an error (fail closed), never a pass.
    """
    attached = frame.attrs.get(FINDINGS)
    if isinstance(attached, _Attached):
        found: Sequence[Finding] = attached.findings
    else:
        found = scan_frame(frame)
    findings = {f.name: f for f in found}
    columns = [str(c) for c in frame.columns]
    if set(findings) != set(columns):
        missing = sorted(set(columns) - set(findings))
        extra = sorted(set(findings) - set(columns))
        raise ValueError(
            f"the findings do not name exactly the feed's columns "
            f"(missing: {', '.join(missing) or '-'}; extra: {', '.join(extra) or '-'})"
        )
    return tuple(findings[name] for name in columns)
