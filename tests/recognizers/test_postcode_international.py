"""POSTCODE: postcode shapes of other countries, only under a postcode header."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize("text", ["90210", "94107-1234", "3910", "5000-047", "SW1A 1AA", "K1A 0B1"])
def test_postcode_with_header(find: Find, text: str) -> None:
    assert find(text, "POSTCODE", context=["zip"], threshold=0.2) == [text]


@pytest.mark.parametrize("text", ["90210", "SW1A 1AA"])
def test_postcode_alone_is_not_reported(find: Find, text: str) -> None:
    assert find(text, "POSTCODE") == []


@pytest.mark.parametrize("text", ["123", "1234567", "ABCDE", "Main St 12"])
def test_not_postcode(find: Find, text: str) -> None:
    assert find(text, "POSTCODE", context=["zip"], threshold=0.2) == []
