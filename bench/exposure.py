"""Exposure time: exposure and k-anonymity of a bibliotheek-like feed of 100,000 pupils.

Prints JSON. Run from the repository root: ``.venv/bin/python bench/exposure.py [--pupils N]``.
The set is generated into a temporary folder with ``dpia.samples.generate`` (about 16 s for
100,000 pupils, not counted) and its ``feeds/bibliotheek.xlsx`` (date of birth, postcode, gender,
group, school) is loaded (timed apart). The scan is built from the generator's ``labels.json``
instead of running the scanner, so only the exposure stage is timed: ``compute`` (data subjects,
attributes, categories, re-identification, risk) and, on its own, ``reidentification``. Each is
the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dpia.detect._scan import ColumnFinding, ScanResult
from dpia.exposure import compute, reidentification
from dpia.load._export import load_export
from dpia.register._policy import load_register
from dpia.rules import quasi_identifier_columns
from dpia.samples import generate

VENDOR = "bibliotheek"


def labelled_scan(folder: Path, feed: str, export: Any) -> ScanResult:
    """The scan a perfect scanner would return, from the generator's ground truth."""
    labels = json.loads((folder / "labels.json").read_text("utf-8"))["files"][feed]["columns"]
    columns = tuple(
        ColumnFinding(
            name=str(name),
            entity=labels[str(name)]["entity"],
            special=labels[str(name)]["special"],
            confidence=1.0,
            share=1.0,
            header=None,
            values=(),
        )
        for name in export.frame.columns
    )
    return ScanResult(provenance=export.provenance, columns=columns)


def best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=100_000, help="pupils in the generated set")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        generate(folder, pupils=args.pupils)
        generated = time.perf_counter() - start
        register = load_register(folder / "register.yaml")
        vendor = register.vendor(VENDOR)
        start = time.perf_counter()
        export = load_export(register.feed_path(vendor))
        loaded = time.perf_counter() - start
        scan = labelled_scan(folder, vendor.feed, export)

    compute_seconds, table = best(
        lambda: compute(register, {VENDOR: export}, {VENDOR: scan}), args.repeat
    )
    quasi, context = quasi_identifier_columns(scan.columns)
    reid_seconds, reid = best(
        lambda: reidentification(
            export.frame, quasi, context=context, threshold=vendor.k_anonymity
        ),
        args.repeat,
    )
    exposure = table.vendor(VENDOR)
    report = {
        "pupils": args.pupils,
        "feed": vendor.feed,
        "rows": len(export.frame),
        "columns": len(export.frame.columns),
        "scan": "built from labels.json (not timed; the scanner is bench/scan.py's subject)",
        "generate_seconds": round(generated, 1),
        "load_seconds": round(loaded, 2),
        "compute_seconds": round(compute_seconds, 3),
        "reidentification_seconds": round(reid_seconds, 3),
        "repeat": args.repeat,
        "subjects": exposure.subjects.count,
        "quasi_identifiers": [*quasi, *context],
        "k_anonymity": reid.k,
        "classes": reid.classes,
        "sample_uniqueness": round(reid.sample_uniqueness, 4),
        "share_k_below_5": round(reid.share_below_5, 4),
        "risk_level": exposure.risk.inherent.level.value,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(report, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
