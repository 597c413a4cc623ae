"""NATIONAL_ID: other countries' citizen numbers, validated by python-stdnum.

A US social security number written ``123-45-6789`` has a shape of its own and is reported on
its own when ``stdnum.us.ssn`` accepts it. Other forms (a German tax id, a French NIR, a Belgian
national number, a Spanish DNI, an Italian codice fiscale) count only under a
national-id header: their digits are also other numbers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from presidio_analyzer import Pattern

from dpia.detect.recognizers._base import DpiaPatternRecognizer

PATTERNS = [
    Pattern("US SSN (dashed)", r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])", 0.6),
    Pattern(
        "national number",
        r"^\s*(?=(?:[^0-9]*[0-9]){6})[0-9A-Za-z][0-9A-Za-z .\-/]{6,20}[0-9A-Za-z]\s*$",
        0.3,
    ),
]

CONTEXT = ["ssn", "social security", "national id", "passport", "nir", "dni"]


@functools.cache
def _validators() -> tuple[Callable[[str], bool], ...]:
    from stdnum.be import nn
    from stdnum.de import idnr
    from stdnum.es import dni
    from stdnum.fr import nir
    from stdnum.it import codicefiscale
    from stdnum.us import ssn

    return tuple(m.is_valid for m in (ssn, idnr, nir, nn, dni, codicefiscale))


class NationalIdRecognizer(DpiaPatternRecognizer):
    """A number one of python-stdnum's national-id modules accepts."""

    ENTITY = "NATIONAL_ID"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT
    # Its low-scoring patterns count only under its header; its validator never makes one certain.
    LOW_SCORES_NEED_HEADER = True

    def validate_result(self, pattern_text: str) -> bool | None:
        text = pattern_text.strip()
        return None if any(valid(text) for valid in _validators()) else False
