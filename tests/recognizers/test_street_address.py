"""STREET_ADDRESS: streets from Deduce's lists, with or without house number."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dpia.detect.recognizers import deduce_backed

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kerkstraat 12", ["Kerkstraat 12"]),
        ("Kerkstraat 12a", ["Kerkstraat 12a"]),
        ("Kerkstraat 12 A", ["Kerkstraat 12 A"]),
        ("Dorpsstraat 3-5", ["Dorpsstraat 3-5"]),
        ("Kerkstraat", ["Kerkstraat"]),
        ("Burg. de Withstraat 1", ["Burg. de Withstraat 1"]),
        ("Kerkstraat 12, 1234 AB Utrecht", ["Kerkstraat 12"]),
    ],
)
def test_street_cells(find: Find, text: str, expected: list[str]) -> None:
    assert find(text, "STREET_ADDRESS") == expected


@pytest.mark.parametrize(
    "text", ["12", "Groep 7", "Bakker", "Amsterdam", "Sanne Bakker", "kerkstraat", "1234 AB"]
)
def test_not_street_cells(find: Find, text: str) -> None:
    assert find(text, "STREET_ADDRESS") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Het gezin woont sinds kort aan de Kerkstraat 12 in Utrecht, vlak bij school.",
            "Kerkstraat 12",
        ),
        (
            "Na schooltijd loopt hij altijd via de Kerkstraat naar huis, samen met zijn zus.",
            "Kerkstraat",
        ),
    ],
)
def test_street_prose(find: Find, text: str, expected: str) -> None:
    assert find(text, "STREET_ADDRESS") == [expected]


def test_postcode_in_prose_is_not_a_street(find: Find) -> None:
    text = "Het nieuwe adres van het gezin heeft postcode 1234 AB, volgens de moeder."
    assert find(text, "STREET_ADDRESS") == []


def test_is_street() -> None:
    assert deduce_backed.is_street("Kerkstraat")
    assert deduce_backed.is_street("Kerkstraat 12a")
    assert not deduce_backed.is_street("Jansen")
