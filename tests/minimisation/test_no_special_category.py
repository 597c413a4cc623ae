"""``expect_table_values_to_hold_no_special_category_data``: the recognizers' vocabularies."""

from __future__ import annotations

import json

from dpia.minimise._suites import NO_SPECIAL_CATEGORY
from dpia.minimise.expectations.expect_table_values_to_hold_no_special_category_data import (
    special_category_cells,
)
from dpia.register._taxonomy import SPECIAL_TYPES
from tests.minimisation.conftest import Check, frame_of

ALL = list(SPECIAL_TYPES)


def test_free_text_mentions_fail_per_column_and_type(check: Check) -> None:
    notes = [
        "Heeft astma, pufje mee op schoolreis.",
        "Gaat met het suikerfeest naar de moskee.",
        "Goede vooruitgang met spelling.",
        "Heeft astma.",
    ]
    evr = check(NO_SPECIAL_CATEGORY, {"types": ALL}, frame_of(notitie=notes))
    assert evr["success"] is False
    (column,) = evr["result"]["details"]["columns"]
    assert column["column"] == "notitie"
    assert column["count"] == 3
    assert column["mentions"] == {"HEALTH": 2, "RELIGION": 1}
    assert "astma" not in json.dumps(evr)


def test_a_category_column_fails_whatever_its_header(check: Check) -> None:
    frame = frame_of(veld_7=["Rooms-katholiek", "Islamitisch", ""])
    evr = check(NO_SPECIAL_CATEGORY, {"types": ALL}, frame)
    assert evr["result"]["details"]["columns"][0]["mentions"] == {"RELIGION": 2}


def test_weak_terms_need_context_and_never_boost_themselves(check: Check) -> None:
    # "Arts" is a surname and a weak HEALTH term that is also a HEALTH context word.
    frame = frame_of(
        achternaam=["Arts", "de Arts"],
        email=["kaylee.arts@leerling.example", "bas.arts@leerling.example"],
    )
    assert check(NO_SPECIAL_CATEGORY, {"types": ALL}, frame)["success"] is True
    medical = frame_of(medische_gegevens=["ADD", "geen"])
    found = special_category_cells(medical, ALL)
    assert found == [
        {"column": "medische_gegevens", "count": 1, "share": 0.5, "mentions": {"HEALTH": 1}}
    ]
    assert special_category_cells(frame_of(opmerking=["ADD", "geen"]), ALL) == []


def test_a_veto_in_the_same_sentence_is_honoured() -> None:
    notes = ["Excursie naar de moskee met de hele groep.", "Vader is imam. Excursie ging goed."]
    found = special_category_cells(frame_of(notitie=notes), ALL)
    assert found == [{"column": "notitie", "count": 1, "share": 0.5, "mentions": {"RELIGION": 1}}]


def test_types_the_agreement_allows_are_not_checked(check: Check) -> None:
    frame = frame_of(medisch=["astma", "diabetes"])
    allowed_health = [t for t in ALL if t != "HEALTH"]
    assert check(NO_SPECIAL_CATEGORY, {"types": allowed_health}, frame)["success"] is True


def test_pseudonyms_are_no_words() -> None:
    eck = "https://ketenid.nl/201703/" + "0123456789abcdef" * 8
    assert special_category_cells(frame_of(eck_id=[eck, eck.upper()]), ALL) == []
