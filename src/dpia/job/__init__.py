"""Stage 8, the job: the pipeline computed once, and ``dpia run`` around it.

``open_inputs`` loads and checks a data folder and its register; ``run_pipeline`` runs every stage
once and returns a ``RunResult``, which the CLI, the notebooks and the report read. ``run_job``
(``dpia run``) writes it all to an output folder, executes the notebooks, writes the report and the
manifest, and runs the leak gate (``check_outputs``) before anything replaces ``out/``.
``load_or_run`` gives a notebook the run's own result (``run.json``, checked against the input
hashes) or computes it.
"""

from __future__ import annotations

from dpia.job._browser import BrowserError
from dpia.job._leaks import LeakCheckError, check_outputs, format_leaks
from dpia.job._manifest import TIME_FIELDS, build_manifest
from dpia.job._notebooks import NotebookError
from dpia.job._pipeline import Inputs, Parameters, RunResult, open_inputs, run_pipeline
from dpia.job._run import LeakError, run_job
from dpia.job._saved import RESULT_FILE, Origin, load_or_run, read_result, save_result

__all__ = [
    "RESULT_FILE",
    "TIME_FIELDS",
    "BrowserError",
    "Inputs",
    "LeakCheckError",
    "LeakError",
    "NotebookError",
    "Origin",
    "Parameters",
    "RunResult",
    "build_manifest",
    "check_outputs",
    "format_leaks",
    "load_or_run",
    "open_inputs",
    "read_result",
    "run_job",
    "run_pipeline",
    "save_result",
]
