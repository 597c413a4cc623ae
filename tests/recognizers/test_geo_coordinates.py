"""GEO_COORDINATES: lat,lon pairs in range and degree signs; single decimals need a header."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("52.37,4.89", "52.37,4.89"),
        ("-1.2921, 36.8219", "-1.2921, 36.8219"),
        ("3.6858,98.6756", "3.6858,98.6756"),
        ("52°22'N", "52°22'N"),
        ("gevonden op 40.71,-74.00 om 10 uur", "40.71,-74.00"),
    ],
)
def test_coordinates(find: Find, text: str, expected: str) -> None:
    assert find(text, "GEO_COORDINATES") == [expected]


@pytest.mark.parametrize("text", ["95.12,4.89", "52.37,190.5", "1,2", "12-03-2015", "52.3676"])
def test_not_coordinates(find: Find, text: str) -> None:
    assert find(text, "GEO_COORDINATES") == []


def test_single_degree_needs_a_header(find: Find) -> None:
    assert find("52.3676", "GEO_COORDINATES", context=["latitude"], threshold=0.2) == ["52.3676"]
