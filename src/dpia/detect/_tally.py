"""The distinct values of one column, counted and sampled as its rows stream past.

The scan examines distinct values, by default a seeded sample of them. The sample is a *bottom-k*
sample: the ``size`` values with the smallest keyed hash (SipHash, keyed by the seed and the
column name). Which values it holds depends only on the set of values, not on the order or the
chunks they arrive in, so a file scanned in chunks gives exactly the findings of a whole-file
scan, while only about ``2 * size`` values per column are kept in memory.

A value that ends in the sample was taken in at its first occurrence and never dropped (the
cut-off only falls), so the row counts of the sampled values are exact. The number of distinct
values is exact up to the sample size and estimated from the sample beyond it (the k-minimum-
values estimator, about 3 % relative error at 1,000).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

_HASH_RANGE = float(2**64)


@dataclass(frozen=True)
class Tally:
    """What a column holds: the examined values (sorted) with their row counts."""

    examined: tuple[str, ...]
    counts: dict[str, int]
    non_empty: int
    distinct: int


def sample_key(name: str, seed: int | str) -> str:
    """The column's SipHash key (16 characters): from seed and column, so columns sample apart."""
    return hashlib.blake2b(f"{seed}:{name}".encode(), digest_size=8).hexdigest()


def cell_texts(column: pd.Series) -> pd.Series:
    """A column's cells as the scan reads them: text, surrounding whitespace stripped; blank
    cells become ``""`` and are not values."""
    return column.fillna("").astype(str).str.strip()


def value_hashes(texts: np.ndarray, key: str) -> np.ndarray:
    """The keyed 64-bit hash of each text that orders the bottom-k sample."""
    hashes: np.ndarray = pd.util.hash_array(texts, hash_key=key, categorize=False)
    return hashes


def sampled(
    kept: Mapping[str, tuple[int, int]], non_empty: int, cutoff: int | None = None
) -> Tally:
    """The tally of the kept values (value -> (hash, rows)); ``cutoff``, the largest kept hash,
    is given when more distinct values were seen than were kept."""
    examined = tuple(sorted(kept))
    distinct = len(examined)
    if cutoff is not None and distinct > 1:
        # k-minimum values: the k-th smallest of n uniform hashes sits near k / n.
        distinct = max(distinct, round((distinct - 1) * _HASH_RANGE / (cutoff + 1)))
    return Tally(
        examined=examined,
        counts={text: kept[text][1] for text in examined},
        non_empty=non_empty,
        distinct=distinct,
    )


class ColumnTally:
    """Accumulates one column; ``size=None`` keeps every distinct value."""

    def __init__(self, name: str, size: int | None, seed: int | str) -> None:
        self._size = size
        self._key = sample_key(name, seed)
        self._kept: dict[str, tuple[int, int]] = {}  # value -> (hash, rows)
        self._cutoff: int | None = None  # no kept value hashes above this
        self._non_empty = 0
        self._over = False  # more distinct values were seen than the sample holds

    def add(self, column: pd.Series) -> None:
        """Count one chunk of the column (text cells; blank cells are not values)."""
        values = cell_texts(column)
        counts = values[values != ""].value_counts(sort=False)
        self._non_empty += int(counts.sum())
        if counts.empty:
            return
        texts = counts.index.to_numpy(dtype=object)
        hashes = value_hashes(texts, self._key)
        if self._cutoff is not None:
            keep = hashes <= self._cutoff
            self._over = self._over or not bool(keep.all())
            texts, hashes, rows = texts[keep], hashes[keep], counts.to_numpy()[keep]
        else:
            rows = counts.to_numpy()
        kept = self._kept
        for text, digest, n in zip(texts.tolist(), hashes.tolist(), rows.tolist(), strict=True):
            old = kept.get(text)
            kept[text] = (digest, n if old is None else old[1] + n)
        if self._size is not None and len(kept) > 2 * self._size:
            self._prune(self._size)

    def result(self) -> Tally:
        """The sample and counts; the tally can go on counting afterwards."""
        kept, non_empty, over = self.partial()
        return sampled(kept, non_empty, self._cutoff if over else None)

    def partial(self) -> tuple[Mapping[str, tuple[int, int]], int, bool]:
        """The kept values (value -> (hash, rows)), the non-blank cells, and whether more distinct
        values were seen than kept: what tallies of parts of a column merge from (a value of the
        whole column's sample is in the sample of every part that holds it, with that part's
        exact count)."""
        if self._size is not None and len(self._kept) > self._size:
            self._prune(self._size)
        return self._kept, self._non_empty, self._over

    def _prune(self, size: int) -> None:
        ranked = sorted(self._kept.items(), key=lambda item: (item[1][0], item[0]))
        self._kept = dict(ranked[:size])
        self._cutoff = ranked[size - 1][1][0]
        self._over = True
