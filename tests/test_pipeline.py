"""The one pipeline (``dpia.job.run_pipeline``) and its saved form ``run.json``: read back only
for exactly the inputs and parameters it was computed from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from dpia.cli import main
from dpia.job import (
    RESULT_FILE,
    Parameters,
    RunResult,
    load_or_run,
    open_inputs,
    read_result,
    run_pipeline,
    save_result,
)


@pytest.fixture
def computed(register_dir: Path) -> RunResult:
    return run_pipeline(open_inputs(register_dir), parameters=Parameters(sample=50, seed=3))


def _figures(result: RunResult) -> dict[str, object]:
    """What the outputs show of a result, in their JSON forms."""
    return {
        "provenance": {k: p.to_dict() for k, p in result.provenance.items()},
        "scans": {k: s.to_dict() for k, s in result.scans.items()},
        "pupils": dict(result.pupils),
        "feeds": list(result.feeds.items()),
        "suites": list(result.suites.items()),
        "verdicts": [v.to_dict() for v in result.verdicts],
        "exposure": result.exposure.to_dict(),
        "measures": [(m.vendor, m.message) for m in result.measures],
        "parameters": result.parameters,
    }


def test_one_result_for_every_stage(computed: RunResult) -> None:
    assert list(computed.provenance) == ["feeds/leeslijn.csv", "leerlingen.csv"]
    assert list(computed.scans) == list(computed.provenance)
    assert computed.feeds == {"leeslijn": "feeds/leeslijn.csv"}
    assert computed.scans[computed.feeds["leeslijn"]].provenance.path == "feeds/leeslijn.csv"
    assert [v.vendor for v in computed.verdicts] == ["leeslijn"]
    assert [v.vendor for v in computed.exposure.vendors] == ["leeslijn"]
    assert computed.suites["leeslijn"]["name"] == "leeslijn"
    assert computed.pupils == {"feeds/leeslijn.csv": 2, "leerlingen.csv": 2}
    # Validation reasoned about the scan's own findings: the feed's names are allowed.
    assert computed.verdicts[0].passed
    assert computed.failing == ()


def test_saved_result_reads_back_equal(computed: RunResult, register_dir: Path) -> None:
    out = register_dir / "out"
    path = save_result(computed, out)
    assert path == out / RESULT_FILE
    again = read_result(out, register_dir, register_dir / "register.yaml", computed.parameters)
    assert again is not None
    assert _figures(again) == _figures(computed)
    # The file is stable JSON without the validation's wall time or GX's raw result.
    text = path.read_text("utf-8")
    assert text == save_result(again, register_dir / "out2").read_text("utf-8")
    assert '"seconds": 0.0' in text
    assert '"gx_result": {}' in text


@pytest.mark.parametrize(
    "change",
    [
        "parameters",
        "feed",
        "new input",
        "removed input",
        "register",
        "format",
        "software",
        "part of a run",
        "damaged",
    ],
)
def test_saved_result_only_for_the_same_inputs(
    computed: RunResult, register_dir: Path, change: str
) -> None:
    out = register_dir / "out"
    save_result(computed, out)
    parameters = computed.parameters
    if change == "parameters":
        parameters = Parameters(sample=50, seed=4)
    elif change == "feed":
        (register_dir / "feeds" / "leeslijn.csv").write_text("roepnaam;groep\nJan;5a\n")
    elif change == "new input":
        (register_dir / "extra.csv").write_text("a;b\n1;2\n")
    elif change == "removed input":
        extra = register_dir / "extra.csv"
        extra.write_text("a;b\n1;2\n")
        save_result(run_pipeline(open_inputs(register_dir), parameters=parameters), out)
        extra.unlink()
    elif change == "part of a run":
        partial = run_pipeline(open_inputs(register_dir), parameters=parameters, vendors=())
        save_result(partial, out)
    elif change == "register":
        path = register_dir / "register.yaml"
        path.write_text(path.read_text() + "\n# edited\n")
    elif change in ("format", "software"):
        raw = json.loads((out / RESULT_FILE).read_text())
        if change == "format":
            raw["format"] = 0
        else:
            raw["software"]["packages"]["pandas"] = "0.0.1"  # run by another release
        (out / RESULT_FILE).write_text(json.dumps(raw))
    else:
        (out / RESULT_FILE).write_text('{"format": 1, "scans": ')
    assert read_result(out, register_dir, register_dir / "register.yaml", parameters) is None


def test_load_or_run_says_where_the_figures_come_from(
    computed: RunResult, register_dir: Path
) -> None:
    out = register_dir / "out"
    fresh, origin = load_or_run(register_dir, None, out, computed.parameters)
    assert origin == "computed"
    assert not out.exists()  # computing writes nothing
    assert _figures(fresh) == _figures(computed)
    save_result(computed, out)
    saved, origin = load_or_run(register_dir, None, out, computed.parameters)
    assert origin == "run"
    assert _figures(saved) == _figures(computed)


def test_validate_against_given_suites(computed: RunResult, register_dir: Path) -> None:
    suites = register_dir / "suites"
    suites.mkdir()
    suite = dict(computed.suites["leeslijn"])
    suite["expectations"] = [
        e
        for e in suite["expectations"]
        if e["type"] != "expect_table_columns_to_hold_only_allowed_entities"
    ]
    (suites / "leeslijn.json").write_text(json.dumps(suite))
    result = run_pipeline(open_inputs(register_dir, feeds_only=True), suites=suites)
    # The feed, and the board's export its rows are linked to.
    assert list(result.provenance) == ["feeds/leeslijn.csv", "leerlingen.csv"]
    assert result.suites["leeslijn"] == suite
    assert result.verdicts[0].evaluated == len(suite["expectations"])


def test_validate_reads_only_the_feeds_it_is_asked_for(
    register_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``dpia validate``/``exposure`` read the register's feeds wherever the register points
    (``../``), only those of ``--vendor``, and a missing suite is known before any scan."""
    registers = register_dir / "registers"
    registers.mkdir()
    raw = yaml.safe_load((register_dir / "register.yaml").read_text())
    other = {**raw["vendors"][0], "id": "kapot", "feed": "../feeds/kapot.csv"}
    raw["vendors"] = [{**raw["vendors"][0], "feed": "../feeds/leeslijn.csv"}, other]
    raw["sources"] = []
    (register_dir / "feeds" / "kapot.csv").write_text("a;b\n1\n")  # a ragged row
    register = registers / "register.yaml"
    register.write_text(yaml.safe_dump(raw))
    suites, out = register_dir / "suites", register_dir / "out"
    arguments = ["--register", str(register), "--suites", str(suites), "--out", str(out)]

    assert main(["validate", *arguments, "--vendor", "leeslijn"]) == 2
    assert capsys.readouterr().err.startswith(f"dpia: error: {suites / 'leeslijn.json'}: no such")

    assert main(["expectations", "build", "--register", str(register), "--out", str(suites)]) == 0
    capsys.readouterr()
    assert main(["validate", *arguments, "--vendor", "leeslijn", "--format", "json"]) == 0
    verdicts = json.loads(capsys.readouterr().out)["vendors"]
    assert [(v["vendor"], v["feed"], v["passed"]) for v in verdicts] == [
        ("leeslijn", "../feeds/leeslijn.csv", True)
    ]
    assert main(["validate", *arguments]) == 2  # every vendor: the ragged feed is read too
    assert "kapot.csv line 2" in capsys.readouterr().err
