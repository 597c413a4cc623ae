"""Read an export into a Spark DataFrame of text cells, by the loader's rules (``--engine spark``).

Every cell is text and a blank cell is ``""``, as in ``Export.frame``; ``frame.toPandas()`` equals
``load_export(path).frame`` row for row, and the provenance is the loader's (``engine="spark"``).
A file the loader refuses raises the loader's ``ExportError``; a file Spark cannot read exactly as
the loader does raises ``ExportError`` with ``Reason.ENGINE_DIFFERS``, never a silent difference.

- Delimited text: ``open_stream`` settles digest, encoding, delimiter and header on the driver.
  The driver then streams the rows once through the loader's own checks (``text_rows``: ragged
  rows, unclosed quotes, NUL bytes, undecodable bytes, ``MAX_FIELD``), building no frame, and
  counts rows and characters; this raises the loader's errors with their line numbers. Spark then
  parses the file with the same settings and must count the same rows and characters, else
  ``ENGINE_DIFFERS`` (a whitespace-only line inside a file whose quoted cells hold line breaks is
  one such file: Spark's multi-line parser cannot skip it). The driver pass also tells Spark what
  it needs: whether a quoted cell spans lines (then the file is parsed as one multi-line stream,
  else Spark splits it across tasks) and the file's line ending (then line breaks inside quoted
  cells are kept as they are instead of normalised to ``\\n``).
- Parquet (a file, or a partitioned directory, see ``dpia.load._export``): the driver reads the
  footers (schema checks, row count); each row group is read on an executor with pyarrow and
  turned into text by the loader's own ``parquet_texts`` (``mapInArrow``), so no cell passes
  through Spark's own types (its ``cast("string")`` writes floats, timestamps and booleans
  otherwise). Executors must see the same path as the driver (local master, or a shared mount).
  A page damaged inside a file whose footer is sound fails when the frame is computed, not here.
- Spreadsheets: at most 1,048,576 rows; read by the pandas loader on the driver (``to_spark``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpia.load._export import (
    Export,
    ExportError,
    Part,
    Provenance,
    Reason,
    is_parquet_dir,
    load_export,
    parquet_parts,
    part_texts,
    text_rows,
)
from dpia.load._stream import ExportStream, _open_binary, _text_lines, open_stream

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Our loader's encoding names, as Spark's CSV reader spells them (legacy Java charsets on).
_SPARK_ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "windows-1252",
    "iso8859-15": "ISO-8859-15",
    "latin-1": "ISO-8859-1",
    "iso8859-1": "ISO-8859-1",
}
# Spark splits lines of text by bytes: a UTF-16 file is parsed as one multi-line stream.
_SPLITTABLE = frozenset({"utf-8", "utf-8-sig", "cp1252", "iso8859-15", "latin-1", "iso8859-1"})
_ENDINGS = ("\r\n", "\n", "\r")


@dataclass(frozen=True, eq=False)
class SparkExport:
    """A loaded export on Spark: every cell a string, blank cells ``""``; rows counted."""

    frame: DataFrame = field(repr=False)
    provenance: Provenance


def to_spark(export: Export, session: SparkSession) -> SparkExport:
    """A pandas-loaded export handed to Spark as it is (a spreadsheet, a test's frame)."""
    frame = export.frame
    if len(frame.columns):
        sdf = session.createDataFrame(frame.astype(str), schema=_text_schema(list(frame.columns)))
    else:
        sdf = session.createDataFrame([], schema=_text_schema([]))
    return SparkExport(frame=sdf, provenance=replace(export.provenance, engine="spark"))


def read_spark(path: Path | str, session: SparkSession, sheet: str | None = None) -> SparkExport:
    """Load ``path`` on Spark; raise ``ExportError`` as ``load_export`` would."""
    path = Path(path)
    stream = open_stream(path, sheet=sheet)
    if stream.format == "xlsx":
        return to_spark(load_export(path, sheet=sheet), session)
    if stream.format == "parquet":
        frame, rows = _read_parquet(stream, session)
    else:
        frame, rows = _read_text(stream, session)
    return SparkExport(frame=frame, provenance=replace(stream.provenance(rows), engine="spark"))


# --- delimited text ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _TextFacts:
    """What the driver's pass over the rows found: the loader's counts and the file's layout."""

    rows: int
    characters: int
    multiline: bool
    line_ending: str | None  # the one ending every line has, else None


def _scan_text(stream: ExportStream) -> _TextFacts:
    """Every row through the loader's checks, counted; raises the loader's errors."""
    assert stream.encoding is not None
    assert stream.delimiter is not None
    rows = characters = 0
    multiline = False
    # The last two characters of each record's last line, which hold its ending (the last line
    # of the file may have none): a slice per row, the endings worked out once at the end.
    tails: set[str] = set()
    latest = [""]
    with (
        _open_binary(stream.path) as handle,
        closing(_text_lines(stream.path, handle, stream.encoding)) as lines,
    ):

        def watched() -> Iterator[str]:
            for line in lines:
                latest[0] = line
                yield line

        reader = csv.reader(watched(), delimiter=stream.delimiter, strict=True)
        next(reader)
        tails.add(latest[0][-2:])
        multiline = reader.line_num > 1  # a header cell with a line break
        last = reader.line_num
        for row in text_rows(stream.path, reader, len(stream.header)):
            rows += 1
            characters += sum(map(len, row))
            tails.add(latest[0][-2:])
            # More than one line since the last row: blank lines, or a cell with a line break.
            if reader.line_num - last > 1 and not multiline:
                multiline = any("\n" in cell or "\r" in cell for cell in row)
            last = reader.line_num
    if rows == 0:
        raise ExportError(stream.path, Reason.HEADER_ONLY, "header only, no data rows", line=1)
    endings = {next((end for end in _ENDINGS if tail.endswith(end)), "") for tail in tails}
    endings.discard("")
    ending = next(iter(endings)) if len(endings) == 1 else None
    return _TextFacts(rows, characters, multiline, ending)


def _read_text(stream: ExportStream, session: SparkSession) -> tuple[DataFrame, int]:
    from pyspark.sql import functions as F

    facts = _scan_text(stream)
    assert stream.encoding is not None
    multiline = facts.multiline or stream.encoding not in _SPLITTABLE
    options: dict[str, Any] = {}
    if multiline and facts.line_ending is not None:
        options["lineSep"] = facts.line_ending
    try:
        raw = session.read.csv(
            str(stream.path),
            schema=_text_schema(list(stream.header)),
            sep=stream.delimiter,
            encoding=_SPARK_ENCODINGS.get(stream.encoding, stream.encoding),
            header=True,
            multiLine=multiline,
            quote='"',
            escape='"',
            mode="FAILFAST",
            enforceSchema=True,
            **options,
        )
        # Quoted: a name is text ("a.b" is no field b of a struct a).
        columns = [raw["`" + name.replace("`", "``") + "`"] for name in stream.header]
        counted = raw.agg(F.count(F.lit(1)), F.sum(F.length(F.concat_ws("", *columns)))).first()
    except Exception as exc:  # py4j and Spark errors have no common class
        raise _differs(
            stream.path, f"Spark's CSV reader fails on it ({_first_line(exc)})"
        ) from None
    frame = raw.select(
        [
            F.coalesce(column, F.lit("")).alias(name)
            for column, name in zip(columns, stream.header, strict=True)
        ]
    )
    assert counted is not None
    rows, characters = int(counted[0]), int(counted[1] or 0)
    if (rows, characters) != (facts.rows, facts.characters):
        raise _differs(
            stream.path,
            f"Spark parses {rows:,} rows of {characters:,} characters, "
            f"the loader {facts.rows:,} rows of {facts.characters:,}",
        )
    return frame, rows


def _differs(path: Path, detail: str) -> ExportError:
    return ExportError(
        path,
        Reason.ENGINE_DIFFERS,
        f"Spark cannot read this file as the loader does: {detail}; use --engine pandas",
    )


def _first_line(exc: Exception) -> str:
    """The first line of a Java error that says what went wrong, for a one-line message."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    for line in lines:
        if "MALFORMED" in line.upper():
            return line.removeprefix("Caused by: ")[:200]
    return (lines[0] if lines else type(exc).__name__)[:200]


# --- Parquet ----------------------------------------------------------------------------------


def _read_parquet(stream: ExportStream, session: SparkSession) -> tuple[DataFrame, int]:
    import pyarrow.parquet as pq

    parts = parquet_parts(stream.path) if is_parquet_dir(stream.path) else [Part(stream.path, "")]
    groups: list[tuple[str, int, tuple[tuple[str, str], ...]]] = []
    rows = 0
    for part in parts:  # open_stream has checked every part's schema
        metadata = pq.ParquetFile(part.path).metadata
        rows += metadata.num_rows
        groups += [
            (str(part.path), group, part.partitions) for group in range(metadata.num_row_groups)
        ]
    if rows == 0:
        raise ExportError(stream.path, Reason.HEADER_ONLY, "header only, no data rows", line=1)
    schema = _text_schema(list(stream.header))
    header = list(stream.header)

    def texts(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        for batch in batches:
            for task in batch.column(0).to_pylist():
                source, group, partitions = groups[task]
                table = pq.ParquetFile(source).read_row_group(group)
                columns = part_texts(table, partitions)
                yield pa.RecordBatch.from_arrays(
                    [pa.array(columns[name], pa.string()) for name in header], names=header
                )

    # One task per row group, in the loader's order: range partitions are contiguous.
    slices = min(len(groups), max(session.sparkContext.defaultParallelism, 1) * 4)
    tasks = session.range(0, len(groups), numPartitions=slices)
    return tasks.mapInArrow(texts, schema), rows


def _text_schema(header: list[str]) -> Any:
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField(name, StringType(), True) for name in header])
