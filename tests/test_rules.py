"""Each shared judgement has one home, and the stages that use it agree.

National identifiers: the recognizers, the validation and the leak gate. Pupils: the report and
the exposure stage. Allowed columns: the validation and the exposure stage.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dpia.detect import national_id, national_id_counts
from dpia.detect._cells import cell_entities
from dpia.detect._scan import ScanResult
from dpia.exposure._table import vendor_exposure
from dpia.job._leaks import find_leaks
from dpia.job._pipeline import count_pupils
from dpia.minimise._engine import gx_loaded
from dpia.rules import beyond_ordinary, excess_entities, subject_codes
from tests.exposure.helpers import export_of, finding, frame_of, scan_of, vendor_of

ECK = [f"https://ketenid.nl/201703/{n:0128x}" for n in range(3)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("123456782", "NL_BSN"),
        ("1234.56.782", "NL_BSN"),
        ("1234 56 782", "NL_BSN"),
        ("101222331", "NL_ONDERWIJSNUMMER"),
        ("1012.22.331", "NL_ONDERWIJSNUMMER"),
        ("123456789", None),  # fails both checks
        ("123.456.782", None),  # thousands separators
        ("12345678", None),  # stdnum would pad it to nine digits
    ],
)
def test_national_ids_are_one_judgement(text: str, kind: str | None) -> None:
    """The scanner's cell check, the validation's count and the leak gate say the same."""
    assert national_id(text) == kind
    expected = set() if kind is None else {kind}
    assert cell_entities(text) & {"NL_BSN", "NL_ONDERWIJSNUMMER"} == expected
    assert set(national_id_counts(pd.Series([text, f" {text} "]))) == expected
    assert {hit.entity for hit in find_leaks(f"nummer {text} hier")} == expected


@pytest.mark.parametrize(
    ("columns", "entities", "pupils"),
    [
        # A row with a blank or whitespace-only identifier is a pupil of its own (the cautious
        # count); white space around a value is no other pupil.
        ({"eck_id": [ECK[0], f"{ECK[0]} ", ECK[1], "", "  "]}, {"eck_id": "ECK_ID"}, 4),
        ({"nummer": ["1", "2", "2", " "]}, {"nummer": "STUDENT_NUMBER"}, 3),
        # No identifier: the combinations of the names; blank names a pupil each.
        (
            {"roepnaam": ["Jan", "Jan", "Piet", ""], "achternaam": ["Arts", "Arts", "Vos", " "]},
            {"roepnaam": "PERSON", "achternaam": "PERSON"},
            3,
        ),
        ({"groep": ["5a", "5a", "5b"]}, {}, 3),  # nothing to tell pupils apart: the rows
    ],
)
def test_the_report_and_exposure_count_the_same_pupils(
    columns: dict[str, list[str]], entities: dict[str, str], pupils: int
) -> None:
    frame = frame_of(**columns)
    export = export_of(frame)
    scan: ScanResult = scan_of(export, entities)
    _, subjects = subject_codes(frame, scan.columns)
    assert subjects.count == pupils
    assert count_pupils(export, scan) == pupils
    assert vendor_exposure(vendor_of(), export, scan).subjects.count == pupils


def test_excess_entities() -> None:
    allowed = ["PERSON", "FREE_TEXT"]
    assert excess_entities(finding("groep", None), allowed) == ()
    assert excess_entities(finding("roepnaam", "PERSON"), allowed) == ()
    assert excess_entities(finding("bsn", "NL_BSN"), allowed) == ("NL_BSN",)
    notes = finding("notitie", "FREE_TEXT", {"PUPIL_CARE": 2, "HEALTH": 1, "PERSON": 4})
    # Ordinary data in notes is what free text is; beyond it, in taxonomy order.
    assert beyond_ordinary(notes.mentions) == [("HEALTH", 1), ("PUPIL_CARE", 2)]
    assert excess_entities(notes, allowed) == ("HEALTH", "PUPIL_CARE")
    assert excess_entities(notes, [*allowed, "HEALTH", "PUPIL_CARE"]) == ()
    # Free text the agreement does not allow is excess as such.
    assert excess_entities(notes, ["PERSON"]) == ("FREE_TEXT",)


def test_the_validation_and_exposure_judge_allowed_columns_alike() -> None:
    gx_loaded()  # the expectation modules import Great Expectations, quietly only through here
    from dpia.minimise.expectations.expect_table_columns_to_hold_only_allowed_entities import (
        columns_beyond,
    )

    frame = frame_of(eck_id=ECK, notitie=["zorg: dyslexie", "", "goed gewerkt"])
    entities = {"eck_id": "ECK_ID", "notitie": "FREE_TEXT"}
    export = export_of(frame)
    scan = scan_of(export, entities, {"notitie": {"PUPIL_CARE": 1}})
    free_text, care = ("notitie", "FREE_TEXT"), ("notitie", "PUPIL_CARE")
    cases = [
        # Free text not allowed: validation names the column once; exposure also counts what
        # its notes mention. Allowed free text mentioning what is not: validation names that
        # type; exposure counts the mention and marks the column itself as excess too.
        (["ECK_ID"], {free_text}, {free_text, care}),
        (["ECK_ID", "FREE_TEXT"], {care}, {free_text, care}),
        (["ECK_ID", "FREE_TEXT", "PUPIL_CARE"], set(), set()),
    ]
    for allowed, in_validation, in_exposure in cases:
        exposure = vendor_exposure(vendor_of(allowed=allowed), export, scan)
        validation = columns_beyond(frame, scan.columns, allowed)
        assert {(c["column"], c["entity"]) for c in validation} == in_validation, allowed
        excess = {(a.column, a.entity) for a in exposure.excess_attributes}
        assert excess == in_exposure, allowed
