"""Byte-deterministic rendering of tables (CSV, xlsx, Parquet) and atomic file writes.

Same table in, same bytes out: no timestamps, fixed zip entry dates and order, fixed Parquet
metadata. The xlsx is written directly as SpreadsheetML (shared strings, every cell text-formatted):
openpyxl needs about 25 s per million cells without lxml, too slow for the 100,000-pupil run.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pyarrow as pa
import pyarrow.parquet as pq

from dpia.samples.tables import CsvFormat, ParquetFormat, Table, XlsxFormat

ZIP_DATE = (2024, 1, 1, 0, 0, 0)
FIXED_TIMESTAMP = "2024-01-01T00:00:00Z"


def render(table: Table) -> bytes:
    match table.fmt:
        case CsvFormat():
            return csv_bytes(table, table.fmt)
        case XlsxFormat():
            return xlsx_bytes(table, table.fmt)
        case ParquetFormat():
            return parquet_bytes(table, table.fmt)


def csv_bytes(table: Table, fmt: CsvFormat) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=fmt.delimiter, lineterminator=fmt.lineterminator)
    writer.writerow(c.name for c in table.columns)
    writer.writerows(zip(*(c.values for c in table.columns), strict=True))
    # Strict encoding: a character Windows-1252 cannot hold is a generator bug, not a "?".
    return buffer.getvalue().encode(fmt.encoding)


def parquet_bytes(table: Table, fmt: ParquetFormat) -> bytes:
    arrays: dict[str, pa.Array] = {}
    for c in table.columns:
        if c.arrow_type == "string":
            arrays[c.name] = pa.array(c.values, type=pa.string())
        elif c.arrow_type == "int64":
            arrays[c.name] = pa.array([int(v) for v in c.values], type=pa.int64())
        else:
            arrays[c.name] = pa.array([float(v) for v in c.values], type=pa.float64())
    sink = pa.BufferOutputStream()
    # Built from pyarrow arrays, not pandas: no index column and no pandas metadata.
    pq.write_table(pa.table(arrays), sink, compression=fmt.compression)
    return bytes(sink.getvalue().to_pybytes())


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CT = "application/vnd.openxmlformats-officedocument"

_CONTENT_TYPES = (
    _XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.spreadsheetml.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.spreadsheetml.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.spreadsheetml.sharedStrings+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    _XML_DECL + f'<Relationships xmlns="{_PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL_NS}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    _XML_DECL + f'<Relationships xmlns="{_PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL_NS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Style 1 is the built-in "@" (text) number format: cells are text, as Excel's "store as text".
_STYLES = (
    _XML_DECL + f'<styleSheet xmlns="{_MAIN_NS}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_CORE = (
    _XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:creator>dpia.samples</dc:creator>"
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_TIMESTAMP}</dcterms:created>'
    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_TIMESTAMP}</dcterms:modified>'
    "</cp:coreProperties>"
)
_APP = (
    _XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>dpia.samples</Application></Properties>'
)


def _column_letters(count: int) -> list[str]:
    letters: list[str] = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


def xlsx_bytes(table: Table, fmt: XlsxFormat) -> bytes:
    strings: dict[str, int] = {}
    letters = _column_letters(len(table.columns))
    rows = [[c.name for c in table.columns], *zip(*(c.values for c in table.columns), strict=True)]
    parts: list[str] = [
        _XML_DECL,
        f'<worksheet xmlns="{_MAIN_NS}">',
        # The used range, as Excel writes it: read-only readers size their rows from it.
        f'<dimension ref="A1:{letters[-1]}{len(rows)}"/><sheetData>',
    ]
    total = 0
    for r, row in enumerate(rows, start=1):
        parts.append(f'<row r="{r}">')
        for letter, value in zip(letters, row, strict=True):
            if value == "":
                continue  # Excel writes no cell for an empty one
            index = strings.setdefault(value, len(strings))
            total += 1
            parts.append(f'<c r="{letter}{r}" s="1" t="s"><v>{index}</v></c>')
        parts.append("</row>")
    parts.append("</sheetData></worksheet>")
    shared = [_XML_DECL, f'<sst xmlns="{_MAIN_NS}" count="{total}" uniqueCount="{len(strings)}">']
    shared += [f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings]
    shared.append("</sst>")
    workbook = (
        _XML_DECL + f'<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><sheets>'
        f'<sheet name="{escape(fmt.sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    return zip_bytes(
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _ROOT_RELS,
            "docProps/app.xml": _APP,
            "docProps/core.xml": _CORE,
            "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
            "xl/sharedStrings.xml": "".join(shared),
            "xl/styles.xml": _STYLES,
            "xl/workbook.xml": workbook,
            "xl/worksheets/sheet1.xml": "".join(parts),
        }
    )


def zip_bytes(members: dict[str, str]) -> bytes:
    """A zip with sorted entries and fixed dates and attributes: the same members, the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # otherwise it depends on the platform that wrote it
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name].encode("utf-8"), compresslevel=6)
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; these are shareable sample files
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
