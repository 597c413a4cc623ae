"""LOCATION: places, municipalities, provinces and regions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dpia.detect.recognizers import deduce_backed

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Utrecht", ["Utrecht"]),
        ("Den Haag", ["Den Haag"]),
        ("'s-Hertogenbosch", ["'s-Hertogenbosch"]),
        ("Amsterdam", ["Amsterdam"]),
        ("Súdwest-Fryslân", ["Súdwest-Fryslân"]),
        ("1234 AB Utrecht", ["1234 AB Utrecht"]),
        ("Kerkstraat 12, Ede", ["Ede"]),
    ],
)
def test_location_cells(find: Find, text: str, expected: list[str]) -> None:
    assert find(text, "LOCATION") == expected


@pytest.mark.parametrize("text", ["best", "Groep 8", "Jan", "Nee", "utrecht", ""])
def test_not_location_cells(find: Find, text: str) -> None:
    assert find(text, "LOCATION") == []


def test_location_prose(find: Find) -> None:
    text = "Hij woont sinds 2019 in Amsterdam en gaat elke dag met de trein naar school in Utrecht."
    assert find(text, "LOCATION") == ["Amsterdam", "Utrecht"]


def test_is_place() -> None:
    assert deduce_backed.is_place("Zwolle")
    assert deduce_backed.is_place("den haag")
    assert deduce_backed.is_place("Leiden")  # also a verb: places are not filtered by common words
    assert not deduce_backed.is_place("de")
    assert not deduce_backed.is_place("Groep")
