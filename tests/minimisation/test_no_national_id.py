"""``expect_table_values_to_hold_no_national_id``: BSN and onderwijsnummer in any column."""

from __future__ import annotations

import json

import pytest

from dpia.detect import national_id
from dpia.minimise._suites import NO_NATIONAL_ID
from tests.minimisation.conftest import Check, frame_of

BSN = "123456782"  # passes the 11-test
ONDERWIJSNUMMER = "100000004"  # starts with 10, weighted sum 5 mod 11
ORDER_NUMBER = "123456789"  # nine digits, fails both checks


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        (BSN, "NL_BSN"),
        ("1234.56.782", "NL_BSN"),
        ("1234 56 782", "NL_BSN"),
        (" 123456782 ", "NL_BSN"),
        ("123.456.782", None),  # thousands separators: an amount, as the recognizer reads it
        (ONDERWIJSNUMMER, "NL_ONDERWIJSNUMMER"),
        (ORDER_NUMBER, None),
        ("12345678", None),
        ("1234567820", None),
        ("BSN 123456782", None),
        ("", None),
    ],
)
def test_national_id(cell: str, kind: str | None) -> None:
    assert national_id(cell) == kind


def test_bsn_in_any_column_fails_with_counts(check: Check) -> None:
    frame = frame_of(
        nummer=[BSN, BSN, ORDER_NUMBER, ""],
        bestelnummer=[ORDER_NUMBER] * 4,
        pgn=[ONDERWIJSNUMMER, BSN, "", ""],
    )
    evr = check(NO_NATIONAL_ID, {"identifiers": ["NL_BSN", "NL_ONDERWIJSNUMMER"]}, frame)
    assert evr["success"] is False
    assert evr["result"]["observed_value"] == 4
    assert evr["result"]["details"]["columns"] == [
        {"column": "nummer", "entity": "NL_BSN", "count": 2, "share": 0.5},
        {"column": "pgn", "entity": "NL_BSN", "count": 1, "share": 0.25},
        {"column": "pgn", "entity": "NL_ONDERWIJSNUMMER", "count": 1, "share": 0.25},
    ]
    assert BSN not in json.dumps(evr)
    assert ONDERWIJSNUMMER not in json.dumps(evr)


def test_look_alike_order_numbers_pass(check: Check) -> None:
    frame = frame_of(bestelnummer=[ORDER_NUMBER, "987654321", "000000000"])
    evr = check(NO_NATIONAL_ID, {"identifiers": ["NL_BSN", "NL_ONDERWIJSNUMMER"]}, frame)
    assert evr["success"] is True


def test_only_the_listed_identifiers_count(check: Check) -> None:
    frame = frame_of(pgn=[BSN, ONDERWIJSNUMMER])
    evr = check(NO_NATIONAL_ID, {"identifiers": ["NL_ONDERWIJSNUMMER"]}, frame)
    assert [c["entity"] for c in evr["result"]["details"]["columns"]] == ["NL_ONDERWIJSNUMMER"]
