"""AGE: an age in years as a whole cell (``34``, ``34 jaar``, ``12 years``).

Any small number is an age by shape, so this counts only under an age header (leeftijd, age,
yrs); the scanner never types a column AGE by values alone.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from dpia.detect.recognizers._base import DpiaPatternRecognizer

PATTERNS = [
    Pattern(
        "age in years",
        r"^\s*(?:1[01]\d|120|\d{1,2})(?:[.,]\d)?(?:\s*(?:jaar|jr|years?|yrs?|y|j|ans|jahre))?\s*$",
        0.3,
    ),
]

CONTEXT = ["leeftijd", "age", "years", "jaar", "alter", "yrs"]


class AgeRecognizer(DpiaPatternRecognizer):
    """A number from 0 to 120, optionally with a unit of years, filling the cell."""

    ENTITY = "AGE"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT
    # Its low-scoring patterns count only under its header; its validator never makes one certain.
    LOW_SCORES_NEED_HEADER = True
