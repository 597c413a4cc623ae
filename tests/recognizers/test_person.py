"""PERSON: name parts from Deduce's lists (cells) and Deduce's annotator (prose)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dpia.detect.recognizers import deduce_backed

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Jan", None, ["Jan"]),
        ("Sanne", ["Roepnaam"], ["Sanne"]),
        ("Zoë", None, ["Zoë"]),
        ("Jansen", None, ["Jansen"]),
        ("JANSEN", None, ["JANSEN"]),
        ("Jan de Vries", None, ["Jan de Vries"]),
        ("J. de Vries", None, ["J. de Vries"]),
        ("de Vries", None, ["de Vries"]),
        ("Jansen-de Vries", None, ["Jansen-de Vries"]),
        ("Vries, Jan de", None, ["Vries, Jan de"]),
        ("Fatima El Amrani", None, ["Fatima El Amrani"]),
        ("van der", ["Tussenvoegsel"], ["van der"]),
        ("de", ["voorvoegsel"], ["de"]),
        ("J.P.", ["Voorletters"], ["J.P."]),
        ("belde met Fatima", None, ["Fatima"]),
    ],
)
def test_person_cells(
    find: Find, text: str, context: list[str] | None, expected: list[str]
) -> None:
    assert find(text, "PERSON", context=context) == expected


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("ziek", None),
        ("Groep 5a", None),
        ("jansen", None),  # names are capitalised
        ("Wiskunde", None),
        ("Nee", None),
        ("van der", None),  # a particle alone needs its header
        ("J.P.", None),
        ("1234 AB", None),
        ("", None),
    ],
)
def test_not_person_cells(find: Find, text: str, context: list[str] | None) -> None:
    assert find(text, "PERSON", context=context) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gesprek gevoerd met de moeder van Jan Jansen over zijn rekenresultaten in groep 6.",
            "Jan Jansen",
        ),
        (
            "Mevrouw van der Berg belde dat Fatima vandaag niet naar school komt vanwege de bruiloft.",
            "Fatima",
        ),
    ],
)
def test_person_prose(find: Find, text: str, expected: str) -> None:
    assert expected in find(text, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Nieuwe methode gestart; de kinderen vinden het Engels leuk en doen goed mee in de les.",
        "De leerling heeft goed gewerkt aan rekenen en taal, volgende week is er een toets.",
    ],
)
def test_not_person_prose(find: Find, text: str) -> None:
    assert find(text, "PERSON") == []


def test_lookup_functions() -> None:
    assert deduce_backed.is_first_name("Sanne")
    assert deduce_backed.is_first_name("sanne")  # lookups ignore case
    assert deduce_backed.is_surname("Bakker")
    assert deduce_backed.is_name_particle("van der")
    assert deduce_backed.is_name_particle("'t")
    assert not deduce_backed.is_first_name("Groep")
    assert not deduce_backed.is_surname("de")
    assert deduce_backed.lookup("first_name", "Zoe")  # accents ignored
