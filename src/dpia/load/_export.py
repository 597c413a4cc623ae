"""Load a pupil or vendor export (CSV/TXT, XLSX, Parquet) as text cells, with its provenance.

Every cell is read as text: leading zeros (postcodes, numbers) matter and types are never guessed.
Bad input raises ``ExportError`` naming the file, the line where there is one, and a machine-
readable ``Reason``; no partial frame is ever returned.

A partitioned Parquet directory is one export. Spark and pyarrow write a table as a directory
(``leerlingen.parquet/``) of part files, possibly under hive-style ``key=value/`` folders. A
directory whose name ends in ``.parquet`` or ``.pq`` is one export:

- its *parts* are the regular files under it whose path has no component starting with ``.`` or
  ``_`` (``_SUCCESS``, ``.crc`` files and ``_metadata`` are skipped, as Spark and pyarrow skip
  them), read in the order of their relative POSIX paths; every folder between the directory and
  a part must be a ``key=value`` partition, and every part has the same keys in the same order;
- its columns are the parts' own columns (the same names and types in every part), then one text
  column per partition key in folder order (outermost first), as pyarrow and Spark place them.
  A partition value is the folder's text, URL-decoded; ``__HIVE_DEFAULT_PARTITION__`` (a null) is
  ``""``. Unlike ``pyarrow.dataset`` and ``pandas.read_parquet``, no type is inferred: ``groep=01``
  reads as ``"01"``, never ``1`` (and pandas cannot read a null partition at all);
- its provenance has ``format="parquet"``, ``bytes`` the sum of the parts' sizes and ``sha256`` the
  sha256 of the lines ``RELATIVE_PATH NUL PART_SHA256 LF``, one per part in that order, UTF-8:
  any change to a part, a part's name or the set of parts changes it.

The pandas loader (``load_export``, ``open_stream``) and the Spark reader (``read_spark``) both
read it through ``parquet_parts``, ``dataset_header`` and ``part_texts``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote

import pandas as pd

from dpia.errors import DpiaError

CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
SUPPORTED_SUFFIXES = CSV_SUFFIXES | XLSX_SUFFIXES | PARQUET_SUFFIXES

DELIMITERS = (";", ",", "\t", "|")
# Code pages charset-normalizer may pick from when a file is not UTF-8: what Dutch school
# systems and Excel actually write.
LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "latin_1")
_SNIFF_LINES = 50
# Excel's own limits: no pupil export has wider rows; a larger one is refused before any work.
MAX_COLUMNS = 16_384
# Python's csv limit on one field (131,072 characters), kept as ours: 4x Excel's cell limit.
MAX_FIELD = csv.field_size_limit()
# A real xlsx compresses about 5-20x; far beyond that is a zip bomb, not a pupil export.
_MAX_XLSX_RATIO = 200
_MAX_XLSX_UNPACKED = 2 * 1024**3

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class Reason(StrEnum):
    """Why an export could not be loaded (machine-readable; the message is for people)."""

    MISSING = "missing"
    NOT_A_FILE = "not_a_file"
    PERMISSION = "permission"
    UNSUPPORTED_EXTENSION = "unsupported_extension"
    EMPTY = "empty"
    HEADER_ONLY = "header_only"
    BLANK_HEADER = "blank_header"
    DUPLICATE_HEADER = "duplicate_header"
    RAGGED_ROW = "ragged_row"
    UNCLOSED_QUOTE = "unclosed_quote"
    UNDECODABLE = "undecodable"
    MIXED_ENCODING = "mixed_encoding"
    BINARY = "binary"
    CORRUPT = "corrupt"
    SHEET_NOT_FOUND = "sheet_not_found"
    NESTED_TYPE = "nested_type"
    TOO_LARGE = "too_large"
    # Only with --engine spark: Spark cannot read this file exactly as the loader does.
    ENGINE_DIFFERS = "engine_differs"


class ExportError(DpiaError):
    """An export that cannot be loaded; ``str()`` gives ``FILE[ line N]: message``; ``reason`` is
    one of ``Reason``."""

    reason = "unreadable_export"

    def __init__(self, path: Path | str, reason: Reason, message: str, line: int | None = None):
        self.path = str(path)
        self.message = message
        self.line = line
        super().__init__(str(self), reason=reason)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path} line {self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Provenance:
    """Where a frame came from, so an auditor can tie every figure to its input."""

    path: str
    sha256: str
    bytes: int
    rows: int
    columns: int
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    engine: str = "pandas"
    """What read and computes on it: ``pandas`` (this process) or ``spark`` (``--engine``)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, eq=False)
class Export:
    """A loaded export: every cell is a string, empty cells are ``""``."""

    frame: pd.DataFrame = field(repr=False)
    provenance: Provenance


def load_export(path: Path | str, sheet: str | None = None) -> Export:
    """Load ``path`` as text cells; raise ``ExportError`` for anything that is not a clean table."""
    path = Path(path)
    if is_parquet_dir(path):
        return _load_dataset(path)
    data = _read_bytes(path)
    suffix = check_suffix(path)
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ExportError(path, Reason.EMPTY, "file is empty")
    digest = hashlib.sha256(data).hexdigest()
    if suffix in CSV_SUFFIXES:
        header, rows, encoding, delimiter = _parse_text(path, data)
        fmt, sheet_name = "csv", None
    elif suffix in XLSX_SUFFIXES:
        header, rows, sheet_name = _parse_xlsx(path, data, sheet)
        fmt, encoding, delimiter = "xlsx", None, None
    else:
        header, rows = _parse_parquet(path, data)
        fmt, encoding, delimiter, sheet_name = "parquet", None, None, None
    check_header(path, header)
    if not rows:
        raise ExportError(path, Reason.HEADER_ONLY, "header only, no data rows", line=1)
    frame = pd.DataFrame(rows, columns=header, dtype=str)
    provenance = Provenance(
        path=path.as_posix(),
        sha256=digest,
        bytes=len(data),
        rows=len(rows),
        columns=len(header),
        format=fmt,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet_name,
    )
    return Export(frame=frame, provenance=provenance)


def _read_bytes(path: Path) -> bytes:
    check_file(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise file_error(path, exc) from None


def check_file(path: Path) -> None:
    """Refuse a path that is missing, unreadable or not a regular file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ExportError(path, Reason.MISSING, "no such file") from None
    except OSError as exc:  # a symlink loop, a name too long, ...
        raise file_error(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(path, Reason.NOT_A_FILE, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(path, Reason.NOT_A_FILE, "not a regular file")


def file_error(path: Path, exc: OSError) -> ExportError:
    """The loader's error for a file the operating system would not let us read."""
    if isinstance(exc, PermissionError):
        return ExportError(path, Reason.PERMISSION, "permission denied")
    return ExportError(path, Reason.NOT_A_FILE, f"cannot read: {exc.strerror}")


def check_suffix(path: Path) -> str:
    """The file's suffix, lowercased, when it is a type we read."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ExportError(
            path,
            Reason.UNSUPPORTED_EXTENSION,
            f"unsupported file type {suffix or '(none)'!r}; "
            f"use one of {', '.join(sorted(SUPPORTED_SUFFIXES))}"
            + (" (save old .xls files as .xlsx)" if suffix == ".xls" else ""),
        )
    return suffix


def check_header(path: Path, header: list[str]) -> None:
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if not name.strip():
            raise ExportError(
                path, Reason.BLANK_HEADER, f"column {number} has a blank header", line=1
            )
        key = name.strip()
        if key in seen:
            raise ExportError(
                path,
                Reason.DUPLICATE_HEADER,
                f"duplicate header {key!r} (columns {seen[key]} and {number})",
                line=1,
            )
        seen[key] = number


# --- CSV / TXT -------------------------------------------------------------------------------


def _parse_text(path: Path, data: bytes) -> tuple[list[str], list[list[str]], str, str]:
    check_text_start(path, data)
    text, encoding = _decode(path, data)
    if "\x00" in text:
        raise ExportError(
            path,
            Reason.BINARY,
            "NUL byte in text",
            line=text.count("\n", 0, text.index("\x00")) + 1,
        )
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = text_header(path, reader)
    return header, list(text_rows(path, reader, len(header))), encoding, delimiter


def check_text_start(path: Path, head: bytes) -> None:
    """Refuse a binary file by its first bytes."""
    if head.startswith((b"PK\x03\x04", b"PAR1", b"\xd0\xcf\x11\xe0")):
        raise ExportError(
            path, Reason.BINARY, "binary file (a spreadsheet or Parquet file?), not delimited text"
        )
    if b"\x00" in head[:8192] and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ExportError(path, Reason.BINARY, "binary file (NUL bytes), not delimited text")


def text_header(path: Path, reader: Any) -> list[str]:
    """The header row of a ``csv.reader``: no wider than Excel's, names stripped."""
    try:
        header: list[str] = next(reader)
    except StopIteration:
        raise ExportError(path, Reason.EMPTY, "file is empty") from None
    except csv.Error as exc:
        raise _csv_error(path, exc, 1) from None
    if len(header) > MAX_COLUMNS:
        raise ExportError(
            path, Reason.TOO_LARGE, f"{len(header):,} columns, more than {MAX_COLUMNS:,}", line=1
        )
    return [name.strip() for name in header]


def text_rows(path: Path, reader: Any, width: int) -> Iterator[list[str]]:
    """The data rows of a ``csv.reader`` after its header, blank lines skipped, widths checked."""
    start = reader.line_num + 1
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                start = reader.line_num + 1
                continue  # blank lines carry no data
            if len(row) != width:
                raise ExportError(
                    path,
                    Reason.RAGGED_ROW,
                    f"{len(row)} fields, expected {width} as in the header",
                    line=start,
                )
            yield row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _csv_error(path, exc, start) from None


def _csv_error(path: Path, exc: csv.Error, line: int) -> ExportError:
    text = str(exc)
    if "field limit" in text:
        return ExportError(
            path, Reason.TOO_LARGE, f"a field longer than {MAX_FIELD:,} characters", line=line
        )
    if "EOF" in text or "end" in text:
        return ExportError(path, Reason.UNCLOSED_QUOTE, "unclosed quote", line=line)
    return ExportError(path, Reason.CORRUPT, f"malformed row: {text}", line=line)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode strictly: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected legacy code page."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _undecodable(path, data, exc.start, "utf-16") from None
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        bad = exc.start
    if encoding == "utf-8-sig" or _UTF8_MULTIBYTE.search(data):
        raise mixed_encoding(path, data[bad], data.count(b"\n", 0, bad) + 1)
    for candidate, vouched in legacy_candidates(data):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if vouched or not CONTROL.search(text):
            return text, codecs.lookup(candidate).name
    raise _undecodable(path, data, bad, LEGACY_TRIED)


LEGACY_TRIED = "UTF-8 or Windows-1252"


def has_utf8_multibyte(data: bytes) -> bool:
    return _UTF8_MULTIBYTE.search(data) is not None


def mixed_encoding(path: Path, byte: int, line: int) -> ExportError:
    # UTF-8 characters elsewhere in the file: bytes that are not UTF-8 mean two encodings were
    # mixed, and decoding it all as a code page would silently garble names.
    return ExportError(
        path,
        Reason.MIXED_ENCODING,
        f"mixed encodings: UTF-8 text with a non-UTF-8 byte 0x{byte:02x}",
        line=line,
    )


def legacy_candidates(sample: bytes) -> list[tuple[str, bool]]:
    """Code pages to try in order, each with whether the detector vouched for it.

    The detector rejects byte soup (control characters, undefined code points) that a single-byte
    code page would otherwise "decode" without complaint. It has too little to go on in a short
    file; Windows-1252 then stands, but only when every byte is a printable character in it.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(LEGACY_ENCODINGS)).best()
    return ([(best.encoding, True)] if best is not None else []) + [("cp1252", best is not None)]


def _undecodable(path: Path, data: bytes, position: int, tried: str) -> ExportError:
    return undecodable(path, data[position], data.count(b"\n", 0, position) + 1, tried)


def undecodable(path: Path, byte: int, line: int, tried: str) -> ExportError:
    return ExportError(
        path, Reason.UNDECODABLE, f"byte 0x{byte:02x} cannot be decoded as {tried}", line=line
    )


def sniff_delimiter(text: str) -> str:
    """The candidate that splits the first lines into the most equal, widest rows."""
    lines = text.splitlines()[:_SNIFF_LINES]
    sample = "\n".join(lines[:-1] if len(lines) > 2 else lines)
    best, best_score = DELIMITERS[0], (-1.0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = [
                len(row)
                for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                if row
            ]
        except csv.Error:
            continue  # an oversized field: the parse that follows reports it with its line
        if not counts or counts[0] < 2:
            continue
        consistency = counts.count(counts[0]) / len(counts)
        score = (consistency, counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


# --- XLSX ------------------------------------------------------------------------------------


# What a damaged zip or sheet XML raises inside openpyxl, zipfile and zlib.
_XLSX_DAMAGE = (
    KeyError, IndexError, ValueError, EOFError, OSError, NotImplementedError, zlib.error,
    zipfile.BadZipFile,
)  # fmt: skip


def _parse_xlsx(
    path: Path, data: bytes, sheet: str | None
) -> tuple[list[str], list[list[str]], str]:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExportError(
            path, Reason.CORRUPT, "encrypted (password-protected) or old-format workbook"
        )
    with open_sheet(path, io.BytesIO(data), len(data), sheet) as (sheet_name, cells):
        header = xlsx_header(path, cells, sheet_name)
        return header, list(xlsx_rows(path, cells, len(header))), sheet_name


@contextmanager
def open_sheet(
    path: Path, source: IO[bytes], size: int, sheet: str | None
) -> Iterator[tuple[str, Iterator[list[str]]]]:
    """A workbook's sheet as rows of cell texts, read as they are needed; closed afterwards."""
    try:
        archive = zipfile.ZipFile(source)
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise ExportError(path, Reason.CORRUPT, "not a valid xlsx workbook (corrupt zip)") from None
    if unpacked > _MAX_XLSX_UNPACKED or unpacked > _MAX_XLSX_RATIO * max(size, 1):
        raise ExportError(
            path,
            Reason.TOO_LARGE,
            f"workbook unpacks to {unpacked:,} bytes from {size:,}: refused as a zip bomb",
        )
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    source.seek(0)
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (*_XLSX_DAMAGE, InvalidFileException) as exc:
        raise ExportError(
            path, Reason.CORRUPT, f"not a valid xlsx workbook ({type(exc).__name__})"
        ) from None
    try:
        if not book.sheetnames:
            raise ExportError(path, Reason.CORRUPT, "workbook has no sheets")
        if sheet is None:
            sheet_name = book.sheetnames[0]
        elif sheet in book.sheetnames:
            sheet_name = sheet
        else:
            raise ExportError(
                path,
                Reason.SHEET_NOT_FOUND,
                f"no sheet {sheet!r}; sheets: {', '.join(book.sheetnames)}",
            )
        yield sheet_name, _sheet_cells(path, book[sheet_name])
    finally:
        book.close()


def _sheet_cells(path: Path, worksheet: Any) -> Iterator[list[str]]:
    try:
        for row in worksheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in row]
    except _XLSX_DAMAGE as exc:  # parts are read lazily: damage may surface only now
        raise ExportError(
            path, Reason.CORRUPT, f"damaged xlsx workbook ({type(exc).__name__})"
        ) from None


def xlsx_header(path: Path, cells: Iterator[list[str]], sheet_name: str) -> list[str]:
    """The first row of a sheet, without trailing empty cells; a sheet with no values is empty."""
    header = next(cells, [])
    while header and not header[-1]:
        header = header[:-1]
    if not header and not any(any(row) for row in cells):
        raise ExportError(path, Reason.EMPTY, f"sheet {sheet_name!r} is empty")
    return [name.strip() for name in header]


def xlsx_rows(path: Path, cells: Iterator[list[str]], width: int) -> Iterator[list[str]]:
    """The data rows after the header, empty rows skipped, padded to the header's width."""
    for number, row in enumerate(cells, start=2):
        if not any(row):
            continue
        if any(row[width:]):
            raise ExportError(
                path,
                Reason.RAGGED_ROW,
                f"row has values beyond the {width} header columns",
                line=number,
            )
        yield (row + [""] * width)[:width]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# --- Parquet ---------------------------------------------------------------------------------


def _parse_parquet(path: Path, data: bytes) -> tuple[list[str], list[list[str]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise parquet_error(path, exc) from None
    check_parquet_schema(path, table.schema)
    columns = [parquet_texts(column) for column in table.columns]
    rows = [list(row) for row in zip(*columns, strict=True)] if columns else []
    return [str(name) for name in table.column_names], rows


def parquet_error(path: Path, exc: Exception) -> ExportError:
    # pyarrow names its input source (a buffer, a path): the file is named already.
    detail = re.sub(r"^Could not open Parquet input source '[^']*': ", "", str(exc))
    return ExportError(path, Reason.CORRUPT, f"not a valid Parquet file ({detail})")


def check_parquet_schema(path: Path, schema: Any) -> None:
    """Refuse nested and binary columns: a pupil export is a flat table of text."""
    import pyarrow as pa

    for field_ in schema:
        kind = field_.type
        if pa.types.is_nested(kind) or (
            pa.types.is_dictionary(kind) and pa.types.is_nested(kind.value_type)
        ):
            raise ExportError(
                path,
                Reason.NESTED_TYPE,
                f"column {field_.name!r} has nested type {kind}; flatten it",
            )
        if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            raise ExportError(path, Reason.BINARY, f"column {field_.name!r} holds binary data")


def parquet_texts(column: Any) -> list[str]:
    """A Parquet column's cells as text, as the spreadsheet would show them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_floating(column.type):
        return [_cell_text(v) for v in column.to_pylist()]
    texts: list[str] = pc.fill_null(pc.cast(column, pa.string()), "").to_pylist()
    return texts


# --- Partitioned Parquet directories -------------------------------------------------------------

HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


@dataclass(frozen=True)
class Part:
    """One file of a partitioned Parquet directory and the partition values its folders give."""

    path: Path
    relative: str
    partitions: tuple[tuple[str, str], ...] = ()


def is_parquet_dir(path: Path) -> bool:
    """Whether ``path`` is a directory named as a Parquet export (one export, not its parts)."""
    return path.suffix.lower() in PARQUET_SUFFIXES and path.is_dir()


def parquet_parts(folder: Path) -> list[Part]:
    """The parts of a Parquet directory in reading order; refuses a directory that is no table."""
    parts = []
    for file in folder.rglob("*"):
        relative = file.relative_to(folder)
        if any(name.startswith((".", "_")) for name in relative.parts) or not file.is_file():
            continue
        partitions = []
        for segment in relative.parts[:-1]:
            key, equals, value = segment.partition("=")
            if not equals or not key:
                raise ExportError(
                    folder,
                    Reason.CORRUPT,
                    f"folder {relative.parent.as_posix()!r} is not a key=value partition",
                )
            partitions.append((unquote(key), "" if value == HIVE_NULL else unquote(value)))
        parts.append(Part(file, relative.as_posix(), tuple(partitions)))
    if not parts:
        raise ExportError(folder, Reason.EMPTY, "directory holds no Parquet parts")
    parts.sort(key=lambda part: part.relative)
    keys = {tuple(key for key, _ in part.partitions) for part in parts}
    if len(keys) > 1:
        raise ExportError(folder, Reason.CORRUPT, "parts are partitioned by different keys")
    return parts


def dataset_digest(parts: list[Part]) -> tuple[str, int]:
    """The directory's sha256 (over each part's relative path and sha256) and its total bytes."""
    digest = hashlib.sha256()
    size = 0
    for part in parts:
        digest.update(f"{part.relative}\0{bytes_sha256(part.path)}\n".encode())
        size += part.path.stat().st_size
    return digest.hexdigest(), size


def bytes_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dataset_header(folder: Path, parts: list[Part]) -> list[str]:
    """The columns of the directory: the parts' columns (all alike), then the partition keys."""
    schema = part_schema(parts[0])
    for part in parts[1:]:
        other = part_schema(part)
        if not other.equals(schema):
            raise ExportError(
                folder,
                Reason.CORRUPT,
                f"part {part.relative!r} has other columns or types than {parts[0].relative!r}",
            )
    return [str(name) for name in schema.names] + [key for key, _ in parts[0].partitions]


def part_schema(part: Part) -> Any:
    """A part's Arrow schema (its footer), refused as the loader refuses a Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(part.path)
    except (pa.ArrowException, OSError) as exc:
        raise parquet_error(part.path, exc) from None
    check_parquet_schema(part.path, schema)
    return schema


def part_texts(table: Any, partitions: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    """A table or record batch read from a part as text columns, its partition values added."""
    texts = {
        str(name): parquet_texts(column)
        for name, column in zip(table.column_names, table.columns, strict=True)
    }
    for key, value in partitions:
        texts[key] = [value] * table.num_rows
    return texts


def _load_dataset(folder: Path) -> Export:
    """The pandas loader's read of a Parquet directory: one export of all its parts."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = parquet_parts(folder)
    header = dataset_header(folder, parts)
    check_header(folder, header)
    rows: list[list[str]] = []
    for part in parts:
        try:
            table = pq.read_table(part.path)
        except (pa.ArrowException, OSError) as exc:
            raise parquet_error(part.path, exc) from None
        rows.extend(
            list(row) for row in zip(*part_texts(table, part.partitions).values(), strict=True)
        )
    if not rows:
        raise ExportError(folder, Reason.HEADER_ONLY, "header only, no data rows", line=1)
    digest, size = dataset_digest(parts)
    provenance = Provenance(
        path=folder.as_posix(),
        sha256=digest,
        bytes=size,
        rows=len(rows),
        columns=len(header),
        format="parquet",
    )
    return Export(frame=pd.DataFrame(rows, columns=header, dtype=str), provenance=provenance)
