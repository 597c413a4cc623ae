"""NL_POSTCODE: 1234 AB in its common spellings; not BRIN codes or years in prose."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234 AB", "1234 AB"),
        ("1234AB", "1234AB"),
        ("1234 ab", "1234 ab"),
        (" 2514gl ", "2514gl"),
        ("Postcode: 2514 GL", "2514 GL"),
        ("Zij woont op 2514 GL in Den Haag.", "2514 GL"),
        ("Kerkstraat 12, 1234 AB Utrecht", "1234 AB"),
    ],
)
def test_postcode(find: Find, text: str, expected: str) -> None:
    assert find(text, "NL_POSTCODE") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "0123 AB",  # no leading zero
        "1234 SA",  # banned letter pairs
        "1234 SD",
        "1234 SS",
        "12AB",  # BRIN
        "06QZ01",  # BRIN with vestiging
        "12345 AB",
        "1234 ABC",
        "In 2015 en 2016 zat zij in groep 3.",  # lower-case letters in prose
        "groep 1234 ab",
    ],
)
def test_not_postcode(find: Find, text: str) -> None:
    assert find(text, "NL_POSTCODE") == []
