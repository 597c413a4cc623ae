"""The column scan on Apache Spark (``--engine spark``): the pandas engine's findings, computed
where the data lives.

What grows with the rows runs on the executors, with the pandas engine's own functions applied
to batches: each cell read as the scan reads it (``cell_texts``), the distinct values counted
exactly (a Spark aggregation), each distinct value's keyed hash (``value_hashes``) and the
``size`` smallest per column (a ranked window, which Spark limits per partition before it
shuffles). The driver receives per column only the bottom-k sample with its exact row counts,
the number of non-blank cells and the number of distinct values, builds the same ``Tally`` the
pandas engine builds (``sampled``) and classifies it with the same code (``classify_tally``). So
the findings are the pandas engine's, byte for byte, whatever the partitioning.

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
from dpia.detect._tally import Tally, cell_texts, sample_key, sampled, value_hashes

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from dpia.load import SparkExport

_TOP_BIT = np.uint64(1 << 63)
_CELLS = "col int, text string, rows long"
_HASHED = "col int, text string, rows long, h long"
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


def spark_tallies(frame: DataFrame, size: int | None, seed: int | str) -> list[Tally]:
    """Per column, the tally ``ColumnTally`` gives over the same cells, in one Spark job."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    names = list(frame.columns)
    keys = [sample_key(name, seed) for name in names]
    distinct = (
        frame.mapInPandas(_cells, _CELLS).groupBy("col", "text").agg(F.sum("rows").alias("rows"))
    )
    kept = distinct.mapInPandas(_hasher(keys), _HASHED)
    if size is not None:
        ranked = Window.partitionBy("col").orderBy("h", "text")
        kept = kept.withColumn("rank", F.row_number().over(ranked)).where(F.col("rank") <= size)
    stats = distinct.groupBy("col").agg(
        F.count(F.lit(1)).alias("distinct"), F.sum("rows").alias("non_empty")
    )
    # One job: the stats and the sample share the aggregation's shuffle (Spark reuses the
    # exchange within a plan).
    rows = (
        kept.select("col", "text", "rows", "h", F.lit(None).cast("long").alias("distinct"))
        .unionByName(
            stats.select(
                "col",
                F.lit(None).cast("string").alias("text"),
                F.col("non_empty").alias("rows"),
                F.lit(None).cast("long").alias("h"),
                "distinct",
            )
        )
        .collect()
    )
    samples: list[dict[str, tuple[int, int]]] = [{} for _ in names]
    totals = [(0, 0)] * len(names)  # (non-blank cells, distinct values)
    for row in rows:
        if row["text"] is None:
            totals[row["col"]] = (int(row["rows"]), int(row["distinct"]))
        else:
            digest = int(np.int64(row["h"]).view(np.uint64) ^ _TOP_BIT)
            samples[row["col"]][row["text"]] = (digest, int(row["rows"]))
    tallies = []
    for kept_values, (non_empty, total) in zip(samples, totals, strict=True):
        over = size is not None and total > size
        cutoff = max(h for h, _ in kept_values.values()) if over else None
        tallies.append(sampled(kept_values, non_empty, cutoff))
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


def _hasher(keys: list[str]) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    def hashed(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            digests = np.empty(len(batch), dtype=np.uint64)
            texts = batch["text"].to_numpy(dtype=object)
            for position, rows in batch.groupby("col").indices.items():
                digests[rows] = value_hashes(texts[rows], keys[int(position)])
            yield batch.assign(h=(digests ^ _TOP_BIT).view(np.int64))

    return hashed
