"""The scan on Spark against the pandas engine: the same JSON, byte for byte, apart from the
engine the provenance names; on every sample export, with a sample smaller than the columns
(the distinct-value estimate), with ``--full`` (the recognizers on the executors) and on a
partitioned Parquet directory split over many Spark partitions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from pyspark.sql import SparkSession

from dpia.detect import ScanResult, scan, scan_json, scan_spark
from dpia.load import data_files, load_export, read_spark
from tests.conftest import SAMPLES
from tests.hardening.corpus import CASES, Case

# The hardening corpus's inputs that load: what a scan on Spark must also scan as pandas does.
LOADABLE = [case for case in CASES if case.expected == "ok"]

SAMPLE_FILES = data_files(SAMPLES)


def _as_pandas(result: ScanResult) -> str:
    """The JSON with the engine named as the pandas engine names it (the one field that
    differs)."""
    text = scan_json([result])
    assert text.count('"engine": "spark"') == 1
    return text.replace('"engine": "spark"', '"engine": "pandas"')


@pytest.mark.slow
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("sample", [1000, 40])
def test_sample_scan_equals_pandas(path: Path, sample: int, spark: SparkSession) -> None:
    on_spark = scan_spark(read_spark(path, spark), sample=sample, seed=3)
    on_pandas = scan(load_export(path), sample=sample, seed=3)
    assert _as_pandas(on_spark) == scan_json([on_pandas])


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["esis_leerlingen.xlsx", "feeds/ouderapp.txt", "feeds/rekenplein.parquet"]
)
def test_full_scan_equals_pandas(name: str, spark: SparkSession) -> None:
    """Every distinct value examined: notes and short values summarised per partition on the
    executors and merged on the driver."""
    path = SAMPLES / name
    on_spark = scan_spark(read_spark(path, spark), sample=None)
    on_pandas = scan(load_export(path), sample=None)
    assert _as_pandas(on_spark) == scan_json([on_pandas])
    assert on_pandas.columns  # a scan that found nothing would compare equal too
    assert any(c.personal for c in on_pandas.columns)


def test_partitioned_directory_equals_pandas(tmp_path: Path, spark: SparkSession) -> None:
    """A feed written as many Parquet parts (hive partitions), read into many Spark partitions:
    the same sample, counts and estimate as the pandas engine's one frame."""
    feed = load_export(SAMPLES / "feeds" / "toetsmonitor.csv").frame
    folder = tmp_path / "toetsmonitor.parquet"
    frame = feed.assign(jaar=[str(2020 + i % 3) for i in range(len(feed))])
    ds.write_dataset(
        pa.Table.from_pandas(frame, preserve_index=False),
        folder,
        format="parquet",
        partitioning=["jaar"],
        partitioning_flavor="hive",
        max_rows_per_file=300,
        max_rows_per_group=300,
    )
    export = read_spark(folder, spark)
    assert export.frame.rdd.getNumPartitions() > 3
    for sample in (1000, 25):
        on_spark = scan_spark(export, sample=sample)
        assert _as_pandas(on_spark) == scan_json([scan(load_export(folder), sample=sample)])


@pytest.mark.parametrize("case", LOADABLE, ids=[case.name for case in LOADABLE])
def test_hardening_corpus_scans_equal_pandas(
    case: Case, tmp_path: Path, spark: SparkSession
) -> None:
    path = case.build(tmp_path)
    on_spark = scan_spark(read_spark(path, spark))
    assert _as_pandas(on_spark) == scan_json([scan(load_export(path))])


def test_empty_and_blank_columns(tmp_path: Path, spark: SparkSession) -> None:
    path = tmp_path / "blank.csv"
    pd.DataFrame({"leeg": ["", " ", ""], "naam": ["Jan", "Piet", "Jan"]}).to_csv(
        path, index=False, sep=";"
    )
    on_spark = scan_spark(read_spark(path, spark))
    assert _as_pandas(on_spark) == scan_json([scan(load_export(path))])
    assert on_spark.column("leeg").entity is None


def _dpia(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dpia.cli", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_cli_scan_engine_spark(tmp_path: Path) -> None:
    """``dpia scan --engine spark`` prints the pandas engine's JSON and nothing on stderr."""
    feed = SAMPLES / "feeds" / "leeslijn.csv"
    spark = _dpia("scan", str(feed), "--format", "json", "--engine", "spark",
                  "--spark-master", "local[2]")  # fmt: skip
    pandas = _dpia("scan", str(feed), "--format", "json")
    assert spark.returncode == 0, spark.stderr
    assert spark.stderr == ""
    assert json.loads(spark.stdout)["files"][0]["engine"] == "spark"
    assert spark.stdout.replace('"engine": "spark"', '"engine": "pandas"') == pandas.stdout


def test_cli_engine_mistakes() -> None:
    feed = str(SAMPLES / "feeds" / "leeslijn.csv")
    chunked = _dpia("scan", feed, "--engine", "spark", "--chunksize", "10")
    assert chunked.returncode == 2
    assert chunked.stderr.strip().splitlines()[-1] == (
        "dpia: error: --chunksize is for the pandas engine; Spark reads in partitions"
    )
    master = _dpia("scan", feed, "--spark-master", "local[2]")
    assert master.returncode == 2
    assert master.stderr.strip() == "dpia: error: --spark-master needs --engine spark"
