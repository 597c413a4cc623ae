"""Blank cells: an empty or whitespace-only cell holds nothing, wherever it is counted."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

Mask = npt.NDArray[np.bool_]


def filled(values: pd.Series) -> Mask:
    """Per cell of ``values``: whether it holds more than white space."""
    mask: Mask = values.astype(str).str.strip().ne("").to_numpy(dtype=bool)
    return mask
