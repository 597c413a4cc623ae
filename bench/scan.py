"""Benchmark: the column scan against the naive Presidio baseline on a 100,000-pupil export.

    .venv/bin/python bench/scan.py [--pupils 100000] [--baseline-rows 1000] [--skip-full]

Prints JSON: cells/s, wall time and peak memory (max RSS) of the default scan and of ``--full``,
the same for the baseline (Presidio's ``BatchAnalyzerEngine`` over every cell of the same frame
with the same recognizers; on the first ``--baseline-rows`` rows and scaled, which the output
says), the speed ratios and the column accuracy of each against the generator's labels. Each
measurement runs in a fresh process so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from _child import in_fresh_process, peak_memory_mb

EXPORT = "parnassys_leerlingen.csv"


def _accuracy(predicted: dict[str, str | None], labels: dict[str, Any]) -> float:
    truth = labels["files"][EXPORT]["columns"]
    return sum(predicted[name] == truth[name]["entity"] for name in truth) / len(truth)


def _measure(mode: str, folder: Path, baseline_rows: int) -> dict[str, Any]:
    from dpia.load._export import load_export

    export = load_export(folder / EXPORT)
    frame = export.frame
    labels = json.loads((folder / "labels.json").read_text("utf-8"))
    cells = frame.shape[0] * frame.shape[1]
    started = time.perf_counter()
    if mode == "baseline":
        from presidio_analyzer import BatchAnalyzerEngine

        from dpia.detect._analyzer import get_analyzer

        engine = BatchAnalyzerEngine(analyzer_engine=get_analyzer())
        get_analyzer().analyze(text="warm", language="nl")  # build outside the timed part
        started = time.perf_counter()
        subset = frame.head(baseline_rows)
        # analyze_dict is lazy: materialise every cell's results inside the timed part.
        found = [
            (item.key, [list(cell) for cell in item.recognizer_results])
            for item in engine.analyze_dict(subset.to_dict(orient="list"), language="nl")
        ]
        elapsed = time.perf_counter() - started
        predicted: dict[str, str | None] = {}
        for key, cells_found in found:
            # A column's type is its most frequent detection, as presidio-structured does.
            counts = Counter(r.entity_type for results in cells_found for r in results)
            predicted[key] = counts.most_common(1)[0][0] if counts else None
        examined = subset.shape[0] * subset.shape[1]
        rate = examined / elapsed
        result = {"cells_examined": examined, "scaled": examined < cells}
    else:
        import pandas as pd

        from dpia.detect._scan import classify_column, scan, text_mentions

        # Build the analyzer and load Deduce outside the timed part, as for the baseline.
        text_mentions("Jan de Vries woont in Utrecht.")
        classify_column("naam", pd.Series(["Jan"]))
        started = time.perf_counter()
        scanned = scan(export, sample=None if mode == "full" else 1000)
        elapsed = time.perf_counter() - started
        predicted = {c.name: c.entity for c in scanned.columns}
        rate = cells / elapsed
        result = {"distinct_examined": sum(c.examined for c in scanned.columns)}
    return {
        **result,
        "mode": mode,
        "cells": cells,
        "seconds": round(elapsed, 2),
        "cells_per_second": round(rate),
        "seconds_for_all_cells": round(cells / rate, 1),
        "peak_memory_mb": peak_memory_mb(),
        "column_accuracy": round(_accuracy(predicted, labels), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=100_000)
    parser.add_argument("--baseline-rows", type=int, default=1000)
    parser.add_argument("--skip-full", action="store_true")
    parser.add_argument("--child", choices=("default", "full", "baseline"))
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.child, args.folder, args.baseline_rows)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        from dpia.samples import generate

        folder = Path(tmp)
        started = time.perf_counter()
        generate(folder, pupils=args.pupils)
        generated = round(time.perf_counter() - started, 1)
        modes = ["default", "baseline"] + ([] if args.skip_full else ["full"])
        runs = {
            mode: in_fresh_process(
                __file__, mode, "--folder", str(folder), "--baseline-rows", str(args.baseline_rows)
            )
            for mode in modes
        }
    base = runs["baseline"]["cells_per_second"]
    report = {
        "pupils": args.pupils,
        "export": EXPORT,
        "generate_seconds": generated,
        "runs": runs,
        "speedup_default": round(runs["default"]["cells_per_second"] / base, 1),
    }
    if "full" in runs:
        report["speedup_full"] = round(runs["full"]["cells_per_second"] / base, 1)
    print(json.dumps(report, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
