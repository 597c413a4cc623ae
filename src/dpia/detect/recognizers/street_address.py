"""STREET_ADDRESS: a street name, with or without house number."""

from __future__ import annotations

from dpia.detect.recognizers.deduce_backed import DeduceBackedRecognizer

CONTEXT = [
    "straat",
    "straatnaam",
    "adres",
    "woonadres",
    "postadres",
    "huisadres",
    "huisnummer",
    "geheim adres",
    "woont",
    "address",
    "street",
    "home address",
]


class StreetAddressRecognizer(DeduceBackedRecognizer):
    """Streets from Deduce's street lists (cells) or its annotator (prose)."""

    ENTITY = "STREET_ADDRESS"
    CONTEXT = CONTEXT
