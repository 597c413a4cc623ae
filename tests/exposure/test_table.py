"""Exposure per vendor and category, from hand-made feeds and scans (no scanner involved)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pytest

from dpia.exposure import compute
from dpia.exposure._table import ExposureTable, VendorExposure, vendor_exposure
from dpia.messages import Message, render
from dpia.minimise import _suites as suites
from dpia.minimise._verdicts import Failure, VendorVerdict
from dpia.register._policy import RegisterError
from dpia.register._taxonomy import Category
from tests.exposure.helpers import export_of, frame_of, register_of, scan_of, vendor_of

ECK = [f"https://ketenid.nl/201703/{n:0128x}" for n in range(6)]


def exposure(
    frame: pd.DataFrame,
    entities: Mapping[str, str | None],
    *,
    mentions: Mapping[str, Mapping[str, int]] | None = None,
    failures: Sequence[Failure] = (),
    **vendor: Any,
) -> VendorExposure:
    export = export_of(frame)
    verdict = verdict_of(export.provenance.sha256, failures) if failures else None
    return vendor_exposure(
        vendor_of(**vendor), export, scan_of(export, entities, mentions), verdict
    )


def verdict_of(
    sha256: str, failures: Sequence[Failure] = (), vendor: str = "leverancier"
) -> VendorVerdict:
    return VendorVerdict(
        vendor=vendor,
        name="Leverancier B.V.",
        agreement="VWO-1",
        passed=not failures,
        failures=tuple(failures),
        evaluated=7,
        rows=3,
        feed="feeds/leverancier.csv",
        sha256=sha256,
        suite="expectations/leverancier.json",
        seconds=0.1,
        gx_result={},
    )


def failure(kind: str, column: str, entities: Sequence[str], count: int | None) -> Failure:
    return Failure(
        kind, (column,), tuple(entities), count, None, Message("failure.other", check=kind)
    )


def attribute(result: VendorExposure, column: str, entity: str) -> Any:
    return next(a for a in result.attributes if (a.column, a.entity) == (column, entity))


# --- data subjects ---------------------------------------------------------------------------


def test_subjects_by_eck_id_blank_identifiers_count_one_each() -> None:
    frame = frame_of(eck_id=[ECK[0], f" {ECK[0]} ", ECK[1], "", " "], roepnaam=list("abcde"))
    result = exposure(frame, {"eck_id": "ECK_ID", "roepnaam": "PERSON"})
    # Two pupils by their ECK iD, and each row without one a pupil of its own: the cautious count.
    assert (result.subjects.count, result.subjects.basis) == (4, "ECK_ID")
    assert result.subjects.columns == ("eck_id",)
    assert attribute(result, "roepnaam", "PERSON").subjects == 4


@pytest.mark.parametrize(
    ("entities", "basis", "count"),
    [
        ({"eck_id": "ECK_ID", "nummer": "STUDENT_NUMBER", "bsn": "NL_BSN"}, "ECK_ID", 2),
        ({"nummer": "STUDENT_NUMBER", "bsn": "NL_BSN"}, "STUDENT_NUMBER", 3),
        ({"bsn": "NL_BSN", "roepnaam": "PERSON"}, "NL_BSN", 1),
        ({"roepnaam": "PERSON", "achternaam": "PERSON"}, "PERSON", 3),
        ({}, "rows", 4),
    ],
)
def test_subjects_basis_in_order_of_trust(entities: dict[str, str], basis: str, count: int) -> None:
    frame = frame_of(
        eck_id=[ECK[0], ECK[0], ECK[1], ECK[1]],
        nummer=["1", "2", "3", "3"],
        bsn=["111222333"] * 4,
        roepnaam=["Jan", "Jan", "Jan", "Piet"],
        achternaam=["Jansen", "Jansen", "Vries", "Vries"],
    )
    result = exposure(frame, entities)
    assert (result.subjects.basis, result.subjects.count) == (basis, count)


# --- attributes: allowed and excess ----------------------------------------------------------


def test_columns_beyond_the_agreement_are_excess() -> None:
    frame = frame_of(
        eck_id=ECK[:3], roepnaam=["a", "b", "c"], geboortedatum=["2014-01-01"] * 3, groep=["5a"] * 3
    )
    result = exposure(
        frame, {"eck_id": "ECK_ID", "roepnaam": "PERSON", "geboortedatum": "DATE_OF_BIRTH"}
    )
    assert [(a.column, a.allowed) for a in result.attributes] == [
        ("eck_id", True),
        ("roepnaam", True),
        ("geboortedatum", False),
    ]
    excess = attribute(result, "geboortedatum", "DATE_OF_BIRTH")
    assert excess.reason.code == "not_allowed"
    assert "geboortedatum" in render(excess.reason.message, "nl")
    assert result.excess_columns == ("geboortedatum",)


@pytest.mark.parametrize(
    ("form", "values", "allowed"),
    [
        ("year", ["2014", "2015", ""], True),
        ("year", ["8-9 jaar", "2015"], True),
        ("year", ["13-04-2014", "2015"], False),
        ("age_band", ["8-9", "6 tot 8 jaar"], True),
        ("age_band", ["2014", "8-9"], False),
        ("full", ["13-04-2014", "2015-01-01"], True),
    ],
)
def test_birth_date_only_as_precise_as_agreed(form: str, values: list[str], allowed: bool) -> None:
    frame = frame_of(eck_id=ECK[: len(values)], geboortedatum=values)
    result = exposure(
        frame,
        {"eck_id": "ECK_ID", "geboortedatum": "DATE_OF_BIRTH"},
        allowed=["ECK_ID", "DATE_OF_BIRTH"],
        date_of_birth=form,
    )
    found = attribute(result, "geboortedatum", "DATE_OF_BIRTH")
    assert found.allowed is allowed
    assert allowed or found.reason.code == "too_precise"


NOTES = frame_of(eck_id=ECK[:4], notitie=["astma", "kerk en astma", "", "goed gewerkt"])


def test_free_text_not_in_the_agreement_and_its_special_mentions() -> None:
    result = exposure(
        NOTES,
        {"eck_id": "ECK_ID", "notitie": "FREE_TEXT"},
        mentions={"notitie": {"HEALTH": 2, "RELIGION": 1, "PERSON": 4, "DATE_TIME": 3}},
    )
    own = attribute(result, "notitie", "FREE_TEXT")
    assert (own.allowed, own.reason.code, own.subjects) == (False, "not_allowed", 3)
    health = attribute(result, "notitie", "HEALTH")
    assert (health.source, health.allowed, health.subjects, health.estimated) == (
        "mention",
        False,
        2,
        True,
    )
    assert "gezondheid" in render(health.reason.message, "nl")
    # Names in notes are ordinary data, part of the free text itself; a label outside the
    # vocabulary has no category.
    assert {a.entity for a in result.attributes} == {"ECK_ID", "FREE_TEXT", "HEALTH", "RELIGION"}
    assert result.special_types == ("RELIGION", "HEALTH")
    assert result.excess_columns == ("notitie",)


def test_allowed_free_text_is_judged_by_what_it_mentions() -> None:
    entities = {"eck_id": "ECK_ID", "notitie": "FREE_TEXT"}
    allowed = ["ECK_ID", "FREE_TEXT"]
    clean = exposure(NOTES, entities, mentions={"notitie": {"PERSON": 2}}, allowed=allowed)
    assert clean.excess_attributes == ()
    health = exposure(NOTES, entities, mentions={"notitie": {"HEALTH": 9}}, allowed=allowed)
    own = attribute(health, "notitie", "FREE_TEXT")
    assert (own.allowed, own.reason.code) == (False, "mentions_not_allowed")
    assert attribute(health, "notitie", "HEALTH").subjects == 3  # 9 mentions, 3 filled notes
    agreed = exposure(
        NOTES, entities, mentions={"notitie": {"HEALTH": 2}}, allowed=[*allowed, "HEALTH"]
    )
    assert agreed.excess_attributes == ()


# --- categories and units --------------------------------------------------------------------


def test_categories_subjects_and_units() -> None:
    frame = frame_of(
        eck_id=ECK[:4],
        roepnaam=["a", "b", "c", "d"],
        bsn=["111222333", "", "123456782", ""],
        medisch=["astma", "", "", ""],
    )
    result = exposure(
        frame, {"eck_id": "ECK_ID", "roepnaam": "PERSON", "bsn": "NL_BSN", "medisch": "HEALTH"}
    )
    summary = [(c.key, c.subjects, c.weight, c.units, c.excess) for c in result.categories]
    assert summary == [
        ("gewoon", 4, 1, 4, 0),
        ("bijzonder:HEALTH", 1, 4, 4, 1),
        ("nationaal_identificatienummer", 2, 3, 6, 1),
    ]
    assert result.units == 14
    assert result.units_of(Category.BIJZONDER, Category.STRAFRECHTELIJK) == 4
    assert result.units_of(Category.NATIONAAL_ID) == 6
    assert result.risk.inherent.severity == 4


def test_category_of_free_text_mentions_is_an_estimate() -> None:
    result = exposure(
        NOTES,
        {"eck_id": "ECK_ID", "notitie": "FREE_TEXT"},
        mentions={"notitie": {"HEALTH": 2, "PUPIL_CARE": 1}},
    )
    by_key = {c.key: c for c in result.categories}
    assert (by_key["bijzonder:HEALTH"].subjects, by_key["bijzonder:HEALTH"].estimated) == (2, True)
    assert (by_key["gevoelig"].units, by_key["gevoelig"].estimated) == (2, True)
    assert (by_key["gewoon"].subjects, by_key["gewoon"].estimated) == (4, False)


# --- validations -----------------------------------------------------------------------------


def test_validation_adds_what_the_scan_missed() -> None:
    frame = frame_of(eck_id=ECK[:3], bijzonderheden=["astma", "", "allergie"])
    found = failure(suites.NO_SPECIAL_CATEGORY, "bijzonderheden", ["HEALTH"], 2)
    result = exposure(frame, {"eck_id": "ECK_ID"}, failures=[found])
    health = attribute(result, "bijzonderheden", "HEALTH")
    assert (health.source, health.allowed, health.subjects) == ("validation", False, 2)
    assert health.reason.code == "validation"
    assert result.validation_passed is False
    assert result.risk.inherent.severity == 4


def test_validation_marks_an_allowed_attribute_excess() -> None:
    frame = frame_of(eck_id=ECK[:2], geboortedatum=["2014", "2015"])
    found = failure(suites.BIRTH_DATE_COARSENED, "geboortedatum", ["DATE_OF_BIRTH"], 2)
    k_check = failure(suites.K_ANONYMOUS, "geboortedatum", (), 1)
    result = exposure(
        frame,
        {"eck_id": "ECK_ID", "geboortedatum": "DATE_OF_BIRTH"},
        failures=[found, k_check],
        allowed=["ECK_ID", "DATE_OF_BIRTH"],
        date_of_birth="year",
    )
    dob = attribute(result, "geboortedatum", "DATE_OF_BIRTH")
    assert (dob.source, dob.allowed, dob.reason.message) == ("column", False, found.message)
    assert len(result.attributes) == 2  # the k-anonymity failure names no entity type


def test_validation_of_another_feed_is_refused() -> None:
    export = export_of(frame_of(eck_id=ECK[:2]))
    scan = scan_of(export, {"eck_id": "ECK_ID"})
    with pytest.raises(ValueError, match="validation is of another"):
        vendor_exposure(vendor_of(), export, scan, verdict_of("0" * 64))
    with pytest.raises(ValueError, match="validation is of another"):
        vendor_exposure(
            vendor_of(), export, scan, verdict_of(export.provenance.sha256, vendor="ander")
        )


# --- compute ---------------------------------------------------------------------------------


def two_vendors() -> tuple[Any, dict[str, Any], dict[str, Any]]:
    register = register_of({"id": "eerste"}, {"id": "tweede", "allowed": ["STUDENT_NUMBER"]})
    one = export_of(frame_of(eck_id=ECK[:3], roepnaam=["a", "b", "c"]))
    two = export_of(frame_of(nummer=["1", "2"], postcode=["1234 AB", "1234 AB"]))
    feeds = {"tweede": two, "eerste": one}
    scans = {
        "eerste": scan_of(one, {"eck_id": "ECK_ID", "roepnaam": "PERSON"}),
        "tweede": scan_of(two, {"nummer": "STUDENT_NUMBER", "postcode": "NL_POSTCODE"}),
    }
    return register, feeds, scans


def test_compute_in_register_order() -> None:
    register, feeds, scans = two_vendors()
    table = compute(register, feeds, scans)
    assert isinstance(table, ExposureTable)
    assert [v.vendor for v in table.vendors] == ["eerste", "tweede"]
    assert table.vendor("tweede").excess_columns == ("postcode",)
    assert table.vendor("tweede").reidentification.k == 2
    assert table.category_keys() == ("gewoon",)
    with pytest.raises(KeyError):
        table.vendor("derde")
    only = compute(register, {"tweede": feeds["tweede"]}, {"tweede": scans["tweede"]})
    assert [v.vendor for v in only.vendors] == ["tweede"]


def test_compute_refuses_inputs_that_do_not_belong_together() -> None:
    register, feeds, scans = two_vendors()
    with pytest.raises(ValueError, match="same vendors"):
        compute(register, feeds, {"eerste": scans["eerste"]})
    with pytest.raises(ValueError, match="without a feed"):
        compute(register, feeds, scans, {"derde": verdict_of("0" * 64)})
    with pytest.raises(ValueError, match="scan is of another file"):
        compute(register, feeds, {"eerste": scans["tweede"], "tweede": scans["eerste"]})
    with pytest.raises(RegisterError, match="no vendor 'derde'"):
        compute(register, {"derde": feeds["eerste"]}, {"derde": scans["eerste"]})


def test_scan_must_cover_the_feed_columns() -> None:
    export = export_of(frame_of(eck_id=ECK[:2], roepnaam=["a", "b"]))
    narrower = export_of(frame_of(eck_id=ECK[:2]))
    scan = scan_of(narrower, {"eck_id": "ECK_ID"})
    scan = type(scan)(provenance=export.provenance, columns=scan.columns)
    with pytest.raises(ValueError, match="columns"):
        vendor_exposure(vendor_of(), export, scan)


def test_to_dict_holds_the_contract() -> None:
    register, feeds, scans = two_vendors()
    data = compute(register, feeds, scans).to_dict()
    assert data["board"] == "Stichting Test"
    assert data["method"]["category_weights"]["bijzonder"] == 4
    vendor = data["vendors"][1]
    assert {
        "vendor",
        "subjects",
        "categories",
        "excess_attributes",
        "k_anonymity",
        "share_k_below_5",
        "sample_uniqueness",
        "max_risk",
        "avg_risk",
        "severity",
        "likelihood",
        "risk_level",
        "reasons",
    } <= set(vendor)
    assert vendor["excess_attributes"][0]["column"] == "postcode"
    assert vendor["subjects_basis"] == "STUDENT_NUMBER"
    assert vendor["validation_passed"] is None
