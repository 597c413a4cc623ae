"""The previous run an assessment is compared with: ``scan.json``, ``exposure.json`` and the
``started`` time of ``manifest.json`` in the output folder (or the folder of ``--since``).

Read before anything is staged, so the comparison sees the run that ``dpia run`` is about to
replace. The public JSON contracts are read, not ``run.json``: they hold what the comparison needs
and stay readable across versions of the workbench.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dpia.errors import DpiaError
from dpia.report import snapshot


class PreviousRunError(DpiaError):
    """The run to compare with cannot be read."""

    reason = "invalid_previous_run"


def read_previous(folder: Path, *, required: bool) -> tuple[dict[str, Any], str] | None:
    """The snapshot of the run in ``folder`` and when it started; ``None`` when the folder holds
    no run (a first run), unless ``required`` (``--since``): then that is an error."""
    scan, exposure = folder / "scan.json", folder / "exposure.json"
    if not (scan.is_file() and exposure.is_file()):
        if required:
            raise PreviousRunError(f"{folder}: no previous run here (scan.json and exposure.json)")
        return None
    try:
        started = "-"
        manifest = folder / "manifest.json"
        if manifest.is_file():
            started = str(_load(manifest).get("started", "-"))
        return snapshot(_load(scan), _load(exposure)), started
    except (KeyError, TypeError, AttributeError) as exc:
        raise PreviousRunError(
            f"{folder}: the previous run's scan.json or exposure.json lacks a field ({exc})"
        ) from None


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise PreviousRunError(f"{path}: cannot read the previous run: not valid JSON") from None
