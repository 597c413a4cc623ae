"""The workbench notebooks: pairs in sync, executed on the samples without errors, deterministic,
offline HTML, and no raw value in anything written; plus ``dpia.show`` and ``dpia.job._notebooks``."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jupytext
import nbformat
import pytest

from dpia import show
from dpia.job import open_inputs, run_job, run_pipeline
from dpia.job._manifest import TIME_FIELDS
from dpia.job._notebooks import (
    NotebookError,
    execute_notebooks,
    external_reference,
    normalise,
    notebook_parameters,
    record_parameters,
)
from dpia.load._export import load_export
from dpia.messages import exists
from tests.conftest import REPO, SAMPLES

NOTEBOOK_DIR = REPO / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]
EXPECTED = ["01_scan", "02_minimisation", "03_exposure", "04_report"]
CHART_CELLS = {"01_scan": 1, "02_minimisation": 0, "03_exposure": 4, "04_report": 0}
PARAMETERS = {
    "data_dir": '"../data_samples"',
    "register": "None",
    "out_dir": '"../out"',
    "lang": '"nl"',
    "sample": "1000",
    "seed": "0",
}
# Long runs of base64 (inline images) are left out when looking for values in text.
_BASE64 = re.compile(r"[A-Za-z0-9+/=\n]{200,}")


def _cells(notebook: Any) -> list[tuple[str, str, list[str]]]:
    return [
        (cell.cell_type, cell.source.strip(), sorted(cell.metadata.get("tags", [])))
        for cell in notebook.cells
    ]


# --- the committed notebooks ---------------------------------------------------------------


def test_the_four_notebooks_are_there() -> None:
    assert NAMES == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_pair_in_sync(path: Path) -> None:
    script = path.with_suffix(".py")
    assert script.is_file(), f"{script} missing: run `jupytext --sync {path}`"
    assert _cells(jupytext.read(path)) == _cells(jupytext.read(script)), (
        f"{path.name} and {script.name} differ: run `jupytext --sync` in notebooks/"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_committed_clean(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None
        assert set(cell.metadata) <= {"tags"}
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert "papermill" not in notebook.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_starts_with_title_then_parameters(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    title, parameters = notebook.cells[0], notebook.cells[1]
    assert title.cell_type == "markdown"
    assert title.source.startswith(f"# {path.stem[:2]} ")
    assert parameters.metadata.get("tags") == ["parameters"]
    assigned = dict(
        (name.strip(), value.split("#")[0].strip())
        for name, value in (line.split("=", 1) for line in parameters.source.splitlines())
    )
    assert assigned == PARAMETERS


def test_script_keeps_only_tags() -> None:
    for path in NOTEBOOKS:
        text = path.with_suffix(".py").read_text(encoding="utf-8")
        assert "kernelspec" not in text
        assert "jupytext:" not in text
        assert '# %% tags=["parameters"]' in text


def test_every_prose_key_exists() -> None:
    used = {
        key
        for path in NOTEBOOKS
        for key in re.findall(r'show\.prose\("([\w.]+)"', path.with_suffix(".py").read_text())
    }
    assert used
    assert sorted(key for key in used if not exists(f"prose.{key}")) == []


# --- dpia.show -----------------------------------------------------------------------------


def test_prose_fills_escaped_values() -> None:
    text = show.prose_text("source.run", "en", sample="a_b/<c>", seed=0)
    assert "a\\_b/\\<c\\>" in text
    assert "{sample}" not in text
    assert show.prose_text("scan.intro", "nl") != show.prose_text("scan.intro", "en")


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="lang must be one of nl, en, not 'de'"):
        show.prose_text("scan.intro", "de")


def test_heading_escapes_markup() -> None:
    assert show.heading("feeds/<b>x_y.csv", 3).data == "### feeds/\\<b\\>x\\_y.csv"


def test_frames_on_a_small_register(register_dir: Path) -> None:
    result = run_pipeline(open_inputs(register_dir))
    assert list(result.provenance) == ["feeds/leeslijn.csv", "leerlingen.csv"]

    inputs = show.inputs_frame(result, "en")
    assert inputs["sha256"].tolist() == [p.sha256 for p in result.provenance.values()]
    registered = show.register_frame(result.register, "nl")
    assert registered.columns[0] == "leverancier"
    assert registered.iloc[0].tolist()[:2] == ["leeslijn", "Uitgeverij Leeslijn"]
    suites = show.suites_frame(result, "en")
    assert suites.columns.tolist() == ["vendor", "checks", "check"]
    checks = len(result.suites["leeslijn"]["expectations"])
    assert suites.iloc[0].tolist()[:2] == ["leeslijn", checks]

    found = result.scans["leerlingen.csv"]
    frame = show.scan_frame(found, "en")
    assert frame["column"].tolist() == ["ECK iD", "Achternaam", "Groep", "BRIN"]
    assert "Jansen" not in frame.to_string()
    summary = show.scan_summary({"leerlingen.csv": found}, "nl")
    assert summary.columns.tolist()[:3] == ["bestand", "rijen", "kolommen"]
    figure = show.scan_chart({"leerlingen.csv": found}, "en")
    assert figure.axes[0].get_title() == "Columns with personal data per file"

    manifest = show.run_manifest(result, {"data_dir": "d", "register": None, "lang": "nl"})
    assert not set(TIME_FIELDS) & set(manifest)
    frames = show.manifest_frames(manifest, "en")
    assert list(frames) == ["Input files", "Register, commit and parameters", "Package versions"]
    assert frames["Input files"]["sha256"].tolist() == inputs["sha256"].tolist()


def test_report_files_frame() -> None:
    frame = show.report_files_frame("en")
    assert {"report.html", "report.md", "manifest.json", "notebooks/"} <= set(frame["file"])


# --- dpia.job._notebooks on tiny notebooks ------------------------------------------------------


def _tiny(tmp_path: Path, *sources: str) -> Path:
    notebook = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('out_dir = "."\nlang = "nl"')
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [nbformat.v4.new_markdown_cell("# Tiny"), parameters]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    path = tmp_path / "99_tiny.ipynb"
    nbformat.write(notebook, path)
    return path


def test_parameters_made_absolute(tmp_path: Path) -> None:
    values = notebook_parameters({"data_dir": "x", "register": None, "lang": "en"}, tmp_path)
    assert values == {
        "data_dir": str(Path("x").resolve()),
        "register": None,
        "lang": "en",
        "out_dir": str(tmp_path.resolve()),
    }


def test_normalise_and_record_parameters(tmp_path: Path) -> None:
    notebook = nbformat.read(_tiny(tmp_path, "x = 1"), as_version=4)
    injected = nbformat.v4.new_code_cell('# Parameters\nout_dir = "/tmp/.out.x1y2"\n')
    injected.metadata.update(tags=["injected-parameters"], papermill={"duration": 0.1})
    injected.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    notebook.cells.insert(2, injected)
    notebook.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00Z"}
    normalise(notebook)
    assert "papermill" not in notebook.metadata
    assert notebook.cells[2].metadata == {"tags": ["injected-parameters"]}
    assert notebook.cells[2].id == "injected-parameters"
    record_parameters(notebook, {"out_dir": "/srv/out", "register": None})
    assert notebook.cells[2].source == '# Parameters\nout_dir = "/srv/out"\nregister = None\n'


@pytest.mark.slow
def test_failing_cell_names_notebook_cell_and_error_only(tmp_path: Path) -> None:
    path = _tiny(tmp_path, "x = 1", "raise KeyError('2069 secret value')")
    out = tmp_path / "out"
    with pytest.raises(NotebookError) as caught:
        execute_notebooks([path], out, {"out_dir": str(out)})
    error = caught.value
    assert (error.path, error.cell, error.error) == (path, 3, "KeyError")
    assert str(error) == f"{path} cell 3: the notebook failed with KeyError"
    assert "secret" not in str(error)
    assert not out.exists()


# --- the four notebooks on data_samples ----------------------------------------------------


@dataclass(frozen=True)
class Executed:
    out: Path
    written: list[Path]
    parameters: dict[str, Any]
    ran: list[Path]
    """What the run wrote before the notebooks were executed."""

    def notebook(self, name: str) -> Any:
        return nbformat.read(self.out / "notebooks" / f"{name}.ipynb", as_version=4)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Executed]:
    """The notebooks executed over the output of a ``dpia run`` without notebooks: they read the
    run's ``run.json``, as when ``dpia run`` executes them."""
    out = tmp_path_factory.mktemp("notebooks") / "out"
    run_job(SAMPLES, out, notebooks=False)
    ran = sorted(p for p in out.rglob("*") if p.is_file())
    parameters = {"data_dir": str(SAMPLES), "register": None, "out_dir": str(out), "lang": "nl"}
    before = sorted(p.name for p in NOTEBOOK_DIR.iterdir())
    written = execute_notebooks(NOTEBOOKS, out, parameters)
    assert sorted(p.name for p in NOTEBOOK_DIR.iterdir()) == before
    yield Executed(out, written, parameters, ran)
    shutil.rmtree(out, ignore_errors=True)


def _raw_values() -> list[str]:
    """A handful of BSNs, e-mail addresses, surnames and whole teacher notes of the samples."""
    frame = load_export(SAMPLES / "parnassys_leerlingen.csv").frame

    def some(column: str, count: int, min_length: int = 1) -> list[str]:
        values = [v for v in dict.fromkeys(frame[column]) if len(v) >= min_length]
        assert len(values) >= count, column
        return values[:count]

    return [
        *some("BSN", 5, 9),
        *some("E-mail ouder/verzorger", 5, 5),
        *some("Achternaam", 5, 8),
        *some("Notitie leerkracht", 5, 30),
    ]


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    text = "\n".join(_strings(json.loads(raw))) if path.suffix == ".ipynb" else html.unescape(raw)
    return _BASE64.sub(" ", text)


@pytest.mark.slow
def test_writes_ipynb_and_html_per_notebook(executed: Executed) -> None:
    folder = executed.out / "notebooks"
    assert executed.written == [folder / f"{n}{s}" for n in EXPECTED for s in (".ipynb", ".html")]
    # The notebooks write nothing but themselves: they read the run's result.
    found = sorted(p for p in executed.out.rglob("*") if p.is_file())
    assert found == sorted([*executed.ran, *executed.written])


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_reads_the_runs_result(executed: Executed, name: str) -> None:
    source = executed.notebook(name).cells[3].outputs[0]["data"]["text/markdown"]
    assert source == show.prose_text("source.run", "nl", sample=1000, seed=0)


@pytest.mark.slow
def test_on_its_own_a_notebook_computes_the_same_figures(
    executed: Executed, tmp_path: Path
) -> None:
    """Without a run in its output folder, 02_minimisation computes the pipeline itself, writes
    nothing, and shows exactly what it shows from the run's result."""
    empty = tmp_path / "empty"
    alone = {**executed.parameters, "out_dir": str(empty)}
    (notebook,) = execute_notebooks([NOTEBOOK_DIR / "02_minimisation.ipynb"], tmp_path, alone)[:1]
    assert not empty.exists()
    own = nbformat.read(notebook, as_version=4).cells
    ran = executed.notebook("02_minimisation").cells
    source = own[3].outputs[0]["data"]["text/markdown"]
    assert source == show.prose_text("source.computed", "nl", sample=1000, seed=0)
    outputs = [[o.get("data", o.get("text")) for o in c.get("outputs", [])] for c in own[4:]]
    assert outputs == [
        [o.get("data", o.get("text")) for o in c.get("outputs", [])] for c in ran[4:]
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_executed_without_errors_and_with_parameters(executed: Executed, name: str) -> None:
    notebook = executed.notebook(name)
    tags = [cell.metadata.get("tags", []) for cell in notebook.cells]
    assert tags[1] == ["parameters"]
    assert tags[2] == ["injected-parameters"]
    assert 'lang = "nl"' in notebook.cells[2].source
    assert "papermill" not in notebook.metadata
    for cell in notebook.cells:
        assert "execution" not in cell.metadata
        assert "papermill" not in cell.metadata
        for output in cell.get("outputs", []):
            assert output.output_type != "error"
            assert output.get("name") != "stderr", "".join(output.get("text", ""))
    code = [c for c in notebook.cells if c.cell_type == "code"][3:]
    assert all(c.outputs for c in code), "every cell after set-up shows something"


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_every_chart_cell_has_a_png(executed: Executed, name: str) -> None:
    charts = [c for c in executed.notebook(name).cells if "chart" in c.metadata.get("tags", [])]
    assert len(charts) == CHART_CELLS[name]
    for cell in charts:
        assert any("image/png" in o.get("data", {}) for o in cell.outputs)


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_html_is_offline(executed: Executed, name: str) -> None:
    page = (executed.out / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
    assert external_reference(page) is None
    assert not re.search(r"<script\b|<link\b|@import|cdnjs|unpkg|jsdelivr", page, re.IGNORECASE)
    # The only URLs are masked ECK iDs in the scan evidence (text, never fetched).
    for url in re.findall(r"https?://[^\s<>\"']+", page):
        assert url.startswith("https://ketenid.nl/"), url
    assert f"<title>{name}</title>" in page
    assert "show.prose(" not in page  # code cells are left out


@pytest.mark.slow
def test_no_raw_value_in_anything_written(executed: Executed) -> None:
    values = _raw_values()
    for path in executed.written:
        text = _text(path)
        leaked = [v for v in values if v in text]
        assert not leaked, f"{path.name}: raw values {leaked[:3]}"
        assert not re.search(r" at 0x[0-9a-fA-F]{6,}", text), f"{path.name}: memory address"


@pytest.mark.slow
def test_scan_notebook_twice_byte_identical(executed: Executed, tmp_path: Path) -> None:
    again = execute_notebooks([NOTEBOOK_DIR / "01_scan.ipynb"], tmp_path, executed.parameters)
    for path in again:
        first = executed.out / "notebooks" / path.name
        assert path.read_bytes() == first.read_bytes(), path.name
