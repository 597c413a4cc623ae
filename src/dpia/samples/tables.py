"""The in-memory shape of every generated file: labelled text columns plus a file format.

Labels live on the columns that carry the values, so the ground truth cannot drift from the data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from dpia.register import SPECIAL_TYPES


@dataclass(frozen=True)
class Column:
    """One column: header, ground-truth labels and its cells, always as text.

    ``arrow_type`` only matters for Parquet, where numbers are stored typed ("int64", "double").
    """

    name: str
    entity: str | None
    special: str | None
    values: list[str]
    arrow_type: str = "string"


@dataclass(frozen=True)
class CsvFormat:
    delimiter: str
    encoding: str  # a Python codec name; "utf-8-sig" writes a BOM
    lineterminator: str


@dataclass(frozen=True)
class XlsxFormat:
    sheet: str


@dataclass(frozen=True)
class ParquetFormat:
    compression: str = "zstd"


Format = CsvFormat | XlsxFormat | ParquetFormat


@dataclass(frozen=True)
class Table:
    """A file to write: ``path`` relative to the output directory, with forward slashes."""

    path: str
    fmt: Format
    columns: tuple[Column, ...]
    # Per free-text column: the entity types each row's note mentions.
    notes: dict[str, list[list[str]]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return len(self.columns[0].values) if self.columns else 0


def col(name: str, entity: str | None, values: list[str], special: str | None = None) -> Column:
    return Column(name, entity, special, values)


def free_text(name: str, texts: list[str], mentions: list[list[str]]) -> Column:
    """A free-text column whose ``special`` is the art. 9/10 type its notes mention most often."""
    return Column(name, "FREE_TEXT", most_frequent_special(mentions), texts)


def most_frequent_special(mentions: list[list[str]]) -> str | None:
    counts = Counter(m for row in mentions for m in row if m in SPECIAL_TYPES)
    if not counts:
        return None
    # Ties go to the alphabetically first type, so the label never depends on dict order.
    return min(counts, key=lambda m: (-counts[m], m))
