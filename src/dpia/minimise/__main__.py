"""``python -m dpia.minimise build REGISTER OUT_DIR``: (re)generate the committed suites."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from dpia.minimise._suites import write_suites
from dpia.register import RegisterError, load_register


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dpia.minimise")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write one suite per vendor of the register")
    build.add_argument("register", type=Path)
    build.add_argument("out", type=Path, nargs="?", default=Path("expectations"))
    args = parser.parse_args(argv)
    try:
        register = load_register(args.register)
    except RegisterError as exc:
        print(f"dpia: error: {exc}", file=sys.stderr)
        return 2
    for path in write_suites(register, args.out):
        print(path.as_posix())
    return 0


if __name__ == "__main__":
    sys.exit(main())
