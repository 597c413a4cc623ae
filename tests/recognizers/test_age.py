"""AGE: a number from 0 to 120 filling the cell, only under an age header."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize("text", ["34", "7", "12 jaar", "67 years", "120", "0"])
def test_age_with_header(find: Find, text: str) -> None:
    assert find(text, "AGE", context=["leeftijd"], threshold=0.2) == [text]


@pytest.mark.parametrize("text", ["34", "12 jaar"])
def test_age_alone_is_not_reported(find: Find, text: str) -> None:
    assert find(text, "AGE") == []


@pytest.mark.parametrize("text", ["121", "2015", "-3", "34a", "hij is 34"])
def test_not_age(find: Find, text: str) -> None:
    assert find(text, "AGE", context=["leeftijd"], threshold=0.2) == []
