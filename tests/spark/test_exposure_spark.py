"""The exposure stage and the pipeline's per-file figures on Spark equal the pandas engine's.

The scans and the validation verdicts are the pandas engine's, given to both engines, so only the
exposure figures (pupils, classes, fill rates, the board's pupils) are computed twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from dpia.detect import ScanResult, scan
from dpia.exposure import ExposureTable, compute
from dpia.load import Export, load_export
from dpia.load._spark import SparkExport, to_spark
from dpia.minimise import VendorVerdict, validate_all, write_suites
from dpia.register import Register, load_register
from dpia.rules import (
    BoardPupils,
    FillRate,
    board_pupils,
    fill_rates,
    spark_board_pupils,
    spark_fill_rates,
    spark_subjects,
    subject_codes,
)
from tests.conftest import SAMPLES
from tests.exposure.helpers import export_of, frame_of, register_of, scan_of

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.fixture(scope="module")
def register() -> Register:
    return load_register(SAMPLES / "register.yaml")


@pytest.fixture(scope="module")
def feeds(register: Register) -> dict[str, Export]:
    return {v.id: load_export(register.feed_path(v)) for v in register.vendors}


@pytest.fixture(scope="module")
def scans(feeds: Mapping[str, Export]) -> dict[str, ScanResult]:
    return {vendor: scan(export) for vendor, export in feeds.items()}


@pytest.fixture(scope="module")
def verdicts(
    register: Register,
    feeds: Mapping[str, Export],
    scans: Mapping[str, ScanResult],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, VendorVerdict]:
    suite_dir = tmp_path_factory.mktemp("suites")
    write_suites(register, suite_dir)
    found = validate_all(
        register,
        suite_dir,
        findings={vendor: result.columns for vendor, result in scans.items()},
        feeds=feeds,
    )
    return {verdict.vendor: verdict for verdict in found}


@pytest.fixture(scope="module")
def board(register: Register) -> list[tuple[Export, ScanResult]]:
    """The board's own exports (the register's sources) with their scans."""
    exports = [load_export(path) for path in register.source_paths()]
    return [(export, scan(export)) for export in exports]


@pytest.fixture
def small_batches(spark: SparkSession) -> Iterator[None]:
    """Arrow batches of three rows, so a pupil's rows fall in different batches."""
    key = "spark.sql.execution.arrow.maxRecordsPerBatch"
    before = spark.conf.get(key)
    spark.conf.set(key, "3")
    yield
    spark.conf.set(key, str(before))


def on_spark(feeds: Mapping[str, Export], spark: SparkSession) -> dict[str, SparkExport]:
    return {vendor: to_spark(export, spark) for vendor, export in feeds.items()}


def test_the_samples_exposure_table_is_the_pandas_one(
    spark: SparkSession,
    register: Register,
    feeds: Mapping[str, Export],
    scans: Mapping[str, ScanResult],
    verdicts: Mapping[str, VendorVerdict],
) -> None:
    expected = compute(register, feeds, scans, verdicts)
    spark_feeds: Mapping[str, Export | SparkExport] = on_spark(feeds, spark)
    found = compute(register, spark_feeds, scans, verdicts)
    assert found.to_dict() == expected.to_dict()
    assert len(found.vendors) == len(register.vendors) == 6


def test_the_samples_pupils_per_file_are_the_pandas_ones(
    spark: SparkSession,
    feeds: Mapping[str, Export],
    scans: Mapping[str, ScanResult],
    board: list[tuple[Export, ScanResult]],
) -> None:
    files = [*((feeds[v], scans[v]) for v in feeds), *board]
    for export, result in files:
        _, expected = subject_codes(export.frame, result.columns)
        sdf = to_spark(export, spark).frame
        assert spark_subjects(sdf, result.columns) == expected, export.provenance.path


def test_the_board_fill_rates_are_the_pandas_ones(
    spark: SparkSession, register: Register, board: list[tuple[Export, ScanResult]]
) -> None:
    optional = register.board.optional
    assert optional
    rates: list[FillRate] = []
    for export, result in board:
        name = export.provenance.path
        expected = fill_rates(name, export.frame, result.columns, optional)
        found = spark_fill_rates(name, to_spark(export, spark).frame, result.columns, optional)
        assert found == expected
        rates.extend(found)
    assert rates  # the samples' board exports record a religion


def assert_same_board(found: BoardPupils, expected: BoardPupils) -> None:
    assert found.keys.keys() == expected.keys.keys()
    for kind, (distinct, pupils) in expected.keys.items():
        assert found.keys[kind][0].equals(distinct), kind
        assert np.array_equal(found.keys[kind][1], pupils), kind
    assert np.array_equal(found.school, expected.school)
    assert np.array_equal(found.left, expected.left)
    assert found.consents.keys() == expected.consents.keys()
    for header, given in expected.consents.items():
        assert np.array_equal(found.consents[header], given), header
    assert (found.has_school, found.has_leaving) == (expected.has_school, expected.has_leaving)


def test_the_board_pupils_are_the_pandas_ones(
    spark: SparkSession, board: list[tuple[Export, ScanResult]]
) -> None:
    expected = board_pupils([(export.frame, result.columns) for export, result in board])
    found = spark_board_pupils(
        [(to_spark(export, spark).frame, result.columns) for export, result in board]
    )
    assert expected.pupils > 0
    assert isinstance(found.keys["ECK_ID"][0], pa.Array)
    assert_same_board(found, expected)


# --- a hand-made feed: duplicates, blank cells, a pupil's rows in several batches -------------

ECK = [f"https://ketenid.nl/201703/{n:0128x}" for n in range(4)]


def hand_made() -> pd.DataFrame:
    """Twelve rows: pupils on several rows (one written with spaces around), blank and
    white-space identifiers, blank cells in every other column, headers Spark reads as paths."""
    return frame_of(
        eck_id=[
            ECK[0],
            ECK[1],
            f"  {ECK[0]} ",
            "",
            " ",
            ECK[2],
            ECK[1],
            ECK[3],
            "",
            ECK[2],
            *ECK[:1],
            "\t",
        ],
        naam=["Ada", "Bo", "Ada", "", "Cas", "Dirk", "", "Eva", "Fien", "Dirk", "Ada", ""],
        **{
            "geb.datum": [
                "2015-03-01",
                "2014",
                "2015-03-01",
                "",
                "2016-01-02",
                "2015",
                "2014",
                " ",
                "2013-05-05",
                "2015",
                "2015-03-01",
                "",
            ],
            "post`code": [*["1234 AB"] * 6, "9999 ZZ", "1234 AB", "", "", "1234 AB", "5555 XX"],
            "groep": ["5a", "5a", "5a", "5b", "5b", "5a", "5b", "5a", "", "5a", "5a", "5b"],
            "gezondheid": ["astma", "", "astma", "diabetes", "", "", "", "astma", "", "", "", "x"],
            "notitie": ["", "kerk op zondag", "", "astma", "", "", "", "", "  ", "", "", "goed"],
        },
    )


ENTITIES = {
    "eck_id": "ECK_ID",
    "naam": "PERSON",
    "geb.datum": "DATE_OF_BIRTH",
    "post`code": "NL_POSTCODE",
    "gezondheid": "HEALTH",
    "notitie": "FREE_TEXT",
}


@pytest.mark.parametrize(
    "entities",
    [
        ENTITIES,
        {c: e for c, e in ENTITIES.items() if c != "eck_id"},  # pupils on the names
        {c: e for c, e in ENTITIES.items() if c not in {"eck_id", "naam"}},  # on the rows
        {"groep": None, "naam": "PERSON"},  # no quasi-identifier: one class
        {},  # nothing personal: pupils on the rows, no attribute
    ],
    ids=["eck_id", "names", "rows", "no_quasi", "nothing"],
)
@pytest.mark.usefixtures("small_batches")
def test_a_hand_made_feed_gives_the_pandas_figures(
    spark: SparkSession, entities: Mapping[str, str]
) -> None:
    export = export_of(hand_made())
    findings = scan_of(export, entities, {"notitie": {"HEALTH": 1, "RELIGION": 1}})
    allowed = ["ECK_ID", "PERSON", "DATE_OF_BIRTH"]
    register = register_of({"allowed": allowed, "date_of_birth": "year"})
    vendor = register.vendors[0].id
    expected = compute(register, {vendor: export}, {vendor: findings})
    spark_feed: Mapping[str, Export | SparkExport] = {vendor: to_spark(export, spark)}
    found = compute(register, spark_feed, {vendor: findings})
    assert found.to_dict() == expected.to_dict()
    if "geb.datum" in entities:  # full dates where a year is agreed: too_precise ran
        reasons = {a.reason.code for a in expected.vendors[0].attributes if a.reason is not None}
        assert "too_precise" in reasons
    _, subjects = subject_codes(export.frame, findings.columns)
    assert spark_subjects(spark_feed[vendor].frame, findings.columns) == subjects


def test_an_empty_feed_gives_the_pandas_figures(spark: SparkSession) -> None:
    export = export_of(hand_made().iloc[:0])
    findings = scan_of(export, ENTITIES)
    register = register_of({})
    vendor = register.vendors[0].id
    expected = compute(register, {vendor: export}, {vendor: findings})
    spark_feed: Mapping[str, Export | SparkExport] = {vendor: to_spark(export, spark)}
    found: ExposureTable = compute(register, spark_feed, {vendor: findings})
    assert found.to_dict() == expected.to_dict()
    assert found.vendors[0].rows == 0


def test_the_cached_pupils_are_freed(spark: SparkSession) -> None:
    export = export_of(hand_made())
    findings = scan_of(export, ENTITIES)
    register = register_of({})
    vendor = register.vendors[0].id
    compute(register, {vendor: to_spark(export, spark)}, {vendor: findings})
    assert spark._jsparkSession.sharedState().cacheManager().isEmpty()


def test_a_scan_of_other_columns_is_refused_on_spark_too(spark: SparkSession) -> None:
    export = export_of(hand_made())
    findings = scan_of(export, ENTITIES)
    other = ScanResult(provenance=findings.provenance, columns=findings.columns[1:])
    register = register_of({})
    vendor = register.vendors[0].id
    with pytest.raises(ValueError, match="the scan's columns are not the feed's columns"):
        compute(register, {vendor: to_spark(export, spark)}, {vendor: other})
