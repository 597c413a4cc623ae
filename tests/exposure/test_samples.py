"""The figures for ``data_samples/``: first from scans built from ``labels.json`` (the ground
truth), then once end to end with the real scanner."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from openpyxl import load_workbook

from dpia.detect._scan import ScanResult, scan
from dpia.exposure import ExposureTable, compute
from dpia.load._export import Export, load_export
from dpia.register._policy import Register, load_register
from dpia.register._taxonomy import QUASI_IDENTIFIERS
from tests.conftest import SAMPLES
from tests.exposure.helpers import scan_of

LABELS: dict[str, Any] = json.loads((SAMPLES / "labels.json").read_text("utf-8"))
COMPLIANT = ("leeslijn", "rekenplein", "cloudsuite")


@pytest.fixture(scope="module")
def register() -> Register:
    return load_register(SAMPLES / "register.yaml")


@pytest.fixture(scope="module")
def feeds(register: Register) -> dict[str, Export]:
    return {v.id: load_export(register.feed_path(v)) for v in register.vendors}


def labelled_scan(feed: str, export: Export) -> ScanResult:
    """The scan a perfect scanner would return: entity types and note mentions from the labels."""
    columns = LABELS["files"][feed]["columns"]
    notes = LABELS["notes"].get(feed, {})
    mentions = {
        column: dict(Counter(kind for row in rows for kind in row))
        for column, rows in notes.items()
    }
    return scan_of(export, {c: columns[c]["entity"] for c in columns}, mentions)


@pytest.fixture(scope="module")
def labelled(register: Register, feeds: dict[str, Export]) -> ExposureTable:
    scans = {v.id: labelled_scan(v.feed, feeds[v.id]) for v in register.vendors}
    return compute(register, feeds, scans)


def unique_share_of_bibliotheek() -> float:
    """Share of the library feed's records whose quasi-identifiers no other record shares,
    straight from the workbook."""
    book = load_workbook(SAMPLES / "feeds" / "bibliotheek.xlsx", read_only=True)
    try:
        header, *rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    labels = LABELS["files"]["feeds/bibliotheek.xlsx"]["columns"]
    quasi = [c for c in header if labels[c]["entity"] in QUASI_IDENTIFIERS]
    assert quasi == ["geboortedatum", "postcode", "geslacht"]
    positions = [header.index(c) for c in [*quasi, "groep", "brin"]]
    keys = [tuple(row[i] for i in positions) for row in rows]
    counts = Counter(keys)
    return sum(counts[key] == 1 for key in keys) / len(keys)


def check_sample_figures(table: ExposureTable) -> None:
    library = table.vendor("bibliotheek")
    assert library.reidentification.k == 1
    assert library.reidentification.sample_uniqueness == pytest.approx(
        unique_share_of_bibliotheek()
    )
    assert library.reidentification.max_risk == 1.0
    assert library.subjects.basis == "STUDENT_NUMBER"
    assert {a.entity for a in library.excess_attributes} == {
        "DATE_OF_BIRTH",
        "NL_POSTCODE",
        "GENDER",
    }
    for vendor in COMPLIANT:
        assert table.vendor(vendor).excess_attributes == (), vendor
        assert table.vendor(vendor).subjects.basis == "ECK_ID"
    tests = table.vendor("toetsmonitor")
    assert {"NL_BSN", "DATE_OF_BIRTH"} <= {a.entity for a in tests.excess_attributes}
    assert tests.risk.inherent.severity == 4
    parents = table.vendor("ouderapp")
    excess = {(a.column, a.entity) for a in parents.excess_attributes}
    assert {("notitie", "FREE_TEXT"), ("notitie", "HEALTH")} <= excess
    assert "HEALTH" in parents.special_types
    # The compliant feeds come out laag after their measures; the three with planted problems
    # stay hoog (measures do not undo excess data); the US transfer stays midden.
    residual = {v.vendor: v.risk.residual.level.value for v in table.vendors}
    assert residual == {
        "leeslijn": "laag",
        "rekenplein": "laag",
        "toetsmonitor": "hoog",
        "ouderapp": "hoog",
        "bibliotheek": "hoog",
        "cloudsuite": "midden",
    }


def test_sample_figures_from_the_labels(labelled: ExposureTable) -> None:
    check_sample_figures(labelled)


def test_sample_subjects_and_units(labelled: ExposureTable) -> None:
    subjects = {v.vendor: v.subjects.count for v in labelled.vendors}
    assert subjects == {
        # The feeds also hold pupils who left within retention and the planted rows.
        "leeslijn": 1693,
        "rekenplein": 2126,
        "toetsmonitor": 2129,
        "ouderapp": 936,
        "bibliotheek": 1132,
        "cloudsuite": 2026,
    }
    tests = labelled.vendor("toetsmonitor")
    national = next(c for c in tests.categories if c.key == "nationaal_identificatienummer")
    assert national.units == national.subjects * 3
    # 76 notes mention health (labels), each a pupil's: 76 x weight 4.
    health = next(c for c in labelled.vendor("ouderapp").categories if c.key == "bijzonder:HEALTH")
    assert (health.subjects, health.units, health.estimated) == (76, 304, True)


@pytest.fixture(scope="module")
def scanned(feeds: dict[str, Export]) -> dict[str, ScanResult]:
    """The real scanner over every feed: tens of seconds, so once per module."""
    return {vendor_id: scan(export) for vendor_id, export in feeds.items()}


@pytest.mark.slow
def test_sample_figures_end_to_end(
    register: Register, feeds: dict[str, Export], scanned: dict[str, ScanResult]
) -> None:
    check_sample_figures(compute(register, feeds, scanned))
