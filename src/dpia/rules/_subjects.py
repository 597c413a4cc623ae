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

from dpia.rules._blanks import Mask, filled
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
    basis, columns = subject_columns(findings)
    if not columns:
        codes = np.arange(len(frame), dtype=np.int64)
        return codes, Subjects(len(frame), basis, ())
    values, blank = subject_keys(frame, columns)
    codes = (
        values.groupby(list(columns), sort=False, dropna=False)
        .ngroup()
        .to_numpy(dtype=np.int64, copy=True)
    )
    # Past every group's number: each blank row a pupil of its own.
    codes[blank] = len(frame) + np.arange(int(blank.sum()), dtype=np.int64)
    return codes, Subjects(count_subjects(codes), basis, columns)


def subject_columns(findings: Sequence[Finding]) -> tuple[str, tuple[str, ...]]:
    """What pupils are counted on: the basis (an identifier type, ``PERSON`` or ``rows``) and
    its columns (none for ``rows``: every row is one pupil)."""
    for kind in SUBJECT_IDENTIFIERS:
        columns = [f.name for f in findings if f.entity == kind]
        if columns:
            return kind, (columns[0],)
    names = tuple(f.name for f in findings if f.entity == "PERSON")
    if names:
        return "PERSON", names
    return "rows", ()


def subject_keys(frame: pd.DataFrame, columns: Sequence[str]) -> tuple[pd.DataFrame, Mask]:
    """Per row, the cells of ``columns`` that tell pupils apart (without surrounding white
    space), and whether they are all blank (the row is then a pupil of its own, as is every row
    when there are no ``columns``). Row by row, so it gives the same keys on any batch of rows."""
    if not columns:
        return frame[[]], np.ones(len(frame), dtype=bool)
    values = frame[list(columns)].apply(lambda column: column.astype(str).str.strip())
    blank: Mask = ~np.logical_or.reduce([filled(values[c]) for c in columns])
    return values, blank


def count_subjects(codes: Codes) -> int:
    """The distinct pupils among rows with these ``codes``."""
    return int(np.unique(codes).size)
