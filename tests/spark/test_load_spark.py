"""``read_spark`` against the pandas loader: the same cells and provenance, or the same refusal.

Every hardening corpus input, the sample feeds and board exports, text files only Spark could
read otherwise (line endings, code pages, line breaks in cells), Parquet types whose text Spark
would write otherwise, and partitioned Parquet directories.
"""

from __future__ import annotations

import codecs
import datetime as dt
import decimal
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pyspark.sql import SparkSession

from dpia.load import (
    ExportError,
    Reason,
    data_files,
    file_sha256,
    load_export,
    open_stream,
    read_spark,
)
from tests.conftest import SAMPLES
from tests.hardening.corpus import CASES, Case

Outcome = tuple[str, list[str] | None, list[list[str]] | None, dict[str, object] | None]


def _pandas(path: Path) -> Outcome:
    try:
        export = load_export(path)
    except ExportError as exc:
        return str(exc.reason), None, None, None
    frame = export.frame
    return "ok", list(frame.columns), frame.values.tolist(), export.provenance.to_dict()


def _spark(path: Path, spark: SparkSession) -> Outcome:
    try:
        export = read_spark(path, spark)
    except ExportError as exc:
        return str(exc.reason), None, None, None
    frame = export.frame.toPandas()
    assert export.provenance.engine == "spark"
    provenance = replace(export.provenance, engine="pandas").to_dict()
    return "ok", list(frame.columns), frame.values.tolist(), provenance


def _same(path: Path, spark: SparkSession) -> Outcome:
    """Both engines' outcome, asserted equal; the pandas one is returned."""
    expected = _pandas(path)
    got = _spark(path, spark)
    assert got[0] == expected[0], f"reason: spark {got[0]}, pandas {expected[0]}"
    assert got[1] == expected[1], "columns"
    assert got[2] == expected[2], "cells"
    assert got[3] == expected[3], "provenance"
    return expected


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_input_reads_as_the_loader_reads_it(
    case: Case, tmp_path: Path, spark: SparkSession
) -> None:
    _same(case.build(tmp_path), spark)


@pytest.mark.parametrize(
    "path", [*data_files(SAMPLES)], ids=lambda path: path.relative_to(SAMPLES).as_posix()
)
def test_samples_read_as_the_loader_reads_them(path: Path, spark: SparkSession) -> None:
    assert _same(path, spark)[0] == "ok"


# --- delimited text that Spark would read otherwise without the loader's settings -------------

_CELL_BREAKS = (
    'naam;notitie;groep\r\nJan;"regel een\r\nregel twee";5a\r\nPiet;"kort\nmet LF";5b\r\n'
)
TEXTS: dict[str, bytes] = {
    # Line breaks in quoted cells are kept as written: Spark would make \r\n into \n.
    "crlf_with_crlf_in_cells.csv": _CELL_BREAKS.encode(),
    "lf_with_crlf_in_cells.csv": b'naam;notitie\nJan;"een\r\ntwee"\nPiet;"drie\rvier"\n',
    "mixed_endings_with_breaks.csv": b'naam;notitie\r\nJan;"een\ntwee"\nPiet;x\r\n',
    "utf8_bom_with_breaks.csv": codecs.BOM_UTF8 + _CELL_BREAKS.encode(),
    "utf16_le_with_breaks.csv": _CELL_BREAKS.encode("utf-16"),
    "utf16_be.csv": codecs.BOM_UTF16_BE + "naam;plaats\nZoë;Ede\n".encode("utf-16-be"),
    "cp1252.csv": "naam;plaats;bedrag\nChloé;Ôs;€ 5\nJürgen;Zaltbommel;“x”\n".encode("cp1252"),
    "cp1252_with_breaks.csv": 'naam;notitie\nChloé;"één\ntwee"\n'.encode("cp1252"),
    "latin9.csv": "naam;plaats\nŽofia;Œ-straat\nJan;€\n".encode("iso8859_15"),
    "tab.tsv": b"naam\tgroep\nJan\t5a\n\tleeg\n",
    "pipes.txt": b"naam|groep\nJan|5a\nPiet|5b",
    "blank_and_whitespace_lines.csv": b"naam;groep\n\nJan;5a\n   \n\t\nPiet;5b\n\n",
    "spaces_kept.csv": b'naam;groep\n Jan ; 5a \n" Piet ";"5b "\n',
    "empty_and_quoted_empty.csv": b'a;b;c\n;"";\n"";;""\n',
    "quotes_inside.csv": b'a;b\nx"y;"z""w"\n"""";""""""\n',
    "backslashes.csv": b'a;b\nC:\\map\\;"\\"\n',
    "control_characters.csv": b"a;b\nx\x01y;\x1f\x7f\n",
    "hash_and_comment_like.csv": b"a;b\n#x;//y\n",
    "one_column.csv": b"nummer\n0012\n  \n0013\n",
    "unicode_whitespace_line.csv": "nummer\n0012\n\u00a0\n0013\n".encode(),
    # A whitespace-only line where a cell spans lines: Spark's multi-line parser cannot skip it.
    "whitespace_line_and_break.csv": b'a;b\n1;"x\ny"\n   \n3;4\n',
    "headers_differing_in_case.csv": b"Naam;naam;NAAM\nJan;jan;JAN\n",
    "headers_with_dots_and_backticks.csv": b"a.b;`c`;d e\n1;2;3\n",
    "header_with_break.csv": b'"naam\nvoluit";groep\nJan;5a\n',
    "late_ragged_row.csv": b"a;b\n" + b"1;2\n" * 5000 + b"3\n",
    "late_unclosed_quote.csv": b"a;b\n" + b"1;2\n" * 5000 + b'3;"4\n',
    "late_nul.csv": b"a;b\n" + b"1;2\n" * 5000 + b"3;\x004\n",
    "late_strict_quote_error.csv": b'a;b\n1;"x"y\n',
}


# The inputs Spark cannot read as the loader does, refused with ENGINE_DIFFERS (documented).
SPARK_REFUSES = {"whitespace_line_and_break.csv", "unicode_whitespace_line.csv"}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_text_reads_as_the_loader_reads_it(name: str, tmp_path: Path, spark: SparkSession) -> None:
    path = tmp_path / name
    path.write_bytes(TEXTS[name])
    if name not in SPARK_REFUSES:
        _same(path, spark)
        return
    assert _pandas(path)[0] == "ok"
    with pytest.raises(ExportError, match="use --engine pandas") as raised:
        read_spark(path, spark)
    assert raised.value.reason == Reason.ENGINE_DIFFERS


@pytest.fixture
def small_splits(spark: SparkSession) -> Iterator[None]:
    """Spark splits a file into tasks of 64 KiB: row order must survive the split."""
    key = "spark.sql.files.maxPartitionBytes"
    before = spark.conf.get(key)
    spark.conf.set(key, str(64 * 1024))
    yield
    spark.conf.set(key, before)


@pytest.mark.usefixtures("small_splits")
def test_split_file_keeps_row_order(tmp_path: Path, spark: SparkSession) -> None:
    path = tmp_path / "lang.csv"
    path.write_text(
        "nummer;naam\n" + "".join(f"{i:07d};leerling {i}\n" for i in range(40_000)),
        encoding="utf-8",
    )
    assert read_spark(path, spark).frame.rdd.getNumPartitions() > 4
    _same(path, spark)


# --- Parquet ------------------------------------------------------------------------------------

_MOMENTS = [dt.datetime(2024, 3, 1, 8, 30, 15, 123000), None, dt.datetime(1999, 12, 31)]
PARQUET_COLUMNS: dict[str, pa.Array] = {
    "int8": pa.array([1, None, -3], pa.int8()),
    "uint32": pa.array([0, 4_000_000_000, None], pa.uint32()),
    "uint64": pa.array([0, 2**64 - 1, None], pa.uint64()),
    "int64": pa.array([12, -(2**63), None], pa.int64()),
    "float32": pa.array([1.5, float("nan"), 3.0], pa.float32()),
    "float64": pa.array([0.1, 1e20, -0.0], pa.float64()),
    "float_special": pa.array([float("inf"), float("-inf"), None], pa.float64()),
    "bool": pa.array([True, False, None]),
    "date": pa.array([dt.date(2024, 1, 31), None, dt.date(1900, 1, 1)], pa.date32()),
    "ts_ms": pa.array(_MOMENTS, pa.timestamp("ms")),
    "ts_us_utc": pa.array(_MOMENTS, pa.timestamp("us", tz="UTC")),
    "ts_ns_amsterdam": pa.array(_MOMENTS, pa.timestamp("ns", tz="Europe/Amsterdam")),
    "time": pa.array([dt.time(8, 30), None, dt.time(23, 59, 59, 5)], pa.time64("us")),
    "decimal": pa.array(
        [decimal.Decimal("1.50"), None, decimal.Decimal("-0.01")], pa.decimal128(9, 2)
    ),
    "dictionary": pa.array(["5a", "5b", None]).dictionary_encode(),
    "large_string": pa.array(["Zoë", "", None], pa.large_string()),
    "nulls": pa.array([None, None, None], pa.null()),
    "postcode": pa.array(["0123AB", "1234 CD", " "]),
    "Postcode": pa.array(["a", "b", "c"]),  # another column than "postcode", as in the loader
    "a.b `c`": pa.array(["x", "y", "z"]),
}


def test_parquet_texts_are_the_loaders(tmp_path: Path, spark: SparkSession) -> None:
    table = pa.table(PARQUET_COLUMNS)
    path = tmp_path / "types.parquet"
    pq.write_table(table, path)
    _same(path, spark)


def test_parquet_row_groups_keep_their_order(tmp_path: Path, spark: SparkSession) -> None:
    table = pa.table({"nummer": [f"{i:06d}" for i in range(25_000)], "n": range(25_000)})
    path = tmp_path / "groepen.parquet"
    pq.write_table(table, path, row_group_size=1_000)
    assert pq.ParquetFile(path).metadata.num_row_groups == 25
    _same(path, spark)


def test_parquet_without_rows_is_header_only(tmp_path: Path, spark: SparkSession) -> None:
    path = tmp_path / "leeg.parquet"
    pq.write_table(pa.table({"naam": pa.array([], pa.string())}), path)
    assert _same(path, spark)[0] == Reason.HEADER_ONLY


# --- partitioned Parquet directories -----------------------------------------------------------

_PUPILS = pa.table(
    {
        "naam": ["Jan", "Piet", "Zoë", "Chloé", "Ahmed"],
        "cijfer": [7.5, 8.0, None, 6.25, 9.0],
        "jaar": ["2024", "2024", "2025", None, "2025"],
        "groep": ["01", "02", "01", "01", "a b/c"],
    }
)


def _pyarrow_dataset(folder: Path) -> Path:
    path = folder / "leerlingen.parquet"
    pq.write_to_dataset(_PUPILS, path, partition_cols=["jaar", "groep"])
    (path / "_SUCCESS").write_bytes(b"")
    (path / ".hidden.parquet").write_bytes(b"not a part")
    return path


def _spark_dataset(folder: Path, spark: SparkSession) -> Path:
    path = folder / "toetsen.parquet"
    frame = spark.createDataFrame(_PUPILS.to_pandas()).repartition(3)
    frame.write.partitionBy("jaar").parquet(str(path))
    return path


def _flat_dataset(folder: Path) -> Path:
    path = folder / "plat.pq"
    path.mkdir()
    for number in range(3):
        part = _PUPILS.slice(number * 2, 2).drop_columns(["jaar", "groep"])
        pq.write_table(part, path / f"part-{number:05d}.parquet")
    return path


DATASETS: dict[str, Callable[[Path, SparkSession], Path]] = {
    "pyarrow_hive": lambda folder, _: _pyarrow_dataset(folder),
    "spark_partitioned": _spark_dataset,
    "flat_parts": lambda folder, _: _flat_dataset(folder),
}


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_parquet_directory_is_one_export(name: str, tmp_path: Path, spark: SparkSession) -> None:
    path = DATASETS[name](tmp_path, spark)
    outcome = _same(path, spark)
    assert outcome[0] == "ok"
    assert outcome[2] is not None
    assert outcome[3] is not None
    assert len(outcome[2]) == 5
    parts = sorted(
        file
        for file in path.rglob("*")
        if file.is_file()
        and not any(part.startswith((".", "_")) for part in file.relative_to(path).parts)
    )
    lines = "".join(
        f"{file.relative_to(path).as_posix()}\0{hashlib.sha256(file.read_bytes()).hexdigest()}\n"
        for file in parts
    )
    assert outcome[3]["sha256"] == hashlib.sha256(lines.encode()).hexdigest()
    assert outcome[3]["bytes"] == sum(file.stat().st_size for file in parts)
    assert outcome[3]["format"] == "parquet"
    # What outputs name the input by (a saved run's check), and the folder as its own export.
    assert file_sha256(path) == outcome[3]["sha256"]
    assert data_files(path) == [path]
    # The chunked reader agrees with the whole read.
    stream = open_stream(path, chunksize=2)
    chunks = pd.concat(list(stream.chunks()), ignore_index=True)
    assert chunks.values.tolist() == outcome[2]
    assert list(stream.header) == outcome[1]


def test_partition_values_are_text_after_the_file_columns(tmp_path: Path) -> None:
    export = load_export(_pyarrow_dataset(tmp_path))
    assert list(export.frame.columns) == ["naam", "cijfer", "jaar", "groep"]
    rows = {tuple(row) for row in export.frame[["naam", "jaar", "groep"]].values.tolist()}
    assert ("Jan", "2024", "01") in rows
    assert ("Chloé", "", "01") in rows  # the null partition
    assert ("Ahmed", "2025", "a b/c") in rows  # URL-decoded, as pyarrow writes it


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("empty", Reason.EMPTY),
        ("other_columns", Reason.CORRUPT),
        ("not_a_partition_folder", Reason.CORRUPT),
        ("nested_column", Reason.NESTED_TYPE),
        ("corrupt_part", Reason.CORRUPT),
        ("duplicate_of_partition_key", Reason.DUPLICATE_HEADER),
    ],
)
def test_broken_parquet_directory_is_refused_alike(
    change: str, reason: Reason, tmp_path: Path, spark: SparkSession
) -> None:
    path = tmp_path / "kapot.parquet"
    path.mkdir()
    good = pa.table({"naam": ["Jan"], "groep": ["5a"]})
    if change != "empty":
        pq.write_table(good, path / "part-0.parquet")
    if change == "other_columns":
        pq.write_table(pa.table({"naam": ["Piet"]}), path / "part-1.parquet")
    elif change == "not_a_partition_folder":
        (path / "extra").mkdir()
        pq.write_table(good, path / "extra" / "part-1.parquet")
    elif change == "nested_column":
        pq.write_table(pa.table({"naam": [["Jan"]], "groep": ["5a"]}), path / "part-1.parquet")
    elif change == "corrupt_part":
        (path / "part-1.parquet").write_bytes(b"PAR1 broken PAR1")
    elif change == "duplicate_of_partition_key":
        (path / "part-0.parquet").unlink()
        (path / "groep=5b").mkdir()
        pq.write_table(good, path / "groep=5b" / "part-0.parquet")
    assert _same(path, spark)[0] == reason


def test_data_files_lists_a_parquet_directory_once(tmp_path: Path) -> None:
    table = _pyarrow_dataset(tmp_path)
    (tmp_path / "feeds").mkdir()
    single = tmp_path / "feeds" / "los.parquet"
    pq.write_table(_PUPILS, single)
    (tmp_path / "feeds" / "lijst.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (tmp_path / "map_met.csv").mkdir()  # a folder named as a CSV is no export
    assert data_files(tmp_path) == sorted([table, single, tmp_path / "feeds" / "lijst.csv"])
