"""Minimisation validation: each processing agreement as a Great Expectations suite, checked
against the vendor's real feed.

``build_suites``/``write_suites`` turn the register into ``expectations/<vendor-id>.json``;
``validate_vendor``/``validate_all`` check each feed against its suite and return values-free
``VendorVerdict``s (a feed loaded on Spark, a ``SparkExport``, is validated there, through GX's
Spark datasource, with the same verdict); ``write_results`` writes ``validation/<vendor>.json``
and offline Data Docs; ``cli_table`` renders the verdicts for the terminal; ``promise_link``, ``promise_name`` and
``promise_reason`` say a check of the board's promises (a verdict's ``promises``) in words. Importing this package does not import Great
Expectations (seconds of start-up): only loading a suite or validating does.

The custom expectations live in ``dpia.minimise.expectations``: importing that package registers
them in Great Expectations, for a GX user who validates a feed against a committed suite; such a
user may hand over a classification of the feed's columns with ``with_findings`` and the board's
pupils (``dpia.rules.board_pupils``) with ``with_board``.
"""

from __future__ import annotations

from dpia.minimise._classify import with_board, with_findings
from dpia.minimise._plain import promise_link, promise_name, promise_reason
from dpia.minimise._runner import validate_all, validate_vendor, write_results
from dpia.minimise._suites import (
    ALLOWED_ENTITIES,
    BIRTH_DATE_COARSENED,
    NO_NATIONAL_ID,
    NO_SPECIAL_CATEGORY,
    PROMISES,
    SuiteError,
    build_suites,
    load_suite,
    write_suites,
)
from dpia.minimise._table import cli_table
from dpia.minimise._verdicts import Failure, VendorVerdict

__all__ = [
    "ALLOWED_ENTITIES",
    "BIRTH_DATE_COARSENED",
    "NO_NATIONAL_ID",
    "NO_SPECIAL_CATEGORY",
    "PROMISES",
    "Failure",
    "SuiteError",
    "VendorVerdict",
    "build_suites",
    "cli_table",
    "load_suite",
    "promise_link",
    "promise_name",
    "promise_reason",
    "validate_all",
    "validate_vendor",
    "with_board",
    "with_findings",
    "write_results",
    "write_suites",
]
