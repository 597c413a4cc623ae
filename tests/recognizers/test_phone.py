"""PHONE_NUMBER: Dutch mobile and landline numbers (phonenumbers, region NL)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06-12345678", "06-12345678"),
        ("06 1234 5678", "06 1234 5678"),
        ("0612345678", "0612345678"),
        ("+31 6 12345678", "+31 6 12345678"),
        ("+31612345678", "+31612345678"),
        ("0031612345678", "0031612345678"),
        ("020-1234567", "020-1234567"),
        ("010 123 4567", "010 123 4567"),
        ("0591-123456", "0591-123456"),
        ("(020) 123 4567", "(020) 123 4567"),
        ("Bel moeder op 06-12345678 na 15.00 uur.", "06-12345678"),
    ],
)
def test_phone(find: Find, text: str, expected: str) -> None:
    assert find(text, "PHONE_NUMBER") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "111222333",  # a BSN
        "123456782",
        "101222331",  # an onderwijsnummer
        "612345609",
        "12-03-2015",
        "2015-03-12",
        "06-1234",  # too short
        "1234 AB",
        "NL91ABNA0417164300",
        "",
    ],
)
def test_not_phone(find: Find, text: str) -> None:
    assert find(text, "PHONE_NUMBER") == []
