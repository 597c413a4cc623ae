"""The run's result as a file, ``run.json``, read back by the notebooks.

``dpia run`` writes its ``RunResult`` to ``<out>/run.json`` before it executes the notebooks;
a notebook reads it back with ``read_result`` and shows those figures instead of computing them
again. The file is trusted only for the same inputs: the register's and every input's sha256, the
set of inputs and the parameters must all match what is on disk now; otherwise ``read_result``
returns ``None`` and the notebook runs the pipeline itself (``load_or_run``).

The file holds what the other outputs hold (masked evidence, column names, entity types, counts,
verdicts), never a raw value, and no time: the same run writes the same bytes. Great Expectations'
raw result and the validation's wall time stay out of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from dpia.detect import ScanResult
from dpia.exposure import ExposureTable
from dpia.job._pipeline import Parameters, RunResult, input_paths, open_inputs, run_pipeline
from dpia.load import Provenance, file_sha256
from dpia.minimise import VendorVerdict
from dpia.outputs import to_json, write_text
from dpia.register import load_register
from dpia.report import Measure

RESULT_FILE = "run.json"
# Raised when the file's shape changes, so an old file is recomputed rather than misread.
FORMAT = 1
Origin = Literal["run", "computed"]


@dataclass(frozen=True)
class _Saved:
    format: int
    register_sha256: str
    parameters: Parameters
    provenance: dict[str, Provenance]
    scans: dict[str, ScanResult]
    pupils: dict[str, int]
    feeds: dict[str, str]
    suites: dict[str, dict[str, Any]]
    verdicts: tuple[VendorVerdict, ...]
    exposure: ExposureTable
    measures: tuple[Measure, ...]


_ADAPTER: TypeAdapter[_Saved] = TypeAdapter(_Saved)


def save_result(result: RunResult, out_dir: Path) -> Path:
    """Write ``result`` to ``<out_dir>/run.json``."""
    saved = _Saved(
        format=FORMAT,
        register_sha256=file_sha256(result.register_path),
        parameters=result.parameters,
        provenance=dict(result.provenance),
        scans=dict(result.scans),
        pupils=dict(result.pupils),
        feeds=dict(result.feeds),
        suites={vendor: dict(suite) for vendor, suite in result.suites.items()},
        verdicts=tuple(replace(v, seconds=0.0, gx_result={}) for v in result.verdicts),
        exposure=result.exposure,
        measures=result.measures,
    )
    path = out_dir / RESULT_FILE
    write_text(path, to_json(_ADAPTER.dump_python(saved, mode="json")))
    return path


def read_result(
    out_dir: Path | str, data: Path | str, register: Path | str, parameters: Parameters
) -> RunResult | None:
    """The result in ``<out_dir>/run.json`` if it was computed from exactly these inputs with
    these parameters, else ``None``."""
    path = Path(out_dir) / RESULT_FILE
    try:
        saved = _ADAPTER.validate_python(json.loads(path.read_text("utf-8")))
    except (OSError, UnicodeDecodeError, ValueError, ValidationError):
        return None  # missing, unreadable or another format: compute afresh
    register_path = Path(register)
    if (
        saved.format != FORMAT
        or saved.parameters != parameters
        or saved.register_sha256 != file_sha256(register_path)
    ):
        return None
    loaded = load_register(register_path)
    paths = input_paths(Path(data), register_path, loaded)
    if set(paths) != set(saved.provenance) or any(
        file_sha256(path) != saved.provenance[key].sha256 for key, path in paths.items()
    ):
        return None
    # JSON objects come back with sorted keys: vendors go back into register order.
    vendors = [v.vendor for v in saved.verdicts]
    return RunResult(
        register_path=register_path,
        register=loaded,
        provenance=saved.provenance,
        parameters=saved.parameters,
        scans=saved.scans,
        pupils=saved.pupils,
        feeds={vendor: saved.feeds[vendor] for vendor in vendors},
        suites={vendor: saved.suites[vendor] for vendor in vendors},
        verdicts=saved.verdicts,
        exposure=saved.exposure,
        measures=saved.measures,
    )


def load_or_run(
    data: Path | str,
    register: Path | str | None,
    out_dir: Path | str,
    parameters: Parameters,
) -> tuple[RunResult, Origin]:
    """The run's result from ``out_dir`` when it matches the inputs and parameters (``"run"``),
    else the pipeline run here, writing nothing (``"computed"``)."""
    register_path = Path(register) if register is not None else Path(data) / "register.yaml"
    found = read_result(out_dir, data, register_path, parameters)
    if found is not None:
        return found, "run"
    return run_pipeline(open_inputs(data, register_path), parameters=parameters), "computed"
