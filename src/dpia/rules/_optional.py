"""Optional fields of the board's exports: how often they are filled.

A privacy statement may promise that parents need not give some data (the sample board's: "het
geven van deze informatie [geloofsovertuiging] aan de school is niet verplicht"). The register
names those data as entity types (``board.optional``, e.g. ``[RELIGION]``); each column of a
board export whose detected entity type is one of them is an optional field. A field filled for
nearly every pupil (``QUESTION_SHARE`` or more of the rows) is worth a question: is it really
asked as optional, or filled in by default?

Counts only: a cell is filled when it holds more than white space (``filled``); an answer such as
``Geen`` (none) counts as filled, since the parents gave it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dpia.rules._blanks import filled
from dpia.rules._findings import Finding

QUESTION_SHARE = 0.9
"""An optional field filled in at least this share of the rows raises a question."""


@dataclass(frozen=True)
class FillRate:
    """One optional field of one board export: how many rows hold a value."""

    export: str
    """The export's path inside the data folder."""
    column: str
    entity: str
    rows: int
    filled: int
    share: float
    """``filled / rows`` (0 for an export without rows)."""
    question: bool
    """Filled in ``QUESTION_SHARE`` or more of the rows."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "export": self.export,
            "column": self.column,
            "entity": self.entity,
            "rows": self.rows,
            "filled": self.filled,
            "share": self.share,
            "question": self.question,
        }


def fill_rates(
    export: str,
    frame: pd.DataFrame,
    findings: Sequence[Finding],
    optional: Collection[str],
    threshold: float = QUESTION_SHARE,
) -> tuple[FillRate, ...]:
    """Per column of ``frame`` whose entity type is in ``optional``, in column order: its rows,
    filled rows, their share and whether that share reaches ``threshold``."""
    fields = optional_fields(findings, optional)
    counts = {f.name: int(filled(frame[f.name]).sum()) for f in fields}
    return rates_of(export, len(frame), counts, fields, threshold)


def optional_fields(findings: Sequence[Finding], optional: Collection[str]) -> tuple[Finding, ...]:
    """The findings of the columns whose entity type is in ``optional``, in column order."""
    return tuple(f for f in findings if f.entity is not None and f.entity in optional)


def rates_of(
    export: str,
    rows: int,
    counts: Mapping[str, int],
    fields: Sequence[Finding],
    threshold: float = QUESTION_SHARE,
) -> tuple[FillRate, ...]:
    """The fill rate of each of ``fields`` from the export's ``rows`` and each column's filled
    cells (``counts``), however they were counted."""
    rates = []
    for field in fields:
        count = counts[field.name]
        share = count / rows if rows else 0.0
        rates.append(
            FillRate(export, field.name, str(field.entity), rows, count, share, share >= threshold)
        )
    return tuple(rates)
