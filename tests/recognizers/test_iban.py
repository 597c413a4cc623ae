"""IBAN_CODE: stdnum.iban (mod 97 and country format)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NL91ABNA0417164300", "NL91ABNA0417164300"),
        ("NL91 ABNA 0417 1643 00", "NL91 ABNA 0417 1643 00"),
        ("nl91abna0417164300", "nl91abna0417164300"),
        ("DE89370400440532013000", "DE89370400440532013000"),
        ("IBAN: NL02ABNA0123456789.", "NL02ABNA0123456789"),
    ],
)
def test_iban(find: Find, text: str, expected: str) -> None:
    assert find(text, "IBAN_CODE") == [expected]


@pytest.mark.parametrize(
    "text",
    ["NL91ABNA0417164301", "NL12ABNA0417164300", "NL91ABNA04171643", "111222333", "1234 AB"],
)
def test_not_iban(find: Find, text: str) -> None:
    assert find(text, "IBAN_CODE") == []
