"""Coarsened dates of birth: the forms an agreement may allow instead of the full date.

One definition for the scanner (a year-of-birth column is still a birth-date column), the
validation's coarsening check and the exposure stage.
"""

from __future__ import annotations

import re

YEAR = re.compile(r"(?:19|20)\d{2}")
AGE_BAND = re.compile(
    r"\d{1,2}\s*(?:-|\u2013|tot|to)\s*\d{1,2}(?:\s*(?:jaar|jr\.?|years?|yrs?))?", re.IGNORECASE
)


def is_coarse(cell: str) -> bool:
    """A year of birth or an age band (``2015``, ``8-9``, ``6 tot 8 jaar``)."""
    value = cell.strip()
    return bool(YEAR.fullmatch(value) or AGE_BAND.fullmatch(value))


def fits(cell: str, form: str) -> bool:
    """Whether a filled ``cell`` is no more precise than ``form`` (``none``, ``year``,
    ``age_band``, ``full``) allows; an age band is coarser than a year, so ``year`` takes both."""
    if form == "full":
        return True
    value = cell.strip()
    if form == "age_band":
        return bool(AGE_BAND.fullmatch(value))
    if form == "year":
        return is_coarse(value)
    return False
