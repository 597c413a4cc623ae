"""Benchmark: ``dpia scan --chunksize`` on a 1,000,000-row vendor feed, against a whole-file scan.

    .venv/bin/python bench/chunks.py [--rows 1000000] [--chunksize 100000] [--skip-whole]

Writes a toetsmonitor-shaped feed (ECK iD, names, BSN, date of birth, group, BRIN, score, order
number; every pupil distinct) to a temporary folder, then scans it in a fresh process per mode
and prints JSON: file size, wall time, rows/s and peak memory (max RSS) of the chunked scan and of
the whole-file scan, whether their findings are identical, and the column accuracy of each
against what the generator wrote.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from _child import in_fresh_process, peak_memory_mb

HEADER = ("eck_id", "voornaam", "achternaam", "bsn", "geboortedatum", "groep", "brin", "toetsscore",
          "bestelnummer")  # fmt: skip
TRUTH = {"eck_id": "ECK_ID", "voornaam": "PERSON", "achternaam": "PERSON", "bsn": "NL_BSN",
         "geboortedatum": "DATE_OF_BIRTH", "groep": None, "brin": None, "toetsscore": None,
         "bestelnummer": None}  # fmt: skip


def write_feed(path: Path, rows: int, seed: int = 0) -> None:
    """The feed, written row by row (never held in memory), from the samples' own vocabularies."""
    from stdnum.nl import bsn

    from dpia.load._export import load_export
    from dpia.samples.ids import eck_id, new_bestelnummer
    from dpia.samples.vocab import SCHOOLS

    # Names as the 2,000-pupil sample drew them: realistic spread, no new name lists.
    sample = load_export(Path(__file__).parents[1] / "data_samples/feeds/toetsmonitor.csv").frame
    given, family = sorted(set(sample["voornaam"])), sorted(set(sample["achternaam"]))
    rng = random.Random(seed)
    born_from = dt.date(2013, 10, 1).toordinal()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for n in range(rows):
            body = f"{20_000_000 + n:08d}"
            # Distinct numbers that pass the 11-test (one in eleven bodies has no valid digit).
            number = next((body + d for d in "0123456789" if bsn.is_valid(body + d)), body + "0")
            grade = rng.randrange(1, 9)
            writer.writerow(
                (
                    eck_id(seed, str(n)),
                    rng.choice(given),
                    rng.choice(family),
                    number,
                    dt.date.fromordinal(born_from + rng.randrange(8 * 365)).strftime("%d-%m-%Y"),
                    f"Groep {grade}{'abc'[rng.randrange(3)]}",
                    rng.choice(SCHOOLS).brin,
                    str(rng.randrange(100, 200)),
                    new_bestelnummer(rng),
                )
            )


def _measure(mode: str, path: Path, chunksize: int) -> dict[str, Any]:
    from dpia.detect._scan import scan, scan_stream

    started = time.perf_counter()
    if mode == "chunked":
        from dpia.load._stream import open_stream

        result = scan_stream(open_stream(path, chunksize))
    else:
        from dpia.load._export import load_export

        result = scan(load_export(path))
    elapsed = time.perf_counter() - started
    predicted = {c.name: c.entity for c in result.columns}
    return {
        "mode": mode,
        "rows": result.provenance.rows,
        "seconds": round(elapsed, 1),
        "rows_per_second": round(result.provenance.rows / elapsed),
        "peak_memory_mb": peak_memory_mb(),
        "column_accuracy": sum(predicted[k] == v for k, v in TRUTH.items()) / len(TRUTH),
        "findings": result.to_dict(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--chunksize", type=int, default=100_000)
    parser.add_argument("--skip-whole", action="store_true")
    parser.add_argument("--child", choices=("chunked", "whole"))
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.child, args.file, args.chunksize)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "toetsmonitor.csv"
        started = time.perf_counter()
        write_feed(path, args.rows)
        report: dict[str, Any] = {
            "rows": args.rows,
            "chunksize": args.chunksize,
            "file_mb": round(path.stat().st_size / 1024**2),
            "write_seconds": round(time.perf_counter() - started, 1),
        }
        modes = ["chunked"] + ([] if args.skip_whole else ["whole"])
        runs = {
            mode: in_fresh_process(
                __file__, mode, "--file", str(path), "--chunksize", str(args.chunksize)
            )
            for mode in modes
        }
    findings = [run.pop("findings") for run in runs.values()]
    report["runs"] = runs
    report["same_findings"] = all(f == findings[0] for f in findings)
    print(json.dumps(report, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
