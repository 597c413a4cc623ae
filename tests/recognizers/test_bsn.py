"""NL_BSN: checksum-valid 9-digit numbers only, plain, dotted or spaced."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import AnalyzerEngine

from dpia.detect.recognizers.bsn import NlBsnRecognizer

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("111222333", "111222333"),
        ("123456782", "123456782"),
        ("012345672", "012345672"),
        ("1234.56.782", "1234.56.782"),
        ("1234 56 782", "1234 56 782"),
        ("BSN: 111222333", "111222333"),
        ("bsn=123456782", "123456782"),
        ("Het burgerservicenummer van Jan is 123456782.", "123456782"),
        ("PGN 1112.22.333 (ouder)", "1112.22.333"),
    ],
)
def test_valid_bsn(find: Find, text: str, expected: str) -> None:
    assert find(text, "NL_BSN") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "123456789",  # fails the 11-test
        "111222334",
        "BSN 123456789",  # context does not rescue a bad checksum
        "12345678",  # 8 digits (leading zero dropped: not required)
        "1234567820",  # 10 digits
        "ORD123456782",  # order number with a prefix
        "123456782-01",
        "€ 123456782,00",  # an amount
        "123.456.782",  # thousands separators, not the BSN grouping
        "06-12345678",
        "+31 612345609",  # a phone number whose tail passes the 11-test
        "0031 612345609",
        "101222331",  # an onderwijsnummer is never a BSN
        "1012.22.331",
        "12-03-2015",
        "",
    ],
)
def test_not_bsn(find: Find, text: str) -> None:
    assert find(text, "NL_BSN") == []


def test_english_and_score(analyzer: AnalyzerEngine) -> None:
    results = analyzer.analyze("SSN-like 111222333", language="en", entities=["NL_BSN"])
    assert [(r.entity_type, r.score) for r in results] == [("NL_BSN", 1.0)]


def test_recognizer_directly() -> None:
    recognizer = NlBsnRecognizer("nl")
    results = recognizer.analyze("a 111222333 b 111222334", entities=["NL_BSN"])
    assert [(r.start, r.end, r.score) for r in results] == [(2, 11, 1.0)]
