"""NL_ONDERWIJSNUMMER: starts with 10, weighted sum 5 mod 11; never also a BSN."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from stdnum.nl import bsn, onderwijsnummer

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("101222331", "101222331"),
        ("1012.22.331", "1012.22.331"),
        ("1012 22 331", "1012 22 331"),
        ("103000003", "103000003"),
        ("Onderwijsnummer: 101222331", "101222331"),
    ],
)
def test_valid_onderwijsnummer(find: Find, text: str, expected: str) -> None:
    assert find(text, "NL_ONDERWIJSNUMMER") == [expected]
    assert find(text, "NL_BSN") == []


@pytest.mark.parametrize(
    "text",
    [
        "101222332",  # bad checksum
        "2112.22.337",  # does not start with 10
        "100252333",  # starts with 10 but is a valid BSN
        "101000005",  # idem
        "1012223310",
        "X101222331",
    ],
)
def test_not_onderwijsnummer(find: Find, text: str) -> None:
    assert find(text, "NL_ONDERWIJSNUMMER") == []


@pytest.mark.parametrize("number", ["100252333", "101000005"])
def test_bsn_starting_with_10_is_a_bsn(find: Find, number: str) -> None:
    assert find(number, "NL_BSN") == [number]


def test_never_both() -> None:
    # The two checksums (0 and 5 mod 11) exclude each other for every 10xxxxxxx number.
    both = [
        n
        for n in (f"10{i:07d}" for i in range(0, 10_000_000, 997))
        if bsn.is_valid(n) and onderwijsnummer.is_valid(n)
    ]
    assert both == []
