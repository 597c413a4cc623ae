"""Which entity type each column of a feed holds, handed to the expectations with the feed itself.

The expectations that reason about columns (allowed entities, dates of birth, k-anonymity,
identifier shapes) share one classification per validation: the ``dpia.column_findings`` metric.
It reads the findings from the DataFrame being validated: ``with_findings(frame, findings)``
attaches them as ``frame.attrs[FINDINGS]`` (pandas keeps ``attrs`` on the copies and slices Great
Expectations makes of the batch). That is how ``dpia run`` hands validation the scan its report
shows, and how tests hand it a classification of their own. A frame without findings, as a plain
Great Expectations user validates it, is classified by the project's column scanner
(``dpia.detect.scan_frame``), once per validation. Nothing else passes between the stages: no
context variable, and for a pandas frame no global.

The board's pupils, which the checks of the board's promises link each feed row to, come the same
way: ``with_board(frame, board)``. They are reference data read at validation time, never part
of a suite.

A Spark DataFrame has no ``attrs``, and GX's Spark dataframe asset takes exactly one batch
parameter, the DataFrame (batch metadata would be written into the result). GX does hand every
metric the very DataFrame object it was given (the batch's data, whole: the table domain applies
no filter). So a Spark validation runs inside ``handed_over(frame, findings, board)``: a
registry for the duration of one validation, keyed by that DataFrame object's identity (the
object itself held, so the identity stays unique), emptied when the validation ends, raised or
not; ``spark_findings`` and ``spark_board`` look them up. A Spark frame is never scanned here:
its findings come from a scan already made (``dpia.minimise.validate_vendor`` makes one with
``dpia.detect.scan_spark`` when it has none); a metric of a Spark frame validated without them
raises, and every expectation that depends on the findings fails (fail closed).

This module does not import Great Expectations or Spark.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from dpia.detect import scan_frame
from dpia.rules import BoardPupils, Finding, Linkage

if TYPE_CHECKING:
    from pyspark.sql import DataFrame as SparkFrame

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

    link: Linkage
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
    return _covering(found, [str(c) for c in frame.columns])


def _covering(found: Sequence[Finding], columns: list[str]) -> tuple[Finding, ...]:
    """``found`` in column order, when they name exactly ``columns``."""
    findings = {f.name: f for f in found}
    if set(findings) != set(columns):
        missing = sorted(set(columns) - set(findings))
        extra = sorted(set(findings) - set(columns))
        raise ValueError(
            f"the findings do not name exactly the feed's columns "
            f"(missing: {', '.join(missing) or '-'}; extra: {', '.join(extra) or '-'})"
        )
    return tuple(findings[name] for name in columns)


@dataclass(frozen=True, eq=False)
class _HandedOver:
    frame: SparkFrame
    findings: tuple[Finding, ...]
    board: BoardPupils | None


# Spark DataFrame identity -> what was handed over with it, for one validation's duration.
_HANDED_OVER: dict[int, _HandedOver] = {}


@contextmanager
def handed_over(
    frame: SparkFrame, findings: Sequence[Finding], board: BoardPupils | None
) -> Iterator[None]:
    """``findings`` (one per column) and ``board`` go with the Spark DataFrame ``frame`` to the
    metrics of the validations run inside (module docstring)."""
    if id(frame) in _HANDED_OVER:
        raise RuntimeError("this Spark DataFrame is being validated already")
    _HANDED_OVER[id(frame)] = _HandedOver(frame, tuple(findings), board)
    try:
        yield
    finally:
        del _HANDED_OVER[id(frame)]


def _handed(frame: SparkFrame) -> _HandedOver | None:
    handed = _HANDED_OVER.get(id(frame))
    return handed if handed is not None and handed.frame is frame else None


def spark_findings(frame: SparkFrame) -> tuple[Finding, ...]:
    """Every column's finding in frame order, as handed over with ``frame``; raises without."""
    handed = _handed(frame)
    if handed is None:
        raise ValueError(
            "a Spark DataFrame is validated with its columns' findings handed over "
            "(dpia.minimise.validate_vendor(findings=...)); it is not scanned here"
        )
    return _covering(handed.findings, list(frame.columns))


def spark_board(frame: SparkFrame) -> BoardPupils | None:
    """The board's pupils handed over with ``frame``, or ``None``."""
    handed = _handed(frame)
    return handed.board if handed is not None else None
