"""The board's promises on Spark: a feed's rows linked to the board's pupils, by joins.

``link_spark`` gives what ``link_rows`` gives the checks (a ``Linkage``), by the same rules in
``dpia.rules._promises``: on the executors, each batch of rows gets its normalised keys from
``key_values`` and, once Spark knows which key kinds link any row, its pupil from
``decide_rows`` (the key order). Spark looks the keys up by joining them with the board's keys
(a small table, broadcast) and counts. Only counts and the distinct linked pupils (at most the
board's pupils) come back to the driver; no key and no cell does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dpia.rules._findings import Finding
from dpia.rules._promises import (
    BoardPupils,
    Positions,
    board_key_sources,
    decide_rows,
    key_values,
    link_outcome,
    verifiable,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

_NONE: Positions = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class SparkLink:
    """A feed's link to the board's pupils, counted on Spark (a ``Linkage``; ``Link``'s fields
    without a pupil per row)."""

    basis: str | None
    columns: tuple[str, ...]
    rows: int
    linked: int
    pupils: Positions = field(repr=False)
    reason: str | None = None
    by_key: dict[str, int] = field(default_factory=dict)
    key_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def verifiable(self) -> bool:
        return verifiable(self.reason)


def link_spark(
    frame: DataFrame, findings: Sequence[Finding], board: BoardPupils | None
) -> SparkLink:
    """Each row of ``frame`` (a feed on Spark, every cell text) linked to a pupil of ``board``
    by the strongest key the row holds and both share, as ``link_rows`` links it; in counts."""
    if board is None or board.pupils == 0:
        return SparkLink(None, (), frame.count(), 0, _NONE, "no_board")
    sources = board_key_sources(findings, board)
    if not sources:
        return _link(sources, [], frame.count(), _NONE, {})
    # Read twice (which kinds link, then each row's pupil): the keys are normalised once.
    keyed = _looked_up(_keyed(frame, sources), board, sources).persist()
    try:
        rows, hits = _hits(keyed, len(sources))
        shared = [i for i, hit in enumerate(hits) if hit]  # kinds linking no row are not shared
        pupils, linked_by = _decided(keyed, shared) if shared else (_NONE, {})
    finally:
        keyed.unpersist()
    return _link(sources, shared, rows, pupils, linked_by)


def _link(
    sources: Sequence[tuple[str, tuple[str, ...]]],
    shared: Sequence[int],
    rows: int,
    pupils: Positions,
    linked_by: dict[int, int],
) -> SparkLink:
    """The link from the counts: the key kinds tried (``sources``), those shared (by index),
    the feed's rows, the distinct pupils linked and the rows each shared kind linked."""
    tried = [column for _, columns in sources for column in columns]
    by_kind = {sources[i][0]: n for i, n in linked_by.items()}
    outcome = link_outcome([sources[i] for i in shared], by_kind, tried, rows)
    basis, columns, reason, by_key, key_columns = outcome
    linked = sum(linked_by.values())
    return SparkLink(basis, columns, rows, linked, pupils, reason, by_key, key_columns)


def _keyed(frame: DataFrame, sources: Sequence[tuple[str, tuple[str, ...]]]) -> DataFrame:
    """Per row, the normalised key of each kind of ``sources`` (``k0``, ``k1``, ...; "" blank)."""
    needed = list(dict.fromkeys(c for _, columns in sources for c in columns))
    # Positional names: a header may hold a dot or a backtick, which Spark reads as syntax.
    names = list(frame.columns)
    renamed = frame.toDF(*(f"c{i}" for i in range(len(names))))
    renamed = renamed.select(*(f"c{names.index(c)}" for c in needed))
    schema = ", ".join(f"k{i} string" for i in range(len(sources)))

    def keys(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            batch.columns = pd.Index(needed)
            yield pd.DataFrame(
                {
                    f"k{i}": key_values(batch, columns, kind).to_pandas()
                    for i, (kind, columns) in enumerate(sources)
                },
                index=range(len(batch)),
            )

    return renamed.mapInPandas(keys, schema)


def _looked_up(
    keyed: DataFrame, board: BoardPupils, sources: Sequence[tuple[str, tuple[str, ...]]]
) -> DataFrame:
    """``keyed`` with, per kind, the pupil (board row) its key names (``p0``, ...; null: none)."""
    from pyspark.sql import functions as F

    session = keyed.sparkSession
    for i, (kind, _) in enumerate(sources):
        distinct, pupil = board.keys[kind]
        table = session.createDataFrame(
            pd.DataFrame({f"b{i}": distinct.to_pandas(), f"p{i}": pupil}),
            schema=f"b{i} string, p{i} long",
        )
        keyed = keyed.join(F.broadcast(table), keyed[f"k{i}"] == table[f"b{i}"], "left")
        keyed = keyed.drop(f"b{i}")
    return keyed


def _hits(keyed: DataFrame, kinds: int) -> tuple[int, list[bool]]:
    """The feed's rows, and per kind whether its key names a pupil on any row."""
    from pyspark.sql import functions as F

    counts = [F.count(F.col(f"p{i}")).alias(f"h{i}") for i in range(kinds)]
    (row,) = keyed.agg(F.count(F.lit(1)).alias("rows"), *counts).collect()
    return int(row["rows"]), [bool(row[f"h{i}"]) for i in range(kinds)]


def _decided(keyed: DataFrame, shared: Sequence[int]) -> tuple[Positions, dict[int, int]]:
    """The distinct pupils linked, sorted, and the rows each shared kind (by index) linked."""
    from pyspark.sql import functions as F

    def decide(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            candidates = [
                (
                    batch[f"k{i}"].ne("").to_numpy(dtype=bool),
                    batch[f"p{i}"].fillna(-1).to_numpy(dtype=np.int64),
                )
                for i in shared
            ]
            positions, basis = decide_rows(len(batch), candidates)
            # ``basis`` indexes ``shared``: back to the kind's index in the sources.
            kinds = np.asarray(shared, dtype=np.int64)[np.maximum(basis, 0)]
            yield pd.DataFrame({"pupil": positions, "kind": np.where(basis >= 0, kinds, -1)})

    columns = [c for i in shared for c in (f"k{i}", f"p{i}")]
    decided = keyed.select(*columns).mapInPandas(decide, "pupil long, kind long")
    groups = decided.groupBy("pupil", "kind").agg(F.count(F.lit(1)).alias("n")).collect()
    linked_by: dict[int, int] = {}
    for group in groups:
        if group["kind"] >= 0:
            linked_by[int(group["kind"])] = linked_by.get(int(group["kind"]), 0) + int(group["n"])
    pupils: Positions = np.unique(
        np.array([int(g["pupil"]) for g in groups if g["pupil"] >= 0], dtype=np.int64)
    )
    return pupils, linked_by
