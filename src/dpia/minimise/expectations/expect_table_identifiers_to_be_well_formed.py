"""``expect_table_identifiers_to_be_well_formed``: ECK iD and BRIN columns hold what they claim.

Column-agnostic, like the other checks: the suites are built from the register alone, before any
feed is seen, so ``expect_column_values_to_match_regex(column=...)`` cannot be written for a column
whose name is only known at validation time. The columns are found when validating instead:

* ``ECK_ID``: columns the scanner reports as ``ECK_ID`` or whose header is one of ``headers``;
  filled cells must be ``https://ketenid.nl/201703/`` plus 128 hex digits (either case).
* ``BRIN``: columns whose header is one of ``headers``; filled cells must be a valid BRIN code
  (``stdnum.nl.brin``, optionally with a two-digit branch) of one of ``schools``, the schools the
  agreement covers. With ``unserved: false`` only the form is checked: the suite then holds
  ``expect_table_pupils_to_be_of_served_schools``, which judges each pupil's school by the
  board's own export and owns that finding (one finding per cause, not one per column).

Empty cells are missing identifiers, not malformed ones, and pass. The result gives per column how
many cells are malformed (for BRIN also how many name a school outside the agreement), never a
value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd
from great_expectations.compatibility import pydantic
from stdnum.nl import brin

from dpia.detect import header_matches
from dpia.minimise.expectations._base import TableExpectation, TableMetric
from dpia.minimise.expectations._spark import column_counts
from dpia.rules import Finding, filled

if TYPE_CHECKING:
    from pyspark.sql import DataFrame as SparkFrame

METRIC = "dpia.malformed_identifier_cells"
IDENTIFIERS: tuple[str, ...] = ("ECK_ID", "BRIN")
ECK_ID_PATTERN = re.compile(r"https://ketenid\.nl/201703/[0-9a-fA-F]{128}")


def _columns(findings: tuple[Finding, ...], identifier: str, headers: list[str]) -> list[str]:
    return [
        f.name
        for f in findings
        if (identifier == "ECK_ID" and f.entity == "ECK_ID") or header_matches(f.name, headers)
    ]


def _brin_fault(cell: str, schools: set[str] | None) -> str | None:
    if not brin.is_valid(cell):
        return "malformed"
    if schools is not None and str(brin.compact(cell))[:4] not in schools:
        return "unserved"
    return None


def malformed_cells(
    frame: pd.DataFrame,
    findings: tuple[Finding, ...],
    identifier: str,
    headers: list[str],
    schools: list[str],
    unserved: bool = True,
) -> list[dict[str, Any]]:
    """Per identifier column: how many filled cells are malformed (or, for BRIN and
    ``unserved``, name a school outside ``schools``)."""
    served = set(schools) if unserved else None
    faults = {
        column: _faults(identifier, served, column, frame[column])
        for column in _columns(findings, identifier, headers)
    }
    return _listed(faults, len(frame))


def _faults(
    identifier: str, served: set[str] | None, column: str, cells: pd.Series
) -> Mapping[str, int]:
    """How many of a column's filled ``cells`` are malformed, and how many name a school not
    ``served`` (``None``: not checked)."""
    faults = {"malformed": 0, "unserved": 0}
    values = cells[filled(cells)].astype(str)
    for value, n in values.value_counts(sort=False).items():
        cell = str(value).strip()
        if identifier == "ECK_ID":
            fault = None if ECK_ID_PATTERN.fullmatch(cell) else "malformed"
        else:
            fault = _brin_fault(cell, served)
        if fault is not None:
            faults[fault] += int(n)
    return faults


def _listed(faults: Mapping[str, Mapping[str, int]], rows: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for column, counted in faults.items():
        kinds = {kind: counted.get(kind, 0) for kind in ("malformed", "unserved")}
        count = kinds["malformed"] + kinds["unserved"]
        if count:
            found.append({"column": column, "count": count, "share": count / max(rows, 1), **kinds})
    return found


class MalformedIdentifierCells(TableMetric):
    metric_name = METRIC
    value_keys = ("identifier", "headers", "schools", "unserved")
    uses_findings = True

    @classmethod
    def measure(
        cls, frame: pd.DataFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return malformed_cells(
            frame,
            findings,
            str(kwargs["identifier"]),
            list(kwargs["headers"]),
            list(kwargs["schools"] or []),
            kwargs.get("unserved") is not False,
        )

    @classmethod
    def measure_spark(
        cls, frame: SparkFrame, findings: tuple[Finding, ...], kwargs: dict[str, Any]
    ) -> list[dict[str, Any]]:
        identifier = str(kwargs["identifier"])
        served = set(kwargs["schools"] or []) if kwargs.get("unserved") is not False else None
        columns = _columns(findings, identifier, list(kwargs["headers"]))
        rows, counts = column_counts(frame, columns, partial(_faults, identifier, served))
        return _listed(counts, rows)


class ExpectTableIdentifiersToBeWellFormed(TableExpectation):
    """Every filled cell of an ``identifier`` column (ECK_ID or BRIN) has the right shape."""

    identifier: pydantic.StrictStr
    headers: list[pydantic.StrictStr]
    schools: list[pydantic.StrictStr]
    unserved: pydantic.StrictBool = True

    metric_dependencies: ClassVar[tuple[str, ...]] = (METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = ("identifier", "headers", "schools", "unserved")
    args_keys: ClassVar[tuple[str, ...]] = ("identifier", "headers", "schools", "unserved")
    template: ClassVar[str] = (
        "$identifier columns hold well-formed values (BRIN: of the schools $schools)."
    )

    @pydantic.validator("identifier")
    def _known_identifier(cls, value: str) -> str:
        if value not in IDENTIFIERS:
            raise ValueError(f"identifier must be one of {list(IDENTIFIERS)}")
        return value

    @pydantic.validator("schools")
    def _brin_codes(cls, value: list[str], values: dict[str, Any]) -> list[str]:
        invalid = [code for code in value if not brin.is_valid(code)]
        if invalid:
            raise ValueError(f"schools must be BRIN codes; not: {', '.join(invalid)}")
        if values.get("identifier") == "BRIN" and not value:
            raise ValueError("schools must list the served BRIN codes for identifier BRIN")
        return value
