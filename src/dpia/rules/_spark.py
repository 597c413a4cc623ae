"""The rules on Spark (``--engine spark``): the same judgements, over a feed that Spark holds.

Each rule keeps its one home in this package: the functions here run the pandas rules
(``subject_keys``, ``filled``, ``too_precise``) unchanged on batches of rows on the executors
(``mapInPandas``), and leave Spark only the grouping, counting and summing. Only aggregates come
back to the driver, never a feed's rows; the board's own exports are the exception
(``spark_board_pupils``).

* ``subject_table``: one row per pupil of a feed (``subject_codes``' pupils), with per column
  whether any of the pupil's rows fills it; every count of distinct pupils is a count over it;
* ``spark_subjects``: the distinct pupils of a file (the pipeline's pupils per file);
* ``spark_column``: a column by its header as written;
* ``spark_too_precise``: ``too_precise`` over a whole column;
* ``spark_fill_rates``: ``fill_rates`` of a board export on Spark;
* ``spark_board_pupils``: ``board_pupils`` of board exports on Spark.

Importing this module imports no Spark.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, ClassVar

import pandas as pd

from dpia.rules._birthdates import too_precise
from dpia.rules._blanks import filled
from dpia.rules._findings import Finding
from dpia.rules._optional import QUESTION_SHARE, FillRate, optional_fields, rates_of
from dpia.rules._promises import BoardPupils, board_columns, board_pupils
from dpia.rules._subjects import Subjects, subject_columns, subject_keys

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame
    from pyspark.sql.types import StructType

_ROWS = "_rows"
_BLANK = "_blank"


def spark_column(name: str) -> Column:
    """The Spark column ``name`` as it is written: a header may hold dots or back ticks."""
    from pyspark.sql import functions as F

    return F.col("`" + name.replace("`", "``") + "`")


@dataclass(frozen=True, eq=False)
class SubjectTable:
    """The pupils of a feed on Spark: ``table`` has one row per pupil, its number of rows
    (``rows``) and, per column of ``columns``, whether one of its rows fills that column
    (``flag``)."""

    rows: ClassVar[str] = _ROWS
    table: DataFrame = field(repr=False)
    subjects_basis: str
    subjects_columns: tuple[str, ...]
    columns: tuple[str, ...]

    def flag(self, name: str) -> str:
        """The column of ``table`` saying whether a pupil has a filled cell in ``name``."""
        return f"_filled_{self.columns.index(name)}"


def subject_table(
    frame: DataFrame, findings: Sequence[Finding], columns: Sequence[str] = ()
) -> SubjectTable:
    """The pupils of ``frame`` as ``subject_codes`` tells them apart: rows with equal keys are
    one pupil, a row with blank keys (every row, counted on ``rows``) a pupil of its own.
    ``columns`` are the columns whose filled cells are flagged per pupil. Lazy: nothing runs
    until the table is read."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType, StringType, StructField, StructType

    basis, keys = subject_columns(findings)
    columns = tuple(columns)
    key_names = [f"_key_{i}" for i in range(len(keys))]
    flags = [f"_filled_{i}" for i in range(len(columns))]
    schema = StructType(
        [StructField(name, StringType(), False) for name in key_names]
        + [StructField(_BLANK, BooleanType(), False)]
        + [StructField(name, BooleanType(), False) for name in flags]
    )
    keyed = _map_batches(
        frame,
        list(dict.fromkeys([*keys, *columns])),
        partial(_keyed, keys=keys, columns=columns),
        schema,
    )
    grouped = (
        keyed.filter(~F.col(_BLANK))
        .groupBy(*key_names)
        .agg(F.count(F.lit(1)).alias(_ROWS), *[F.max(f).alias(f) for f in flags])
        .drop(*key_names)
    )
    alone = keyed.filter(F.col(_BLANK)).select(F.lit(1).cast("long").alias(_ROWS), *flags)
    # Without keys (counted on rows) every row is alone; a group-by over no key would still
    # give one row.
    table = grouped.unionByName(alone) if keys else alone
    return SubjectTable(table, basis, keys, columns)


def _map_batches(
    frame: DataFrame,
    columns: Sequence[str],
    per_batch: Callable[[pd.DataFrame], pd.DataFrame],
    schema: StructType,
) -> DataFrame:
    """``per_batch`` over the batches of rows of ``frame``'s ``columns``, on the executors.
    The columns travel under names of their position: pyspark's ``mapInPandas`` cannot name a
    header that holds a dot or a back tick."""
    from pyspark.sql import functions as F

    names = tuple(columns)
    # With no columns a marker column carries the rows: a batch of no columns has no rows.
    selected = [spark_column(c).alias(f"_c{i}") for i, c in enumerate(names)] or [F.lit(True)]
    positional = frame.select(selected)
    return positional.mapInPandas(partial(_each_batch, names=names, per_batch=per_batch), schema)


def _each_batch(
    batches: Iterator[pd.DataFrame],
    names: tuple[str, ...],
    per_batch: Callable[[pd.DataFrame], pd.DataFrame],
) -> Iterator[pd.DataFrame]:
    for batch in batches:
        if len(batch) == 0:
            continue
        batch = batch.iloc[:, : len(names)]
        batch.columns = list(names)
        yield per_batch(batch)


def _keyed(batch: pd.DataFrame, keys: tuple[str, ...], columns: tuple[str, ...]) -> pd.DataFrame:
    """Per row: the pupil's keys, whether they are blank, and which of ``columns`` it fills."""
    values, blank = subject_keys(batch, keys)
    out = {f"_key_{i}": values[c].to_numpy(dtype=object) for i, c in enumerate(keys)}
    out[_BLANK] = blank
    out.update({f"_filled_{i}": filled(batch[c]) for i, c in enumerate(columns)})
    return pd.DataFrame(out)


def spark_subjects(frame: DataFrame, findings: Sequence[Finding]) -> Subjects:
    """The distinct pupils of ``frame`` (``subject_codes``' ``Subjects``): one Spark job."""
    table = subject_table(frame, findings)
    return Subjects(table.table.count(), table.subjects_basis, table.subjects_columns)


def _batch_sums(
    frame: DataFrame,
    columns: Sequence[str],
    names: Sequence[str],
    counts: Callable[[pd.DataFrame], Sequence[int]],
) -> list[int]:
    """Per name, the sum over the batches of rows of ``frame``'s ``columns`` of
    ``counts(batch)`` (a rule counted on each batch on the executors); one job, one row back."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import LongType, StructField, StructType

    fields = [f"_n_{i}" for i in range(len(names))]
    schema = StructType([StructField(name, LongType(), False) for name in fields])
    summed = _map_batches(
        frame, columns, partial(_counted, fields=fields, counts=counts), schema
    ).agg(*[F.sum(f).alias(f) for f in fields])
    row = summed.first()
    return [int(row[f] or 0) if row is not None else 0 for f in fields]


def _counted(
    batch: pd.DataFrame, fields: list[str], counts: Callable[[pd.DataFrame], Sequence[int]]
) -> pd.DataFrame:
    return pd.DataFrame([list(counts(batch))], columns=fields, dtype="int64")


def spark_too_precise(frame: DataFrame, name: str, form: str) -> int:
    """``too_precise`` of column ``name`` of ``frame``: the sum of it over the batches."""
    (count,) = _batch_sums(frame, [name], [name], lambda batch: [too_precise(batch[name], form)])
    return count


def spark_fill_rates(
    export: str,
    frame: DataFrame,
    findings: Sequence[Finding],
    optional: Collection[str],
    threshold: float = QUESTION_SHARE,
) -> tuple[FillRate, ...]:
    """``fill_rates`` of a board export on Spark: rows and filled cells counted in one job."""
    fields = optional_fields(findings, optional)
    if not fields:
        return ()
    names = [f.name for f in fields]
    rows, *counts = _batch_sums(
        frame,
        names,
        ["rows", *names],
        lambda batch: [len(batch), *(int(filled(batch[c]).sum()) for c in names)],
    )
    return rates_of(export, rows, dict(zip(names, counts, strict=True)), fields, threshold)


def spark_board_pupils(exports: Sequence[tuple[DataFrame, Sequence[Finding]]]) -> BoardPupils:
    """``board_pupils`` of the board's exports on Spark.

    The board's own exports are small reference data (one row per pupil of the board, not a
    vendor's feed of millions): only the columns ``board_pupils`` reads (``board_columns``: keys,
    BRIN, leaving date, consents) are collected to the driver, and the rule runs there as it is.
    """
    frames = []
    for frame, findings in exports:
        wanted = board_columns(frame.columns, findings)
        if wanted:
            # Through Arrow, not toPandas: pyspark's own conversion warns under pandas 3.
            table = frame.select([spark_column(c) for c in wanted]).toArrow()
            frames.append((table.to_pandas(), findings))
        else:
            frames.append((pd.DataFrame(index=pd.RangeIndex(frame.count())), findings))
    return board_pupils(frames)
