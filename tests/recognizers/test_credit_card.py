"""CREDIT_CARD: presidio's pattern, validated with stdnum.luhn."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4111 1111 1111 1111", "4111 1111 1111 1111"),
        ("5500-0000-0000-0004", "5500-0000-0000-0004"),
        ("Creditcard: 4111111111111111", "4111111111111111"),
    ],
)
def test_credit_card(find: Find, text: str, expected: str) -> None:
    assert find(text, "CREDIT_CARD") == [expected]


@pytest.mark.parametrize(
    "text", ["4111 1111 1111 1112", "111222333", "0031612345678", "NL91ABNA0417164300"]
)
def test_not_credit_card(find: Find, text: str) -> None:
    assert find(text, "CREDIT_CARD") == []
