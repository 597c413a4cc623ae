"""A partitioned Parquet directory as one export, for both engines.

Spark and pyarrow write a table as a directory (``leerlingen.parquet/``) of part files, possibly
under hive-style ``key=value/`` folders. A directory whose name ends in ``.parquet`` or ``.pq`` is
one export:

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

The pandas loader (``load_export``, ``open_stream``) and the Spark reader both read it through
``parquet_parts``, ``dataset_header`` and ``part_texts``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from dpia.load._export import (
    PARQUET_SUFFIXES,
    ExportError,
    Reason,
    check_header,
    check_parquet_schema,
    parquet_error,
    parquet_texts,
)

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


def load_dataset(folder: Path) -> tuple[list[str], list[list[str]], str, int]:
    """The pandas loader's read of a Parquet directory: header, rows, sha256 and bytes."""
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
    digest, size = dataset_digest(parts)
    return header, rows, digest, size
