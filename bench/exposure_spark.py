"""Exposure on Spark against pandas: the same bibliotheek-like feed as ``bench/exposure.py``.

Prints JSON. Run from the repository root:
``.venv/bin/python bench/exposure_spark.py [--pupils N] [--master local[2]]``. The feed is
generated and scanned from its labels as in ``exposure.py``, then handed to Spark once
(``to_spark``, cached, timed apart). Timed, best of ``--repeat``: ``compute`` on pandas and on
Spark, and the pupils of the file on each engine (``subject_codes`` / ``spark_subjects``). The
two exposure tables must be equal (``to_dict()``), or the script fails.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from dpia._spark import spark_session
from dpia.exposure import compute
from dpia.load._export import load_export
from dpia.load._spark import to_spark
from dpia.register._policy import load_register
from dpia.rules import spark_subjects, subject_codes
from dpia.samples import generate
from exposure import VENDOR, best, labelled_scan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=100_000, help="pupils in the generated set")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    parser.add_argument("--master", default="local[2]", help="Spark master")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, pupils=args.pupils)
        register = load_register(folder / "register.yaml")
        vendor = register.vendor(VENDOR)
        export = load_export(register.feed_path(vendor))
        scan = labelled_scan(folder, vendor.feed, export)

    start = time.perf_counter()
    session = spark_session(args.master)
    started = time.perf_counter() - start
    start = time.perf_counter()
    on_spark = to_spark(export, session)
    on_spark.frame.cache().count()
    handed = time.perf_counter() - start

    pandas_seconds, expected = best(
        lambda: compute(register, {VENDOR: export}, {VENDOR: scan}), args.repeat
    )
    spark_seconds, found = best(
        lambda: compute(register, {VENDOR: on_spark}, {VENDOR: scan}), args.repeat
    )
    if found.to_dict() != expected.to_dict():
        raise SystemExit("the Spark exposure table differs from the pandas one")
    pupils_pandas, (_, subjects) = best(
        lambda: subject_codes(export.frame, scan.columns), args.repeat
    )
    pupils_spark, spark_counted = best(
        lambda: spark_subjects(on_spark.frame, scan.columns), args.repeat
    )
    if spark_counted != subjects:
        raise SystemExit("the Spark pupils differ from the pandas ones")
    report = {
        "pupils": args.pupils,
        "rows": len(export.frame),
        "columns": len(export.frame.columns),
        "master": args.master,
        "session_seconds": round(started, 1),
        "to_spark_seconds": round(handed, 1),
        "compute_pandas_seconds": round(pandas_seconds, 2),
        "compute_spark_seconds": round(spark_seconds, 2),
        "pupils_pandas_seconds": round(pupils_pandas, 2),
        "pupils_spark_seconds": round(pupils_spark, 2),
        "repeat": args.repeat,
        "equal": True,
    }
    print(json.dumps(report, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
