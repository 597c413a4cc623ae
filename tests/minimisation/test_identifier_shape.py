"""``expect_table_identifiers_to_be_well_formed``: ECK iD and BRIN columns."""

from __future__ import annotations

from dpia.minimise._suites import BRIN_HEADERS, ECK_ID_HEADERS, IDENTIFIERS_WELL_FORMED
from tests.minimisation.conftest import Check, frame_of

ECK = "https://ketenid.nl/201703/" + "0123456789abcdef" * 8
ECK_KWARGS = {"identifier": "ECK_ID", "headers": list(ECK_ID_HEADERS), "schools": []}
BRIN_KWARGS = {"identifier": "BRIN", "headers": list(BRIN_HEADERS), "schools": ["91XA", "92XB"]}


def test_eck_ids_of_any_hex_case_pass(check: Check) -> None:
    frame = frame_of(eck_id=[ECK, ECK.upper().replace("HTTPS://KETENID.NL", "https://ketenid.nl")])
    assert check(IDENTIFIERS_WELL_FORMED, ECK_KWARGS, frame)["success"] is True


def test_malformed_eck_ids_fail_by_header(check: Check) -> None:
    frame = frame_of(leerling_eckid=[ECK, ECK[:-1], "https://ketenid.nl/201703/xyz", ""])
    evr = check(IDENTIFIERS_WELL_FORMED, ECK_KWARGS, frame)
    assert evr["result"]["details"]["columns"] == [
        {"column": "leerling_eckid", "count": 2, "share": 0.5, "malformed": 2, "unserved": 0}
    ]


def test_eck_columns_found_by_the_scanner_whatever_the_header(check: Check) -> None:
    frame = frame_of(pseudo=[ECK, "http://ketenid.nl/201703/" + "0" * 128])
    evr = check(IDENTIFIERS_WELL_FORMED, ECK_KWARGS, frame, {"pseudo": "ECK_ID"})
    assert evr["result"]["observed_value"] == 1


def test_brin_must_be_valid_and_served(check: Check) -> None:
    frame = frame_of(brin=["91XA", "92XB01", "93XC", "9XA", ""])
    evr = check(IDENTIFIERS_WELL_FORMED, BRIN_KWARGS, frame)
    assert evr["result"]["details"]["columns"] == [
        {"column": "brin", "count": 2, "share": 0.4, "malformed": 1, "unserved": 1}
    ]


def test_no_identifier_columns_pass(check: Check) -> None:
    assert check(IDENTIFIERS_WELL_FORMED, BRIN_KWARGS, frame_of(groep=["5a"]))["success"] is True


def test_eck_headers_are_the_header_vocabulary(check: Check) -> None:
    # The suites take their header phrases from detect/headers.yaml, the one list.
    assert "ketenpseudoniem" in ECK_ID_HEADERS
    frame = frame_of(ketenpseudoniem=[ECK, "https://ketenid.nl/201703/xyz"])
    assert check(IDENTIFIERS_WELL_FORMED, ECK_KWARGS, frame)["result"]["observed_value"] == 1


def test_with_unserved_false_only_the_form_of_a_brin_code_is_checked(check: Check) -> None:
    # The suite says so when the register lists the board's exports: the school check then
    # judges each pupil's school by the board's export, and owns "pupils of other schools".
    frame = frame_of(brin=["91XA", "93XC", "XXXX", ""])
    both = check(IDENTIFIERS_WELL_FORMED, BRIN_KWARGS, frame)["result"]["details"]["columns"]
    assert (both[0]["malformed"], both[0]["unserved"]) == (1, 1)
    form = check(IDENTIFIERS_WELL_FORMED, {**BRIN_KWARGS, "unserved": False}, frame)
    assert form["result"]["details"]["columns"] == [
        {"column": "brin", "count": 1, "share": 0.25, "malformed": 1, "unserved": 0}
    ]
