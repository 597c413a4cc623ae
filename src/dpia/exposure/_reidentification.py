"""Re-identification risk of one feed: k-anonymity, prosecutor risk and l-diversity.

Records with identical values in the quasi-identifier columns form an equivalence class; a
record's k is the size of its class. Over a feed:

* ``k``: the smallest class (the feed is k-anonymous for this k);
* ``share_below_5`` / ``share_below_threshold``: share of records in a class smaller than 5 (a
  common threshold) or than the k the agreement asks for;
* ``sample_uniqueness``: share of records alone in their class (k = 1);
* ``max_risk``: prosecutor risk of the most exposed record, 1 / k;
* ``avg_risk``: mean prosecutor risk over the records, which is classes / records;
* ``l_diversity``: per special-category column, the fewest distinct values in any class
  (distinct l-diversity; l = 1 means some class discloses its value to whoever finds the class).

Which columns count is ``dpia.rules.quasi_identifier_columns``, the judgement the validation's
k-anonymity check makes too, so both report the same k: those the scan typed as a
quasi-identifier (date of birth, postcode, gender, place, address, nationality), joined by group
and school columns (not personal, recognised by their header: ``groep``, ``klas``, ``brin``)
only next to a quasi-identifier.

Values are compared exactly as the vendor receives them (an empty cell is a value too).

A feed without quasi-identifiers is one class holding every record, so k equals the number of
records and ``quasi_identifiers`` is empty. That is the arithmetic, not a clean bill: k measures
only singling out by quasi-identifiers. Names, ECK iDs and pupil numbers identify a pupil by
design and are judged as attributes received (``dpia.exposure._table``), not here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dpia.exposure._rows import PandasRows, Rows
from dpia.rules import Finding

COMMON_K = (
    5  # the usual k-anonymity threshold (docs/exposure.md), reported beside the agreement's k
)


@dataclass(frozen=True)
class Reidentification:
    """Re-identification figures of one feed (see the module docstring)."""

    quasi_identifiers: tuple[str, ...]
    context: tuple[str, ...]
    records: int
    classes: int
    k: int
    threshold: int
    share_below_5: float
    share_below_threshold: float
    sample_uniqueness: float
    max_risk: float
    avg_risk: float
    l_diversity: Mapping[str, int] = field(default_factory=dict)

    @property
    def measured(self) -> bool:
        """Whether k was computed over at least one quasi-identifier."""
        return bool(self.quasi_identifiers)

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns the equivalence classes are formed over."""
        return (*self.quasi_identifiers, *self.context) if self.measured else ()

    @property
    def below_threshold(self) -> bool:
        """Quasi-identifiers single out more closely than the agreement's k allows."""
        return self.measured and self.k < self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {
            "quasi_identifiers": list(self.quasi_identifiers),
            "context_columns": list(self.context),
            "k_basis": "quasi_identifiers" if self.measured else "no_quasi_identifiers",
            "records": self.records,
            "classes": self.classes,
            "k_anonymity": self.k,
            "k_threshold": self.threshold,
            "share_k_below_5": round(self.share_below_5, 6),
            "share_k_below_threshold": round(self.share_below_threshold, 6),
            "sample_uniqueness": round(self.sample_uniqueness, 6),
            "max_risk": round(self.max_risk, 6),
            "avg_risk": round(self.avg_risk, 6),
            "l_diversity": dict(sorted(self.l_diversity.items())),
        }


def sensitive_columns(findings: Sequence[Finding]) -> tuple[str, ...]:
    """Columns holding art. 9/10 data as values, whose l-diversity is measured.

    Free text is left out: every note is worded differently, so its distinct values would count
    wordings, not sensitive values, and overstate the protection.
    """
    return tuple(f.name for f in findings if f.special is not None and f.entity != "FREE_TEXT")


def reidentification(
    frame: pd.DataFrame,
    quasi_identifiers: Sequence[str],
    *,
    context: Sequence[str] = (),
    sensitive: Sequence[str] = (),
    threshold: int = COMMON_K,
) -> Reidentification:
    """The re-identification figures of ``frame`` over the given columns (module docstring).

    ``context`` columns join only when there is at least one quasi-identifier. An empty frame has
    no records and no classes: every figure is 0.
    """
    return measure(
        PandasRows(frame),
        quasi_identifiers,
        context=context,
        sensitive=sensitive,
        threshold=threshold,
    )


def measure(
    rows: Rows,
    quasi_identifiers: Sequence[str],
    *,
    context: Sequence[str] = (),
    sensitive: Sequence[str] = (),
    threshold: int = COMMON_K,
) -> Reidentification:
    """``reidentification`` of a feed's rows on any engine: the figures follow from the number
    of classes of each size."""
    if threshold < 1:
        raise ValueError(f"threshold must be at least 1, not {threshold}")
    quasi = tuple(quasi_identifiers)
    joined = tuple(context) if quasi else ()
    missing = sorted({*quasi, *joined, *sensitive} - set(rows.columns))
    if missing:
        raise KeyError(f"no column(s) {', '.join(missing)} in the feed")
    records = rows.records
    if records == 0:
        return Reidentification(quasi, joined, 0, 0, 0, threshold, 0.0, 0.0, 0.0, 0.0, 0.0, {})
    classes = rows.classes([*quasi, *joined], sensitive)
    sizes = classes.sizes
    k = min(sizes)
    count = sum(sizes.values())

    def below(limit: int) -> float:
        """Share of the records in a class smaller than ``limit``."""
        return sum(size * n for size, n in sizes.items() if size < limit) / records

    return Reidentification(
        quasi_identifiers=quasi,
        context=joined,
        records=records,
        classes=count,
        k=k,
        threshold=threshold,
        share_below_5=below(COMMON_K),
        share_below_threshold=below(threshold),
        sample_uniqueness=sizes.get(1, 0) / records,
        max_risk=1 / k,
        avg_risk=count / records,
        l_diversity=dict(classes.diversity),
    )
