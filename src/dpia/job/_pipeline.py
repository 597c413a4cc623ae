"""The workbench's one pipeline: inputs -> scans -> suites -> verdicts -> exposure -> measures.

``open_inputs`` loads and checks everything a run reads before any work starts; ``run_pipeline``
runs every stage once over those inputs and returns one typed ``RunResult``. ``dpia run``, every
``dpia`` subcommand, the notebooks and the report read that result, so a figure in a notebook is
the figure in the report and nothing is scanned twice. Each stage gets what it needs as an
argument: the scans go to validation and exposure explicitly.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpia.detect import DEFAULT_SAMPLE, DEFAULT_SEED, ScanResult, scan, scan_spark
from dpia.exposure import ExposureTable, compute
from dpia.load import Export, Provenance, SparkExport, data_files, load_export, read_spark
from dpia.minimise import VendorVerdict, load_suite, validate_all, write_suites
from dpia.register import Register, RegisterError, load_register
from dpia.report import Measure, measures_for
from dpia.rules import BoardPupils, FillRate, board_pupils, fill_rates, subject_codes

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@dataclass(frozen=True)
class Parameters:
    """What a user may choose that changes a figure: the scan's sample and its seed."""

    sample: int | None = DEFAULT_SAMPLE
    """Distinct values examined per column; ``None``: every one (``--full``)."""
    seed: int = DEFAULT_SEED

    def to_dict(self) -> dict[str, Any]:
        return {"sample": "full" if self.sample is None else self.sample, "seed": self.seed}


@dataclass(frozen=True, eq=False)
class Inputs:
    """Everything a run reads: the register and every export under the data folder, loaded."""

    data: Path
    register_path: Path
    register: Register
    exports: Mapping[str, Export | SparkExport] = field(repr=False)
    """Keyed by path relative to ``data`` (posix), sorted; on Spark with ``--engine spark``."""
    feeds_only: bool = False
    """Only the vendors' feeds were read; they may lie outside ``data``."""

    def feed_key(self, vendor_id: str) -> str:
        """The key in ``exports`` of ``vendor_id``'s feed."""
        vendor = self.register.vendor(vendor_id)
        return _key(self.data, self.register.feed_path(vendor), self.register_path, self.feeds_only)

    def provenance(self) -> dict[str, Provenance]:
        return {name: export.provenance for name, export in self.exports.items()}


@dataclass(frozen=True, eq=False)
class RunResult:
    """One run of the pipeline: every figure the CLI, the notebooks and the report show."""

    register_path: Path
    register: Register
    provenance: Mapping[str, Provenance]
    """Every input read, keyed by its path inside the data folder."""
    parameters: Parameters
    scans: Mapping[str, ScanResult]
    """Keyed like ``provenance``."""
    pupils: Mapping[str, int]
    """Distinct pupils per input (by its pupil identifier, else its rows), keyed likewise."""
    feeds: Mapping[str, str]
    """Vendor id -> the key of its feed in ``provenance``, for the vendors validated."""
    suites: Mapping[str, Mapping[str, Any]]
    """Vendor id -> the Great Expectations suite (JSON form) its feed was validated against."""
    verdicts: tuple[VendorVerdict, ...]
    exposure: ExposureTable
    measures: tuple[Measure, ...]
    optional_fields: tuple[FillRate, ...] = ()
    """Per board export (the register's ``sources``) and column of an entity type the register
    calls optional (``board.optional``): how often it is filled (``dpia.rules.fill_rates``)."""

    @property
    def failing(self) -> tuple[str, ...]:
        """The vendors whose feed breaks its agreement, in register order."""
        return tuple(v.vendor for v in self.verdicts if not v.passed)


def _key(data: Path, path: Path, register_path: Path, outside: bool = False) -> str:
    """``path`` relative to the data folder: outputs name inputs without machine-specific paths.
    A feed outside the folder is an error, unless ``outside`` (only feeds are read: ``../x``)."""
    resolved, root = path.resolve(), data.resolve()
    if resolved.is_relative_to(root):
        return resolved.relative_to(root).as_posix()
    if outside:
        return Path(os.path.relpath(resolved, root)).as_posix()
    raise RegisterError(f"{register_path}: feed {path} lies outside the data folder {data}")


def input_paths(
    data: Path,
    register_path: Path,
    register: Register,
    *,
    feeds_only: bool = False,
    vendors: tuple[str, ...] | None = None,
) -> dict[str, Path]:
    """Every input of a run, keyed by its path inside ``data``, sorted: the exports under the
    folder and every vendor's feed; with ``feeds_only``, the feeds of ``vendors`` (default all) and
    the board's exports the register lists as sources."""
    paths = {} if feeds_only else {_key(data, p, register_path): p for p in data_files(data)}
    paths.update(
        (_key(data, register.feed_path(v), register_path, feeds_only), register.feed_path(v))
        for v in register.vendors
        if vendors is None or not feeds_only or v.id in vendors
    )
    # The board's exports: the checks of the board's promises link every feed to their pupils.
    paths.update(
        (_key(data, path, register_path, feeds_only), path) for path in register.source_paths()
    )
    return dict(sorted(paths.items()))


def open_inputs(
    data: Path | str,
    register: Path | str | None = None,
    *,
    feeds_only: bool = False,
    vendors: tuple[str, ...] | None = None,
    spark: SparkSession | None = None,
) -> Inputs:
    """Load the register (default ``DATA/register.yaml``) and every export (with ``feeds_only``,
    only the feeds of ``vendors``, default all), checking all of them before any work starts: bad
    input fails here, with nothing written. With ``spark``, the exports are read on Spark and
    every later stage computes there."""
    data = Path(data)
    register_path = Path(register) if register is not None else data / "register.yaml"
    loaded = load_register(register_path)
    if vendors is not None:
        vendors = tuple(loaded.vendor(v).id for v in vendors)  # an unknown id fails here
    paths = input_paths(data, register_path, loaded, feeds_only=feeds_only, vendors=vendors)
    exports = {
        key: _named(load_export(path) if spark is None else read_spark(path, spark), key)
        for key, path in paths.items()
    }
    return Inputs(data, register_path, loaded, exports, feeds_only)


def _named(export: Export | SparkExport, key: str) -> Export | SparkExport:
    # Outputs name each input by its path inside the data folder, the same on every machine.
    return replace(export, provenance=replace(export.provenance, path=key))


def count_pupils(export: Export, scan: ScanResult) -> int:
    """Distinct pupils of a file, counted as the exposure stage counts a feed's data subjects."""
    _, subjects = subject_codes(export.frame, scan.columns)
    return subjects.count


def _source_keys(inputs: Inputs) -> list[str]:
    """The keys in ``inputs.exports`` of the board's exports the register lists as sources."""
    return [
        _key(inputs.data, path, inputs.register_path, inputs.feeds_only)
        for path in inputs.register.source_paths()
    ]


def _optional_fields(inputs: Inputs, scans: Mapping[str, ScanResult]) -> tuple[FillRate, ...]:
    """How often each optional field of each board export read is filled."""
    optional = inputs.register.board.optional
    return tuple(
        rate
        for key in _source_keys(inputs)
        if key in inputs.exports
        for rate in fill_rates(key, inputs.exports[key].frame, scans[key].columns, optional)
    )


def _board(inputs: Inputs, scans: Mapping[str, ScanResult]) -> BoardPupils | None:
    """The board's pupils from the exports the register lists as sources, with their scans (the
    checks read keys by the columns' entity types), or ``None`` when the run did not read them
    (``feeds_only``, or a register without sources): the checks of the board's promises then say
    they cannot be verified."""
    keys = _source_keys(inputs)
    if not keys or any(key not in inputs.exports for key in keys):
        return None
    return board_pupils([(inputs.exports[key].frame, scans[key].columns) for key in keys])


def run_pipeline(
    inputs: Inputs,
    *,
    parameters: Parameters = Parameters(),
    suites: Path | None = None,
    build_into: Path | None = None,
    vendors: tuple[str, ...] | None = None,
    run_time: str | None = None,
    step: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    """Every stage once over ``inputs``.

    Each feed is validated against the suite built from the register (written to ``build_into``,
    or to a temporary folder), or, with ``suites``, against ``<suites>/<vendor-id>.json`` as they
    are. ``vendors`` limits validation and exposure to those vendors. ``run_time`` is the time the
    Data Docs show (a run passes its start time); ``step`` hears the name of each stage as it
    starts, ``progress`` the number of columns scanned.
    """
    say = step or (lambda _: None)
    wanted = tuple(v.id for v in inputs.register.vendors if vendors is None or v.id in vendors)
    if suites is not None:
        for vendor_id in wanted:  # a missing or broken suite is known before the scan
            load_suite(suites / f"{vendor_id}.json")
    say("scan")
    scans = {
        name: (scan_spark if isinstance(export, SparkExport) else scan)(
            export,  # type: ignore[arg-type]  # each engine's scan takes its own export
            sample=parameters.sample,
            seed=parameters.seed,
            progress=progress,
        )
        for name, export in inputs.exports.items()
    }
    pupils = {name: count_pupils(inputs.exports[name], found) for name, found in scans.items()}
    feed_keys = {vendor_id: inputs.feed_key(vendor_id) for vendor_id in wanted}
    feed_scans = {vendor_id: scans[key] for vendor_id, key in feed_keys.items()}
    feeds = {vendor_id: inputs.exports[key] for vendor_id, key in feed_keys.items()}

    board = _board(inputs, scans)
    optional = _optional_fields(inputs, scans)

    say("validate")
    with tempfile.TemporaryDirectory(prefix="dpia-suites-") as scratch:
        if suites is None:
            suite_dir = build_into or Path(scratch)
            write_suites(inputs.register, suite_dir)
        else:
            suite_dir = suites
        verdicts = validate_all(
            inputs.register,
            suite_dir,
            vendors=wanted,
            findings={vendor_id: found.columns for vendor_id, found in feed_scans.items()},
            feeds=feeds,
            run_time=run_time,
            board=board,
        )
        used = {v: json.loads((suite_dir / f"{v}.json").read_text("utf-8")) for v in wanted}

    say("exposure")
    table = compute(
        inputs.register, feeds, feed_scans, {verdict.vendor: verdict for verdict in verdicts}
    )
    measures = measures_for([v.to_dict() for v in verdicts], table.to_dict())
    return RunResult(
        register_path=inputs.register_path,
        register=inputs.register,
        provenance=inputs.provenance(),
        parameters=parameters,
        scans=scans,
        pupils=pupils,
        feeds=feed_keys,
        suites=used,
        verdicts=verdicts,
        exposure=table,
        measures=tuple(measures),
        optional_fields=optional,
    )
