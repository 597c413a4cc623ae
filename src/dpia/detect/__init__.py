"""Stage 3, detection: which personal and special-category data each column holds.

``scan`` (a loaded export) and ``scan_stream`` (one read in chunks) return a ``ScanResult`` with a
``ColumnFinding`` per column; ``scan_json``, ``scan_csv`` and ``scan_table`` render results;
``mask`` is the one way a value leaves the library. The Presidio recognizers live in
``dpia.detect.recognizers``, one per file.
"""

from __future__ import annotations

from dpia.detect._analyzer import REPORT_THRESHOLD, context_words
from dpia.detect._headers import classify_header, normalise
from dpia.detect._masking import mask
from dpia.detect._scan import (
    DEFAULT_SAMPLE,
    DEFAULT_SEED,
    ColumnFinding,
    ScanResult,
    scan,
    scan_frame,
    scan_stream,
)
from dpia.detect._views import scan_csv, scan_dict, scan_json, scan_table
from dpia.detect.recognizers import SPECIAL_VOCABULARIES, load_vocabulary, parse_date
from dpia.detect.recognizers.date_of_birth import MONTHS, PATTERNS
from dpia.detect.recognizers.deduce_backed import is_first_name, is_surname, warm
from dpia.detect.recognizers.vocabulary import sentence_around

__all__ = [
    "DEFAULT_SAMPLE",
    "DEFAULT_SEED",
    "MONTHS",
    "PATTERNS",
    "REPORT_THRESHOLD",
    "SPECIAL_VOCABULARIES",
    "ColumnFinding",
    "ScanResult",
    "classify_header",
    "context_words",
    "is_first_name",
    "is_surname",
    "load_vocabulary",
    "mask",
    "normalise",
    "parse_date",
    "scan",
    "scan_csv",
    "scan_dict",
    "scan_frame",
    "scan_json",
    "scan_stream",
    "scan_table",
    "sentence_around",
    "warm",
]
