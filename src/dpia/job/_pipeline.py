"""The workbench's one job as plain steps: inputs -> scans -> verdicts -> exposure.

``dpia run``, the notebooks and the report all go through these functions, so a figure in a
notebook is the figure in the report. Each step takes what the previous one returned.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dpia.detect import DEFAULT_SAMPLE, DEFAULT_SEED, ScanResult, scan
from dpia.load import Export, data_files, load_export
from dpia.register import Register, RegisterError, load_register

if TYPE_CHECKING:
    from dpia.exposure import ExposureTable
    from dpia.minimise import VendorVerdict


@dataclass(frozen=True, eq=False)
class Inputs:
    """Everything a run reads: the register and every export under the data folder, loaded."""

    data: Path
    register_path: Path
    register: Register
    exports: Mapping[str, Export] = field(repr=False)
    """Keyed by path relative to ``data`` (posix), sorted."""

    def feed(self, vendor_id: str) -> Export:
        vendor = self.register.vendor(vendor_id)
        return self.exports[self._relative(self.register.feed_path(vendor))]

    def feeds(self) -> dict[str, Export]:
        """Vendor id -> the vendor's feed, in register order."""
        return {vendor.id: self.feed(vendor.id) for vendor in self.register.vendors}

    def _relative(self, path: Path) -> str:
        return _key(self.data, path, self.register_path)


def _key(data: Path, path: Path, register_path: Path) -> str:
    """``path`` relative to the data folder: outputs name inputs without machine-specific paths."""
    resolved, root = path.resolve(), data.resolve()
    if not resolved.is_relative_to(root):
        raise RegisterError(f"{register_path}: feed {path} lies outside the data folder {data}")
    return resolved.relative_to(root).as_posix()


def open_inputs(data: Path | str, register: Path | str | None = None) -> Inputs:
    """Load the register (default ``DATA/register.yaml``) and every export, checking all of them
    before any work starts: bad input fails here, with nothing written."""
    data = Path(data)
    register_path = Path(register) if register is not None else data / "register.yaml"
    loaded = load_register(register_path)
    paths = {_key(data, p, register_path): p for p in data_files(data)}
    paths.update(
        (_key(data, loaded.feed_path(v), register_path), loaded.feed_path(v))
        for v in loaded.vendors
    )
    exports = {key: _named(load_export(paths[key]), key) for key in sorted(paths)}
    return Inputs(data, register_path, loaded, exports)


def _named(export: Export, key: str) -> Export:
    # Outputs name each input by its path inside the data folder, the same on every machine.
    return Export(frame=export.frame, provenance=replace(export.provenance, path=key))


def scan_all(
    inputs: Inputs,
    *,
    sample: int | None = DEFAULT_SAMPLE,
    seed: int = DEFAULT_SEED,
    progress: Callable[[int], None] | None = None,
) -> dict[str, ScanResult]:
    """Every export scanned, keyed like ``inputs.exports``."""
    return {
        name: scan(export, sample=sample, seed=seed, progress=progress)
        for name, export in inputs.exports.items()
    }


def feed_scans(inputs: Inputs, scans: Mapping[str, ScanResult]) -> dict[str, ScanResult]:
    """Vendor id -> the scan of its feed."""
    return {
        vendor.id: scans[inputs._relative(inputs.register.feed_path(vendor))]
        for vendor in inputs.register.vendors
    }


def validate(
    inputs: Inputs,
    suite_dir: Path,
    run_time: str | None = None,
    scans: Mapping[str, ScanResult] | None = None,
) -> tuple[VendorVerdict, ...]:
    """Build every vendor's suite from the register into ``suite_dir`` and check each feed;
    ``run_time`` is the time the Data Docs show (a run passes its start time). With ``scans``
    (keyed like ``inputs.exports``), validation uses their findings instead of scanning again."""
    from dpia.minimise import validate_all, write_suites

    write_suites(inputs.register, suite_dir)
    findings = (
        None
        if scans is None
        else {vendor: result.columns for vendor, result in feed_scans(inputs, scans).items()}
    )
    return validate_all(inputs.register, suite_dir, run_time=run_time, findings=findings)


def exposure(
    inputs: Inputs, scans: Mapping[str, ScanResult], verdicts: tuple[VendorVerdict, ...]
) -> ExposureTable:
    """Exposure and risk per vendor from the feeds, their scans and their verdicts."""
    from dpia.exposure import compute

    return compute(
        inputs.register,
        inputs.feeds(),
        feed_scans(inputs, scans),
        {verdict.vendor: verdict for verdict in verdicts},
    )
