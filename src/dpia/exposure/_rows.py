"""What the exposure stage reads from a feed's rows: one definition, a backend per engine.

The exposure table (``_table``) and the re-identification figures (``_reidentification``) are
written once, over ``Rows``: the feed's columns and records, its pupils (``dpia.rules``'
``subject_codes``), the pupils with a filled cell in some columns, the cells too precise for an
agreed birth-date form, and the equivalence classes over some columns. ``PandasRows`` answers on
a pandas frame; ``SparkRows`` (``dpia.exposure._spark``) on a Spark DataFrame, running the same
rules on batches of rows and bringing back only counts (``_table`` picks one by the feed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np
import pandas as pd

from dpia.rules import Codes, Finding, Subjects, count_subjects, filled, subject_codes, too_precise


@dataclass(frozen=True)
class Classes:
    """The equivalence classes over some columns, as counts only."""

    sizes: Mapping[int, int]
    """Class size -> how many classes have that size."""
    diversity: Mapping[str, int]
    """Sensitive column -> the fewest distinct values in any class."""


class Rows(Protocol):
    """A feed's rows, as the exposure stage reads them (module docstring)."""

    @property
    def columns(self) -> tuple[str, ...]: ...

    @property
    def records(self) -> int: ...

    @property
    def subjects(self) -> Subjects:
        """The feed's distinct pupils (``dpia.rules.subject_codes``)."""
        ...

    def pupils(self, columns: Sequence[str]) -> int:
        """The distinct pupils with a filled cell in at least one of ``columns`` (0 for none)."""
        ...

    def pupils_each(self, groups: Sequence[Sequence[str]]) -> list[int]:
        """``pupils`` of each group of columns."""
        ...

    def too_precise(self, column: str, form: str) -> int:
        """``dpia.rules.too_precise`` of ``column``."""
        ...

    def classes(self, columns: Sequence[str], sensitive: Sequence[str]) -> Classes:
        """The classes of records with equal values in ``columns`` (all records one class when
        there are none), values compared exactly as received."""
        ...


class PandasRows:
    """``Rows`` of a pandas frame; ``findings`` are its scan's (needed for the pupils only)."""

    def __init__(self, frame: pd.DataFrame, findings: Sequence[Finding] = ()) -> None:
        self.frame = frame
        self.findings = tuple(findings)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(str(c) for c in self.frame.columns)

    @property
    def records(self) -> int:
        return len(self.frame)

    @cached_property
    def _counted(self) -> tuple[Codes, Subjects]:
        return subject_codes(self.frame, self.findings)

    @property
    def subjects(self) -> Subjects:
        return self._counted[1]

    def pupils(self, columns: Sequence[str]) -> int:
        if not columns:
            return 0
        codes = self._counted[0]
        return count_subjects(codes[np.logical_or.reduce([filled(self.frame[c]) for c in columns])])

    def pupils_each(self, groups: Sequence[Sequence[str]]) -> list[int]:
        return [self.pupils(columns) for columns in groups]

    def too_precise(self, column: str, form: str) -> int:
        return too_precise(self.frame[column], form)

    def classes(self, columns: Sequence[str], sensitive: Sequence[str]) -> Classes:
        frame = self.frame
        if columns:
            groups = frame.groupby(list(columns), dropna=False, sort=False)
            sizes = groups.size()
            diversity = {c: int(groups[c].nunique(dropna=False).min()) for c in sensitive}
        else:
            sizes = pd.Series([len(frame)])
            diversity = {c: int(frame[c].nunique(dropna=False)) for c in sensitive}
        counts = sizes.value_counts(sort=False)
        return Classes({int(s): int(n) for s, n in counts.items()}, diversity)
