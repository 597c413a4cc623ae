"""``dpia run`` against ``dpia scan`` of the same folder, each in a fresh process, one after the
other: wall time of both, their ratio, and where the run's time goes (per step).

    .venv/bin/python bench/run.py [--data data_samples] [--repeat 2]

Prints JSON. The scan is the baseline: the run scans every input once and adds validation,
exposure, the notebooks (reading the run's result), the report and the leak gate.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DPIA = Path(sys.executable).with_name("dpia")


def timed(command: list[str]) -> tuple[float, list[tuple[float, str]]]:
    """Wall time of ``command`` and the moments (seconds from start) it announced each step."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    steps = [(time.perf_counter() - start, line.strip()) for line in process.stderr]
    if process.wait() != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return time.perf_counter() - start, steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("data_samples"))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    scans: list[float] = []
    runs: list[float] = []
    split: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.repeat):
            seconds, _ = timed([str(DPIA), "scan", "--quiet", str(args.data)])
            scans.append(seconds)
            out = Path(folder) / "out"
            seconds, steps = timed([str(DPIA), "run", "--data", str(args.data), "--out", str(out)])
            runs.append(seconds)
            marks = [*steps, (seconds, "dpia run: end")]
            split = {
                name.removeprefix("dpia run: "): round(marks[i + 1][0] - at, 1)
                for i, (at, name) in enumerate(marks[:-1])
                if name.startswith("dpia run: ")
            }
            split["start-up"] = round(marks[0][0], 1)
    scan, run = statistics.median(scans), statistics.median(runs)
    print(
        json.dumps(
            {
                "data": args.data.as_posix(),
                "scan_seconds": round(scan, 1),
                "run_seconds": round(run, 1),
                "run_over_scan": round(run / scan, 2),
                "run_steps_seconds": split,
                "repeats": args.repeat,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
