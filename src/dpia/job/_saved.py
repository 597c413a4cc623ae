"""The run's result as a file, ``run.json``, read back by the notebooks.

``dpia run`` writes its ``RunResult`` to ``<out>/run.json`` before it executes the notebooks;
a notebook reads it back with ``read_result`` and shows those figures instead of computing them
again. The file is trusted only for the same inputs and the same workbench: the register's and every
input's sha256, the set of inputs, the parameters, the package versions and the git commit must
all match what is there now, and the result must be a whole run (every vendor, the suites built
from this register); otherwise ``read_result`` returns ``None`` and the notebook runs the pipeline
itself (``load_or_run``).

The file holds what the other outputs hold (masked evidence, column names, entity types, counts,
verdicts), never a raw value, and no time: the same run writes the same bytes. Great Expectations'
raw result and the validation's wall time stay out of it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from dpia.job._manifest import software
from dpia.job._pipeline import Parameters, RunResult, input_paths, open_inputs, run_pipeline
from dpia.load import file_sha256
from dpia.minimise import build_suites
from dpia.outputs import to_json, write_text
from dpia.register import load_register

RESULT_FILE = "run.json"
# Raised when the file's shape changes, so an old file is recomputed rather than misread.
FORMAT = 2
Origin = Literal["run", "computed"]


# What run.json leaves out: the register is read again from its file (its sha256 is checked).
_NOT_SAVED = {"register", "register_path"}
_ADAPTER: TypeAdapter[RunResult] = TypeAdapter(RunResult)


def save_result(result: RunResult, out_dir: Path) -> Path:
    """Write ``result`` to ``<out_dir>/run.json``."""
    timeless = replace(
        result, verdicts=tuple(replace(v, seconds=0.0, gx_result={}) for v in result.verdicts)
    )
    saved = {
        "format": FORMAT,
        "software": software(),
        "register_sha256": file_sha256(result.register_path),
        "result": _ADAPTER.dump_python(timeless, mode="json", exclude=_NOT_SAVED),
    }
    path = out_dir / RESULT_FILE
    write_text(path, to_json(saved))
    return path


def read_result(
    out_dir: Path | str, data: Path | str, register: Path | str, parameters: Parameters
) -> RunResult | None:
    """The result in ``<out_dir>/run.json`` if it was computed from exactly these inputs with
    these parameters, else ``None``."""
    register_path = Path(register)
    try:
        saved = json.loads((Path(out_dir) / RESULT_FILE).read_text("utf-8"))
        if (
            saved["format"] != FORMAT
            or saved["software"] != software()
            or saved["register_sha256"] != file_sha256(register_path)
        ):
            return None
        loaded = load_register(register_path)
        result = _ADAPTER.validate_python(
            {**saved["result"], "register": loaded, "register_path": register_path}
        )
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, ValidationError):
        return None  # missing, unreadable or another format: compute afresh
    whole = set(result.feeds) == {v.id for v in loaded.vendors} and result.suites == json.loads(
        to_json(build_suites(loaded))
    )
    if result.parameters != parameters or not whole:
        return None
    paths = input_paths(Path(data), register_path, loaded)
    if set(paths) != set(result.provenance) or any(
        file_sha256(path) != result.provenance[key].sha256 for key, path in paths.items()
    ):
        return None
    # JSON objects come back with sorted keys: vendors go back into register order.
    vendors = [v.vendor for v in result.verdicts]
    return replace(
        result,
        feeds={vendor: result.feeds[vendor] for vendor in vendors},
        suites={vendor: result.suites[vendor] for vendor in vendors},
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
