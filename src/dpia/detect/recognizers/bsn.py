"""NL_BSN: the burgerservicenummer, a national identification number (UAVG art. 46)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from dpia.detect._national_ids import DOTTED, PLAIN, SPACED, national_id
from dpia.detect.recognizers._base import DpiaPatternRecognizer

# Digits glued to letters, other digits, decimal separators or a +31/0031 prefix are order numbers,
# amounts or phone numbers, not a BSN.
_BEFORE = r"(?<![\w.,/-])(?<!\+31\s?)(?<!0031\s?)"
_AFTER = r"(?![\w/-])(?![.,]\d)"

PATTERNS = [
    Pattern("BSN (9 digits)", _BEFORE + PLAIN + _AFTER, 0.4),
    Pattern("BSN (dotted)", _BEFORE + DOTTED + _AFTER, 0.5),
    Pattern("BSN (spaced)", _BEFORE + SPACED + _AFTER, 0.4),
]

CONTEXT = [
    "bsn",
    "burgerservicenummer",
    "burger service nummer",
    "sofinummer",
    "sofi",
    "pgn",
    "persoonsgebonden nummer",
    "persoonsnummer",
    "citizen service number",
]


class NlBsnRecognizer(DpiaPatternRecognizer):
    """A 9-digit number that passes the BSN 11-test; plain, dotted or spaced (``national_id``).

    Only checksum-valid numbers are reported (score 1.0): one random 9-digit number in 11 passes,
    so column-level shares and context words, not single hits, should carry a column verdict.
    Onderwijsnummers never pass (their weighted sum is 5, not 0, mod 11).
    """

    ENTITY = "NL_BSN"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT

    def validate_result(self, pattern_text: str) -> bool:
        return national_id(pattern_text) == self.ENTITY
