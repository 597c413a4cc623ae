"""The column scan on Apache Spark (``--engine spark``): the pandas engine's findings, computed
where the data lives.

What grows with the rows runs on the executors, with the pandas engine's own code: each Spark
partition tallies its cells with ``ColumnTally``, as ``dpia scan --chunksize`` tallies a file's
chunks (each cell read as the scan reads it, its keyed hash, the ``size`` smallest kept with
exact counts). A value of a column's sample is in the sample of every partition that holds it
(a partition's values are a subset of the column's), with that partition's exact count; so Spark
merges the partitions' samples (summing counts, a small shuffle), keeps the ``size`` smallest per
column with a ranked window, and counts whether more distinct values were seen than kept. The
driver receives per column only that sample, the number of non-blank cells and that flag, builds
the same ``Tally`` the pandas engine builds (``sampled``: the same distinct-value estimate from
the same cut-off) and classifies it with the same code (``classify_tally``). So the findings are
the pandas engine's, byte for byte, whatever the partitioning.

With ``--full`` (``sample=None``) every distinct value is examined, and the recognizers run on the
executors: each partition summarises its values (``dpia.detect._evidence``: the pandas engine's
own summaries, which merge), and the driver merges one summary per partition and column and
classifies it with ``classify_evidence``, as the pandas engine classifies its one summary.

Hashes are unsigned 64-bit; Spark's longs are signed, so each is stored with its top bit flipped,
which keeps the order.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dpia.detect._evidence import NoteEvidence, ValueEvidence, smallest
from dpia.detect._headers import classify_header
from dpia.detect._masking import mask_many
from dpia.detect._scan import (
    DEFAULT_SAMPLE,
    DEFAULT_SEED,
    ColumnFinding,
    ScanResult,
    TallyFacts,
    about_people,
    classify_evidence,
    classify_tally,
    is_free_text,
    word_count,
)
from dpia.detect._tally import ColumnTally, Tally, cell_texts, sampled

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

    from dpia.load import SparkExport

_TOP_BIT = np.uint64(1 << 63)
_CELLS = "col int, text string, rows long"
_PARTIAL = "col int, text string, h long, rows long, over boolean"
_WORDS = "col int, rows long, words long"
_PARTS = "col int, part binary"


def scan_spark(
    export: SparkExport,
    *,
    sample: int | None = DEFAULT_SAMPLE,
    seed: int = DEFAULT_SEED,
    progress: Callable[[int], None] | None = None,
) -> ScanResult:
    """``scan`` of an export on Spark: the same findings (see the module docstring).

    ``progress`` is called once per column classified.
    """
    names = list(export.frame.columns)
    if sample is None:
        found = _full_scan(export.frame)
    else:
        found = (
            classify_tally(name, tally)
            for name, tally in zip(names, spark_tallies(export.frame, sample, seed), strict=True)
        )
    findings = []
    for finding in found:
        findings.append(finding)
        if progress is not None:
            progress(1)
    return ScanResult(provenance=export.provenance, columns=about_people(findings))


def spark_tallies(frame: DataFrame, size: int, seed: int | str) -> list[Tally]:
    """Per column, the tally ``ColumnTally`` gives over the same cells (module docstring)."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    names = list(frame.columns)
    parts = frame.mapInPandas(_tallier(names, size, seed), _PARTIAL)
    # Small (at most ``size`` values per column and partition); kept so that the three
    # summaries below read the partitions' tallies once.
    parts = parts.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        parts.count()
        values = (
            parts.where(F.col("text").isNotNull())
            .groupBy("col", "text")
            .agg(F.min("h").alias("h"), F.sum("rows").alias("rows"))
        )
        ranked = Window.partitionBy("col").orderBy("h", "text")
        kept = values.withColumn("rank", F.row_number().over(ranked)).where(F.col("rank") <= size)
        union = values.groupBy("col").agg(F.count(F.lit(1)).alias("distinct"))
        stats = (
            parts.where(F.col("text").isNull())
            .groupBy("col")
            .agg(F.sum("rows").alias("non_empty"), F.max(F.col("over").cast("int")).alias("over"))
        )
        rows = (
            kept.select("col", "text", "h", "rows", *_nulls("distinct", "over"))
            .unionByName(union.select("col", *_nulls("text", "h", "rows", "over"), "distinct"))
            .unionByName(
                stats.select(
                    "col",
                    *_nulls("text", "h", "distinct"),
                    F.col("non_empty").alias("rows"),
                    "over",
                )
            )
            .collect()
        )
    finally:
        parts.unpersist()
    samples: list[dict[str, tuple[int, int]]] = [{} for _ in names]
    seen = [0] * len(names)  # distinct values the parts kept together
    non_empty = [0] * len(names)
    over = [False] * len(names)
    for row in rows:
        position = row["col"]
        if row["text"] is not None:
            digest = int(np.int64(row["h"]).view(np.uint64) ^ _TOP_BIT)
            samples[position][row["text"]] = (digest, int(row["rows"]))
        elif row["distinct"] is not None:
            seen[position] = int(row["distinct"])
        else:
            non_empty[position] = int(row["rows"])
            over[position] = bool(row["over"])
    tallies = []
    for position, kept_values in enumerate(samples):
        # More values than the sample: some part had more, or the parts' values together do.
        more = over[position] or seen[position] > size
        cutoff = max(h for h, _ in kept_values.values()) if more else None
        tallies.append(sampled(kept_values, non_empty[position], cutoff))
    return tallies


def _nulls(*names: str) -> list[Column]:
    from pyspark.sql import functions as F

    types = {"text": "string", "over": "int"}
    return [F.lit(None).cast(types.get(name, "long")).alias(name) for name in names]


def _tallier(
    names: list[str], size: int, seed: int | str
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """Each partition's columns tallied by the pandas engine's ``ColumnTally``: its sample with
    hashes and exact counts, and one row of its non-blank cells and whether it saw more."""

    def tallies(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        counting = [ColumnTally(name, size, seed) for name in names]
        for batch in batches:
            for position, tally in enumerate(counting):
                tally.add(batch.iloc[:, position])
        for position, tally in enumerate(counting):
            kept, non_empty, over = tally.partial()
            digests = np.array([h for h, _ in kept.values()], dtype=np.uint64)
            yield pd.DataFrame(
                {
                    "col": np.full(len(kept) + 1, position, dtype=np.int32),
                    "text": [*kept, None],
                    "h": [*(digests ^ _TOP_BIT).view(np.int64).tolist(), None],
                    "rows": [*(n for _, n in kept.values()), non_empty],
                    "over": [*([None] * len(kept)), over],
                }
            )

    return tallies


def _full_scan(frame: DataFrame) -> Iterator[ColumnFinding]:
    """Every distinct value of every column examined (see the module docstring)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    names = list(frame.columns)
    distinct = _distinct(frame).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        stats = {
            row["col"]: row
            for row in distinct.mapInPandas(_words, _WORDS)
            .groupBy("col")
            .agg(
                F.count(F.lit(1)).alias("distinct"),
                F.sum("rows").alias("non_empty"),
                F.sum("words").alias("words"),
            )
            .collect()
        }
        notes = [
            position in stats
            and is_free_text(
                classify_header(name), stats[position]["distinct"], stats[position]["words"]
            )
            for position, name in enumerate(names)
        ]
        headers = [classify_header(name).entity for name in names]
        merged: dict[int, ValueEvidence | NoteEvidence] = {}
        parts = distinct.mapInPandas(_summariser(notes, headers), _PARTS).collect()
        for row in sorted(parts, key=lambda row: row["col"]):
            part = pickle.loads(row["part"])
            merged[row["col"]] = merged[row["col"]].merge(part) if row["col"] in merged else part
        for position, name in enumerate(names):
            counted = stats.get(position)
            facts = TallyFacts(
                non_empty=0 if counted is None else int(counted["non_empty"]),
                distinct=0 if counted is None else int(counted["distinct"]),
                examined=0 if counted is None else int(counted["distinct"]),
            )
            yield classify_evidence(
                name,
                facts,
                merged.get(position, ValueEvidence()),
                functools.partial(_masked, distinct, position),
            )
    finally:
        distinct.unpersist()


def _distinct(frame: DataFrame) -> DataFrame:
    """Each column's distinct non-blank values with their exact row counts."""
    from pyspark.sql import functions as F

    return frame.mapInPandas(_cells, _CELLS).groupBy("col", "text").agg(F.sum("rows").alias("rows"))


def _words(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for batch in batches:
        words = [word_count([text]) for text in batch["text"]]
        yield pd.DataFrame({"col": batch["col"], "rows": batch["rows"], "words": words})


def _summariser(
    notes: list[bool], headers: list[str | None]
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """Per batch and column, the pickled summary of its values (``dpia.detect._evidence``)."""

    def summaries(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            cols, parts = [], []
            for position, rows in batch.groupby("col").indices.items():
                values = batch["text"].to_numpy(dtype=object)[rows].tolist()
                part: ValueEvidence | NoteEvidence
                if notes[int(position)]:
                    counts = dict(zip(values, batch["rows"].to_numpy()[rows].tolist(), strict=True))
                    part = NoteEvidence.of(values, counts)
                else:
                    part = ValueEvidence.of(values, headers[int(position)])
                cols.append(int(position))
                parts.append(pickle.dumps(part))
            yield pd.DataFrame({"col": cols, "part": parts})

    return summaries


def _masked(distinct: DataFrame, position: int, entity: str) -> tuple[str, ...]:
    """The masked examples of all of a column's values as ``entity`` (a type the header decided
    that no value shows): the smallest per partition, then of those."""

    def smallest_masked(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield pd.DataFrame({"text": mask_many(batch["text"].tolist(), entity)}, dtype=object)

    column = distinct.where(distinct["col"] == position).select("text")
    found = column.mapInPandas(smallest_masked, "text string").collect()
    return smallest([row["text"] for row in found])


def _cells(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Each batch's non-blank cells, counted per column (counting here shrinks the shuffle)."""
    for batch in batches:
        for position in range(batch.shape[1]):
            texts = cell_texts(batch.iloc[:, position])
            counts = texts[texts != ""].value_counts(sort=False)
            if len(counts):
                yield pd.DataFrame(
                    {
                        "col": np.full(len(counts), position, dtype=np.int32),
                        "text": counts.index.to_numpy(dtype=object),
                        "rows": counts.to_numpy(dtype=np.int64),
                    }
                )
