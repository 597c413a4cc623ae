"""GEO_COORDINATES: decimal degrees (a ``lat,lon`` pair or one coordinate) and degree signs.

A pair in range (latitude within 90, longitude within 180, two decimals or more each) or a
degree-sign coordinate is reported on its own; a single decimal degree is any number with four
decimals, so it counts only under a latitude/longitude header.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from dpia.detect.recognizers._base import DpiaPatternRecognizer

PATTERNS = [
    Pattern(
        "lat,lon pair",
        r"(?<![\w.])[-+]?\d{1,2}\.\d{2,}\s*[,;]\s*[-+]?\d{1,3}\.\d{2,}(?![\w.])",
        0.6,
    ),
    Pattern(
        "degrees minutes",
        r"(?<!\w)\d{1,3}\s?°\s?\d{1,2}\s?['\u2032]\s?(?:\d{1,2}(?:[.,]\d+)?\s?[\"\u2033]\s?)?[NSEWOZ](?!\w)",
        0.6,
    ),
    Pattern("decimal degree", r"(?<![\w.])[-+]?\d{1,3}\.\d{4,}(?![\w.])", 0.3),
]

CONTEXT = [
    "latitude",
    "longitude",
    "lat",
    "lon",
    "lng",
    "coordinates",
    "coordinaten",
    "gps",
    "geo",
    "locatie",
    "location",
]

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


class GeoCoordinatesRecognizer(DpiaPatternRecognizer):
    """Coordinates on Earth: numbers outside the latitude/longitude ranges are dropped."""

    ENTITY = "GEO_COORDINATES"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT
    # Its low-scoring patterns count only under its header; its validator never makes one certain.
    LOW_SCORES_NEED_HEADER = True

    def validate_result(self, pattern_text: str) -> bool | None:
        if "°" in pattern_text:
            return None
        numbers = [float(n) for n in _NUMBER.findall(pattern_text)]
        if len(numbers) == 2:
            lat, lon = numbers
            return None if abs(lat) <= 90 and abs(lon) <= 180 else False
        return None if numbers and abs(numbers[0]) <= 180 else False
