"""LOCATION: a city, village, municipality, province or region."""

from __future__ import annotations

from dpia.detect.recognizers.deduce_backed import DeduceBackedRecognizer

CONTEXT = [
    "plaats",
    "woonplaats",
    "geboorteplaats",
    "plaatsnaam",
    "gemeente",
    "stad",
    "dorp",
    "provincie",
    "woont",
    "city",
    "town",
    "place",
    "place of birth",
    "municipality",
]


class LocationRecognizer(DeduceBackedRecognizer):
    """Places from Deduce's place lists (cells) or its annotator (prose)."""

    ENTITY = "LOCATION"
    CONTEXT = CONTEXT
