"""``dpia run``: the whole job over a data folder, as one reproducible, all-or-nothing step.

Scan every export, validate every vendor's feed against the suite built from its agreement,
compute exposure and risk, execute the notebooks, write the report and the manifest (and with
``pdf`` print the report to PDF in headless Chromium), and finally run the leak gate over
everything written. All of it goes to a staging folder first: only a run
that got through every step, the leak gate included, replaces ``out/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dpia.detect import DEFAULT_SAMPLE, DEFAULT_SEED, scan_dict
from dpia.errors import DpiaError
from dpia.exposure import write_exposure
from dpia.job._browser import ensure_available, print_pdf
from dpia.job._leaks import check_outputs, format_leaks
from dpia.job._manifest import build_manifest, now
from dpia.job._notebooks import NotebookError, execute_notebooks
from dpia.job._pipeline import Parameters, open_inputs, run_pipeline
from dpia.job._previous import read_previous
from dpia.job._saved import save_result
from dpia.messages import Language
from dpia.minimise import write_results
from dpia.outputs import staged_output, write_json, write_text
from dpia.report import (
    compare_runs,
    pia_exports,
    render_docx,
    render_report,
    report_context,
    snapshot,
)

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

NOTEBOOKS = Path(__file__).resolve().parents[3] / "notebooks"


class LeakError(DpiaError):
    """The leak gate found raw personal data in what the run was about to write."""

    reason = "leak"


@dataclass(frozen=True)
class JobResult:
    out: Path
    files: int
    vendors: int
    failing: tuple[str, ...]
    written: tuple[str, ...]


def run_job(
    data: Path,
    out: Path,
    *,
    register: Path | None = None,
    lang: Language = "nl",
    sample: int | None = DEFAULT_SAMPLE,
    seed: int = DEFAULT_SEED,
    notebooks: bool = True,
    pdf: bool = False,
    since: Path | None = None,
    progress: Callable[[str], None] | None = None,
    spark: SparkSession | None = None,
) -> JobResult:
    """Run the workbench; raises on bad input, a failing notebook, a browser that cannot print
    (with ``pdf``) or a leak, writing nothing. The report compares with the run in ``since``, else
    with the one in ``out`` that this run replaces. With ``spark``, every stage that reads the
    exports computes on that Spark session."""
    say = progress or (lambda _: None)
    if pdf:
        ensure_available()  # a missing browser is known now, not after minutes of work
    started = now()
    inputs = open_inputs(data, register, spark=spark)
    # Before staging: the run in ``out`` is the one this run will replace.
    previous = read_previous(since or out, required=since is not None)
    parameters = Parameters(sample=sample, seed=seed)
    with staged_output(out) as stage:
        result = run_pipeline(
            inputs,
            parameters=parameters,
            build_into=stage / "expectations",
            run_time=started,
            step=say,
        )
        del inputs  # the frames: nothing after this point reads a raw cell
        say("write")
        scan_json = scan_dict(list(result.scans.values()))
        write_json(stage / "scan.json", scan_json)
        write_results(result.verdicts, stage, result.optional_fields)
        write_exposure(result.exposure, stage, lang)
        exposure = result.exposure.to_dict()
        save_result(result, stage)

        if notebooks:
            say("notebooks")
            found = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
            if not found:
                # The notebooks live in the repository, not in an installed wheel.
                raise NotebookError(NOTEBOOKS, None, "NoNotebooks", "none here; use --no-notebooks")
            execute_notebooks(
                found,
                stage,
                {
                    "data_dir": str(data.resolve()),
                    "register": str(result.register_path.resolve()),
                    "out_dir": str(stage.resolve()),
                    "lang": lang,
                    "sample": sample,
                    "seed": seed,
                },
                # The notebooks write into the staging folder but record where it will be.
                recorded_parameters={"out_dir": str(out.resolve())},
            )

        say("report")
        manifest = build_manifest(
            provenance=result.provenance,
            register_path=result.register_path,
            parameters={
                "data": data.as_posix(),
                "register": result.register_path.as_posix(),
                "lang": lang,
                **parameters.to_dict(),
            },
            started=started,
            finished=now(),
        )
        write_json(stage / "manifest.json", manifest)
        changes = compare_runs(
            previous[0] if previous else None,
            snapshot(scan_json, exposure),
            since=previous[1] if previous else None,
        )
        write_json(stage / "changes.json", changes)
        context = report_context(
            board=result.register.board.name,
            scans=scan_json,
            pupils=result.pupils,
            verdicts=[v.to_dict() for v in result.verdicts],
            exposure=exposure,
            measures=result.measures,
            manifest=manifest,
            lang=lang,
            register=result.register,
            changes=changes,
        )
        html, markdown = render_report(context, stage / "charts")
        write_text(stage / "report.html", html)
        write_text(stage / "report.md", markdown)
        # Dated by the run's start, as the report is: the same run gives the same DOCX and PDF.
        created = dt.datetime.fromisoformat(started.replace("Z", "+00:00"))
        (stage / "report.docx").write_bytes(render_docx(context, stage / "charts", created))
        for vendor_id, pia in pia_exports(context).items():
            write_json(stage / "pia" / f"{vendor_id}.json", pia)
        if pdf:
            say("pdf")
            print_pdf(stage / "report.html", stage / "report.pdf", created=created)

        say("leak gate")
        leaks = check_outputs([stage], base=stage)
        if leaks:
            raise LeakError(
                f"{out}: raw personal data in the outputs, nothing written:\n" + format_leaks(leaks)
            )
        written = tuple(
            sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
        )
    return JobResult(
        out=out,
        files=len(result.provenance),
        vendors=len(result.verdicts),
        failing=result.failing,
        written=written,
    )
