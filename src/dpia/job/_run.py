"""``dpia run``: the whole job over a data folder, as one reproducible, all-or-nothing step.

Scan every export, validate every vendor's feed against the suite built from its agreement,
compute exposure and risk, execute the notebooks, write the report and the manifest (and with
``pdf`` print the report to PDF in headless Chromium), and finally run the leak gate over
everything written. All of it goes to a staging folder first: only a run
that got through every step, the leak gate included, replaces ``out/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dpia.detect import DEFAULT_SAMPLE, DEFAULT_SEED, ScanResult, scan_dict
from dpia.job._manifest import build_manifest, now
from dpia.job._pipeline import exposure, open_inputs, scan_all, validate
from dpia.load import Export
from dpia.messages import Language
from dpia.outputs import staged_output, write_json, write_text

NOTEBOOKS = Path(__file__).resolve().parents[3] / "notebooks"
# Identifier columns that count distinct pupils in a file, most specific first.
_PUPIL_IDS = ("ECK_ID", "STUDENT_NUMBER", "NL_BSN", "NL_ONDERWIJSNUMMER")


class LeakError(Exception):
    """The leak gate found raw personal data in what the run was about to write."""


@dataclass(frozen=True)
class JobResult:
    out: Path
    files: int
    vendors: int
    failing: tuple[str, ...]
    written: tuple[str, ...]


def count_pupils(export: Export, scan: ScanResult) -> int:
    """Distinct pupils of a file: distinct values of its pupil identifier, else its rows."""
    for entity in _PUPIL_IDS:
        for column in scan.columns:
            if column.entity == entity:
                values = export.frame[column.name].str.strip()
                return int(values[values != ""].nunique())
    return export.provenance.rows


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
    progress: Callable[[str], None] | None = None,
) -> JobResult:
    """Run the workbench; raises on bad input, a failing notebook, a browser that cannot print
    (with ``pdf``) or a leak, writing nothing."""
    say = progress or (lambda _: None)
    if pdf:
        from dpia.job._browser import ensure_available

        ensure_available()  # a missing browser is known now, not after minutes of work
    started = now()
    inputs = open_inputs(data, register)
    parameters: dict[str, Any] = {
        "data": data.as_posix(),
        "register": inputs.register_path.as_posix(),
        "lang": lang,
        "sample": "full" if sample is None else sample,
        "seed": seed,
    }
    with staged_output(out) as stage:
        say("scan")
        scans = scan_all(inputs, sample=sample, seed=seed)
        scan_json = scan_dict(list(scans.values()))
        write_json(stage / "scan.json", scan_json)

        say("validate")
        from dpia.minimise import write_results

        verdicts = validate(inputs, stage / "expectations", run_time=started, scans=scans)
        write_results(verdicts, stage)

        say("exposure")
        from dpia.exposure import write_exposure

        table = exposure(inputs, scans, verdicts)
        write_exposure(table, stage, lang)

        if notebooks:
            say("notebooks")
            from dpia.job._notebooks import NotebookError, execute_notebooks

            found = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
            if not found:
                # The notebooks live in the repository, not in an installed wheel.
                raise NotebookError(NOTEBOOKS, None, "NoNotebooks", "none here; use --no-notebooks")
            execute_notebooks(
                found,
                stage,
                {
                    "data_dir": str(data.resolve()),
                    "register": str(inputs.register_path.resolve()),
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
            exports=inputs.exports,
            register_path=inputs.register_path,
            parameters=parameters,
            started=started,
            finished=now(),
        )
        write_json(stage / "manifest.json", manifest)
        _write_report(stage, inputs.register.board.name, scans, scan_json, inputs.exports,
                      [v.to_dict() for v in verdicts], table.to_dict(), manifest, lang)  # fmt: skip
        if pdf:
            say("pdf")
            from dpia.job._browser import print_pdf

            # Dated by the run's start, as the report is: the same run gives the same PDF.
            created = dt.datetime.fromisoformat(started.replace("Z", "+00:00"))
            print_pdf(stage / "report.html", stage / "report.pdf", created=created)

        say("leak gate")
        from dpia.job._leaks import check_outputs, format_leaks

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
        files=len(inputs.exports),
        vendors=len(verdicts),
        failing=tuple(v.vendor for v in verdicts if not v.passed),
        written=written,
    )


def _write_report(
    stage: Path,
    board: str,
    scans: Mapping[str, ScanResult],
    scan_json: Mapping[str, Any],
    exports: Mapping[str, Export],
    verdicts: list[dict[str, Any]],
    exposure_json: Mapping[str, Any],
    manifest: Mapping[str, Any],
    lang: Language,
) -> None:
    from dpia.report import render_report, report_context

    pupils = {name: count_pupils(exports[name], scans[name]) for name in scans}
    context = report_context(
        board=board,
        scans=scan_json,
        pupils=pupils,
        verdicts=verdicts,
        exposure=exposure_json,
        manifest=manifest,
        lang=lang,
    )
    html, markdown = render_report(context, stage / "charts")
    write_text(stage / "report.html", html)
    write_text(stage / "report.md", markdown)
