"""The loader: every format, every encoding, and every bad input with its reason and line."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from dpia.load._export import ExportError, Reason, load_export

HEADER = ["Leerlingnummer", "Achternaam", "Postcode", "Notitie"]
ROWS = [
    ["00123", "Jansen", "1234 AB", "Leest graag"],
    ["00456", "Zoë de Vries", "0123 CD", 'Zegt "hoi";\nnieuwe regel'],
    ["00789", "", "", ""],
]


def _csv(rows: list[list[str]], delimiter: str = ";") -> str:
    def field(value: str) -> str:
        if any(c in value for c in (delimiter, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(field(v) for v in row) + "\r\n" for row in rows)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _xlsx(tmp_path: Path, name: str, rows: list[list[object]], sheet: str = "Leerlingen") -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.create_sheet("Tweede")
    path = tmp_path / name
    book.save(path)
    return path


def _reason(path: Path, **kwargs: str) -> ExportError:
    with pytest.raises(ExportError) as caught:
        load_export(path, **kwargs)
    return caught.value


# --- good input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "encoding", "expected_encoding"),
    [
        (";", "cp1252", "cp1252"),
        (",", "utf-8-sig", "utf-8-sig"),
        ("\t", "utf-8", "utf-8"),
        ("|", "utf-8", "utf-8"),
        (";", "utf-16", "utf-16"),
    ],
)
def test_csv_delimiters_and_encodings(
    tmp_path: Path, delimiter: str, encoding: str, expected_encoding: str
) -> None:
    data = _csv([HEADER, *ROWS], delimiter).encode(encoding)
    path = _write(tmp_path, "export.csv", data)
    export = load_export(path)
    assert export.frame.columns.tolist() == HEADER
    assert export.frame.values.tolist() == ROWS
    prov = export.provenance
    assert (prov.encoding, prov.delimiter, prov.format) == (expected_encoding, delimiter, "csv")
    assert (prov.rows, prov.columns, prov.bytes) == (3, 4, len(data))
    assert prov.sha256 == hashlib.sha256(data).hexdigest()


def test_cells_stay_text_with_leading_zeros_and_no_nan(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.csv", _csv([["a", "b"], ["007", ""], ["NaN", "1.50"]]).encode())
    frame = load_export(path).frame
    assert frame["a"].tolist() == ["007", "NaN"]
    assert frame["b"].tolist() == ["", "1.50"]
    assert not frame.isna().any().any()


def test_windows_1252_names_decode(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "x.txt", _csv([["naam"], ["Zoë"], ["Anaïs"], ["Chloë"]]).encode("cp1252")
    )
    assert load_export(path).frame["naam"].tolist() == ["Zoë", "Anaïs", "Chloë"]


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.csv", b"a;b\r\n1;2\r\n\r\n3;4\r\n\r\n")
    assert load_export(path).frame.values.tolist() == [["1", "2"], ["3", "4"]]


def test_single_column_csv(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.csv", b"naam\nJan\nPiet\n")
    export = load_export(path)
    assert export.frame["naam"].tolist() == ["Jan", "Piet"]


def test_xlsx_first_and_named_sheet(tmp_path: Path) -> None:
    path = _xlsx(tmp_path, "esis.xlsx", [HEADER, *ROWS])
    export = load_export(path)
    assert export.frame.values.tolist() == ROWS
    assert (export.provenance.format, export.provenance.sheet) == ("xlsx", "Leerlingen")
    assert _reason(path, sheet="Tweede").reason is Reason.EMPTY


def test_xlsx_typed_cells_become_text(tmp_path: Path) -> None:
    import datetime as dt

    path = _xlsx(
        tmp_path, "t.xlsx", [["n", "f", "d", "b"], [12, 1.5, dt.datetime(2015, 3, 4), True]]
    )
    assert load_export(path).frame.values.tolist() == [["12", "1.5", "2015-03-04", "TRUE"]]


def test_parquet(tmp_path: Path) -> None:
    table = pa.table(
        {
            "eck_id": ["https://ketenid.nl/201703/ab", None],
            "score": pa.array([7, None], type=pa.int64()),
            "cijfer": [7.0, 6.5],
        }
    )
    path = tmp_path / "f.parquet"
    pq.write_table(table, path)
    export = load_export(path)
    assert export.frame.values.tolist() == [
        ["https://ketenid.nl/201703/ab", "7", "7"],
        ["", "", "6.5"],
    ]
    assert export.provenance.format == "parquet"


# --- bad input ------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    error = _reason(tmp_path / "nope.csv")
    assert error.reason is Reason.MISSING
    assert str(error) == f"{tmp_path / 'nope.csv'}: no such file"


@pytest.mark.parametrize(
    ("name", "data", "reason", "line"),
    [
        ("empty.csv", b"", Reason.EMPTY, None),
        ("bom-only.csv", b"\xef\xbb\xbf\r\n", Reason.EMPTY, None),
        ("header.csv", b"a;b;c\r\n", Reason.HEADER_ONLY, 1),
        ("ragged.csv", b"a;b;c\r\n1;2;3\r\n4;5\r\n", Reason.RAGGED_ROW, 3),
        ("ragged-after-multiline.csv", b'a;b\r\n"x\ny";2\r\n1;2;3\r\n', Reason.RAGGED_ROW, 4),
        ("dup.csv", b"a;b;a\r\n1;2;3\r\n", Reason.DUPLICATE_HEADER, 1),
        ("blank.csv", b"a;;c\r\n1;2;3\r\n", Reason.BLANK_HEADER, 1),
        ("quote.csv", b'a;b\r\n1;"open\r\n2;3\r\n', Reason.UNCLOSED_QUOTE, 2),
        ("undecodable.csv", b"a;b\r\n1;2\r\n\x81\x8d;3\r\n", Reason.UNDECODABLE, 3),
        (
            "mixed.csv",
            "a;b\r\nZoë;1\r\n".encode() + "Zoë;2\r\n".encode("cp1252"),
            Reason.MIXED_ENCODING,
            3,
        ),
        ("nul.csv", b"a;b\r\n1;\x002\r\n", Reason.BINARY, None),
        ("zip.csv", b"PK\x03\x04" + b"\x00" * 40, Reason.BINARY, None),
        ("binary.csv", bytes(range(256)) * 4, Reason.BINARY, None),
        ("notes.docx", b"a;b\n1;2\n", Reason.UNSUPPORTED_EXTENSION, None),
        ("old.xls", b"a;b\n1;2\n", Reason.UNSUPPORTED_EXTENSION, None),
        ("corrupt.xlsx", b"PK\x03\x04 this is not a workbook", Reason.CORRUPT, None),
        ("text.xlsx", b"a;b\n1;2\n", Reason.CORRUPT, None),
        (
            "encrypted.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            Reason.CORRUPT,
            None,
        ),
        ("corrupt.parquet", b"PAR1 not really PAR1", Reason.CORRUPT, None),
    ],
)
def test_bad_input(
    tmp_path: Path, name: str, data: bytes, reason: Reason, line: int | None
) -> None:
    path = _write(tmp_path, name, data)
    error = _reason(path)
    assert error.reason is reason, str(error)
    assert error.line == line
    assert str(error).startswith(str(path) + (f" line {line}: " if line else ": "))


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    assert _reason(folder).reason is Reason.NOT_A_FILE


def test_dangling_symlink_is_missing(tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "gone.csv")
    assert _reason(link).reason is Reason.MISSING


def test_xlsx_bad_shapes(tmp_path: Path) -> None:
    assert _reason(_xlsx(tmp_path, "h.xlsx", [["a", "b"]])).reason is Reason.HEADER_ONLY
    assert (
        _reason(_xlsx(tmp_path, "d.xlsx", [["a", "a"], [1, 2]])).reason is Reason.DUPLICATE_HEADER
    )
    ragged = _reason(_xlsx(tmp_path, "r.xlsx", [["a", "b"], [1, 2], [1, 2, 3]]))
    assert (ragged.reason, ragged.line) == (Reason.RAGGED_ROW, 3)
    missing = _reason(_xlsx(tmp_path, "s.xlsx", [["a"], [1]]), sheet="Blad9")
    assert missing.reason is Reason.SHEET_NOT_FOUND
    assert "Leerlingen" in str(missing)


def test_xlsx_zip_bomb_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * 50_000_000 + b">")
    path = _write(tmp_path, "bomb.xlsx", buffer.getvalue())
    assert _reason(path).reason is Reason.TOO_LARGE


def test_parquet_nested_type(tmp_path: Path) -> None:
    path = tmp_path / "n.parquet"
    pq.write_table(pa.table({"id": ["1"], "tags": [["a", "b"]]}), path)
    error = _reason(path)
    assert error.reason is Reason.NESTED_TYPE
    assert "'tags'" in str(error)


def test_frame_is_never_partial(tmp_path: Path) -> None:
    """A ragged row at the end rejects the whole file: no frame of the good rows leaks out."""
    body = "a;b\r\n" + "1;2\r\n" * 1000 + "3\r\n"
    path = _write(tmp_path, "late.csv", body.encode())
    error = _reason(path)
    assert (error.reason, error.line) == (Reason.RAGGED_ROW, 1002)


def test_frame_matches_pandas_reading_as_text(tmp_path: Path) -> None:
    """An independent reader (pandas, all columns str) sees the same cells."""
    path = _write(tmp_path, "x.csv", _csv([HEADER, *ROWS]).encode("utf-8"))
    expected = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(load_export(path).frame, expected, check_dtype=False)
