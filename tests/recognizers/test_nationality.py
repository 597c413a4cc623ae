"""NATIONALITY: nationality adjectives alone; countries and languages with context."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Marokkaanse", None, "Marokkaanse"),
        ("Syrische", None, "Syrische"),
        ("Turkse", None, "Turkse"),
        ("Nederlandse", None, "Nederlandse"),
        ("Zij heeft de Eritrese nationaliteit.", None, "Eritrese"),
        ("Nederland", ["Geboorteland"], "Nederland"),
        ("Syrië", ["land van herkomst"], "Syrië"),
        ("Syrie", ["Geboorteland"], "Syrie"),
        ("Arabisch", ["Thuistaal"], "Arabisch"),
        ("Tigrinya", ["Spreektaal thuis"], "Tigrinya"),
        ("Turks", ["moedertaal"], "Turks"),
        ("Zijn moedertaal is Arabisch.", None, "Arabisch"),
        ("Moroccan", None, "Moroccan"),
    ],
)
def test_nationality(find: Find, text: str, context: list[str] | None, expected: str) -> None:
    assert find(text, "NATIONALITY", context=context) == [expected]


def test_nationality_english(find: Find) -> None:
    assert find("Home language: Arabic", "NATIONALITY", language="en") == ["Arabic"]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Nederland", None),  # an address's country line
        ("Engels", None),  # a school subject
        ("Cijfer Engels: 7,5", None),
        ("Engels", ["Vak"]),
        ("Turks", None),
        ("Marokkaansestraat", None),
        ("Turkije-reis", ["Omschrijving"]),
    ],
)
def test_not_nationality(find: Find, text: str, context: list[str] | None) -> None:
    assert find(text, "NATIONALITY", context=context) == []
