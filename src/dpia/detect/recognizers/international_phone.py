"""PHONE_NUMBER outside the Netherlands: ``phonenumbers`` for any region (Dutch numbers:
``phone.py``).

A number written with its country code (``+44 20 7946 0958``, ``0049 30 1234567``) that
``phonenumbers`` finds valid is reported on its own. A national number without one is valid in
some region far too often (any ten digits in the US), so it counts only under a phone header:
it is tried for the regions of ``REGIONS``. Whole short cells only; prose is ``phone.py``'s.
"""

from __future__ import annotations

import phonenumbers
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from dpia.detect.recognizers._base import result_of

CONTEXT = ["phone", "telephone", "mobile", "cell", "telefoon", "telefon", "tel", "handy"]
# Regions a national number is tried in: the neighbours and the common vendor countries.
REGIONS = ("US", "GB", "DE", "FR", "BE", "ES", "IT", "PT", "PL", "SE", "DK", "NO", "FI", "AT",
           "CH", "IE", "CA", "AU", "IN", "ZA", "BR", "MX", "TR", "MA", "CZ")  # fmt: skip
MAX_CHARS = 25
MIN_DIGITS = 6


def _valid(text: str, region: str | None) -> bool:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))


class InternationalPhoneRecognizer(EntityRecognizer):
    """A whole cell that is a valid phone number of some country."""

    ENTITY = "PHONE_NUMBER"
    SCORE_WITH_COUNTRY = 0.7
    SCORE_NATIONAL = 0.4
    CONTEXT = CONTEXT
    name: str

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            context=list(CONTEXT),
            name=f"InternationalPhoneRecognizer_{supported_language}",
        )

    def load(self) -> None:
        """Nothing to load: ``phonenumbers`` carries its metadata."""

    def score(self, text: str, national: bool = True) -> float:
        """The score of ``text`` as one phone number, 0.0 when it is not one; ``national``: try
        a number without country code in ``REGIONS`` too (25 parses: only under a phone header)."""
        cell = text.strip()
        digits = sum(c.isdigit() for c in cell)
        if len(cell) > MAX_CHARS or digits < MIN_DIGITS or any(c.isalpha() for c in cell):
            return 0.0
        if cell.startswith(("+", "00")):
            international = "+" + cell[2:] if cell.startswith("00") else cell
            return self.SCORE_WITH_COUNTRY if _valid(international, None) else 0.0
        if national and any(_valid(cell, region) for region in REGIONS):
            return self.SCORE_NATIONAL
        return 0.0

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        # The analyzer (prose, and cells without header) takes numbers with a country code only.
        score = self.score(text, national=False)
        if not score:
            return []
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            textual_explanation="Recognized as a phone number by phonenumbers",
        )
        start = len(text) - len(text.lstrip())
        return [result_of(self, self.ENTITY, (start, len(text.rstrip())), score, explanation)]
