"""Stage 3, detection: which personal and special-category data each column holds.

``scan`` (a loaded export) and ``scan_stream`` (one read in chunks) return a ``ScanResult`` with a
``ColumnFinding`` per column; ``scan_json``, ``scan_csv`` and ``scan_table`` render results;
``mask`` is the one way a value leaves the library. The Presidio recognizers live in
``dpia.detect.recognizers``, one per file.

Detection is also the one home of the tests later stages share: ``national_id`` (what is a BSN
or onderwijsnummer), ``is_coarse``/``is_age_band`` (a coarsened date of birth), the vocabularies'
matcher (``Vocabulary.find``, ``any_term``) and the header vocabulary (``header_matches``,
``entity_headers``, ``non_personal_headers``).
"""

from __future__ import annotations

from dpia.detect._analyzer import REPORT_THRESHOLD, context_words
from dpia.detect._headers import (
    GROUP_AND_SCHOOL_HEADERS,
    entity_headers,
    header_matches,
    non_personal_headers,
    normalise,
)
from dpia.detect._masking import mask
from dpia.detect._national_ids import FORMS as NATIONAL_ID_FORMS
from dpia.detect._national_ids import national_id, national_id_counts
from dpia.detect._scan import (
    DEFAULT_SAMPLE,
    DEFAULT_SEED,
    ColumnFinding,
    ScanResult,
    about_people,
    classify_column,
    scan,
    scan_frame,
    scan_stream,
)
from dpia.detect._spark import scan_spark
from dpia.detect._views import scan_csv, scan_dict, scan_json, scan_table
from dpia.detect.recognizers import SPECIAL_VOCABULARIES, load_vocabulary, parse_date
from dpia.detect.recognizers.date_of_birth import MONTHS, PATTERNS, YEAR, is_age_band, is_coarse
from dpia.detect.recognizers.deduce_backed import is_first_name, is_surname, warm
from dpia.detect.recognizers.vocabulary import Vocabulary, any_term

__all__ = [
    "DEFAULT_SAMPLE",
    "DEFAULT_SEED",
    "GROUP_AND_SCHOOL_HEADERS",
    "MONTHS",
    "NATIONAL_ID_FORMS",
    "PATTERNS",
    "REPORT_THRESHOLD",
    "SPECIAL_VOCABULARIES",
    "YEAR",
    "ColumnFinding",
    "ScanResult",
    "Vocabulary",
    "about_people",
    "any_term",
    "classify_column",
    "context_words",
    "entity_headers",
    "header_matches",
    "is_age_band",
    "is_coarse",
    "is_first_name",
    "is_surname",
    "load_vocabulary",
    "mask",
    "national_id",
    "national_id_counts",
    "non_personal_headers",
    "normalise",
    "parse_date",
    "scan",
    "scan_csv",
    "scan_dict",
    "scan_frame",
    "scan_json",
    "scan_spark",
    "scan_stream",
    "scan_table",
    "warm",
]
