"""IBAN_CODE: an international bank account number, checked with ``stdnum.iban``."""

from __future__ import annotations

from presidio_analyzer import Pattern
from stdnum import iban

from dpia.detect.recognizers._base import DpiaPatternRecognizer

PATTERNS = [
    # Country, check digits, then groups of four (spaced or not) and a short tail.
    Pattern(
        "IBAN",
        r"(?<![\w-])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\w-])",
        0.4,
    ),
]

CONTEXT = [
    "iban",
    "rekening",
    "rekeningnummer",
    "bankrekening",
    "bankrekeningnummer",
    "rekeningnr",
    "bank",
    "account",
    "bank account",
]


class DpiaIbanRecognizer(DpiaPatternRecognizer):
    """An IBAN with a valid mod-97 check and country format (``stdnum.iban``); reported at 1.0."""

    ENTITY = "IBAN_CODE"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT

    def validate_result(self, pattern_text: str) -> bool:
        return bool(iban.is_valid(pattern_text))
