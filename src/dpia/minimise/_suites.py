"""Processing agreements as Great Expectations suites: ``expectations/<vendor-id>.json``.

``build_suites`` turns each vendor of the register into a GX 1.x suite dict; ``write_suites`` writes
them as stable JSON (sorted keys, two-space indent, trailing newline) so the committed suites
change only when the register does. GX's own store is not used: it adds random ids.
``load_suite`` reads one back into a ``great_expectations.ExpectationSuite`` and fails closed: an
unknown expectation type, bad kwargs or a suite that loads fewer expectations than it lists raise
``SuiteError`` naming the file and the entry.

Building imports nothing from Great Expectations; ``load_suite`` imports it when called.

Every check is table-level and column-agnostic: a suite is built from the register alone, before
any feed is seen, so it cannot name columns. Which columns hold what is decided when validating,
from the column findings (``dpia.minimise._classify``) and headers; the header phrases a suite
lists come from the header vocabulary (``dpia.detect``'s ``headers.yaml``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpia.detect import GROUP_AND_SCHOOL_HEADERS, entity_headers, non_personal_headers
from dpia.errors import DpiaError
from dpia.minimise._engine import gx_loaded
from dpia.outputs import staged_output, write_json
from dpia.register import (
    NATIONAL_IDS,
    QUASI_IDENTIFIERS,
    SPECIAL_TYPES,
    BirthDateForm,
    Register,
    Vendor,
)

if TYPE_CHECKING:
    from great_expectations.core.expectation_suite import ExpectationSuite
    from great_expectations.expectations.expectation import Expectation

ALLOWED_ENTITIES = "expect_table_columns_to_hold_only_allowed_entities"
NO_NATIONAL_ID = "expect_table_values_to_hold_no_national_id"
NO_SPECIAL_CATEGORY = "expect_table_values_to_hold_no_special_category_data"
BIRTH_DATE_COARSENED = "expect_table_birth_dates_to_be_coarsened"
K_ANONYMOUS = "expect_table_quasi_identifiers_to_be_k_anonymous"
IDENTIFIERS_WELL_FORMED = "expect_table_identifiers_to_be_well_formed"
ROW_COUNT = "expect_table_row_count_to_be_between"
SERVED_SCHOOLS = "expect_table_pupils_to_be_of_served_schools"
CONSENT = "expect_table_pupils_to_have_consent"
RETENTION = "expect_table_pupils_to_be_within_retention"
MATCH_BOARD = "expect_table_rows_to_match_board_pupils"
# The checks of the board's promises: expectation type -> the check's short name.
PROMISES: dict[str, str] = {
    SERVED_SCHOOLS: "school",
    CONSENT: "consent",
    RETENTION: "retention",
    MATCH_BOARD: "unmatched",
}

# Header phrases (as ``dpia.detect.normalise`` writes them) from the header vocabulary: the one
# list of what a header says, so a phrase added there (``ketenpseudoniem``) reaches the suites.
ECK_ID_HEADERS = entity_headers("ECK_ID")
BRIN_HEADERS = non_personal_headers("brin")
# A feed holds at most the pupils of the schools served; 10 % leaves room for pupils enrolled
# since the register's counts were taken.
ROW_MARGIN_PERCENT = 10


class SuiteError(DpiaError):
    """A suite file that cannot be trusted; ``str()`` names the file and the entry."""

    reason = "invalid_suite"


def served_schools(register: Register, vendor: Vendor) -> tuple[str, ...]:
    """The BRIN codes the vendor serves: its own list, or every school of the board."""
    return vendor.schools or tuple(school.brin for school in register.board.schools)


def max_rows(register: Register, vendor: Vendor) -> int | None:
    """Pupils of the served schools plus the margin; ``None`` when a school's count is unknown."""
    pupils = {school.brin: school.pupils for school in register.board.schools}
    counts = [pupils.get(code) for code in served_schools(register, vendor)]
    if any(count is None for count in counts):
        return None
    total = sum(count for count in counts if count is not None)
    return total * (100 + ROW_MARGIN_PERCENT) // 100


def measured_on(register: Register, vendor: Vendor) -> str | None:
    """The day retention is measured on: the feed's date, else the newest board export's."""
    if vendor.feed_date is not None:
        return vendor.feed_date.isoformat()
    dates = [source.exported for source in register.sources if source.exported is not None]
    return max(dates).isoformat() if dates else None


def _promises(register: Register, vendor: Vendor, schools: list[str]) -> list[dict[str, Any]]:
    """The checks of the board's promises, when the register names the board's exports: the
    exports themselves come in at validation time, so the suite stays free of values."""
    if not register.sources:
        return []
    reference = vendor.agreement.reference
    found = [_expectation(SERVED_SCHOOLS, {"schools": schools}, reference, "schools")]
    if vendor.consent:
        found.append(_expectation(CONSENT, {"consent": vendor.consent}, reference, "consent"))
    if vendor.retention_after_leaving:
        found.append(
            _expectation(
                RETENTION,
                {
                    "retention": vendor.retention_after_leaving,
                    "date": measured_on(register, vendor),
                },
                reference,
                "retention_after_leaving",
            )
        )
    found.append(_expectation(MATCH_BOARD, {}, reference, "sources"))
    return found


def _expectation(kind: str, kwargs: dict[str, Any], reference: str, rule: str) -> dict[str, Any]:
    return {"type": kind, "kwargs": kwargs, "meta": {"agreement": reference, "rule": rule}}


def build_suite(register: Register, vendor: Vendor) -> dict[str, Any]:
    """One vendor's agreement as a GX suite dict (see the module docstring)."""
    reference = vendor.agreement.reference
    allowed = list(vendor.allowed)
    schools = list(served_schools(register, vendor))
    expectations = [
        _expectation(ALLOWED_ENTITIES, {"allowed": allowed}, reference, "allowed"),
    ]
    national = [kind for kind in NATIONAL_IDS if kind not in vendor.allowed]
    if national:
        expectations.append(
            _expectation(NO_NATIONAL_ID, {"identifiers": national}, reference, "UAVG art. 46")
        )
    special = [kind for kind in SPECIAL_TYPES if kind not in vendor.allowed]
    if special:
        expectations.append(
            _expectation(NO_SPECIAL_CATEGORY, {"types": special}, reference, "AVG art. 9/10")
        )
    if vendor.date_of_birth is not BirthDateForm.FULL:
        expectations.append(
            _expectation(
                BIRTH_DATE_COARSENED,
                {"form": vendor.date_of_birth.value},
                reference,
                "date_of_birth",
            )
        )
    expectations.append(
        _expectation(
            K_ANONYMOUS,
            {
                "threshold": vendor.k_anonymity,
                "quasi_identifiers": list(QUASI_IDENTIFIERS),
                "context_headers": list(GROUP_AND_SCHOOL_HEADERS),
            },
            reference,
            "k_anonymity",
        )
    )
    if "ECK_ID" in vendor.allowed:
        expectations.append(
            _expectation(
                IDENTIFIERS_WELL_FORMED,
                {"identifier": "ECK_ID", "headers": list(ECK_ID_HEADERS), "schools": []},
                reference,
                "allowed",
            )
        )
    expectations.append(
        _expectation(
            IDENTIFIERS_WELL_FORMED,
            {
                "identifier": "BRIN",
                "headers": list(BRIN_HEADERS),
                "schools": schools,
                # With the board's exports, the school check owns "pupils of other schools".
                "unserved": not register.sources,
            },
            reference,
            "schools",
        )
    )
    expectations.append(
        _expectation(
            ROW_COUNT,
            {"min_value": 1, "max_value": max_rows(register, vendor)},
            reference,
            "schools",
        )
    )
    expectations.extend(_promises(register, vendor, schools))
    return {
        "name": vendor.id,
        "meta": {
            "agreement": {
                "date": vendor.agreement.date.isoformat(),
                "reference": reference,
            },
            "allowed": allowed,
            "date_of_birth": vendor.date_of_birth.value,
            "feed": vendor.feed,
            "generated_by": "dpia.minimise",
            "k_anonymity": vendor.k_anonymity,
            "schools": schools,
            "vendor": vendor.name,
        },
        "expectations": expectations,
    }


def build_suites(register: Register) -> dict[str, dict[str, Any]]:
    """Every vendor's suite dict, keyed by vendor id, in register order."""
    return {vendor.id: build_suite(register, vendor) for vendor in register.vendors}


def write_suites(register: Register, out_dir: Path | str) -> list[Path]:
    """Write ``<out_dir>/<vendor-id>.json`` for every vendor; all files appear together or none."""
    out_dir = Path(out_dir)
    suites = build_suites(register)
    with staged_output(out_dir) as stage:
        for vendor_id, suite in suites.items():
            write_json(stage / f"{vendor_id}.json", suite)
    return [out_dir / f"{vendor_id}.json" for vendor_id in suites]


def load_suite(path: Path | str) -> ExpectationSuite:
    """Read a suite file into a GX ``ExpectationSuite``; ``SuiteError`` unless every entry loads."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SuiteError(f"{path}: no such suite (run `dpia expectations build`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise SuiteError(f"{path} line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
        raise SuiteError(f"{path}: expected an object with a non-empty 'name'")
    entries = raw.get("expectations")
    if not isinstance(entries, list) or not entries:
        raise SuiteError(f"{path}: 'expectations' must be a non-empty list")
    meta = raw.get("meta", {})
    if not isinstance(meta, dict):
        raise SuiteError(f"{path}: 'meta' must be an object")
    gx_loaded()
    from great_expectations.core.expectation_suite import ExpectationSuite

    expectations = [_load_entry(path, number, entry) for number, entry in enumerate(entries, 1)]
    try:
        suite = ExpectationSuite(name=raw["name"], expectations=expectations, meta=dict(meta))
    except (ValueError, TypeError) as exc:
        raise SuiteError(f"{path}: not a valid suite: {exc}") from None
    if len(suite.expectations) != len(entries):
        raise SuiteError(
            f"{path}: {len(suite.expectations)} of {len(entries)} expectations loaded; "
            "a suite that silently drops checks would pass too easily"
        )
    return suite


def _load_entry(path: Path, number: int, entry: Any) -> Expectation:
    """One entry as a GX ``Expectation``; ``SuiteError`` names file, entry number and type."""
    from great_expectations.compatibility import pydantic
    from great_expectations.exceptions.exceptions import GreatExpectationsError
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    where = f"{path}: expectation #{number}"
    if not isinstance(entry, dict) or set(entry) - {"type", "kwargs", "meta"}:
        raise SuiteError(f"{where}: expected an object with 'type', 'kwargs' and 'meta' only")
    kind, kwargs, meta = entry.get("type"), entry.get("kwargs"), entry.get("meta", {})
    if not isinstance(kind, str) or not isinstance(kwargs, dict) or not isinstance(meta, dict):
        raise SuiteError(f"{where}: 'type' must be a string, 'kwargs' and 'meta' objects")
    try:
        return ExpectationConfiguration(type=kind, kwargs=kwargs, meta=meta).to_domain_obj()
    except pydantic.ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}" for error in exc.errors()
        )
        raise SuiteError(f"{where} ({kind}): bad kwargs: {problems}") from None
    except GreatExpectationsError as exc:
        raise SuiteError(f"{where} ({kind}): {exc}") from None
    except (TypeError, ValueError) as exc:
        raise SuiteError(f"{where} ({kind}): bad kwargs: {exc}") from None
