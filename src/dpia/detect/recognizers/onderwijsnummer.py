"""NL_ONDERWIJSNUMMER: the education number DUO issues to pupils without a BSN."""

from __future__ import annotations

from presidio_analyzer import Pattern

from dpia.detect._national_ids import DOTTED, PLAIN, SPACED, national_id
from dpia.detect.recognizers._base import DpiaPatternRecognizer

_BEFORE = r"(?<![\w.,/-])"
_AFTER = r"(?![\w/-])(?![.,]\d)"
_STARTS_WITH_10 = r"(?=10)"

PATTERNS = [
    Pattern("Onderwijsnummer (9 digits)", _BEFORE + _STARTS_WITH_10 + PLAIN + _AFTER, 0.4),
    Pattern("Onderwijsnummer (dotted)", _BEFORE + _STARTS_WITH_10 + DOTTED + _AFTER, 0.5),
    Pattern("Onderwijsnummer (spaced)", _BEFORE + _STARTS_WITH_10 + SPACED + _AFTER, 0.4),
]

CONTEXT = [
    "onderwijsnummer",
    "onderwijs nummer",
    "own",
    "pgn",
    "persoonsgebonden nummer",
    "education number",
]


class NlOnderwijsnummerRecognizer(DpiaPatternRecognizer):
    """A 9-digit number starting with 10 whose weighted sum is 5 mod 11 (``national_id``).

    Such a number never passes the BSN 11-test, so a value is reported as one type or the other.
    """

    ENTITY = "NL_ONDERWIJSNUMMER"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT

    def validate_result(self, pattern_text: str) -> bool:
        return national_id(pattern_text) == self.ENTITY
