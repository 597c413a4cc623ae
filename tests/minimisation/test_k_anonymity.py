"""``expect_table_quasi_identifiers_to_be_k_anonymous``."""

from __future__ import annotations

from dpia.detect import GROUP_AND_SCHOOL_HEADERS
from dpia.minimise._suites import K_ANONYMOUS
from dpia.register._taxonomy import QUASI_IDENTIFIERS
from tests.minimisation.conftest import Check, frame_of

KWARGS = {
    "threshold": 3,
    "quasi_identifiers": list(QUASI_IDENTIFIERS),
    "context_headers": list(GROUP_AND_SCHOOL_HEADERS),
}


def test_k_and_share_at_risk(check: Check) -> None:
    frame = frame_of(
        geslacht=["M", "M", "M", "V", "V", "V", "V"],
        postcode=["1620 UP"] * 6 + ["1607 NU"],
        naam=list("abcdefg"),
    )
    evr = check(K_ANONYMOUS, KWARGS, frame, {"geslacht": "GENDER", "postcode": "NL_POSTCODE"})
    assert evr["success"] is False
    details = evr["result"]["details"]
    assert details["k"] == 1
    assert details["columns"] == ["geslacht", "postcode"]
    assert details["share_at_risk"] == 1 / 7
    assert details["classes"] == 3
    assert "1620 UP" not in str(evr)


def test_group_and_school_join_a_quasi_identifier(check: Check) -> None:
    frame = frame_of(geslacht=["M"] * 3 + ["V"] * 3, groep=["5a", "5a", "5b", "5a", "5a", "5a"])
    evr = check(K_ANONYMOUS, KWARGS, frame, {"geslacht": "GENDER"})
    assert evr["result"]["details"]["columns"] == ["geslacht", "groep"]
    assert evr["result"]["details"]["k"] == 1


def test_group_and_school_alone_single_nobody_out(check: Check) -> None:
    frame = frame_of(groep=["5a", "5b"], brin=["91XA", "91XA"])
    evr = check(K_ANONYMOUS, KWARGS, frame)
    assert evr["success"] is True
    assert evr["result"]["observed_value"] is None


def test_threshold_met(check: Check) -> None:
    frame = frame_of(geslacht=["M", "M", "M", "V", "V", "V"])
    evr = check(K_ANONYMOUS, KWARGS, frame, {"geslacht": "GENDER"})
    assert evr["success"] is True
    assert evr["result"]["observed_value"] == 3


def test_a_personal_column_never_joins_as_group_or_school(check: Check) -> None:
    # "mail groep" holds a group's word but e-mail addresses: judged as an attribute, as the
    # exposure stage judges it (dpia.rules.quasi_identifier_columns), never as a group.
    frame = frame_of(geslacht=["M"] * 4, groep=["5a"] * 4, mail_groep=list("abcd"))
    entities = {"geslacht": "GENDER", "mail_groep": "EMAIL_ADDRESS"}
    evr = check(K_ANONYMOUS, KWARGS, frame, entities)
    assert evr["result"]["details"]["columns"] == ["geslacht", "groep"]
    assert evr["result"]["details"]["k"] == 4
