"""``expect_table_columns_to_hold_only_allowed_entities`` with findings of our own."""

from __future__ import annotations

import json

from dpia.minimise._suites import ALLOWED_ENTITIES
from dpia.minimise.expectations.expect_table_columns_to_hold_only_allowed_entities import (
    columns_beyond,
)
from tests.minimisation.conftest import Check, FakeFinding, frame_of

FRAME = frame_of(
    eck_id=["https://ketenid.nl/201703/" + "a" * 128] * 3,
    roepnaam=["Kaylee", "Bas", ""],
    bsn=["111222333", "123456782", "999999990"],
    groep=["8b", "5a", "5a"],
)
ENTITIES = {"eck_id": "ECK_ID", "roepnaam": "PERSON", "bsn": "NL_BSN", "groep": None}


def test_column_outside_allowed_fails_naming_column_and_type(check: Check) -> None:
    evr = check(ALLOWED_ENTITIES, {"allowed": ["ECK_ID", "PERSON"]}, FRAME, ENTITIES)
    assert evr["success"] is False
    assert evr["result"]["observed_value"] == ["NL_BSN"]
    assert evr["result"]["details"]["columns"] == [
        {"column": "bsn", "entity": "NL_BSN", "count": 3, "share": 1.0}
    ]


def test_non_personal_columns_always_pass(check: Check) -> None:
    evr = check(ALLOWED_ENTITIES, {"allowed": ["ECK_ID", "PERSON", "NL_BSN"]}, FRAME, ENTITIES)
    assert evr["success"] is True
    assert evr["result"]["details"]["columns"] == []


def test_filled_cells_are_counted(check: Check) -> None:
    evr = check(ALLOWED_ENTITIES, {"allowed": ["ECK_ID"]}, FRAME, ENTITIES)
    by_column = {c["column"]: c["count"] for c in evr["result"]["details"]["columns"]}
    assert by_column == {"roepnaam": 2, "bsn": 3}


def test_result_holds_no_values(check: Check) -> None:
    evr = check(ALLOWED_ENTITIES, {"allowed": []}, FRAME, ENTITIES)
    text = json.dumps(evr)
    for value in ("123456782", "Kaylee", "a" * 128):
        assert value not in text


def test_allowed_free_text_fails_on_what_its_notes_carry() -> None:
    frame = frame_of(notitie=["zorg: dyslexie", "", "ook zorg"])
    notes = FakeFinding("notitie", "FREE_TEXT", mentions={"PUPIL_CARE": 5, "EMAIL_ADDRESS": 1})
    # The scan's mentions, at most the filled cells; ordinary data in notes is what notes are.
    assert columns_beyond(frame, (notes,), ["FREE_TEXT"]) == [
        {"column": "notitie", "entity": "PUPIL_CARE", "count": 2, "share": 2 / 3}
    ]
    assert columns_beyond(frame, (notes,), ["FREE_TEXT", "PUPIL_CARE"]) == []
