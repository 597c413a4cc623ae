"""Birth-date precision: whether a date of birth is no more precise than an agreement allows.

One judgement for the validation's coarsening check and the exposure stage. The coarsened forms
themselves (a year, an age band) are detection's: ``dpia.detect.is_coarse`` and ``is_age_band``,
which the scanner also uses.
"""

from __future__ import annotations

import pandas as pd

from dpia.detect import is_age_band, is_coarse
from dpia.rules._blanks import filled


def fits(cell: str, form: str) -> bool:
    """Whether a filled ``cell`` is no more precise than ``form`` (``none``, ``year``,
    ``age_band``, ``full``) allows; an age band is coarser than a year, so ``year`` takes both."""
    if form == "full":
        return True
    if form == "age_band":
        return is_age_band(cell)
    if form == "year":
        return is_coarse(cell)
    return False


def too_precise(values: pd.Series, form: str) -> int:
    """How many filled cells of ``values`` are more precise than ``form`` allows."""
    counts = values[filled(values)].astype(str).value_counts(sort=False)
    return sum(int(n) for value, n in counts.items() if not fits(str(value), form))
