"""DATE_OF_BIRTH: a date plus a birth context word; parse_date for column evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from dpia.detect.recognizers.date_of_birth import parse_date

Find = Callable[..., list[str]]


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Jan is geboren op 3 maart 2015.", None, "3 maart 2015"),
        ("Geboortedatum: 12-03-2015", None, "12-03-2015"),
        ("geb. 1-2-2016", None, "1-2-2016"),
        ("gebdat 12/03/2015", None, "12/03/2015"),
        ("DOB: 2015-03-12", None, "2015-03-12"),
        ("12-03-2015", ["Geboortedatum"], "12-03-2015"),
        ("12.03.2015", ["GebDat"], "12.03.2015"),
        ("2015-03-12", ["date_of_birth"], "2015-03-12"),
        ("3 mrt. 2015", ["geb.datum"], "3 mrt. 2015"),
    ],
)
def test_date_of_birth_nl(find: Find, text: str, context: list[str] | None, expected: str) -> None:
    assert find(text, "DATE_OF_BIRTH", context=context) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was born on 3 March 2015.", "3 March 2015"),
        ("Date of birth: March 3, 2015", "March 3, 2015"),
    ],
)
def test_date_of_birth_en(find: Find, text: str, expected: str) -> None:
    assert find(text, "DATE_OF_BIRTH", language="en") == [expected]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("12-03-2015", None),  # a date without context is not a birth date
        ("Toets afgenomen op 12-03-2015", None),
        ("datum: 12-03-2015", None),
        ("12-03-2015", ["Datum inschrijving"]),
        ("Het gebouw is geopend op 12-03-2015", None),  # "geb" is not a substring match
        ("geboren 31-02-2015", None),  # not a real date
        ("geboren 12-13-2015", None),
        ("geboren 12-03-1850", None),
        ("geboren 123-03-2015", None),
        ("geboren in groep 3", None),
    ],
)
def test_not_date_of_birth(find: Find, text: str, context: list[str] | None) -> None:
    assert find(text, "DATE_OF_BIRTH", context=context) == []


def test_bare_date_found_below_threshold(find: Find) -> None:
    assert find("12-03-2015", "DATE_OF_BIRTH", threshold=0.0) == ["12-03-2015"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12-03-2015", dt.date(2015, 3, 12)),
        ("1-2-2016", dt.date(2016, 2, 1)),
        ("12/03/2015", dt.date(2015, 3, 12)),
        ("12.03.2015", dt.date(2015, 3, 12)),
        ("2015-03-12", dt.date(2015, 3, 12)),
        ("2015-03-12 00:00:00", dt.date(2015, 3, 12)),
        ("2015-03-12T08:30", dt.date(2015, 3, 12)),
        (" 3 maart 2015 ", dt.date(2015, 3, 3)),
        ("3 Mrt. 2015", dt.date(2015, 3, 3)),
        ("3 March 2015", dt.date(2015, 3, 3)),
        ("March 3rd, 2015", dt.date(2015, 3, 3)),
        ("29-02-2016", dt.date(2016, 2, 29)),
        ("29-02-2015", None),
        ("31-04-2015", None),
        ("12-03-15", None),
        ("20150312", None),
        ("3 maand 2015", None),
        ("12-03-1850", None),
        ("", None),
        ("geen datum", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected
