"""Validate each vendor's real feed against its suite and write the results.

A feed passes only when Great Expectations evaluated every expectation of its suite and each one
held: an expectation that raised, or a result missing, is a failure (fail closed). Results use
the ``SUMMARY`` format without unexpected values or rows, and our own expectations report column
names, entity types and counts only, so no cell value reaches a result, a file or a screen.

A feed on Spark (a ``SparkExport``, ``--engine spark``) is validated by GX's Spark datasource
with the same suites and gives the same verdict as the pandas engine.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

import dpia.minimise._plain as plain
from dpia._spark import EngineError
from dpia.detect import scan, scan_spark
from dpia.load import Export, SparkExport, load_export
from dpia.minimise._classify import handed_over, with_board, with_findings
from dpia.minimise._datadocs import write_datadocs
from dpia.minimise._engine import feed_batch_definition, spark_batch_definition
from dpia.minimise._suites import PROMISES, SuiteError, load_suite
from dpia.minimise._verdicts import Failure, VendorVerdict
from dpia.outputs import staged_output, write_json
from dpia.register import Register, Vendor
from dpia.rules import BoardPupils, FillRate, Finding, board_pupils

if TYPE_CHECKING:
    from great_expectations.core.expectation_suite import ExpectationSuite
    from pyspark.sql import DataFrame as SparkFrame

# An exception line of a traceback; the suffix keeps a message's own "Name: ..." lines out.
_EXCEPTION_LINE = re.compile(
    r"([A-Za-z_][\w.]*(?:Error|Exception|Warning|Interrupt|Exit|Iteration))(?::|$)"
)
RESULT_FORMAT: dict[str, Any] = {
    "result_format": "SUMMARY",
    "partial_unexpected_count": 0,
    "include_unexpected_rows": False,
}


def validate_frame(
    suite: ExpectationSuite,
    frame: pd.DataFrame | SparkFrame,
    run_time: str | None = None,
    findings: Sequence[Finding] | None = None,
    board: BoardPupils | None = None,
) -> dict[str, Any]:
    """GX's validation result (JSON form) of ``frame`` against a loaded ``suite``; ``run_time``
    (ISO, default now) is the time the Data Docs show, e.g. the start of a ``dpia run``;
    ``findings`` (one per column) go with the frame to the expectations, else the column scanner
    classifies it (``dpia.minimise._classify``); ``board``, the board's pupils, goes with it to
    the checks of the board's promises. A Spark DataFrame is validated on Spark and needs its
    ``findings`` (``EngineError`` without: ``validate_vendor`` scans a feed on Spark)."""
    if isinstance(frame, pd.DataFrame):
        result = _pandas_result(suite, frame, findings, board)
    else:
        result = _spark_result(suite, frame, findings, board)
    for evr in result.get("results") or []:
        evr["exception_info"] = _scrubbed(evr.get("exception_info") or {})
    # Batch.validate records no run; Data Docs then show "__none__" for its name and time.
    # One time for both, so the same run of the same inputs renders the same page.
    when = run_time or dt.datetime.now(dt.UTC).isoformat()
    meta = result.setdefault("meta", {})
    meta["run_id"] = {"run_name": f"dpia validate {suite.name}", "run_time": when}
    meta["validation_time"] = when
    meta.get("batch_markers", {}).pop("ge_load_time", None)  # the batch's load time, to the us
    return result


def _pandas_result(
    suite: ExpectationSuite,
    frame: pd.DataFrame,
    findings: Sequence[Finding] | None,
    board: BoardPupils | None,
) -> dict[str, Any]:
    if findings is not None:
        frame = with_findings(frame, findings)
    if board is not None:
        frame = with_board(frame, board)
    batch = feed_batch_definition().get_batch(batch_parameters={"dataframe": frame})
    result: dict[str, Any] = batch.validate(suite, result_format=RESULT_FORMAT).to_json_dict()
    return result


def _spark_result(
    suite: ExpectationSuite,
    frame: SparkFrame,
    findings: Sequence[Finding] | None,
    board: BoardPupils | None,
) -> dict[str, Any]:
    if findings is None:
        raise EngineError("validation on Spark needs the feed's column findings (a Spark scan)")
    cached = frame.is_cached
    try:
        with handed_over(frame, findings, board):
            batch = spark_batch_definition().get_batch(batch_parameters={"dataframe": frame})
            validated = batch.validate(suite, result_format=RESULT_FORMAT)
        result: dict[str, Any] = validated.to_json_dict()
    finally:
        if not cached:  # GX cached the feed for the metrics; a caller's own cache stays
            frame.unpersist()
    return result


def _scrubbed(info: Mapping[str, Any]) -> dict[str, Any]:
    """GX's exception info with the exception's class name only: its message and traceback may
    quote a cell. GX reports a failed metric as ``{metric id: {exception_traceback, ...}}`` and a
    failed expectation as ``{raised_exception, exception_traceback, exception_message}``."""
    reports = [info] if "raised_exception" in info else [v for v in info.values() if v]
    raised = [r for r in reports if isinstance(r, Mapping) and r.get("exception_traceback")]
    if not raised and not info.get("raised_exception"):
        return {"raised_exception": False, "exception_message": None, "exception_traceback": None}
    names = ", ".join(sorted({_exception_class(r) for r in raised}) or ["error"])
    # Data Docs render the traceback of a raised exception and need a string there.
    return {"raised_exception": True, "exception_message": names, "exception_traceback": names}


def _exception_class(report: Mapping[str, Any]) -> str:
    """The root cause's class, e.g. ``ValueError`` from an unindented ``ValueError: ...`` line
    (GX wraps it in ``MetricResolutionError``, which comes later in the traceback)."""
    for line in str(report.get("exception_traceback") or "").splitlines():
        found = _EXCEPTION_LINE.match(line)
        if found:
            return found.group(1).rsplit(".", 1)[-1]
    return "error"


def failures_of(result: Mapping[str, Any], expected: int, suite_path: Path) -> list[Failure]:
    """Every failure in a GX suite result; ``SuiteError`` when results are missing."""
    results = list(result.get("results") or [])
    if len(results) != expected:
        raise SuiteError(
            f"{suite_path}: {len(results)} results for {expected} expectations; "
            "an unevaluated expectation is never a pass"
        )
    found: list[Failure] = []
    for evr in results:
        config = evr.get("expectation_config") or {}
        kind = str(config.get("type"))
        exception = evr.get("exception_info") or {}
        if exception.get("raised_exception"):
            found.append(plain.error(kind, str(exception.get("exception_message"))))
        elif not evr.get("success"):
            found.extend(plain.failures(kind, config.get("kwargs") or {}, evr.get("result") or {}))
    return plain.merged(found)


def promise_checks(result: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    """The checks of the board's promises in a GX suite result, passed or not, in suite order:
    their ``details`` (``dpia.rules.PromiseCheck.to_dict()``; counts only)."""
    found = []
    for evr in result.get("results") or []:
        kind = str((evr.get("expectation_config") or {}).get("type"))
        details = (evr.get("result") or {}).get("details")
        if kind in PROMISES and isinstance(details, Mapping) and "check" in details:
            found.append(dict(details))
    return tuple(found)


def board_of(register: Register) -> BoardPupils | None:
    """The board's pupils from the exports the register lists as sources (loaded and scanned
    here), or ``None`` when it lists none. ``dpia run`` hands over the ones it already scanned."""
    if not register.sources:
        return None
    exports = [load_export(path) for path in register.source_paths()]
    return board_pupils([(export.frame, scan(export).columns) for export in exports])


def validate_vendor(
    register: Register,
    vendor: Vendor | str,
    suite_dir: Path | str,
    *,
    findings: Sequence[Finding] | None = None,
    feed: Export | SparkExport | None = None,
    run_time: str | None = None,
    board: BoardPupils | None = None,
) -> VendorVerdict:
    """Check ``vendor``'s feed against ``<suite_dir>/<vendor-id>.json``.

    ``findings`` are a classification of the feed's columns already made (a scan, or a test's);
    without them the column scanner classifies the feed (on Spark: ``dpia.detect.scan_spark``).
    ``feed`` is the feed already loaded (default: loaded from the register's path); a
    ``SparkExport`` is validated on Spark, with the verdict the pandas engine gives.
    ``run_time`` is the time the Data Docs show (default now). ``board`` is the board's pupils
    (``dpia.rules.board_pupils``) the checks of the board's promises link the feed to; by default
    read from the register's sources (``board_of``, with pandas: the board is small). Raises
    ``SuiteError`` for a missing or untrustworthy suite and ``ExportError`` for an unreadable
    feed.
    """
    if isinstance(vendor, str):
        vendor = register.vendor(vendor)
    if board is None:
        board = board_of(register)
    start = time.perf_counter()
    suite_path = Path(suite_dir) / f"{vendor.id}.json"
    suite = load_suite(suite_path)
    if suite.name != vendor.id:
        raise SuiteError(f"{suite_path}: suite name {suite.name!r} is not vendor {vendor.id!r}")
    export = feed if feed is not None else load_export(register.feed_path(vendor))
    if findings is None and isinstance(export, SparkExport):
        findings = scan_spark(export).columns
    result = validate_frame(suite, export.frame, run_time, findings, board)
    found = failures_of(result, len(suite.expectations), suite_path)
    return VendorVerdict(
        vendor=vendor.id,
        name=vendor.name,
        agreement=vendor.agreement.reference,
        passed=not found,
        failures=tuple(found),
        evaluated=len(suite.expectations),
        rows=export.provenance.rows,
        feed=vendor.feed,
        sha256=export.provenance.sha256,
        suite=suite_path.name,  # outputs name no machine-specific folders
        seconds=time.perf_counter() - start,
        gx_result=result,
        promises=promise_checks(result),
    )


def validate_all(
    register: Register,
    suite_dir: Path | str,
    *,
    vendors: Iterable[str] | None = None,
    findings: Mapping[str, Sequence[Finding]] | None = None,
    feeds: Mapping[str, Export | SparkExport] | None = None,
    run_time: str | None = None,
    board: BoardPupils | None = None,
) -> tuple[VendorVerdict, ...]:
    """``validate_vendor`` for every vendor of the register (or those named), in register order.

    ``findings`` (vendor id -> its feed's column findings) are a scan already made of each feed,
    as ``dpia run`` makes one: validation then reasons about the same findings as the report
    (same sample, same seed) instead of scanning each feed again. ``feeds`` (vendor id -> its
    feed) are the feeds already loaded (``Export``s, or ``SparkExport``s to validate on Spark);
    ``board`` the board's pupils, for every vendor.
    """
    wanted = None if vendors is None else {register.vendor(v).id for v in vendors}
    if board is None:
        board = board_of(register)  # once for every vendor
    return tuple(
        validate_vendor(
            register,
            vendor,
            suite_dir,
            findings=None if findings is None else findings[vendor.id],
            feed=None if feeds is None else feeds[vendor.id],
            run_time=run_time,
            board=board,
        )
        for vendor in register.vendors
        if wanted is None or vendor.id in wanted
    )


OPTIONAL_FIELDS_FILE = "optional_fields.json"  # no vendor id has an underscore


def write_results(
    verdicts: Sequence[VendorVerdict],
    out_dir: Path | str,
    optional_fields: Sequence[FillRate] = (),
) -> list[Path]:
    """``<out>/validation/<vendor>.json`` (our summary), ``<out>/validation/optional_fields.json``
    (how often the optional fields of the board's exports are filled) and ``<out>/datadocs/``
    (static HTML).

    Both folders are replaced as a whole, together, and only when everything was written.
    """
    out_dir = Path(out_dir)
    written: list[Path] = []
    with staged_output(out_dir) as stage:
        for verdict in verdicts:
            write_json(stage / "validation" / f"{verdict.vendor}.json", verdict.to_dict())
            written.append(out_dir / "validation" / f"{verdict.vendor}.json")
        fields = {"optional_fields": [f.to_dict() for f in optional_fields]}
        write_json(stage / "validation" / OPTIONAL_FIELDS_FILE, fields)
        written.append(out_dir / "validation" / OPTIONAL_FIELDS_FILE)
        written.extend(out_dir / p for p in write_datadocs(verdicts, stage, "datadocs"))
    return written
