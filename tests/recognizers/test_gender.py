"""GENDER: a cell that is exactly a gender value; single letters only with context."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("man", None, "man"),
        ("Vrouw", None, "Vrouw"),
        (" jongen ", None, "jongen"),
        ("meisje", None, "meisje"),
        ("female", None, "female"),
        ("Mannelijk", None, "Mannelijk"),
        ("non-binair", None, "non-binair"),
        ("onzijdig", None, "onzijdig"),
        ("M", ["Geslacht"], "M"),
        ("V", ["geslacht"], "V"),
        ("X", ["Gender"], "X"),
        ("v", ["sekse"], "v"),
        ("Geslacht: V", None, "V"),
        ("gender = female", None, "female"),
    ],
)
def test_gender(find: Find, text: str, context: list[str] | None, expected: str) -> None:
    assert find(text, "GENDER", context=context) == [expected]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("V", None),  # also "voldoende"
        ("M", None),
        ("V", ["Rapportcijfer"]),
        ("M", ["Maat"]),
        ("De man liep weg.", None),  # prose is not a cell value
        ("Manon", None),
        ("vrouwen", None),
        ("mv", None),
        ("", None),
    ],
)
def test_not_gender(find: Find, text: str, context: list[str] | None) -> None:
    assert find(text, "GENDER", context=context) == []
