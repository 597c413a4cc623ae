"""The dpia metrics on Spark: per-cell counts by the same pandas functions, on the executors.

A per-cell check counts cells (how many hold a national id, how many are filled): such a count
adds up over any split of a column's cells, and every cell with the same text counts the same.
So ``column_counts`` has Spark count each column's distinct texts, and on the executors applies
the pandas check itself to batches of distinct texts that occur equally often, multiplying its
counts by that frequency. Each partition sums its counts; only those sums (per partition, column
and label) come back to the driver, never a cell. Importing this module imports no Spark.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

Counting = Callable[[str, pd.Series], Mapping[str, int]]
"""A per-cell check: from a column's name and cells, a count per label (labels, not cells)."""
_ROWS = ""  # the label under which ``column_counts`` counts every cell (no check's label)


def positional(frame: DataFrame) -> DataFrame:
    """``frame`` with its columns named ``c0``, ``c1``, ...: a header may hold a dot or a
    backtick, which Spark reads as syntax."""
    return frame.toDF(*(f"c{i}" for i in range(len(frame.columns))))


def column_counts(
    frame: DataFrame, columns: Sequence[str], count: Counting
) -> tuple[int, dict[str, dict[str, int]]]:
    """The feed's rows (0 without ``columns``) and, per column of ``columns``, ``count`` of its
    cells, as if applied to the whole column at once (module docstring)."""
    from pyspark.sql import functions as F

    if not columns:
        return 0, {}
    names = list(frame.columns)
    wanted = [names.index(column) for column in columns]
    cells = positional(frame).select(
        F.explode(
            F.array(*(F.struct(F.lit(i).alias("c"), F.col(f"c{i}").alias("v")) for i in wanted))
        ).alias("cell")
    )
    distinct = cells.groupBy("cell.c", "cell.v").agg(F.count(F.lit(1)).alias("n"))

    def counted(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        sums: Counter[tuple[int, str]] = Counter()
        for batch in batches:
            for (index, times), texts in batch.groupby(["c", "n"], sort=False):
                values = texts["v"].reset_index(drop=True)
                sums[int(index), _ROWS] += len(values) * int(times)
                for label, n in count(names[int(index)], values).items():
                    sums[int(index), label] += int(n) * int(times)
        yield pd.DataFrame(
            [(c, label, n) for (c, label), n in sums.items()], columns=["c", "label", "n"]
        )

    sums: Counter[tuple[int, str]] = Counter()
    for part in distinct.mapInPandas(counted, "c int, label string, n long").collect():
        sums[int(part["c"]), str(part["label"])] += int(part["n"])
    found: dict[str, dict[str, int]] = {column: {} for column in columns}
    rows = 0
    for (index, label), n in sums.items():
        if label == _ROWS:
            rows = n
        elif n:
            found[names[index]][label] = n
    return rows, found
