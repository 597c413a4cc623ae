"""Data subjects: which rows of a file are the same pupil, and how many pupils it holds.

One rule for the report's pupils per file (``dpia.job``) and the exposure stage's data subjects.
The pupils are counted on the first identifier column found, in the order of
``SUBJECT_IDENTIFIERS`` (the first column of that type: a second one, a teacher's ECK iD, names
someone else); else on the combinations of the name columns; else every row is one. Cells are
compared without their surrounding white space. A row whose identifier is blank or white space
still holds a pupil's data: it counts as one pupil of its own (the cautious count for a DPIA).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from dpia.rules._blanks import filled
from dpia.rules._findings import Finding

Codes = npt.NDArray[np.int64]

# Identifiers that name one pupil each, in the order they are trusted for counting pupils.
SUBJECT_IDENTIFIERS: tuple[str, ...] = ("ECK_ID", "STUDENT_NUMBER", "NL_BSN", "NL_ONDERWIJSNUMMER")


@dataclass(frozen=True)
class Subjects:
    """Distinct data subjects of a file, and what they were counted on."""

    count: int
    basis: str
    columns: tuple[str, ...]


def subject_codes(frame: pd.DataFrame, findings: Sequence[Finding]) -> tuple[Codes, Subjects]:
    """One code per row, equal for rows of the same pupil, and the pupils."""
    for kind in SUBJECT_IDENTIFIERS:
        columns = [f.name for f in findings if f.entity == kind]
        if columns:
            return _counted(frame, [columns[0]], kind)
    names = [f.name for f in findings if f.entity == "PERSON"]
    if names:
        return _counted(frame, names, "PERSON")
    codes = np.arange(len(frame), dtype=np.int64)
    return codes, Subjects(len(frame), "rows", ())


def count_subjects(codes: Codes) -> int:
    """The distinct pupils among rows with these ``codes``."""
    return int(np.unique(codes).size)


def _counted(frame: pd.DataFrame, columns: list[str], basis: str) -> tuple[Codes, Subjects]:
    values = frame[columns].apply(lambda column: column.astype(str).str.strip())
    codes = (
        values.groupby(columns, sort=False, dropna=False)
        .ngroup()
        .to_numpy(dtype=np.int64, copy=True)
    )
    blank = ~np.logical_or.reduce([filled(values[c]) for c in columns])
    # Past every group's number: each blank row a pupil of its own.
    codes[blank] = len(frame) + np.arange(int(blank.sum()), dtype=np.int64)
    return codes, Subjects(count_subjects(codes), basis, tuple(columns))
