"""Stage 8, the job: the whole pipeline over a data folder, once, into an output folder.

``run_job`` runs every stage, executes the notebooks, writes the report and the manifest, and
runs the leak gate (``check_outputs``) over everything before anything replaces ``out/``.
"""

from __future__ import annotations

from dpia.job._browser import BrowserError
from dpia.job._leaks import LeakCheckError, check_outputs, format_leaks
from dpia.job._manifest import TIME_FIELDS, build_manifest
from dpia.job._notebooks import NotebookError
from dpia.job._pipeline import Inputs
from dpia.job._run import LeakError, run_job

__all__ = [
    "TIME_FIELDS",
    "BrowserError",
    "Inputs",
    "LeakCheckError",
    "LeakError",
    "NotebookError",
    "build_manifest",
    "check_outputs",
    "format_leaks",
    "run_job",
]
