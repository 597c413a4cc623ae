"""``python -m dpia.samples OUTDIR [--pupils N] [--seed S]``: write the synthetic sample set.

Without Faker (the ``samples`` extra) it stops with one line and exit code 2, no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_USAGE = 2
MISSING_EXTRA = "dpia.samples needs the 'samples' extra: pip install 'dpia-workbench[samples]'"


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    try:
        from dpia.samples.build import DEFAULT_PUPILS, DEFAULT_SEED, generate
    except ModuleNotFoundError as exc:
        if exc.name != "faker":
            raise
        print(MISSING_EXTRA, file=sys.stderr)
        return EXIT_USAGE
    parser = argparse.ArgumentParser(
        prog="python -m dpia.samples",
        description="Generate synthetic Dutch school data (pupil exports, vendor feeds, "
        "register, labels). Same arguments, same bytes.",
    )
    parser.add_argument("outdir", type=Path, help="directory to write into (created if needed)")
    parser.add_argument(
        "--pupils", type=_positive, default=DEFAULT_PUPILS, help="pupils in the ParnasSys export"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args(argv)
    for path in generate(args.outdir, pupils=args.pupils, seed=args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
