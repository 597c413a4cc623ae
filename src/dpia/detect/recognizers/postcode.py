"""NL_POSTCODE: the Dutch postal code, a quasi-identifier."""

from __future__ import annotations

from presidio_analyzer import Pattern
from stdnum.nl import postcode

from dpia.detect.recognizers._base import DpiaPatternRecognizer

PATTERNS = [
    # In prose the letters must be capitals: "in 2015 en 2016" is not a postcode.
    Pattern("Postcode (prose)", r"(?<![\w-])[1-9]\d{3} ?(?-i:[A-Z]{2})(?![\w-])", 0.6),
    # A whole cell may be written in any case ("1234 ab").
    Pattern("Postcode (cell)", r"(?<=^\s*)[1-9]\d{3} ?[a-z]{2}(?=\s*$)", 0.6),
]

CONTEXT = [
    "postcode",
    "postcodes",
    "pc",
    "adres",
    "woonplaats",
    "zip",
    "zipcode",
    "postal code",
    "postcode woonadres",
]


class NlPostcodeRecognizer(DpiaPatternRecognizer):
    """``1234 AB``: four digits (no leading zero) and two letters, valid per ``stdnum.nl.postcode``.

    A BRIN code (``12AB``, ``12AB01``) identifies a school and never has four leading digits.
    """

    ENTITY = "NL_POSTCODE"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT

    def invalidate_result(self, pattern_text: str) -> bool:
        # Banned letter pairs (SA, SD, SS); a shape check only, no address register.
        return not postcode.is_valid(pattern_text.strip())
