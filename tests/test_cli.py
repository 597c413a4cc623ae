"""The ``dpia`` command: help, version, load, run, and errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dpia import __version__
from dpia.cli import main
from tests.conftest import SAMPLES


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"dpia {__version__}\n"


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("load", "run"):
        assert command in out


def test_load_table_has_pinned_columns(
    register_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = register_dir / "leerlingen.csv"
    assert main(["load", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "path",
        "format",
        "encoding",
        "delimiter",
        "sheet",
        "rows",
        "columns",
        "bytes",
    ]
    assert lines[2].split() == [
        str(path),
        "csv",
        "utf-8",
        ";",
        "-",
        "2",
        "4",  # ECK iD, Achternaam, Groep, BRIN
        str(path.stat().st_size),
    ]


def test_load_json(register_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = register_dir / "feeds" / "leeslijn.csv"
    assert main(["load", "--format", "json", str(path)]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert [(f["rows"], f["columns"], f["delimiter"]) for f in files] == [(2, 3, ";")]


def test_bad_input_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "ragged.csv"
    bad.write_text("a;b\n1;2\n3\n")
    assert main(["load", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"dpia: error: {bad} line 3: 1 fields, expected 2 as in the header\n"
    assert captured.out == ""


def test_run_writes_the_job(register_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["run", "--data", str(register_dir), "--out", str(out), "--no-notebooks", "--quiet"]
    assert main(args) == 0
    scanned = json.loads((out / "scan.json").read_text())
    assert [f["path"] for f in scanned["files"]] == ["feeds/leeslijn.csv", "leerlingen.csv"]
    verdict = json.loads((out / "validation" / "leeslijn.json").read_text())
    assert verdict["passed"] is True
    assert "Uitgeverij Leeslijn" in (out / "report.md").read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_failed_run_writes_nothing(register_dir: Path, tmp_path: Path) -> None:
    (register_dir / "feeds" / "broken.csv").write_text("a;b\n1\n")
    out = tmp_path / "out"
    assert main(["run", "--data", str(register_dir), "--out", str(out), "--quiet"]) == 2
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_run_pdf_without_chromium_is_one_line(
    register_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = tmp_path / "no-chromium"
    monkeypatch.setenv("DPIA_CHROMIUM", str(missing))
    out = tmp_path / "out"
    assert main(["run", "--data", str(register_dir), "--out", str(out), "--pdf", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"dpia: error: {missing}: no Chromium there; install Debian's chromium")
    assert err.count("\n") == 1
    assert not out.exists()


def test_run_pdf_without_playwright_is_one_line(
    register_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DPIA_CHROMIUM", "/bin/true")  # an executable, so Playwright is next
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # import fails
    out = tmp_path / "out"
    assert main(["run", "--data", str(register_dir), "--out", str(out), "--pdf", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dpia: error: Playwright is not installed: pip install playwright==")
    assert err.count("\n") == 1
    assert not out.exists()


def test_check_outputs_refuses_an_unreadable_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "report.pdf"
    damaged.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nnot a PDF after all\n")
    assert main(["check-outputs", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"dpia: error: {damaged}: cannot read: not a readable PDF\n"


def test_module_entry_point_has_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dpia", "load", str(tmp_path / "missing.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"dpia: error: {tmp_path / 'missing.csv'}: no such file\n"
    assert "Traceback" not in result.stderr


def test_module_entry_point_flushes_everything_before_its_hard_exit() -> None:
    """``dpia`` ends with ``os._exit``: the whole output must be out by then, and the code kept."""
    feeds = sorted(str(p) for p in (SAMPLES / "feeds").iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "dpia", "load", "--format", "json", *feeds],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["files"]) == len(feeds)


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["load"])
    assert caught.value.code == 2
    assert "dpia: error:" in capsys.readouterr().err


def test_scan_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    feed = SAMPLES / "feeds" / "toetsmonitor.csv"
    assert main(["scan", "--format", "json", "--quiet", str(feed)]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert [f["path"] for f in files] == [str(feed)]
    columns = {c["name"]: c for c in files[0]["columns"]}
    assert columns["bsn"]["entity"] == "NL_BSN"
    assert columns["bsn"]["category"] == "nationaal_identificatienummer"
    assert columns["bestelnummer"]["personal"] is False
    for column in columns.values():
        assert column["evidence"]["values"] == sorted(column["evidence"]["values"])


def test_scan_table_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "feed.csv"
    feed.write_text("Godsdienst;opmerking\nIslamitisch;=HYPERLINK(1)\nRooms-katholiek;-\n")
    assert main(["scan", "--quiet", str(feed)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["bestand", "kolom", "entiteit"]
    assert "!! RELIGION" in table[2]
    assert main(["scan", "--quiet", "--lang", "en", str(feed)]) == 0
    assert capsys.readouterr().out.split()[:3] == ["file", "column", "entity"]
    assert main(["scan", "--quiet", "--format", "csv", str(feed)]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["path", "column", "entity"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_scan_bad_input_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["scan", "--quiet", str(empty)]) == 2
    assert capsys.readouterr().err.startswith(f"dpia: error: {empty}: no exports")
    with pytest.raises(SystemExit) as caught:
        main(["scan", "--sample", "0", str(empty)])
    assert caught.value.code == 2
