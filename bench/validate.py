"""Validation time: Great Expectations' import, each sample vendor, and a 100,000-pupil feed.

Prints JSON. Run from the repository root: ``.venv/bin/python bench/validate.py [--pupils N]``.
The large set is generated into a temporary folder with ``dpia.samples.generate`` (about 16 s for
100,000 pupils, not counted); its toetsmonitor feed (BSNs, full dates of birth) is validated
against a suite built from the generated register. Column classification is the real scanner.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from dpia.minimise import validate_vendor, write_suites
from dpia.minimise._engine import gx_loaded
from dpia.register._policy import load_register
from dpia.samples import generate

SAMPLES = Path("data_samples")
SUITES = Path("expectations")
LARGE_VENDOR = "toetsmonitor"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=100_000, help="pupils in the large set")
    args = parser.parse_args()

    start = time.perf_counter()
    gx_loaded()
    gx_import = time.perf_counter() - start

    register = load_register(SAMPLES / "register.yaml")
    samples = {}
    for vendor in register.vendors:
        verdict = validate_vendor(register, vendor, SUITES)
        samples[vendor.id] = {
            "seconds": round(verdict.seconds, 3),
            "rows": verdict.rows,
            "passed": verdict.passed,
        }

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        begin = time.perf_counter()
        generate(data, pupils=args.pupils)
        generation = time.perf_counter() - begin
        large_register = load_register(data / "register.yaml")
        write_suites(large_register, Path(folder) / "expectations")
        large = validate_vendor(large_register, LARGE_VENDOR, Path(folder) / "expectations")

    json.dump(
        {
            "gx_import_seconds": round(gx_import, 3),
            "sample_vendors": samples,
            "large": {
                "pupils": args.pupils,
                "vendor": LARGE_VENDOR,
                "rows": large.rows,
                "passed": large.passed,
                "failures": len(large.failures),
                "seconds": round(large.seconds, 3),
                "generation_seconds": round(generation, 3),
            },
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        },
        sys.stdout,
        indent=2,
        sort_keys=True,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
