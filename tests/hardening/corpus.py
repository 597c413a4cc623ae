"""Broken and hostile inputs, generated on the fly (never committed as binaries).

Each ``Case`` writes its file(s) into a folder and returns the path to pass on the command line,
with what must happen: the ``Reason`` the loader gives, or ``"ok"`` where the file must load.
``bugs`` names the checks a known defect still breaks (see the hardening report); the tests mark
exactly those ``xfail(strict=True)``, so a fix shows up as an unexpected pass.
"""

from __future__ import annotations

import codecs
import io
import os
import random
import re
import struct
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from dpia.load._export import Reason

Expected = Reason | Literal["ok"]
# What a bug can break: the library call, or one CLI command (``load``, ``scan``, ``run``, ...).
Check = Literal["load_export", "load", "scan", "run", "validate", "exposure"]

_ALL_CHECKS: tuple[Check, ...] = ("load_export", "load", "scan", "run", "validate", "exposure")
FORMULAS = ['=HYPERLINK("http://x","klik")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]
HUGE_FIELD_BYTES = 10 * 1024 * 1024
WIDE_COLUMNS = 100_000
MANY_ROWS = 200_000


@dataclass(frozen=True)
class Case:
    """One hostile input: ``build(folder)`` writes it and returns the path to pass on."""

    name: str
    build: Callable[[Path], Path]
    expected: Expected
    bugs: Mapping[Check, str] = field(default_factory=dict)
    # Permission bits must be enforced (as root: run without CAP_DAC_OVERRIDE in a subprocess).
    unprivileged: bool = False
    # Also run ``python -m dpia`` in a subprocess (with a timeout): files that could hang a reader.
    subprocess: bool = False
    # For "ok" cases: what the loaded frame must hold.
    verify: Callable[[pd.DataFrame], None] | None = None


# --- builders ----------------------------------------------------------------------------------


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def _workbook(rows: list[list[object]]) -> bytes:
    """An xlsx holding ``rows``, byte for byte the same on every run (fixed zip and document
    timestamps), so that damaged variants are damaged in the same place every time."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return _rezip(buffer.getvalue())


def _rezip(data: bytes, change: Callable[[str, bytes], bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-01-01T00:00:00Z", body)
            if change is not None:
                body = change(info.filename, body)
            entry = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            target.writestr(entry, body, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _entry_offsets(data: bytes, name: str) -> tuple[int, int]:
    """Where ``name``'s local header and its compressed data start in the zip ``data``."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    return info.header_offset, info.header_offset + 30 + name_length + extra_length


_SHEET = "xl/worksheets/sheet1.xml"
WORKBOOK = _workbook([["roepnaam", "groep"], ["Jan", "5a"], ["Piet", "5b"]])


def _damaged_deflate() -> bytes:
    data = bytearray(WORKBOOK)
    _, start = _entry_offsets(WORKBOOK, _SHEET)
    data[start] = 0x07  # deflate block header BFINAL=1, BTYPE=11: a reserved block type
    return bytes(data)


def _unknown_compression() -> bytes:
    data = bytearray(WORKBOOK)
    header, _ = _entry_offsets(WORKBOOK, _SHEET)
    struct.pack_into("<H", data, header + 8, 99)  # local header: compression method 99
    central = WORKBOOK.find(b"PK\x01\x02")
    while central != -1:
        length = struct.unpack_from("<H", WORKBOOK, central + 28)[0]
        if WORKBOOK[central + 46 : central + 46 + length] == _SHEET.encode():
            struct.pack_into("<H", data, central + 10, 99)  # and in the central directory
        central = WORKBOOK.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def _without_sheets() -> bytes:
    def drop(name: str, body: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return body
        return re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", body, flags=re.DOTALL)

    return _rezip(WORKBOOK, drop)


def _parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _truncated_xlsx(folder: Path) -> Path:
    return _bytes("half.xlsx", WORKBOOK[: len(WORKBOOK) // 2])(folder)


def _formula_xlsx(folder: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["naam", "link"])
    for number, text in enumerate(FORMULAS, start=2):
        sheet.cell(row=number, column=1, value=f"leerling {number}")
        cell = sheet.cell(row=number, column=2, value=text)
        # openpyxl stores a string starting with "=" as a formula; a text cell is what an
        # export holds (and what the loader must hand back unevaluated).
        cell.data_type = "s"
        # A real formula without a cached value: the loader reads cached values only, so it
        # must come back empty, never computed.
        sheet.cell(row=number, column=3, value=f"=1+{number}")
    sheet.cell(row=1, column=3, value="som")
    path = folder / "formules.xlsx"
    book.save(path)
    return path


def _zip_bomb(folder: Path) -> Path:
    """A valid workbook whose sheet XML is padded with 40 MB of spaces (ratio far over 200)."""
    source = zipfile.ZipFile(io.BytesIO(_workbook([["a", "b"], ["1", "2"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (40 * 1024 * 1024))
            bomb.writestr(info.filename, data)
    path = folder / "bom.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def _csv_lines(*lines: str) -> bytes:
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _huge_field(folder: Path) -> Path:
    path = folder / "groot_veld.csv"
    with path.open("wb") as stream:
        stream.write(b"naam;notitie\nJan;")
        stream.write(b"x" * HUGE_FIELD_BYTES)
        stream.write(b"\nPiet;kort\n")
    return path


def _huge_field_late(folder: Path) -> Path:
    path = folder / "groot_veld_laat.csv"
    with path.open("wb") as stream:
        stream.write(b"naam;notitie\n")
        stream.write(b"".join(b"leerling%d;kort\n" % i for i in range(100)))
        stream.write(b'Jan;"' + b"x" * HUGE_FIELD_BYTES + b'"\n')
    return path


def _wide(folder: Path) -> Path:
    path = folder / "breed.csv"
    header = ";".join(f"kolom{i}" for i in range(WIDE_COLUMNS))
    row = ";".join("v" for _ in range(WIDE_COLUMNS))
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return path


def _many_rows(folder: Path) -> Path:
    path = folder / "lang.csv"
    path.write_text("leerlingnummer\n" + "".join(f"{i:06d}\n" for i in range(MANY_ROWS)))
    return path


def _symlink_to_file(folder: Path) -> Path:
    target = folder / "doel.csv"
    target.write_text("roepnaam;groep\nJan;5a\n", encoding="utf-8")
    link = folder / "koppeling.csv"
    link.symlink_to(target.name)
    return link


def _dangling(folder: Path) -> Path:
    link = folder / "weg.csv"
    link.symlink_to("bestaat-niet.csv")
    return link


def _loop(folder: Path) -> Path:
    link = folder / "lus.csv"
    link.symlink_to(link.name)
    return link


def _directory(folder: Path) -> Path:
    path = folder / "map.csv"
    path.mkdir()
    return path


def _unreadable(folder: Path) -> Path:
    path = folder / "geheim.csv"
    path.write_text("roepnaam;groep\nJan;5a\n", encoding="utf-8")
    path.chmod(0)
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pijp.csv"
    os.mkfifo(path)
    return path


def _char_device(folder: Path) -> Path:
    # A symlink to /dev/zero: an endless character device under a CSV name (mknod needs root).
    path = folder / "nullen.csv"
    path.symlink_to("/dev/zero")
    return path


def _missing(folder: Path) -> Path:
    return folder / "nergens.csv"


def _non_ascii_name(folder: Path) -> Path:
    path = folder / "leerlingen Zoë çà 年.csv"
    path.write_text("roepnaam;groep\nZoë;5a\nJan;5b\n", encoding="utf-8")
    return path


# --- verifications of "ok" cases --------------------------------------------------------------


def _formulas_verbatim(frame: pd.DataFrame) -> None:
    assert frame["link"].tolist() == FORMULAS
    if "som" in frame.columns:
        assert frame["som"].tolist() == [""] * len(FORMULAS)


def _one_row(frame: pd.DataFrame) -> None:
    assert frame.values.tolist() == [["Jan", "5a"]]


def _two_rows(frame: pd.DataFrame) -> None:
    assert frame.values.tolist() == [["Jan", "5a"], ["Piet", "5b"]]


def _many(frame: pd.DataFrame) -> None:
    assert frame.shape == (MANY_ROWS, 1)
    assert frame.iloc[0, 0] == "000000"


def _non_ascii(frame: pd.DataFrame) -> None:
    assert frame["roepnaam"].tolist() == ["Zoë", "Jan"]


_formula_csv = (
    "naam;link\n"
    + "".join(f'leerling {i};"{f.replace(chr(34), chr(34) * 2)}"\n' for i, f in enumerate(FORMULAS))
).encode("utf-8")

_nested_list = pa.table({"naam": ["Jan", "Piet"], "cijfers": [[7, 8], [6]]})
_nested_struct = pa.table(
    {
        "naam": ["Jan", "Piet"],
        "adres": [{"straat": "Dorpsstraat", "nr": 1}, {"straat": "Kade", "nr": 2}],
    }
)
_binary = pa.table(
    {"naam": ["Jan", "Piet"], "foto": pa.array([b"\x89PNG", b"\x00\x01"], pa.binary())}
)
_NOISE = random.Random(20250101)
_png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"

CASES: tuple[Case, ...] = (
    Case(
        "truncated_csv_mid_quote",
        _bytes("afgekapt.csv", b'naam;notitie\nJan;"Leest gr'),
        Reason.UNCLOSED_QUOTE,
    ),
    Case("truncated_xlsx", _truncated_xlsx, Reason.CORRUPT),
    Case(
        "mixed_encodings",
        _bytes("gemengd.csv", "naam;plaats\nZoë;Ede\n".encode() + "Chloé;Epe\n".encode("cp1252")),
        Reason.MIXED_ENCODING,
    ),
    Case("nul_bytes", _bytes("nul.csv", b"naam;groep\nJan\x00;5a\n"), Reason.BINARY),
    Case(
        "ragged_rows",
        _bytes("rafelig.csv", _csv_lines("a;b;c", "1;2;3", "4;5", "6;7;8")),
        Reason.RAGGED_ROW,
    ),
    Case(
        "unclosed_quote",
        _bytes("quote.csv", _csv_lines("a;b", '"1;2', "3;4")),
        Reason.UNCLOSED_QUOTE,
    ),
    Case(
        "huge_field_10mb",
        _huge_field,
        Reason.TOO_LARGE,
    ),
    Case(
        "huge_field_10mb_after_sniffed_lines",
        _huge_field_late,
        Reason.TOO_LARGE,
    ),
    Case(
        "columns_100k",
        _wide,
        Reason.TOO_LARGE,
        subprocess=True,
    ),
    Case("header_only", _bytes("kop.csv", _csv_lines("naam;groep")), Reason.HEADER_ONLY),
    Case(
        "duplicate_headers",
        _bytes("dubbel.csv", _csv_lines("naam;naam", "Jan;Jansen")),
        Reason.DUPLICATE_HEADER,
    ),
    Case(
        "blank_header",
        _bytes("leeg_kop.csv", _csv_lines("naam;;groep", "Jan;x;5a")),
        Reason.BLANK_HEADER,
    ),
    Case("formulas_csv", _bytes("formules.csv", _formula_csv), "ok", verify=_formulas_verbatim),
    Case("formulas_xlsx", _formula_xlsx, "ok", verify=_formulas_verbatim),
    Case("xlsx_zip_bomb", _zip_bomb, Reason.TOO_LARGE, subprocess=True),
    Case(
        "encrypted_xlsx",
        _bytes("wachtwoord.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _NOISE.randbytes(4096)),
        Reason.CORRUPT,
    ),
    Case(
        "old_xls",
        _bytes("oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)),
        Reason.UNSUPPORTED_EXTENSION,
    ),
    Case(
        "parquet_nested_list", _bytes("lijst.parquet", _parquet(_nested_list)), Reason.NESTED_TYPE
    ),
    Case(
        "parquet_nested_struct",
        _bytes("struct.parquet", _parquet(_nested_struct)),
        Reason.NESTED_TYPE,
    ),
    Case("parquet_binary_column", _bytes("binair.parquet", _parquet(_binary)), Reason.BINARY),
    Case(
        "parquet_corrupt",
        _bytes("kapot.parquet", b"PAR1" + _NOISE.randbytes(512) + b"PAR1"),
        Reason.CORRUPT,
    ),
    Case("symlink_to_file", _symlink_to_file, "ok", verify=_one_row),
    Case("dangling_symlink", _dangling, Reason.MISSING),
    Case(
        "symlink_loop",
        _loop,
        Reason.NOT_A_FILE,
    ),
    Case("directory_as_file", _directory, Reason.NOT_A_FILE),
    Case("unreadable_file", _unreadable, Reason.PERMISSION, unprivileged=True),
    Case("fifo", _fifo, Reason.NOT_A_FILE, subprocess=True),
    Case("char_device", _char_device, Reason.NOT_A_FILE, subprocess=True),
    Case("empty_file", _bytes("leeg.csv", b""), Reason.EMPTY),
    Case("bom_only", _bytes("bom.csv", codecs.BOM_UTF8), Reason.EMPTY),
    Case(
        "utf16_without_bom",
        _bytes("utf16.csv", "naam;groep\nJan;5a\n".encode("utf-16-le")),
        Reason.BINARY,
    ),
    Case(
        "utf16_with_bom",
        _bytes("utf16_bom.csv", "roepnaam;groep\nJan;5a\nPiet;5b\n".encode("utf-16")),
        "ok",
        verify=_two_rows,
    ),
    Case("non_ascii_name_with_spaces", _non_ascii_name, "ok", verify=_non_ascii),
    Case("png_named_csv", _bytes("plaatje.csv", _png), Reason.BINARY),
    Case(
        "xlsx_named_csv", _bytes("werkboek.csv", _workbook([["a", "b"], ["1", "2"]])), Reason.BINARY
    ),
    Case("text_named_xlsx", _bytes("tekst.xlsx", _csv_lines("a;b", "1;2")), Reason.CORRUPT),
    Case("delimiter_only_line", _bytes("scheiding.csv", _csv_lines(";")), Reason.BLANK_HEADER),
    Case(
        "crlf_line_endings",
        _bytes("crlf.csv", b"roepnaam;groep\r\nJan;5a\r\nPiet;5b\r\n"),
        "ok",
        verify=_two_rows,
    ),
    # Old Mac line endings: csv and str.splitlines both end a line at a lone CR, so load them.
    Case(
        "cr_only_line_endings",
        _bytes("cr.csv", b"roepnaam;groep\rJan;5a\rPiet;5b\r"),
        "ok",
        verify=_two_rows,
    ),
    Case("rows_200k_one_column", _many_rows, "ok", verify=_many),
    Case("missing_file", _missing, Reason.MISSING),
    Case(
        "unsupported_extension",
        _bytes("rapport.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        Reason.UNSUPPORTED_EXTENSION,
    ),
    Case(
        "xlsx_damaged_deflate_stream",
        _bytes("beschadigd.xlsx", _damaged_deflate()),
        Reason.CORRUPT,
    ),
    Case(
        "xlsx_unknown_compression_method",
        _bytes("methode.xlsx", _unknown_compression()),
        Reason.CORRUPT,
    ),
    Case(
        "xlsx_without_sheets",
        _bytes("zonder_bladen.xlsx", _without_sheets()),
        Reason.CORRUPT,
    ),
    Case("xlsx_empty_sheet", _bytes("leeg.xlsx", _workbook([])), Reason.EMPTY),
    Case(
        "xlsx_values_beyond_header",
        _bytes("breder.xlsx", _workbook([["a", "b"], ["1", "2", "extra"]])),
        Reason.RAGGED_ROW,
    ),
    Case(
        "xlsx_header_only", _bytes("kop.xlsx", _workbook([["naam", "groep"]])), Reason.HEADER_ONLY
    ),
)

CASES_BY_NAME: Mapping[str, Case] = {case.name: case for case in CASES}
assert len(CASES_BY_NAME) == len(CASES), "case names must be unique"


# --- running the command ---------------------------------------------------------------------

ERROR_LINE = r"^dpia: error: (?P<file>.+?)(?: line \d+)?: .+$"


@dataclass(frozen=True)
class Outcome:
    """What one ``dpia`` invocation did; ``crash`` holds an uncaught exception's traceback."""

    code: int | str | None
    out: str
    err: str
    crash: str | None = None


def command_names() -> set[str]:
    """The commands ``dpia`` has in this version."""
    import argparse

    from dpia import cli

    return {
        name
        for action in cli._parser()._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


def _subcommands() -> dict[str, set[str]]:
    """Each ``dpia`` command with its options, read from the parser so that commands added
    later are covered without editing these tests."""
    import argparse

    from dpia import cli

    found: dict[str, set[str]] = {}
    for action in cli._parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                required = [a for a in sub._actions if a.required or not a.option_strings]
                if not required:  # positional FILEs or nested commands: not a data command
                    found[name] = {o for a in sub._actions for o in a.option_strings}
    return found


def data_commands() -> tuple[str, ...]:
    """Commands that read a data folder or register and write ``--out`` (``run``, ``validate``,
    ``exposure``, ...), as far as the CLI has them."""
    return tuple(
        sorted(
            name
            for name, options in _subcommands().items()
            if "--out" in options and ({"--data", "--register"} & options)
        )
    )


def data_command_argv(command: str, register: Path, out: Path, suites: Path) -> list[str]:
    """``dpia COMMAND ...`` over ``register``'s folder into ``out``, quietly, notebooks skipped
    (they run in kernels of their own and take minutes; ``test_offline`` runs them once)."""
    options = _subcommands()[command]
    argv = [command]
    if "--data" in options:
        argv += ["--data", str(register.parent)]
    if "--register" in options and "--data" not in options:
        argv += ["--register", str(register)]
    if "--suites" in options:
        argv += ["--suites", str(suites)]
    argv += ["--out", str(out)]
    argv += [flag for flag in ("--no-notebooks", "--quiet") if flag in options]
    return argv


def write_data_folder(data: Path, feed: Path | None = None) -> Path:
    """``register.yaml`` in ``data`` with one vendor whose feed is ``feed`` (default: a clean one)."""
    import yaml

    from tests.conftest import MINIMAL_REGISTER

    data.mkdir(parents=True, exist_ok=True)
    if feed is None:
        (data / "feeds").mkdir(exist_ok=True)
        feed = data / "feeds" / "leeslijn.csv"
        feed.write_text("roepnaam;groep\nJan;5a\nPiet;5b\n", encoding="utf-8")
    vendor = {**MINIMAL_REGISTER["vendors"][0], "feed": feed.relative_to(data).as_posix()}
    register = {**MINIMAL_REGISTER, "sources": [], "vendors": [vendor]}
    path = data / "register.yaml"
    path.write_text(yaml.safe_dump(register, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def tree(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every entry under ``folder`` (not following links): kind, size and mtime, to see changes."""
    found: dict[str, tuple[str, int, int]] = {}
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(root, name)
            info = path.lstat()
            kind = "dir" if path.is_dir() and not path.is_symlink() else "other"
            # A folder's own mtime moves when anything inside it is touched: compare its entries.
            size, mtime = (0, 0) if kind == "dir" else (info.st_size, info.st_mtime_ns)
            found[str(path.relative_to(folder))] = (kind, size, mtime)
    return found
