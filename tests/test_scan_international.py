"""The decision rules for tables written by others (docs/detection.md, "Decision rules").

Each test builds a small table in another style (English, German, codes, flags) and checks the
verdict and the rule the scanner names as its reason.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dpia.detect import ColumnFinding, classify_column, scan_frame


def _column(header: str, values: list[str]) -> ColumnFinding:
    return classify_column(header, pd.Series(values, dtype=object), sample=None)


def _rule(finding: ColumnFinding) -> str:
    return finding.reasons[-1].code.removeprefix("scan.reason.rule.")


@pytest.mark.parametrize(
    ("header", "values", "special"),
    [
        ("race___0", ["0", "1", "0", "0", "1"], "ETHNIC_ORIGIN"),
        ("ethnicity_code", ["1", "2", "W", "B", "2"], "ETHNIC_ORIGIN"),
        ("Religionszugehörigkeit", ["rk", "ev", "-", "rk"], "RELIGION"),
        ("has_disability", ["true", "false", "false"], "HEALTH"),
        ("diagnosis_icd10", ["F90.0", "J45", "E10.9"], "HEALTH"),
        ("union_member", ["Y", "N", "N"], "TRADE_UNION"),
        ("criminal_record", ["0", "0", "1"], "CRIMINAL"),
    ],
)
def test_a_special_header_decides_whatever_the_values(
    header: str, values: list[str], special: str
) -> None:
    finding = _column(header, values)
    assert (finding.entity, finding.special, _rule(finding)) == (special, special, "special_header")


@pytest.mark.parametrize(
    ("header", "values", "rule"),
    [
        ("is_email_active", ["yes", "no", "yes"], "meta"),
        ("allow_bulk_email", ["1", "0"], "meta"),
        ("address_type", ["home", "work", "billing"], "meta"),
        ("has_photo", ["true", "false"], "meta"),
        ("mac_address", ["yes", "1", "confirmed", "no"], "flags"),
        ("auth_token", ["active", "confirmed", "no"], "flags"),
        ("age", ["2020-01-01", "2021-03-04"], "values_disagree"),
        ("Number", ["1", "2", "3", "4"], "nothing"),
    ],
)
def test_columns_about_personal_data_that_hold_none(
    header: str, values: list[str], rule: str
) -> None:
    finding = _column(header, values)
    assert (finding.entity, _rule(finding)) == (None, rule)


def test_values_beat_a_meta_header() -> None:
    finding = _column("email_primary_type", ["a.jansen@example.org", "p.devries@example.com"])
    assert finding.entity == "EMAIL_ADDRESS"


@pytest.mark.parametrize(
    ("header", "values", "entity"),
    [
        ("CCNumber", ["5.54563E+15", "4.48512E+15", "3.71449E+14"], "CREDIT_CARD"),
        ("age", ["34", "7", "67"], "AGE"),
        ("latitude", ["52.3676", "51.9244"], "GEO_COORDINATES"),
        ("gps", ["52.37,4.89", "40.71,-74.00"], "GEO_COORDINATES"),
        ("imei", ["490154203237518", "356938035643809"], "DEVICE_ID"),
        ("ZipCode", ["90210", "SW1A 1AA", "5000-047"], "POSTCODE"),
        ("zip", ["1012 AB", "3511 LX"], "NL_POSTCODE"),
        ("TelephoneNumber", ["(202) 456-1111", "030 1234567"], "PHONE_NUMBER"),
        ("Title", ["Mr.", "Mrs.", "Ms.", "Mr.", "Dr."], "GENDER"),
    ],
)
def test_types_of_other_tables(header: str, values: list[str], entity: str) -> None:
    assert _column(header, values).entity == entity


def test_a_mac_address_column_is_typed_by_its_values() -> None:
    finding = _column("hw", ["00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5F", "A4-5E-60-E8-12-01"])
    assert (finding.entity, _rule(finding)) == ("DEVICE_ID", "shaped")


def _table(**columns: list[str]) -> tuple[ColumnFinding, ...]:
    return scan_frame(pd.DataFrame(columns, dtype=object), sample=None)


KEYS = ["A-1001", "A-1002", "A-1003", "A-1004"]


def test_an_id_in_a_table_about_people_is_personal() -> None:
    found = _table(record_id=KEYS, email=[f"p{i}@example.org" for i in range(4)])
    assert (found[0].entity, found[0].reasons[-1].code) == (
        "IDENTIFIER",
        "scan.reason.rule.id_table",
    )


def test_an_id_in_a_table_of_buildings_is_not() -> None:
    found = _table(record_id=KEYS, building=["Noord", "Zuid", "Oost", "West"])
    assert (found[0].entity, found[0].reasons[-1].code) == (
        None,
        "scan.reason.rule.id_no_people",
    )


def test_an_id_whose_header_names_a_person_is_personal_anywhere() -> None:
    found = _table(customer_id=KEYS, building=["Noord", "Zuid", "Oost", "West"])
    assert found[0].entity == "IDENTIFIER"


def test_reasons_in_the_json_contract_are_masked_and_bilingual() -> None:
    finding = _column("race___0", ["0", "1"])
    reasons = finding.to_dict()["reasons"]
    assert [r["code"] for r in reasons] == [
        "scan.reason.header",
        "scan.reason.rule.special_header",
    ]
    assert "race" in reasons[0]["en"]
    assert "etnische afkomst" in reasons[0]["nl"]
