"""The ``dpia`` command: a thin face over the library.

Every error a user can cause ends as ``dpia: error: FILE[ line N]: reason`` with exit code 2 and
no traceback; outputs are staged and appear only when a command succeeds.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from dpia import __version__
from dpia._spark import DEFAULT_ENGINE, DEFAULT_MASTER, ENGINES, spark_session
from dpia.detect import (
    DEFAULT_SAMPLE,
    DEFAULT_SEED,
    scan,
    scan_csv,
    scan_json,
    scan_spark,
    scan_stream,
    scan_table,
)
from dpia.errors import DpiaError
from dpia.exposure import exposure_table, write_exposure
from dpia.load import data_files, load_export, open_stream, read_spark
from dpia.messages import LANGUAGES
from dpia.minimise import cli_table, write_results, write_suites
from dpia.outputs import to_json
from dpia.register import load_register
from dpia.textable import format_table

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from dpia.job import RunResult

EXIT_OK = 0
EXIT_FAIL = 1  # the check ran and found a violation (validate) or a leak (check-outputs)
EXIT_USAGE = 2

DEFAULT_REGISTER = Path("data_samples/register.yaml")
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


class CliError(DpiaError):
    """A user error found by the CLI itself (not by a library stage)."""

    reason = "usage"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except DpiaError as exc:  # every error a user can cause: one line, no traceback
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

    scan = commands.add_parser(
        "scan", help="find personal and special-category data per column of exports"
    )
    scan.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    scan.add_argument("--format", choices=("table", "json", "csv"), default="table")
    scan.add_argument("--full", action="store_true", help="examine every distinct value")
    scan.add_argument(
        "--sample",
        type=_positive,
        default=DEFAULT_SAMPLE,
        metavar="N",
        help=f"distinct values examined per column (default {DEFAULT_SAMPLE})",
    )
    scan.add_argument("--seed", type=int, default=DEFAULT_SEED, help="sampling seed")
    scan.add_argument("--lang", choices=LANGUAGES, default="nl", help="table language")
    scan.add_argument(
        "--chunksize",
        type=_positive,
        metavar="ROWS",
        help="read each file in chunks of ROWS rows: for files larger than memory, same findings",
    )
    scan.add_argument("--quiet", action="store_true", help="no progress bar")
    _engine_options(scan)
    scan.set_defaults(command=_cmd_scan)

    expectations = commands.add_parser(
        "expectations", help="Great Expectations suites from the register"
    )
    suites = expectations.add_subparsers(title="commands", metavar="COMMAND", required=True)
    build = suites.add_parser("build", help="write one suite per vendor")
    build.add_argument("--register", type=Path, default=DEFAULT_REGISTER)
    build.add_argument("--out", type=Path, default=Path("expectations"))
    build.set_defaults(command=_cmd_expectations_build)

    validate = commands.add_parser(
        "validate", help="check each vendor's feed against the suite of its agreement"
    )
    validate.add_argument("--register", type=Path, default=DEFAULT_REGISTER)
    validate.add_argument("--suites", type=Path, default=Path("expectations"))
    validate.add_argument("--out", type=Path, default=Path("out"))
    validate.add_argument("--format", choices=("table", "json"), default="table")
    validate.add_argument("--vendor", action="append", metavar="ID", help="only this vendor")
    validate.add_argument("--lang", choices=LANGUAGES, default="nl")
    _engine_options(validate)
    validate.set_defaults(command=_cmd_validate)

    exposure = commands.add_parser(
        "exposure", help="exposure, re-identification and risk per vendor, with charts"
    )
    exposure.add_argument("--register", type=Path, default=DEFAULT_REGISTER)
    exposure.add_argument("--out", type=Path, default=Path("out"), help="output folder")
    exposure.add_argument("--format", choices=("table", "json"), default="table")
    exposure.add_argument("--lang", choices=LANGUAGES, default="nl")
    exposure.add_argument("--quiet", action="store_true", help="no progress bar")
    _engine_options(exposure)
    exposure.set_defaults(command=_cmd_exposure)

    run = commands.add_parser("run", help="run the workbench over a data folder into --out")
    run.add_argument("--data", type=Path, default=Path("data_samples"), help="folder of exports")
    run.add_argument("--register", type=Path, help="register (default: DATA/register.yaml)")
    run.add_argument("--out", type=Path, default=Path("out"), help="output folder")
    run.add_argument("--lang", choices=LANGUAGES, default="nl", help="report language")
    run.add_argument("--full", action="store_true", help="scan every distinct value")
    run.add_argument("--sample", type=_positive, default=DEFAULT_SAMPLE, metavar="N")
    run.add_argument("--seed", type=int, default=DEFAULT_SEED, help="sampling seed")
    run.add_argument("--no-notebooks", action="store_true", help="skip executing the notebooks")
    run.add_argument(
        "--pdf", action="store_true", help="also print the report to report.pdf (headless Chromium)"
    )
    run.add_argument(
        "--since",
        type=Path,
        metavar="FOLDER",
        help="compare with the run in FOLDER (default: the previous run in --out)",
    )
    run.add_argument("--quiet", action="store_true", help="no step messages on stderr")
    _engine_options(run)
    run.set_defaults(command=_cmd_run)

    check = commands.add_parser(
        "check-outputs", help="scan written files for raw personal data (exit 1 on a leak)"
    )
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    check.set_defaults(command=_cmd_check_outputs)
    return parser


def _engine_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help="compute with pandas in this process (default) or on Apache Spark",
    )
    command.add_argument(
        "--spark-master",
        metavar="URL",
        help=f"Spark master for --engine spark (default: the spark-submit session, else "
        f"{DEFAULT_MASTER})",
    )


def _spark(args: argparse.Namespace) -> SparkSession | None:
    """The Spark session ``--engine spark`` asks for, else ``None``; ``--spark-master`` alone is
    a mistake worth saying."""
    if args.engine != "spark":
        if args.spark_master is not None:
            raise CliError("--spark-master needs --engine spark")
        return None
    return spark_session(args.spark_master)


def _cmd_load(args: argparse.Namespace) -> int:
    exports = [load_export(path, sheet=args.sheet) for path in args.files]
    provenance = [export.provenance.to_dict() for export in exports]
    if args.format == "json":
        sys.stdout.write(to_json({"files": provenance}))
    else:
        rows = [[_show(p[c]) for c in _PROVENANCE_COLUMNS] for p in provenance]
        sys.stdout.write(format_table(_PROVENANCE_COLUMNS, rows))
    return EXIT_OK


def _cmd_expectations_build(args: argparse.Namespace) -> int:
    for path in write_suites(load_register(args.register), args.out):
        print(path.as_posix())
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    result = _feeds_pipeline(
        args.register, quiet=True, suites=args.suites, vendors=args.vendor, spark=_spark(args)
    )
    write_results(result.verdicts, args.out, result.optional_fields)
    if args.format == "json":
        sys.stdout.write(
            to_json(
                {
                    "vendors": [v.to_dict() for v in result.verdicts],
                    "optional_fields": [f.to_dict() for f in result.optional_fields],
                }
            )
        )
    else:
        sys.stdout.write(cli_table(result.verdicts, args.lang))
    return EXIT_OK if not result.failing else EXIT_FAIL


def _cmd_exposure(args: argparse.Namespace) -> int:
    result = _feeds_pipeline(args.register, quiet=args.quiet, spark=_spark(args))
    write_exposure(result.exposure, args.out, args.lang)
    table = result.exposure
    text = to_json(table.to_dict()) if args.format == "json" else exposure_table(table, args.lang)
    sys.stdout.write(text)
    return EXIT_OK


def _feeds_pipeline(
    register: Path,
    *,
    quiet: bool,
    suites: Path | None = None,
    vendors: Sequence[str] | None = None,
    spark: SparkSession | None = None,
) -> RunResult:
    """The pipeline over the register's feeds (the data folder is the register's): the same
    scans, verdicts and exposure as ``dpia run`` with the default sample and seed; on ``spark``
    when given."""
    from dpia.job import open_inputs, run_pipeline

    wanted = None if vendors is None else tuple(vendors)
    inputs = open_inputs(register.parent, register, feeds_only=True, vendors=wanted, spark=spark)
    chosen = None if wanted is None else tuple(inputs.register.vendor(v).id for v in wanted)
    total = sum(e.provenance.columns for e in inputs.exports.values())
    with _progress(total, "kolom", quiet=quiet) as advance:
        return run_pipeline(inputs, suites=suites, vendors=chosen, progress=advance)


def _cmd_scan(args: argparse.Namespace) -> int:
    paths = _expand(args.paths)
    sample = None if args.full else args.sample
    spark = _spark(args)
    if spark is not None:
        if args.chunksize is not None:
            raise CliError("--chunksize is for the pandas engine; Spark reads in partitions")
        on_spark = [read_spark(path, spark) for path in paths]  # every input checked first
        total = sum(e.provenance.columns for e in on_spark)
        with _progress(total, "kolom", quiet=args.quiet) as advance:
            results = [
                scan_spark(e, sample=sample, seed=args.seed, progress=advance) for e in on_spark
            ]
    elif args.chunksize is None:
        exports = [load_export(path) for path in paths]  # every input checked before any work
        total = sum(len(e.frame.columns) for e in exports)
        with _progress(total, "kolom", quiet=args.quiet) as advance:
            results = [scan(e, sample=sample, seed=args.seed, progress=advance) for e in exports]
    else:
        streams = [open_stream(path, args.chunksize) for path in paths]  # headers checked first
        with _progress(None, "rij", quiet=args.quiet) as advance:
            results = [
                scan_stream(s, sample=sample, seed=args.seed, progress=advance) for s in streams
            ]
    if args.format == "json":
        text = scan_json(results)
    elif args.format == "csv":
        text = scan_csv(results, args.lang)
    else:
        text = scan_table(results, args.lang)
    sys.stdout.write(text)
    return EXIT_OK


def _expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders replaced by the exports they hold."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = data_files(path)
            if not inside:
                raise CliError(f"{path}: no exports (.csv, .txt, .tsv, .xlsx, .parquet) in folder")
            found.extend(inside)
        else:
            found.append(path)
    return found


@contextmanager
def _progress(
    total: int | None, unit: str, *, quiet: bool
) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr, only for a person watching (a TTY) and not when --quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit=unit, file=sys.stderr, delay=1.0, leave=False) as bar:
        yield bar.update


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _cmd_run(args: argparse.Namespace) -> int:
    if not args.data.is_dir():
        raise CliError(f"{args.data}: not a folder of exports")
    from dpia.job import run_job

    result = run_job(
        args.data,
        args.out,
        register=args.register,
        lang=args.lang,
        sample=None if args.full else args.sample,
        seed=args.seed,
        notebooks=not args.no_notebooks,
        pdf=args.pdf,
        since=args.since,
        progress=None if args.quiet else _say,
        spark=_spark(args),
    )
    failing = ", ".join(result.failing) or "-"
    print(
        f"{result.files} files, {result.vendors} vendors (not compliant: {failing}); "
        f"{len(result.written)} files written to {result.out}/"
    )
    return EXIT_OK


def _say(step: str) -> None:
    print(f"dpia run: {step}", file=sys.stderr)


def _cmd_check_outputs(args: argparse.Namespace) -> int:
    for path in args.paths:
        if not path.exists():
            raise CliError(f"{path}: no such file or folder")
    from dpia.job import check_outputs, format_leaks

    leaks = check_outputs(args.paths)
    if leaks:
        sys.stdout.write(format_leaks(leaks))
        print(f"dpia: {len(leaks)} raw personal values found", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK


def _show(value: object) -> str:
    if value is None:
        return "-"
    if value == "\t":
        return "tab"
    return str(value)


def run() -> NoReturn:
    """The ``dpia`` command: ``main``, then a hard exit once every output is flushed.

    Freeing Deduce's lookup structures (millions of small objects) at interpreter exit takes
    about 10 s, a third of a ``dpia run`` on the samples; the operating system takes the memory
    back at once. Everything is written and closed by then: outputs are staged and moved in place,
    kernels and browsers are shut down inside the commands.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
