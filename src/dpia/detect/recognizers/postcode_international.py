"""POSTCODE: postal codes of other countries, by shape (the Dutch one is ``postcode.py``).

Four or five digits are also years, counts and codes, so every shape here counts only under a
postcode header (zip, postal code, PLZ, code postal); a whole cell must match.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from dpia.detect.recognizers._base import DpiaPatternRecognizer

PATTERNS = [
    Pattern("US ZIP / five digits", r"^\s*\d{5}(?:-\d{4})?\s*$", 0.3),
    Pattern("four digits (BE, DK, CH, AT, NO, ...)", r"^\s*\d{4}\s*$", 0.3),
    Pattern("PT / PL / SE", r"^\s*(?:\d{4}-\d{3}|\d{2}-\d{3}|\d{3} \d{2})\s*$", 0.3),
    Pattern("UK", r"^\s*[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}\s*$", 0.3),
    Pattern("CA", r"^\s*[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d\s*$", 0.3),
]

CONTEXT = ["zip", "zipcode", "postal", "postcode", "plz", "postleitzahl", "code postal"]


class InternationalPostcodeRecognizer(DpiaPatternRecognizer):
    """The common postcode shapes of Europe and North America."""

    ENTITY = "POSTCODE"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT
    # Its low-scoring patterns count only under its header; its validator never makes one certain.
    LOW_SCORES_NEED_HEADER = True
