"""Read an export in chunks of rows, for feeds larger than memory (``dpia scan --chunksize``).

``open_stream`` reads the file's bytes once, in blocks, for its digest and (for delimited text)
to settle its encoding by the loader's rules; then reads the header. ``ExportStream.chunks``
parses the file again and yields frames of at most ``chunksize`` rows. Every check of
``load_export`` applies, row by row, with the same reasons and line numbers; a bad row raises
when it is reached, so a caller writes nothing before the last chunk (the scan writes nothing
at all). Memory holds one chunk, never the file.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dpia.load._export import (
    CONTROL,
    CSV_SUFFIXES,
    LEGACY_TRIED,
    XLSX_SUFFIXES,
    ExportError,
    Part,
    Provenance,
    Reason,
    check_file,
    check_header,
    check_parquet_schema,
    check_suffix,
    check_text_start,
    dataset_digest,
    dataset_header,
    file_error,
    has_utf8_multibyte,
    is_parquet_dir,
    legacy_candidates,
    mixed_encoding,
    open_sheet,
    parquet_error,
    parquet_parts,
    part_texts,
    sniff_delimiter,
    text_header,
    text_rows,
    undecodable,
    xlsx_header,
    xlsx_rows,
)

DEFAULT_CHUNKSIZE = 100_000
_BLOCK = 4 * 1024**2
_SNIFF_CHARS = 64 * 1024  # the delimiter sniffer reads the first 50 lines
_DETECT_BYTES = (
    1024**2
)  # what the code-page detector sees on either side of the first non-UTF-8 byte


@dataclass(frozen=True)
class ExportStream:
    """An export opened for reading in chunks; ``provenance`` is complete once all are read."""

    path: Path
    header: tuple[str, ...]
    format: str
    sha256: str
    bytes: int
    chunksize: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None

    def chunks(self) -> Iterator[pd.DataFrame]:
        """Frames of text cells, at most ``chunksize`` rows each; raises on the first bad row."""
        rows = 0
        frames = self._parquet_frames() if self.format == "parquet" else self._row_frames()
        for frame in frames:
            rows += len(frame)
            yield frame
        if rows == 0:
            raise ExportError(self.path, Reason.HEADER_ONLY, "header only, no data rows", line=1)

    def provenance(self, rows: int) -> Provenance:
        """What ``load_export`` records, given the rows that ``chunks`` yielded."""
        return Provenance(
            path=self.path.as_posix(),
            sha256=self.sha256,
            bytes=self.bytes,
            rows=rows,
            columns=len(self.header),
            format=self.format,
            encoding=self.encoding,
            delimiter=self.delimiter,
            sheet=self.sheet,
        )

    def _row_frames(self) -> Iterator[pd.DataFrame]:
        batch: list[list[str]] = []
        for row in self._rows_of_file():
            batch.append(row)
            if len(batch) == self.chunksize:
                yield pd.DataFrame(batch, columns=list(self.header), dtype=str)
                batch = []
        if batch:
            yield pd.DataFrame(batch, columns=list(self.header), dtype=str)

    def _rows_of_file(self) -> Iterator[list[str]]:
        width = len(self.header)
        with _open_binary(self.path) as handle:
            if self.format == "xlsx":
                with open_sheet(self.path, handle, self.bytes, self.sheet) as (_, cells):
                    next(cells, None)
                    yield from xlsx_rows(self.path, cells, width)
                return
            assert self.encoding is not None
            assert self.delimiter is not None
            with closing(_text_lines(self.path, handle, self.encoding)) as lines:
                reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
                next(reader)
                yield from text_rows(self.path, reader, width)

    def _parquet_frames(self) -> Iterator[pd.DataFrame]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        parts = parquet_parts(self.path) if self.path.is_dir() else [Part(self.path, "")]
        for part in parts:
            try:
                for batch in pq.ParquetFile(part.path).iter_batches(batch_size=self.chunksize):
                    yield pd.DataFrame(part_texts(batch, part.partitions), dtype=str)
            except (pa.ArrowException, OSError) as exc:
                raise parquet_error(part.path, exc) from None


def open_stream(
    path: Path | str, chunksize: int = DEFAULT_CHUNKSIZE, sheet: str | None = None
) -> ExportStream:
    """Open ``path`` for chunked reading; raises ``ExportError`` as ``load_export`` would."""
    path = Path(path)
    if is_parquet_dir(path):
        parts = parquet_parts(path)
        header = dataset_header(path, parts)
        check_header(path, header)
        digest, size = dataset_digest(parts)
        return ExportStream(
            path=path,
            header=tuple(header),
            format="parquet",
            sha256=digest,
            bytes=size,
            chunksize=chunksize,
        )
    check_file(path)
    suffix = check_suffix(path)
    text = suffix in CSV_SUFFIXES
    facts = _read_facts(path, text=text)
    if not facts.nonblank:
        raise ExportError(path, Reason.EMPTY, "file is empty")
    common: dict[str, Any] = {
        "path": path,
        "sha256": facts.sha256,
        "bytes": facts.size,
        "chunksize": chunksize,
    }
    if text:
        check_text_start(path, facts.head)
        encoding = _settle_encoding(path, facts)
        with _open_binary(path) as handle:
            head = handle.read(_SNIFF_CHARS * 4).decode(encoding, errors="ignore")[:_SNIFF_CHARS]
            handle.seek(0)
            delimiter = sniff_delimiter(head)
            with closing(_text_lines(path, handle, encoding)) as lines:
                header = text_header(path, csv.reader(lines, delimiter=delimiter, strict=True))
        stream = ExportStream(
            header=tuple(header), format="csv", encoding=encoding, delimiter=delimiter, **common
        )
    elif suffix in XLSX_SUFFIXES:
        if facts.head.startswith(b"\xd0\xcf\x11\xe0"):
            raise ExportError(
                path, Reason.CORRUPT, "encrypted (password-protected) or old-format workbook"
            )
        with (
            _open_binary(path) as handle,
            open_sheet(path, handle, facts.size, sheet) as (sheet_name, cells),
        ):
            header = xlsx_header(path, cells, sheet_name)
        stream = ExportStream(header=tuple(header), format="xlsx", sheet=sheet_name, **common)
    else:
        header = _parquet_header(path)
        stream = ExportStream(header=tuple(header), format="parquet", **common)
    check_header(path, list(stream.header))
    return stream


# --- bytes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Facts:
    sha256: str
    size: int
    nonblank: bool
    head: bytes
    # Delimited text only: whether all of it is UTF-8; else its first other byte, that byte's line,
    # and what surrounds it.
    utf8: bool = True
    bad_byte: int = 0
    bad_line: int = 0
    multibyte: bool = False
    sample: bytes = b""


def _read_facts(path: Path, *, text: bool) -> _Facts:
    digest = hashlib.sha256()
    size = 0
    nonblank = False
    head = b""
    carry = b""  # an incomplete UTF-8 sequence at a block's end, completed by the next block
    newlines = 0
    utf8 = True
    bad_byte = bad_line = 0
    multibyte = False
    sample = b""
    for block in _blocks(path):
        digest.update(block)
        if len(head) < _DETECT_BYTES:
            head += block[: _DETECT_BYTES - len(head)]
        nonblank = nonblank or bool(block.strip(b" \t\r\n\xef\xbb\xbf"))
        if text:
            buffer = carry + block
            multibyte = multibyte or has_utf8_multibyte(buffer)
            if utf8:
                carry = b""
                try:
                    buffer.decode("utf-8")
                except UnicodeDecodeError as exc:
                    if exc.reason == "unexpected end of data":
                        carry = buffer[exc.start :]
                    else:
                        utf8 = False
                        bad_byte = buffer[exc.start]
                        bad_line = newlines + buffer.count(b"\n", 0, exc.start) + 1
                        sample = buffer[max(0, exc.start - 1024) :]
                    # A carried sequence holds no newline: its bytes are all >= 0x80.
            elif len(sample) < _DETECT_BYTES:
                sample += block[: _DETECT_BYTES - len(sample)]
            newlines += block.count(b"\n")
        size += len(block)
    if text and utf8 and carry:
        utf8, bad_byte, bad_line = False, carry[0], newlines + 1
        sample = carry
    return _Facts(
        sha256=digest.hexdigest(),
        size=size,
        nonblank=nonblank,
        head=head,
        utf8=utf8,
        bad_byte=bad_byte,
        bad_line=bad_line,
        multibyte=multibyte,
        sample=sample,
    )


def _settle_encoding(path: Path, facts: _Facts) -> str:
    """The loader's rules (``load._decode``) over a file read in blocks."""
    head = facts.head
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # undecodable UTF-16 surfaces, with its line, while reading
    bom = head.startswith(codecs.BOM_UTF8)
    if facts.utf8:
        return "utf-8-sig" if bom else "utf-8"
    if bom or facts.multibyte:
        raise mixed_encoding(path, facts.bad_byte, facts.bad_line)
    # Before the first non-UTF-8 byte the file is ASCII, which every candidate decodes alike: the
    # detector sees the start of the file and the text around that byte.
    for candidate, vouched in legacy_candidates(head + b"\n" + facts.sample):
        if _decodes(path, candidate, strict_controls=not vouched):
            return codecs.lookup(candidate).name
    raise undecodable(path, facts.bad_byte, facts.bad_line, LEGACY_TRIED)


def _decodes(path: Path, encoding: str, *, strict_controls: bool) -> bool:
    for block in _blocks(path):
        try:
            decoded = block.decode(encoding)  # single-byte code pages: blocks decode alone
        except UnicodeDecodeError:
            return False
        if strict_controls and CONTROL.search(decoded):
            return False
    return True


def _blocks(path: Path) -> Iterator[bytes]:
    with _open_binary(path) as handle:
        while block := handle.read(_BLOCK):
            yield block


def _open_binary(path: Path) -> io.BufferedReader:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise file_error(path, exc) from None


def _text_lines(path: Path, handle: io.BufferedReader, encoding: str) -> Generator[str, None, None]:
    """Decoded physical lines, as the csv reader wants them; NUL and decoding errors refused."""
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")
    number = 0
    try:
        for number, line in enumerate(text, start=1):
            if "\x00" in line:
                raise ExportError(path, Reason.BINARY, "NUL byte in text", line=number)
            yield line
    except UnicodeDecodeError as exc:
        raise undecodable(path, exc.object[exc.start], number + 1, encoding) from None
    finally:
        text.detach()  # the caller owns the file and closes it


def _parquet_header(path: Path) -> list[str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except (pa.ArrowException, OSError) as exc:
        raise parquet_error(path, exc) from None
    check_parquet_schema(path, schema)
    return [str(name) for name in schema.names]
