"""``Rows`` on Spark: the exposure stage's reads of a feed that Spark holds (``--engine spark``).

The pupils are ``dpia.rules.subject_table`` (the rules' own keys and blanks, computed on batches
of rows on the executors), cached while the exposure of the feed is computed: one pass over the
feed gives the pupils, the records and the pupils per column; a category's pupils are one count
over the cached table. Equivalence classes are a group-by over the feed, summarised in Spark to
the number of classes of each size (at most about sqrt(2 x records) sizes) and the fewest distinct
sensitive values. No row of the feed, and no class, comes back to the driver.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dpia.exposure._rows import Classes
from dpia.rules import Finding, Subjects, spark_column, spark_too_precise, subject_table

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

_SIZE = "_size"


class SparkRows:
    """``Rows`` of a Spark DataFrame of text cells; ``close`` frees the cached pupils."""

    def __init__(self, frame: DataFrame, findings: Sequence[Finding]) -> None:
        from pyspark import StorageLevel
        from pyspark.sql import functions as F

        self.frame = frame
        self.columns = tuple(frame.columns)
        pupils = subject_table(frame, findings, self.columns)
        self._pupils = pupils
        self._table = pupils.table.persist(StorageLevel.MEMORY_AND_DISK)
        summary = self._table.agg(
            F.count(F.lit(1)).alias("_subjects"),
            F.sum(pupils.rows).alias("_records"),
            *[
                F.sum(F.col(pupils.flag(c)).cast("long")).alias(pupils.flag(c))
                for c in self.columns
            ],
        ).first()
        assert summary is not None  # a global aggregate has one row
        self.records = int(summary["_records"] or 0)
        self.subjects = Subjects(
            int(summary["_subjects"]), pupils.subjects_basis, pupils.subjects_columns
        )
        self._filled = {c: int(summary[pupils.flag(c)] or 0) for c in self.columns}
        self._counted: dict[tuple[str, ...], int] = {}

    def pupils(self, columns: Sequence[str]) -> int:
        return self.pupils_each([columns])[0]

    def pupils_each(self, groups: Sequence[Sequence[str]]) -> list[int]:
        """One column's pupils were counted with the table; the pupils of several columns
        together are counted in one job for every group asked."""
        from pyspark.sql import functions as F

        wanted = list(dict.fromkeys(tuple(g) for g in groups if len(g) > 1))
        missing = [g for g in wanted if g not in self._counted]
        if missing:
            flag = self._pupils.flag
            counts = self._table.agg(
                *[
                    F.count_if(functools.reduce(operator.or_, [F.col(flag(c)) for c in g]))
                    for g in missing
                ]
            ).first()
            assert counts is not None  # a global aggregate has one row
            self._counted.update((g, int(counts[i])) for i, g in enumerate(missing))
        return [
            0 if not g else self._filled[g[0]] if len(g) == 1 else self._counted[tuple(g)]
            for g in groups
        ]

    def too_precise(self, column: str, form: str) -> int:
        return spark_too_precise(self.frame, column, form)

    def classes(self, columns: Sequence[str], sensitive: Sequence[str]) -> Classes:
        from pyspark.sql import functions as F

        # Cells are never null (blank is ""), so countDistinct counts what nunique counts.
        measures = [F.count(F.lit(1)).alias(_SIZE)] + [
            F.countDistinct(spark_column(c)).alias(f"_l_{i}") for i, c in enumerate(sensitive)
        ]
        if columns:
            grouped = self.frame.groupBy(*[spark_column(c) for c in columns]).agg(*measures)
        else:
            grouped = self.frame.agg(*measures)
        by_size = (
            grouped.groupBy(_SIZE)
            .agg(
                F.count(F.lit(1)).alias("_classes"),
                *[F.min(f"_l_{i}").alias(f"_l_{i}") for i in range(len(sensitive))],
            )
            .collect()
        )
        return Classes(
            {int(row[_SIZE]): int(row["_classes"]) for row in by_size},
            {c: min(int(row[f"_l_{i}"]) for row in by_size) for i, c in enumerate(sensitive)},
        )

    def close(self) -> None:
        self._table.unpersist()
