"""Benchmark: ``dpia scan --engine spark`` against the pandas engine's chunked scan on a large feed.

    .venv/bin/python bench/spark.py [--rows 10000000] [--parts 40] [--master local[2]]
                                    [--chunksize 100000] [--folder DIR]

Generates a feed of ``--rows`` rows (seeded; pupil number, first name, surname, date of birth,
postcode, group, BRIN, score and a short note), written as a partitioned Parquet directory (hive
folders per school year, ``--parts`` files), unless ``--folder`` already holds one. Then runs, one
after the other in fresh processes, the same command line twice:

* ``dpia scan FEED --format json --engine spark --spark-master MASTER``
* ``dpia scan FEED --format json --chunksize CHUNKSIZE`` (the pandas engine, one chunk in memory)

and prints JSON: per engine the wall time, rows per second and peak resident memory, sampled
every 0.2 s, of the ``dpia`` process itself (the driver) and, for Spark, of the JVM and of the
Python workers apart; the ratio of the two wall times; and whether the two JSON outputs are
identical apart from the engine named.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

FIRST = ["Emma", "Noah", "Julia", "Sem", "Tess", "Lucas", "Mila", "Finn", "Zoë", "Daan", "Saar",
         "Levi", "Nora", "Milan", "Sophie", "Bram", "Yara", "Mohammed", "Fenna", "Jayden"]  # fmt: skip
LAST = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
        "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
        "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "Yilmaz", "El Amrani"]  # fmt: skip
BRIN = ["12AB", "34CD", "56EF", "78GH"]
NOTES = ["Werkt goed mee in de les", "Heeft extra tijd nodig bij toetsen",
         "Maakt huiswerk niet af", "Leest op niveau E5", ""]  # fmt: skip


def generate(folder: Path, rows: int, parts: int, seed: int = 7) -> None:
    """The feed as ``parts`` Parquet files under ``schooljaar=YYYY`` folders."""
    random = np.random.default_rng(seed)
    per_part = -(-rows // parts)
    for part in range(parts):
        n = min(per_part, rows - part * per_part)
        if n <= 0:
            break
        numbers = random.integers(1, rows // 3 + 2, n)  # pupils recur: a feed of events
        days = random.integers(0, 12 * 365, n)
        birth = np.datetime64("2010-01-01") + days.astype("timedelta64[D]")
        table = pa.table(
            {
                "leerlingnummer": pa.array(numbers.astype(str)),
                "roepnaam": pa.array(np.array(FIRST)[numbers % len(FIRST)]),
                "achternaam": pa.array(np.array(LAST)[(numbers // 7) % len(LAST)]),
                "geboortedatum": pa.array(np.datetime_as_string(birth, unit="D")),
                "postcode": pa.array(_postcodes(numbers * 31 % 250_000)),
                "groep": pa.array((numbers % 8 + 1).astype(str)),
                "brin": pa.array(np.array(BRIN)[numbers % len(BRIN)]),
                "score": pa.array(random.integers(0, 101, n).astype(str)),
                "opmerking": pa.array(np.array(NOTES)[random.integers(0, len(NOTES), n)]),
            }
        )
        year = folder / f"schooljaar={2020 + part % 4}"
        year.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, year / f"part-{part:05d}.parquet", row_group_size=250_000)


def _postcodes(codes: np.ndarray) -> list[str]:
    return [f"{1000 + c % 9000} {chr(65 + c % 26)}{chr(65 + c // 26 % 26)}" for c in codes.tolist()]


def _resident(driver: Any) -> dict[str, int]:
    """Resident memory now of the driver, its JVM and its Python workers (processes that end
    while they are read count as gone)."""
    import psutil

    found = {"driver": 0, "jvm": 0, "workers": 0}
    try:
        found["driver"] = driver.memory_info().rss
        children = driver.children(recursive=True)
    except psutil.Error:
        return found
    for child in children:
        try:
            name = " ".join(child.cmdline())
            rss = child.memory_info().rss
        except psutil.Error:
            continue
        if "java" in name:
            found["jvm"] += rss
        elif "pyspark" in name:
            found["workers"] += rss
    return found


def measure(command: list[str]) -> dict[str, Any]:
    """Wall time, the output, and peak resident memory (MB) per kind of process."""
    import psutil

    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = psutil.Process(process.pid)
    peaks = {"driver": 0, "jvm": 0, "workers": 0}
    while process.poll() is None:
        for kind, rss in _resident(driver).items():
            peaks[kind] = max(peaks[kind], rss)
        time.sleep(0.2)
    output, errors = process.communicate()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {errors.strip()[-2000:]}")
    return {
        "seconds": round(elapsed, 1),
        "peak_mb": {kind: round(rss / 1024**2) for kind, rss in peaks.items()},
        "output": output,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--parts", type=int, default=40)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--chunksize", type=int, default=100_000)
    parser.add_argument("--folder", type=Path, help="reuse (or keep) the generated feed here")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory(prefix="dpia-bench-spark-")
    root = args.folder or Path(scratch.name)
    feed = root / f"feed-{args.rows}.parquet"
    generated = None
    if not feed.exists():
        started = time.perf_counter()
        generate(feed, args.rows, args.parts)
        generated = round(time.perf_counter() - started, 1)
    dpia = [sys.executable, "-m", "dpia.cli", "scan", str(feed), "--format", "json", "--quiet"]
    spark = measure([*dpia, "--engine", "spark", "--spark-master", args.master])
    pandas = measure([*dpia, "--chunksize", str(args.chunksize)])
    same = spark["output"].replace('"engine": "spark"', '"engine": "pandas"') == pandas["output"]
    report = {
        "rows": args.rows,
        "files": len(list(feed.rglob("*.parquet"))),
        "bytes": sum(p.stat().st_size for p in feed.rglob("*.parquet")),
        "generated_seconds": generated,
        "master": args.master,
        "chunksize": args.chunksize,
        "identical_json": same,
    }
    for name, result in (("spark", spark), ("pandas_chunked", pandas)):
        report[name] = {
            "seconds": result["seconds"],
            "rows_per_second": round(args.rows / result["seconds"]),
            "peak_mb": result["peak_mb"],
        }
    report["spark_over_pandas_time"] = round(spark["seconds"] / pandas["seconds"], 2)
    print(json.dumps(report, indent=2, sort_keys=True))
    scratch.cleanup()


if __name__ == "__main__":
    main()
