"""The ``dpia`` command: a thin face over the library.

Every error a user can cause ends as ``dpia: error: FILE[ line N]: reason`` with exit code 2 and
no traceback; outputs are staged and appear only when a command succeeds.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from dpia import __version__
from dpia.inventory import build_inventory, data_files
from dpia.load import ExportError, load_export
from dpia.outputs import staged_output, to_json, write_json
from dpia.policy import RegisterError, load_register
from dpia.textable import format_table

EXIT_OK = 0
EXIT_USAGE = 2

_PROVENANCE_COLUMNS = (
    "path",
    "format",
    "encoding",
    "delimiter",
    "sheet",
    "rows",
    "columns",
    "bytes",
)


class CliError(Exception):
    """A user error found by the CLI itself (not by a library stage)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except (ExportError, RegisterError, CliError) as exc:
        print(f"dpia: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("dpia: interrupted; nothing was written", file=sys.stderr)
        return 130


class _Parser(argparse.ArgumentParser):
    """Usage errors in the same one-line form as every other error: ``dpia: error: ...``."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"dpia: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dpia",
        description="DPIA workbench: find personal data in school exports and check vendor feeds "
        "against their processing agreements.",
    )
    parser.add_argument("--version", action="version", version=f"dpia {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    load = commands.add_parser("load", help="load exports and show their provenance")
    load.add_argument("files", nargs="+", type=Path, metavar="FILE")
    load.add_argument("--sheet", help="xlsx sheet name (default: the first sheet)")
    load.add_argument("--format", choices=("table", "json"), default="table")
    load.set_defaults(command=_cmd_load)

    run = commands.add_parser("run", help="run the workbench over a data folder into --out")
    run.add_argument("--data", type=Path, default=Path("data_samples"), help="folder of exports")
    run.add_argument("--register", type=Path, help="register (default: DATA/register.yaml)")
    run.add_argument("--out", type=Path, default=Path("out"), help="output folder")
    run.add_argument("--lang", choices=("nl", "en"), default="nl", help="report language")
    run.set_defaults(command=_cmd_run)
    return parser


def _cmd_load(args: argparse.Namespace) -> int:
    exports = [load_export(path, sheet=args.sheet) for path in args.files]
    provenance = [export.provenance.to_dict() for export in exports]
    if args.format == "json":
        sys.stdout.write(to_json({"files": provenance}))
    else:
        rows = [[_show(p[c]) for c in _PROVENANCE_COLUMNS] for p in provenance]
        sys.stdout.write(format_table(_PROVENANCE_COLUMNS, rows))
    return EXIT_OK


def _cmd_run(args: argparse.Namespace) -> int:
    if not args.data.is_dir():
        raise CliError(f"{args.data}: not a folder of exports")
    register = load_register(args.register or args.data / "register.yaml")
    exports = [load_export(path) for path in data_files(args.data)]
    inventory = build_inventory(register, exports, base=args.data)
    with staged_output(args.out) as stage:
        write_json(stage / "inventory.json", inventory)
    rows = [[_show(f[c]) for c in _PROVENANCE_COLUMNS] for f in inventory["files"]]
    sys.stdout.write(format_table(_PROVENANCE_COLUMNS, rows))
    print(f"{len(exports)} files, {len(register.vendors)} vendors -> {args.out}/inventory.json")
    return EXIT_OK


def _show(value: object) -> str:
    if value is None:
        return "-"
    if value == "\t":
        return "tab"
    return str(value)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
