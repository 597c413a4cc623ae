"""PHONE_NUMBER abroad: numbers with a country code alone; national numbers under a header."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dpia.detect.recognizers.international_phone import InternationalPhoneRecognizer

Find = Callable[..., list[str]]
RECOGNIZER = InternationalPhoneRecognizer()


@pytest.mark.parametrize(
    "text", ["+44 20 7946 0958", "+1 202-456-1111", "0049 30 1234567", "+33 1 42 68 53 00"]
)
def test_with_country_code(find: Find, text: str) -> None:
    assert find(text, "PHONE_NUMBER") == [text]


@pytest.mark.parametrize(("text", "national"), [("(202) 456-1111", 0.4), ("030 1234567", 0.4)])
def test_national_numbers_need_a_header(text: str, national: float) -> None:
    assert RECOGNIZER.score(text, national=False) == 0.0
    assert RECOGNIZER.score(text, national=True) == national


@pytest.mark.parametrize("text", ["+12", "+44 20 79", "abc", "111222333", "2015-03-12 10:00"])
def test_not_phone(find: Find, text: str) -> None:
    assert find(text, "PHONE_NUMBER") == []
