"""Stage 1, loading: exports (CSV/TXT, XLSX, Parquet) as text cells with their provenance.

``load_export`` reads a whole file, ``open_stream`` reads one in chunks of rows, ``data_files``
lists what a folder holds. Bad input raises ``ExportError`` (file, line, machine-readable reason).
"""

from __future__ import annotations

from dpia.load._export import Export, ExportError, Provenance, Reason, load_export
from dpia.load._inventory import data_files, file_sha256
from dpia.load._spark import SparkExport, read_spark, to_spark
from dpia.load._stream import ExportStream, open_stream

__all__ = [
    "Export",
    "ExportError",
    "ExportStream",
    "Provenance",
    "Reason",
    "SparkExport",
    "data_files",
    "file_sha256",
    "load_export",
    "open_stream",
    "read_spark",
    "to_spark",
]
