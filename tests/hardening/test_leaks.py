"""The leak gate: every kind of raw personal data in every kind of output file is caught and
reported masked; what the workbench legitimately writes is not a leak."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from dpia.cli import main
from dpia.detect._masking import mask
from dpia.job._leaks import (
    EXIT_CLEAN,
    EXIT_LEAKS,
    Leak,
    LeakCheckError,
    check_outputs,
    find_leaks,
    format_leaks,
    gate,
)
from tests.conftest import REPO, SAMPLES
from tests.hardening.corpus import command_names, data_command_argv, write_data_folder


@dataclasses.dataclass(frozen=True)
class Kind:
    """A leak to plant: the cells of one table row, and what the gate must report."""

    name: str
    cells: tuple[str, ...]
    entity: str
    masked: str  # the reported value (for a name with a date: how it ends)


KINDS = (
    Kind("bsn", ("Groep 5a", "123456782"), "NL_BSN", "1234*****"),
    Kind("bsn_dotted", ("Groep 5a", "1234.56.782"), "NL_BSN", "1234.**.***"),
    Kind("onderwijsnummer", ("Groep 5a", "101222331"), "NL_ONDERWIJSNUMMER", "1012*****"),
    Kind(
        "email_example",
        ("Groep 5a", "kaylee.arts@leerling.obsderegenboog.example"),
        "EMAIL_ADDRESS",
        mask("kaylee.arts@leerling.obsderegenboog.example", "EMAIL_ADDRESS"),
    ),
    Kind("email_nl", ("Groep 5a", "j.jansen@mail.nl"), "EMAIL_ADDRESS", "j.******@m***.nl"),
    Kind("phone_mobile", ("Groep 5a", "06-12345678"), "PHONE_NUMBER", "06-12******"),
    Kind(
        "phone_international",
        ("Groep 5a", "+31 6 48833769"),
        "PHONE_NUMBER",
        mask("+31 6 48833769", "PHONE_NUMBER"),
    ),
    Kind("iban", ("Groep 5a", "NL91ABNA0417164300"), "IBAN_CODE", "NL91**************"),
    Kind(
        "iban_spaced",
        ("Groep 5a", "NL91 ABNA 0417 1643 00"),
        "IBAN_CODE",
        mask("NL91 ABNA 0417 1643 00", "IBAN_CODE"),
    ),
    Kind(
        "name_with_birth_date",
        ("Kaylee", "Arts", "Groep 8b", "13-04-2014"),
        "DATE_OF_BIRTH",
        "**-**-201*",
    ),
)


# --- writers: one table row in each kind of output file -------------------------------------


def _html(folder: Path, cells: Sequence[str]) -> Path:
    # pandas Styler-like markup: long attributes between the cells.
    row = "".join(
        f'<td id="T_5f2a1_row0_col{i}" class="data row0 col{i}" >{c}</td>'
        for i, c in enumerate(cells)
    )
    path = folder / "report.html"
    path.write_text(
        "<!DOCTYPE html>\n<html><head><style>td {color: #333}</style></head><body>\n"
        "<h1>DPIA-rapport</h1>\n<table>\n"
        f"<tr>{row}</tr>\n</table>\n</body></html>\n",
        encoding="utf-8",
    )
    return path


def _svg(folder: Path, cells: Sequence[str]) -> Path:
    texts = "".join(f'<text x="{10 + 80 * i}" y="20">{c}</text>' for i, c in enumerate(cells))
    path = folder / "chart.svg"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40">\n'
        f"<g>{texts}</g>\n</svg>\n",
        encoding="utf-8",
    )
    return path


def _markdown(folder: Path, cells: Sequence[str]) -> Path:
    header = "| " + " | ".join(f"kolom {i}" for i in range(len(cells))) + " |"
    rule = "|" + "---|" * len(cells)
    path = folder / "report.md"
    path.write_text(
        f"# DPIA-rapport\n\n{header}\n{rule}\n| " + " | ".join(cells) + " |\n", encoding="utf-8"
    )
    return path


def _csv(folder: Path, cells: Sequence[str]) -> Path:
    path = folder / "table.csv"
    header = ";".join(f"kolom{i}" for i in range(len(cells)))
    path.write_text(f"{header}\n" + ";".join(cells) + "\n", encoding="utf-8")
    return path


def _text(folder: Path, cells: Sequence[str]) -> Path:
    path = folder / "log.txt"
    path.write_text("dpia run 0.1.0\nvoorbeeld:\n  " + "  ".join(cells) + "\n", encoding="utf-8")
    return path


def _json(folder: Path, cells: Sequence[str]) -> Path:
    path = folder / "exposure.json"
    record = {f"kolom{i}": c for i, c in enumerate(cells)}
    path.write_text(json.dumps({"rows": [record], "count": 1}, indent=2), encoding="utf-8")
    return path


def _notebook(cell: dict[str, object]) -> str:
    return json.dumps(
        {
            "cells": [cell],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


def _ipynb_markdown(folder: Path, cells: Sequence[str]) -> Path:
    path = folder / "markdown.ipynb"
    source = ["# Bevindingen\n", "\n", "Voorbeeld: " + " ".join(cells) + "\n"]
    path.write_text(
        _notebook({"cell_type": "markdown", "id": "a1", "metadata": {}, "source": source}),
        encoding="utf-8",
    )
    return path


def _ipynb_stream(folder: Path, cells: Sequence[str]) -> Path:
    path = folder / "stream.ipynb"
    output = {"output_type": "stream", "name": "stdout", "text": ["rij 0\n", " ".join(cells)]}
    code = {
        "cell_type": "code",
        "id": "b2",
        "metadata": {},
        "execution_count": 1,
        "source": ["print(feed.head(1))"],
        "outputs": [output],
    }
    path.write_text(_notebook(code), encoding="utf-8")
    return path


def _ipynb_html(folder: Path, cells: Sequence[str]) -> Path:
    path = folder / "html.ipynb"
    row = "".join(f"<td>{c}</td>" for c in cells)
    output = {
        "output_type": "execute_result",
        "execution_count": 1,
        "metadata": {},
        "data": {
            "text/html": ["<table>\n", f"<tr>{row}</tr>\n", "</table>"],
            "text/plain": ["<DataFrame>"],
        },
    }
    code = {
        "cell_type": "code",
        "id": "c3",
        "metadata": {},
        "execution_count": 1,
        "source": ["feed.head(1)"],
        "outputs": [output],
    }
    path.write_text(_notebook(code), encoding="utf-8")
    return path


Writer = Callable[[Path, Sequence[str]], Path]
WRITERS: dict[str, Writer] = {
    "html": _html,
    "svg": _svg,
    "md": _markdown,
    "csv": _csv,
    "txt": _text,
    "json": _json,
    "ipynb-markdown": _ipynb_markdown,
    "ipynb-stream": _ipynb_stream,
    "ipynb-html": _ipynb_html,
}
# Where the planted row is: a line number in text files, a JSON pointer prefix in JSON.
LINES = {"html": 5, "svg": 3, "md": 5, "csv": 2, "txt": 3}
POINTERS = {
    "json": "/rows/0/",
    "ipynb-markdown": "/cells/0/source/2",
    "ipynb-stream": "/cells/0/outputs/0/text/1",
    "ipynb-html": "/cells/0/outputs/0/data/text~1html/1",
}


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
@pytest.mark.parametrize("file_type", list(WRITERS))
def test_planted_leak_is_caught_and_masked(kind: Kind, file_type: str, tmp_path: Path) -> None:
    path = WRITERS[file_type](tmp_path, kind.cells)
    leaks = check_outputs([path])
    found = [leak for leak in leaks if leak.entity == kind.entity]
    assert found, f"{kind.name} not caught in {file_type}: {leaks}"
    leak = found[0]
    assert (
        leak.value.endswith(kind.masked)
        if kind.entity == "DATE_OF_BIRTH"
        else leak.value == kind.masked
    )
    assert leak.path == path.as_posix()
    if file_type in LINES:
        assert (leak.line, leak.pointer) == (LINES[file_type], None)
        assert leak.column is not None
        assert leak.column >= 1
    else:
        assert leak.pointer is not None
        assert leak.pointer.startswith(POINTERS[file_type])
    report = format_leaks(leaks)
    assert kind.masked in report
    for cell in kind.cells:
        if cell != "Groep 8b" and cell != "Groep 5a":
            assert cell not in report, f"raw value {cell!r} in the gate's own output"


def test_column_points_at_the_value(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("eerste regel\nBSN: 123456782 en mail a.b@c.nl\n", encoding="utf-8")
    found = {(leak.entity, leak.line, leak.column) for leak in check_outputs([path])}
    assert found == {("NL_BSN", 2, 6), ("EMAIL_ADDRESS", 2, 24)}


def test_format_leaks() -> None:
    leak = Leak("out/report.html", 12, 5, None, "NL_BSN", "2069*****")
    assert format_leaks([leak]) == (
        "out/report.html line 12: NL_BSN 2069*****\n1 leak of raw personal data in 1 file(s)\n"
    )
    pointer = Leak("out/x.ipynb", None, None, "/cells/3/source/1", "EMAIL_ADDRESS", "j.***@m.nl")
    many = [leak, pointer, dataclasses.replace(leak, line=13)]
    assert format_leaks(many, limit=2).splitlines() == [
        "out/report.html line 12: NL_BSN 2069*****",
        "out/x.ipynb /cells/3/source/1: EMAIL_ADDRESS j.***@m.nl",
        "... and 1 more",
        "3 leaks of raw personal data in 2 file(s)",
    ]
    assert format_leaks([]) == ""


def test_leak_is_frozen_and_serialisable() -> None:
    leak = Leak("a.md", 1, 1, None, "NL_BSN", "1234*****")
    with pytest.raises(dataclasses.FrozenInstanceError):
        leak.value = "123456782"  # type: ignore[misc]
    assert json.loads(json.dumps(leak.to_dict()))["value"] == "1234*****"


# --- what is not a leak ----------------------------------------------------------------------

CLEAN_REPORT_TEXT = """\
# DPIA-rapport Stichting Voorbeeld Primair Onderwijs
Gegenereerd op 2025-11-29T09:03:00+01:00 (2025-11-29 09:03) door dpia 0.1.0, presidio-analyzer
2.2.358, great-expectations 1.4.2; Python 3.11.7.
Invoer: data_samples/feeds/toetsmonitor.csv, sha256
3be9549d62c7794a6dd75b31169699153869b4050cd8ab1b840d2b8b82493504, 439977 bytes, 1.980 rijen,
9 kolommen; 2.000 leerlingen, 12.345 cellen, 98,5 % geldig.
ECK iD: https://ketenid.nl/201703/3b******… (gepseudonimiseerd)
Bewijs: BSN 2069*****, 4207*****, 1012*****; e-mail j.******@m***.*******, k*****.a***@l*******.o*************.*******;
telefoon 06-12******, +31 6 4*******; IBAN NL91**************; geboortedatum **-**-201*, 201*-**-**;
naam K***** A***, K***** **-**-201*; postcode 12** **.
Uitgeverij Leeslijn: overeenkomst VWO-2024-017 van 01-07-2024, bewaartermijn tot 31-07-2026.
Rekencentrum Lage Landen B.V. verwerkt sinds 2024-08-15; BRIN 91XA, 92XB; groep 8b, jaargroep 8.
Risico: kans midden x impact hoog = hoog; k = 1, 17 van 2.000 records k < 5 (0,85 %).
Datum alleen: 13-04-2014, 3 maart 2015, March 3, 2015. Bestelnummer 332719719.
Run 7f3c2a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b, 0.123456782 s, 1234567890123.
"""


def test_typical_report_text_is_clean(tmp_path: Path) -> None:
    for name in ("report.md", "report.html", "report.txt"):
        (tmp_path / name).write_text(CLEAN_REPORT_TEXT, encoding="utf-8")
    (tmp_path / "report.json").write_text(
        json.dumps({"text": CLEAN_REPORT_TEXT, "bytes": 123456782, "rows": 1980}),
        encoding="utf-8",
    )
    assert check_outputs([tmp_path]) == []


def test_committed_suites_and_docs_are_clean() -> None:
    paths = [
        REPO / "expectations",
        REPO / "README.md",
        SAMPLES / "README.md",
        SAMPLES / "register.yaml",
    ]
    assert check_outputs([p for p in paths if p.exists()]) == []


def test_masked_evidence_of_every_kind_is_clean() -> None:
    for kind in KINDS:
        for cell in kind.cells:
            masked = mask(cell, kind.entity)
            assert find_leaks(masked) == [], (kind.name, masked)
            assert find_leaks(f"Kaylee {mask(cell, kind.entity)}") == [], (kind.name, masked)


def test_json_numbers_are_counts_not_identifiers(tmp_path: Path) -> None:
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps({"bytes": 123456782, "as_text": "123456782"}), encoding="utf-8")
    assert [(leak.pointer, leak.entity) for leak in check_outputs([path])] == [
        ("/as_text", "NL_BSN")
    ]


def test_json_keys_are_read(tmp_path: Path) -> None:
    path = tmp_path / "counts.json"
    path.write_text(json.dumps({"per_value": {"j.jansen@mail.nl": 3}}), encoding="utf-8")
    assert [(leak.pointer, leak.entity) for leak in check_outputs([path])] == [
        ("/per_value/j.jansen@mail.nl", "EMAIL_ADDRESS")
    ]


def test_base64_images_are_skipped_svg_text_is_read(tmp_path: Path) -> None:
    # Base64 with a valid BSN between non-word characters: text if scanned, but it is an image.
    payload = "iVBORw0KGgo/123456782+AAAA" * 20
    (tmp_path / "page.html").write_text(
        f'<p>ok</p><img src="data:image/png;base64,{payload}">', encoding="utf-8"
    )
    (tmp_path / "figure.svg").write_text(
        f'<svg><image xlink:href="data:image/png;base64,\n{payload}\n{payload}"/>'
        "<text>123456782</text></svg>",
        encoding="utf-8",
    )
    (tmp_path / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00tEXt 123456782 j.jansen@mail.nl")
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "source": [],
                "outputs": [{"output_type": "display_data", "data": {"image/png": payload}}],
                "attachments": {"a.png": {"image/png": payload}},
            }
        ]
    }
    (tmp_path / "nb.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    found = [(Path(leak.path).name, leak.entity) for leak in check_outputs([tmp_path])]
    assert found == [("figure.svg", "NL_BSN")]


def test_folders_recursively_hidden_files_too(tmp_path: Path) -> None:
    nested = tmp_path / "out" / "notebooks" / ".ipynb_checkpoints"
    nested.mkdir(parents=True)
    (nested / "x-checkpoint.md").write_text("BSN 123456782\n", encoding="utf-8")
    (tmp_path / "out" / "clean.md").write_text("niets\n", encoding="utf-8")
    leaks = check_outputs([tmp_path / "out"])
    assert [Path(leak.path).name for leak in leaks] == ["x-checkpoint.md"]
    relative = check_outputs([tmp_path / "out"], base=tmp_path / "out")
    assert [leak.path for leak in relative] == ["notebooks/.ipynb_checkpoints/x-checkpoint.md"]


def test_other_encodings_and_unknown_suffixes(tmp_path: Path) -> None:
    (tmp_path / "excel.csv").write_bytes("naam;bsn\nZoë;123456782\n".encode("cp1252"))
    (tmp_path / "NOTES").write_text("mail j.jansen@mail.nl\n", encoding="utf-8")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01123456782\x00")
    (tmp_path / "broken.json").write_text('{"bsn": "123456782", oops', encoding="utf-8")
    found = sorted((Path(leak.path).name, leak.entity) for leak in check_outputs([tmp_path]))
    assert found == [
        ("NOTES", "EMAIL_ADDRESS"),
        ("broken.json", "NL_BSN"),
        ("excel.csv", "NL_BSN"),
    ]


def test_dates_without_names_and_names_without_dates(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        "Kaylee Arts zit in groep 8b.\n\n" + "x" * 80 + "\n\nGeboortedatum: 13-04-2014\n",
        encoding="utf-8",
    )
    assert check_outputs([path]) == []
    path.write_text("Kaylee Arts, geboren 13-04-2014\n", encoding="utf-8")
    assert [leak.entity for leak in check_outputs([path])] == ["DATE_OF_BIRTH"]


# --- errors ----------------------------------------------------------------------------------


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LeakCheckError, match=r"nergens: no such file or folder$"):
        check_outputs([tmp_path / "nergens"])


def test_unreadable_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.html"
    path.write_text("ok", encoding="utf-8")
    if os.geteuid() == 0:
        # Root reads mode 000 files: make the read fail the way it would for anyone else.
        def denied(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", denied)
    else:
        path.chmod(0)
    with pytest.raises(LeakCheckError, match=r"report\.html: cannot read: Permission denied$"):
        check_outputs([tmp_path])


def test_pipes_never_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "out" / "pipe.html"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    assert check_outputs([tmp_path / "out"]) == []  # passed over inside a folder
    with pytest.raises(LeakCheckError, match="not a regular file"):
        check_outputs([fifo])


def test_gate_exit_codes(tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("niets\n", encoding="utf-8")
    leaky = tmp_path / "leaky.md"
    leaky.write_text("BSN 123456782\n", encoding="utf-8")
    stream = io.StringIO()
    assert gate([clean], stream) == EXIT_CLEAN
    assert stream.getvalue() == ""
    assert gate([clean, leaky], stream) == EXIT_LEAKS
    assert stream.getvalue() == f"{leaky} line 1: NL_BSN 1234*****\n" + (
        "1 leak of raw personal data in 1 file(s)\n"
    )
    with pytest.raises(LeakCheckError):
        gate([tmp_path / "missing"], stream)


# --- the workbench's own outputs -------------------------------------------------------------


@pytest.mark.slow
def test_outputs_of_a_leaky_feed_are_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``scan`` and ``run`` over a feed full of raw data write nothing the gate objects to."""
    data = tmp_path / "data"
    (data / "feeds").mkdir(parents=True)
    feed = data / "feeds" / "leeslijn.csv"
    rows = [
        "roepnaam;achternaam;bsn;geboortedatum;email;telefoon;iban;notitie",
        "Kaylee;Arts;123456782;13-04-2014;kaylee.arts@leerling.example;06-12345678;"
        "NL91ABNA0417164300;Kaylee Arts (geboren 13-04-2014) heeft astma en belt 06-12345678.",
        "Bas;Boogaerts;111222333;21-01-2017;bas.b@leerling.example;+31 6 48833769;"
        "NL20INGB0001234567;Bas, bsn 111222333, mail bas.b@leerling.example.",
    ]
    feed.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert len(check_outputs([feed])) >= 10  # the input itself is full of leaks
    write_data_folder(data, feed)
    out = tmp_path / "out"
    outputs = tmp_path / "scan"
    outputs.mkdir()
    for fmt, suffix in (("json", ".json"), ("csv", ".csv"), ("table", ".txt")):
        for lang in ("nl", "en"):
            assert (
                main(["scan", "--quiet", "--full", "--format", fmt, "--lang", lang, str(feed)]) == 0
            )
            (outputs / f"scan_{lang}{suffix}").write_text(capsys.readouterr().out, encoding="utf-8")
    # Notebooks run in test_offline (minutes); the report, JSON and Data Docs are written here.
    register = data / "register.yaml"
    assert main(data_command_argv("run", register, out, tmp_path / "suites")) == 0
    capsys.readouterr()
    assert check_outputs([outputs, out]) == []


@pytest.mark.slow
def test_speed_on_a_large_clean_report(tmp_path: Path) -> None:
    """About 5 MB of report HTML (masked tables, hashes, base64 images): well under the budget
    of ~10 s per 10 MB. Measured on the reference machine: ~10 MB/s for HTML, ~5 MB/s JSON."""
    find_leaks("Kaylee 13-04-2014")  # lookups loaded once per process, as in a run
    row = "".join(
        f'<td class="data row{i} col{j}">{v}</td>'
        for i in range(1)
        for j, v in enumerate(
            [
                "K*****",
                "A***",
                "4207*****",
                "**-**-201*",
                "k*****.a***@l*******.*******",
                "06-12******",
            ]
        )
    )
    image = '<img src="data:image/png;base64,' + "iVBORw0KGgoAAAANSUhEUgAA" * 2000 + '">'
    chunk = (
        "<table>" + f"<tr>{row}</tr>" * 200 + "</table>"
        "<p>Gegenereerd op 2025-11-29 09:03, sha256 "
        "3be9549d62c7794a6dd75b31169699153869b4050cd8ab1b840d2b8b82493504, 1.980 rijen</p>" + image
    )
    path = tmp_path / "report.html"
    path.write_text(chunk * (5_000_000 // len(chunk) + 1), encoding="utf-8")
    start = time.perf_counter()
    assert check_outputs([path]) == []
    assert time.perf_counter() - start < 10


# --- dpia check-outputs ----------------------------------------------------------------------


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int | str | None, str, str]:
    try:
        code: int | str | None = main(argv)
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.skipif(
    "check-outputs" not in command_names(),
    reason="no `dpia check-outputs` in this version",
)
class TestCheckOutputsCommand:
    def test_clean_is_0(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        (tmp_path / "report.md").write_text("BSN 2069*****\n", encoding="utf-8")
        assert _cli(["check-outputs", str(tmp_path)], capsys)[0] == 0

    def test_leak_is_1_and_masked(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        (tmp_path / "report.md").write_text("BSN 123456782, j.jansen@mail.nl\n", encoding="utf-8")
        code, out, err = _cli(["check-outputs", str(tmp_path)], capsys)
        assert code == 1
        assert "1234*****" in out
        assert "123456782" not in out + err
        assert "j.jansen@mail.nl" not in out + err

    def test_missing_is_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = _cli(["check-outputs", str(tmp_path / "weg")], capsys)
        assert code == 2
        assert err == f"dpia: error: {tmp_path / 'weg'}: no such file or folder\n"

    def test_unreadable_is_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        fifo = tmp_path / "pipe.html"
        os.mkfifo(fifo)
        code, _, err = _cli(["check-outputs", str(fifo)], capsys)
        assert code == 2
        assert err == f"dpia: error: {fifo}: not a regular file or folder\n"
