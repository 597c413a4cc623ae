"""CREDIT_CARD: presidio's card-number pattern, validated with ``stdnum.luhn``."""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import CreditCardRecognizer
from stdnum import luhn

CONTEXT = [
    "creditcard",
    "credit card",
    "kaartnummer",
    "card",
    "visa",
    "mastercard",
    "amex",
    "maestro",
]


class DpiaCreditCardRecognizer(CreditCardRecognizer):
    """A 12-19 digit card number passing the Luhn check; reported at 1.0."""

    ENTITY = "CREDIT_CARD"

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            context=list(CONTEXT),
            supported_language=supported_language,
            supported_entity=self.ENTITY,
            name=f"CreditCardRecognizer_{supported_language}",
        )

    def validate_result(self, pattern_text: str) -> bool:
        digits = "".join(c for c in pattern_text if c.isdigit())
        return 12 <= len(digits) <= 19 and bool(luhn.is_valid(digits))
