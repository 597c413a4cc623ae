"""``dpia run`` end to end on data_samples/: report sections, vendors, no raw values, repeatable.

The job runs twice (notebooks included), once per fixture; everything else reads what it wrote.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest
from stdnum.nl import bsn

from dpia import show
from dpia.cli import main
from dpia.job import Parameters, open_inputs, run_pipeline
from dpia.job._manifest import TIME_FIELDS
from dpia.register._policy import load_register
from tests.conftest import SAMPLES, raw_sample_values

REGISTER = load_register(SAMPLES / "register.yaml")
SECTIONS_NL = (
    "## Status en ondertekening",
    "## Wijzigingen sinds de vorige beoordeling",
    "## Deel A. Beschrijving kenmerken gegevensverwerkingen",
    "## Deel B. Beoordeling rechtmatigheid gegevensverwerkingen",
    "## Deel C. Beschrijving en beoordeling risico's voor de betrokkenen",
    "## Deel D. Beschrijving voorgenomen maatregelen",
    "## Verantwoording",
)
TEXT_SUFFIXES = {".json", ".md", ".html", ".ipynb", ".svg", ".csv", ".txt"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, baseline_run: Path) -> tuple[Path, Path]:
    """The same job twice into the same ``out`` (the second replaces the first), as a user
    reruns it; the first run's files are kept aside for comparison. Both compare with the same
    earlier run (``--since``), so that their changes sections are alike too."""
    folder = tmp_path_factory.mktemp("run")
    out, first = folder / "out", folder / "first"
    since = ["--since", str(baseline_run)]
    assert main(["run", "--data", str(SAMPLES), "--out", str(out), "--quiet", *since]) == 0
    shutil.copytree(out, first)
    assert main(["run", "--data", str(SAMPLES), "--out", str(out), "--quiet", *since]) == 0
    return first, out


def test_outputs_are_complete(runs: tuple[Path, Path]) -> None:
    out = runs[0]
    for name in ("scan.json", "exposure.json", "manifest.json", "report.html", "report.md",
                 "report.docx", "changes.json"):  # fmt: skip
        assert (out / name).is_file(), name
    for vendor in REGISTER.vendors:
        assert (out / "validation" / f"{vendor.id}.json").is_file()
        assert (out / "datadocs" / f"{vendor.id}.html").is_file()
        assert (out / "expectations" / f"{vendor.id}.json").is_file()
        assert (out / "pia" / f"{vendor.id}.json").is_file()
    assert len(list((out / "charts").glob("*.png"))) == 4
    assert sorted(p.name for p in (out / "notebooks").glob("*.html")) == [
        "01_scan.html",
        "02_minimisation.html",
        "03_exposure.html",
        "04_report.html",
    ]


def test_report_has_every_section_and_vendor(runs: tuple[Path, Path]) -> None:
    markdown = (runs[0] / "report.md").read_text("utf-8")
    html = (runs[0] / "report.html").read_text("utf-8")
    positions = [markdown.index(section) for section in SECTIONS_NL]
    assert positions == sorted(positions)
    for vendor in REGISTER.vendors:
        assert vendor.name in markdown
        assert vendor.name in html
    assert "Stop met het verstrekken van het BSN" in markdown  # toetsmonitor's measure
    assert html.count('src="data:image/png;base64,') == 4


def test_report_is_self_contained(runs: tuple[Path, Path]) -> None:
    html = (runs[0] / "report.html").read_text("utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@page { size: A4" in html


def test_manifest_ties_figures_to_inputs(runs: tuple[Path, Path]) -> None:
    manifest = json.loads((runs[0] / "manifest.json").read_text("utf-8"))
    paths = {i["path"] for i in manifest["inputs"]}
    assert {"parnassys_leerlingen.csv", "feeds/toetsmonitor.csv"} <= paths
    scanned = json.loads((runs[0] / "scan.json").read_text("utf-8"))
    shas = {f["path"]: f["sha256"] for f in scanned["files"]}
    assert all(shas[i["path"]] == i["sha256"] for i in manifest["inputs"])
    assert manifest["packages"]["presidio-analyzer"]
    assert manifest["parameters"]["lang"] == "nl"
    assert manifest["started"] in (runs[0] / "report.md").read_text("utf-8")


def test_no_raw_sample_value_in_any_output(runs: tuple[Path, Path]) -> None:
    raw = raw_sample_values()
    assert any(bsn.is_valid(v) for v in raw)
    for path in sorted(runs[0].rglob("*")):
        if path.suffix in TEXT_SUFFIXES:
            text = path.read_text("utf-8")
            found = [v for v in raw if v in text]
            assert not found, f"{path.relative_to(runs[0])}: {len(found)} raw values"


def test_two_runs_are_identical_but_for_the_manifest_times(runs: tuple[Path, Path]) -> None:
    first, second = runs
    times = [json.loads((out / "manifest.json").read_text("utf-8")) for out in runs]
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        a, b = _contents(first / name), _contents(second / name)
        assert a.keys() == b.keys(), name
        for part in a:
            one, other = a[part], b[part]
            for field in TIME_FIELDS:
                one = one.replace(times[0][field].encode(), b"TIME")
                other = other.replace(times[1][field].encode(), b"TIME")
            assert one == other, f"{name} {part} differs between two runs"


def _contents(path: Path) -> dict[str, bytes]:
    """A file's bytes; a Word file's entries one by one, each checked to be dated by the run."""
    if path.suffix != ".docx":
        return {"": path.read_bytes()}
    manifest = json.loads((path.parent / "manifest.json").read_text("utf-8"))
    started = dt.datetime.fromisoformat(manifest["started"].replace("Z", "+00:00"))
    with zipfile.ZipFile(path) as archive:
        # A zip entry's time has a 2-second resolution: an odd second is stored one lower.
        stamp = (*started.timetuple()[:5], started.second // 2 * 2)
        assert {info.date_time for info in archive.infolist()} == {stamp}
        return {info.filename: archive.read(info) for info in archive.infolist()}


# --- another sample and seed: the same verdicts everywhere -----------------------------------

CHOSEN = Parameters(sample=40, seed=7)


@pytest.fixture(scope="module")
def chosen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("chosen") / "out"
    arguments = ["--sample", str(CHOSEN.sample), "--seed", str(CHOSEN.seed), "--quiet"]
    assert main(["run", "--data", str(SAMPLES), "--out", str(out), *arguments]) == 0
    return out


def test_chosen_sample_and_seed_reach_every_output(chosen: Path) -> None:
    """``dpia run --sample 40 --seed 7``: the JSON, the report and every notebook show the
    verdicts of one pipeline run with those parameters, and they equal an independent run."""
    independent = run_pipeline(open_inputs(SAMPLES), parameters=CHOSEN)
    expected = [v.to_dict() for v in independent.verdicts]
    written = [
        json.loads((chosen / "validation" / f"{v.id}.json").read_text("utf-8"))
        for v in REGISTER.vendors
    ]
    assert written == expected
    manifest = json.loads((chosen / "manifest.json").read_text("utf-8"))
    assert (manifest["parameters"]["sample"], manifest["parameters"]["seed"]) == (40, 7)
    report = (chosen / "report.md").read_text("utf-8")
    for verdict in independent.verdicts:
        line = next(  # the verdict table of point 14
            row
            for row in report.splitlines()
            if row.startswith(f"| {verdict.name} |") and "| voldoet" in row
        )
        assert ("| voldoet niet |" in line) == (not verdict.passed), line

    show.setup()
    source = show.prose_text("source.run", "nl", sample=40, seed=7)
    table = repr(show.verdict_frame(independent.verdicts, "nl"))
    for notebook in sorted((chosen / "notebooks").glob("*.ipynb")):
        cells = nbformat.read(notebook, as_version=4).cells
        outputs = [o for c in cells if c.cell_type == "code" for o in c.outputs]
        texts = [o.get("data", {}).get("text/markdown", "") for o in outputs]
        assert source in texts, f"{notebook.name} did not show the run's result"
        if notebook.stem == "02_minimisation":
            shown = [o["data"].get("text/plain") for o in outputs if "data" in o]
            assert table in shown
