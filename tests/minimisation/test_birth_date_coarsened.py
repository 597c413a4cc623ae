"""``expect_table_birth_dates_to_be_coarsened``: none, year or age band, by detected entity."""

from __future__ import annotations

import pytest

from dpia.minimise._suites import BIRTH_DATE_COARSENED
from dpia.rules import fits
from tests.minimisation.conftest import Check, frame_of

DOB = {"geb": "DATE_OF_BIRTH"}


@pytest.mark.parametrize(
    ("cell", "year", "age_band"),
    [
        ("2014", True, False),
        (" 2014 ", True, False),
        ("8-9", True, True),
        ("6-8 jaar", True, True),
        ("6 tot 8 jaar", True, True),
        ("10 - 12 years", True, True),
        ("13-04-2014", False, False),
        ("2014-04-13", False, False),
        ("april 2014", False, False),
        ("14", False, False),
    ],
)
def test_forms(cell: str, year: bool, age_band: bool) -> None:
    assert fits(cell, "year") is year
    assert fits(cell, "age_band") is age_band
    assert fits(cell, "none") is False


def test_none_allows_no_birth_date_column(check: Check) -> None:
    evr = check(BIRTH_DATE_COARSENED, {"form": "none"}, frame_of(geb=["2014", "", "2015"]), DOB)
    assert evr["success"] is False
    assert evr["result"]["details"]["columns"] == [{"column": "geb", "count": 2, "share": 2 / 3}]


def test_year_form_rejects_full_dates(check: Check) -> None:
    frame = frame_of(geb=["13-04-2014", "2015", "21-01-2017", ""])
    evr = check(BIRTH_DATE_COARSENED, {"form": "year"}, frame, DOB)
    assert evr["result"]["observed_value"] == 2
    assert "13-04-2014" not in str(evr)


def test_year_form_passes_years(check: Check) -> None:
    frame = frame_of(geb=["2014", "2015", ""])
    assert check(BIRTH_DATE_COARSENED, {"form": "year"}, frame, DOB)["success"] is True


def test_only_detected_birth_date_columns_count(check: Check) -> None:
    frame = frame_of(datum_aanmelding=["01-09-2020"], geb=["2014"])
    evr = check(BIRTH_DATE_COARSENED, {"form": "year"}, frame, DOB)
    assert evr["success"] is True
