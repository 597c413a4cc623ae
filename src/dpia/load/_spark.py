"""Read an export into a Spark DataFrame of text cells, by the loader's rules (``--engine spark``).

The driver settles what the loader settles (``open_stream``: digest, encoding, delimiter, header
checks) in one pass over the bytes; Spark then parses the rows on its executors with exactly those
settings and fails on the first row it cannot parse as our loader would. Every cell is text and a
blank cell is ``""``, as in ``Export.frame``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dpia.load._export import Export, Provenance, load_export
from dpia.load._stream import open_stream

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

# Our loader's encoding names, as Spark's CSV reader spells them (legacy Java charsets on).
_SPARK_ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "windows-1252",
    "iso8859_15": "ISO-8859-15",
    "latin_1": "ISO-8859-1",
}


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
        # A sheet holds at most 1,048,576 rows: the loader reads it on the driver.
        return to_spark(load_export(path, sheet=sheet), session)
    header = list(stream.header)
    if stream.format == "parquet":
        frame = session.read.parquet(str(path))
        frame = frame.select([frame[name].cast("string").alias(name) for name in header])
    else:
        assert stream.encoding is not None
        frame = session.read.csv(
            str(path),
            schema=_text_schema(header),
            sep=stream.delimiter,
            encoding=_SPARK_ENCODINGS.get(stream.encoding, stream.encoding),
            header=True,
            multiLine=True,
            quote='"',
            escape='"',
            mode="FAILFAST",
            enforceSchema=True,
        )
    frame = frame.na.fill("")
    rows = frame.count()
    return SparkExport(frame=frame, provenance=replace(stream.provenance(rows), engine="spark"))


def _text_schema(header: list[str]) -> StructType:
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField(name, StringType(), True) for name in header])
