"""Validation on Spark through Great Expectations: the verdicts of the pandas engine, from GX's
Spark datasource.

Every vendor of the sample register is validated twice with the same suites, findings (the
pandas scan) and board: its feed as loaded (pandas), and the same feed handed to Spark
(``to_spark``). The verdicts, the checks of the board's promises and GX's results must agree;
only the batch's engine-specific metadata may differ.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from dpia._spark import EngineError
from dpia.detect import scan
from dpia.load import Export, load_export, to_spark
from dpia.minimise import (
    VendorVerdict,
    _classify,
    load_suite,
    validate_all,
    validate_vendor,
    write_suites,
)
from dpia.minimise._runner import board_of, validate_frame
from dpia.register import Register, load_register, parse_duration
from dpia.rules import (
    BoardPupils,
    Finding,
    Linkage,
    check_consent,
    check_retention,
    check_schools,
    check_unmatched,
    link_rows,
    link_spark,
)
from tests.conftest import SAMPLES
from tests.minimisation.conftest import FakeFinding

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

REGISTER = load_register(SAMPLES / "register.yaml")
VENDORS = [vendor.id for vendor in REGISTER.vendors]
RUN_TIME = "2025-10-01T08:00:00+00:00"  # one time for both engines: the results then compare


@pytest.fixture(scope="module")
def register() -> Register:
    return REGISTER


@pytest.fixture(scope="module")
def suites(register: Register, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("suites")
    write_suites(register, out)
    return out


@pytest.fixture(scope="module")
def feeds(register: Register) -> dict[str, Export]:
    return {v.id: load_export(register.feed_path(v)) for v in register.vendors}


@pytest.fixture(scope="module")
def findings(feeds: dict[str, Export]) -> dict[str, tuple[Finding, ...]]:
    return {vendor: scan(export).columns for vendor, export in feeds.items()}


@pytest.fixture(scope="module")
def board(register: Register) -> BoardPupils:
    found = board_of(register)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def pandas_verdicts(
    register: Register,
    suites: Path,
    feeds: dict[str, Export],
    findings: dict[str, tuple[Finding, ...]],
    board: BoardPupils,
) -> dict[str, VendorVerdict]:
    verdicts = validate_all(
        register, suites, findings=findings, feeds=feeds, run_time=RUN_TIME, board=board
    )
    return {v.vendor: v for v in verdicts}


@pytest.fixture(scope="module")
def spark_verdicts(
    register: Register,
    suites: Path,
    feeds: dict[str, Export],
    findings: dict[str, tuple[Finding, ...]],
    board: BoardPupils,
    spark: SparkSession,
) -> dict[str, VendorVerdict]:
    on_spark = {vendor: to_spark(export, spark) for vendor, export in feeds.items()}
    verdicts = validate_all(
        register, suites, findings=findings, feeds=on_spark, run_time=RUN_TIME, board=board
    )
    return {v.vendor: v for v in verdicts}


# What GX says of the batch itself: which datasource and engine, and when it was loaded.
BATCH_META = ("active_batch_definition", "batch_markers", "batch_spec")


def _without_batch_meta(result: dict[str, Any]) -> dict[str, Any]:
    meta = {k: v for k, v in result["meta"].items() if k not in BATCH_META}
    return {**result, "meta": meta}


@pytest.mark.parametrize("vendor", VENDORS)
def test_spark_gives_the_pandas_verdict(
    vendor: str,
    pandas_verdicts: dict[str, VendorVerdict],
    spark_verdicts: dict[str, VendorVerdict],
) -> None:
    pandas, spark = pandas_verdicts[vendor], spark_verdicts[vendor]
    assert spark.to_dict() == pandas.to_dict()
    assert spark.promises == pandas.promises
    assert _without_batch_meta(dict(spark.gx_result)) == _without_batch_meta(dict(pandas.gx_result))


def test_the_verdicts_compared_are_not_trivial(pandas_verdicts: dict[str, VendorVerdict]) -> None:
    """The comparison covers failing expectations and promise checks that count something."""
    assert any(v.passed for v in pandas_verdicts.values())
    assert sum(len(v.failures) for v in pandas_verdicts.values()) >= 5
    counts = [p["count"] for v in pandas_verdicts.values() for p in v.promises]
    assert any(counts)
    assert len(counts) >= 4


def test_gx_ran_on_spark(
    pandas_verdicts: dict[str, VendorVerdict], spark_verdicts: dict[str, VendorVerdict]
) -> None:
    for vendor in VENDORS:
        spark, pandas = spark_verdicts[vendor].gx_result, pandas_verdicts[vendor].gx_result
        assert spark["meta"]["batch_spec"] == {"batch_data": "SparkDataFrame"}
        assert pandas["meta"]["batch_spec"] == {"batch_data": "PandasDataFrame"}
        # GX fingerprints a pandas DataFrame only.
        assert spark["meta"]["batch_markers"] == {}
        assert set(pandas["meta"]["batch_markers"]) == {"pandas_data_fingerprint"}
        # Both are datasource "dpia", asset "feed".
        definition = spark["meta"]["active_batch_definition"]
        assert definition == pandas["meta"]["active_batch_definition"]
        assert (definition["datasource_name"], definition["data_asset_name"]) == ("dpia", "feed")
    assert not _classify._HANDED_OVER  # the findings and board went with the validation


def test_a_spark_frame_needs_its_findings(
    suites: Path, feeds: dict[str, Export], spark: SparkSession
) -> None:
    frame = to_spark(feeds["leeslijn"], spark).frame
    with pytest.raises(EngineError, match="findings"):
        validate_frame(load_suite(suites / "leeslijn.json"), frame)


def test_without_findings_a_spark_feed_is_scanned_on_spark(
    register: Register,
    suites: Path,
    feeds: dict[str, Export],
    board: BoardPupils,
    spark: SparkSession,
    pandas_verdicts: dict[str, VendorVerdict],
) -> None:
    feed = to_spark(feeds["toetsmonitor"], spark)
    verdict = validate_vendor(
        register, "toetsmonitor", suites, feed=feed, run_time=RUN_TIME, board=board
    )
    assert verdict.to_dict() == pandas_verdicts["toetsmonitor"].to_dict()


def _checks(link: Linkage, board: BoardPupils | None) -> list[dict[str, Any]]:
    """The four checks of a link, as a vendor's suite makes them (dates and terms of the tests')."""
    return [
        check_schools(link, board, ["91XA", "92XB"]).to_dict(),
        check_consent(link, board, "ouderapp").to_dict(),
        check_retention(link, board, parse_duration("P3M"), dt.date(2025, 10, 1)).to_dict(),
        check_unmatched(link).to_dict(),
    ]


@pytest.mark.parametrize("case", ["no_board", "no_rows", "no_shared_key", "blank_keys"])
def test_the_spark_link_is_the_pandas_link(
    case: str,
    feeds: dict[str, Export],
    findings: dict[str, tuple[Finding, ...]],
    board: BoardPupils,
    spark: SparkSession,
) -> None:
    """The cases the sample feeds do not show: no board, no rows, no shared key, and rows whose
    strongest key is blank (a weaker key then decides) or names nobody."""
    # ECK iD, BSN, surname and date of birth: three key kinds.
    frame, found = feeds["toetsmonitor"].frame, findings["toetsmonitor"]
    given: BoardPupils | None = board
    if case == "no_board":
        given = None
    elif case == "no_rows":
        frame = frame.iloc[:0]
    elif case == "no_shared_key":
        found = tuple(FakeFinding(f.name, None) for f in found)
    else:
        frame = frame.copy()
        frame.loc[frame.index[::3], "eck_id"] = ""
        frame.loc[frame.index[::6], "bsn"] = " "
        frame.loc[frame.index[1::7], "eck_id"] = "https://ketenid.nl/201703/" + "0" * 128
    pandas = link_rows(frame, found, given)
    if case == "blank_keys":  # the weaker keys decide some rows
        assert pandas.reason is None
        assert list(pandas.by_key) == ["ECK_ID", "NATIONAL_ID", "NAME_AND_BIRTH_DATE"]
    else:
        assert pandas.reason == case
    spark_frame = spark.createDataFrame(frame, schema=", ".join(f"`{c}` string" for c in frame))
    on_spark = link_spark(spark_frame, found, given)
    assert _checks(on_spark, given) == _checks(pandas, given)
    assert on_spark.pupils.tolist() == pandas.pupils.tolist()


def test_findings_that_miss_a_column_fail_closed_on_spark_too(
    register: Register,
    suites: Path,
    feeds: dict[str, Export],
    findings: dict[str, tuple[Finding, ...]],
    board: BoardPupils,
    spark: SparkSession,
) -> None:
    partial = findings["toetsmonitor"][:-1]
    verdicts = [
        validate_vendor(
            register, "toetsmonitor", suites, findings=partial, feed=feed, board=board
        ).to_dict()
        for feed in (feeds["toetsmonitor"], to_spark(feeds["toetsmonitor"], spark))
    ]
    assert verdicts[0] == verdicts[1]
    errors = [f for f in verdicts[1]["failures"] if f["code"] == "failure.error"]
    assert errors
    assert all(f["params"]["error"] == "ValueError" for f in errors)
