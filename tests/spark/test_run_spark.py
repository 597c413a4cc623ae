"""``dpia run``, ``dpia validate`` and ``dpia exposure`` on Spark write the pandas engine's figures:
the scan (apart from the engine named), every vendor's verdict, the exposure table and the fill
rates, on the samples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pyspark.sql import SparkSession

from dpia.job import run_job
from tests.conftest import SAMPLES


def _json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="module")
def outs(tmp_path_factory: pytest.TempPathFactory, spark: SparkSession) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("runs")
    run_job(SAMPLES, root / "pandas", notebooks=False)
    run_job(SAMPLES, root / "spark", notebooks=False, spark=spark)
    return root / "pandas", root / "spark"


@pytest.mark.slow
def test_scan_json_differs_only_in_the_engine(outs: tuple[Path, Path]) -> None:
    pandas, spark = outs
    on_spark = (spark / "scan.json").read_text("utf-8")
    files = _json(spark / "scan.json")["files"]
    assert {f["engine"] for f in files} == {"spark"}
    assert len(files) == 8
    assert on_spark.replace('"engine": "spark"', '"engine": "pandas"') == (
        pandas / "scan.json"
    ).read_text("utf-8")


@pytest.mark.slow
def test_verdicts_exposure_and_fill_rates_are_the_same(outs: tuple[Path, Path]) -> None:
    pandas, spark = outs
    names = sorted(p.name for p in (pandas / "validation").glob("*.json"))
    assert names == sorted(p.name for p in (spark / "validation").glob("*.json"))
    assert len(names) == 7  # six vendors and the fill rates
    for name in names:
        assert _json(spark / "validation" / name) == _json(pandas / "validation" / name), name
    assert _json(spark / "exposure.json") == _json(pandas / "exposure.json")
    failing = [v for v in names if v != "optional_fields.json"]
    assert any(not _json(pandas / "validation" / v)["passed"] for v in failing)


@pytest.mark.slow
def test_manifest_names_the_engine(outs: tuple[Path, Path]) -> None:
    pandas, spark = outs
    assert "spark" in (spark / "manifest.json").read_text("utf-8")
    assert '"spark"' not in (pandas / "manifest.json").read_text("utf-8")


@pytest.mark.slow
def test_cli_validate_on_spark(tmp_path: Path) -> None:
    """Same verdicts and exit code as the pandas engine, through Great Expectations on Spark."""

    def validate(*extra: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "dpia.cli", "validate", "--format", "json",
                   "--register", str(SAMPLES / "register.yaml"), *extra]  # fmt: skip
        return subprocess.run(command, capture_output=True, text=True, check=False)

    expectations = tmp_path / "expectations"
    subprocess.run(
        [sys.executable, "-m", "dpia.cli", "expectations", "build",
         "--register", str(SAMPLES / "register.yaml"), "--out", str(expectations)],
        check=True, capture_output=True,
    )  # fmt: skip
    common = ("--suites", str(expectations), "--vendor", "leeslijn", "--vendor", "ouderapp")
    on_spark = validate(*common, "--out", str(tmp_path / "s"), "--engine", "spark",
                        "--spark-master", "local[2]")  # fmt: skip
    on_pandas = validate(*common, "--out", str(tmp_path / "p"))
    assert on_pandas.returncode == 1  # ouderapp breaks its agreement
    assert on_spark.returncode == on_pandas.returncode, on_spark.stderr
    assert on_spark.stderr == ""
    assert json.loads(on_spark.stdout) == json.loads(on_pandas.stdout)
