"""Exposure per vendor and data category: what each vendor receives, about how many pupils, and
how much of it its agreement does not allow.

``compute(register, feeds, scans, validations)`` takes, per vendor id:

* ``feeds``: the loaded feed (``dpia.load._export.Export``, or a ``SparkExport`` to compute on
  Spark: ``dpia.exposure._rows``, same figures). Counting distinct pupils and equivalence classes
  needs the rows; the scan only says what each column holds.
* ``scans``: the scan of that feed (``dpia.detect._scan.ScanResult``): which column holds which entity
  type, and what free-text columns mention.
* ``validations`` (optional): the validation verdict (``dpia.minimise.VendorVerdict``). Its
  cell-level checks add evidence the column scan can miss (special-category words in a column the
  scan calls not personal, a date of birth more precise than agreed); a column a failed check
  names is excess whatever the scan says.

All three are tied by the feed's sha256: a scan or verdict of another version of the feed is an
error, never a silent mix. Vendors are computed in register order, those with a feed given.

**Attributes** are what a vendor receives: each personal column with its entity type, and for a
free-text column also each sensitive, special, criminal or national-id type its notes mention (as
the scan counted them). Whether a column is *allowed* is ``dpia.rules.excess_entities``, the
judgement the validation's allowed-entities check makes too: its type must be in the agreement's
``allowed`` list, and a free-text column's notes are judged by what they carry (every type beyond
ordinary data they mention must be allowed as well). A date of birth must also be no more precise
than ``date_of_birth`` says (``dpia.rules.fits``: a year, an age band).

**Data subjects** are the distinct pupils of the feed, counted as the report counts them
(``dpia.rules.subject_codes``): on the first identifier found, in this order: ECK iD, pupil
number, BSN, onderwijsnummer; else the distinct combinations of the name columns; else the rows.
A blank identifier counts no pupil. ``Subjects.basis`` says which. For a category, the pupils
with a filled cell in one of its columns. For a type found in free text (or by a validation check) the
rows behind it are unknown: the count is the scan's number of mentions (or the check's number of
cells), at most the pupils with a filled cell, and marked ``estimated``. Note that the scan reads
a sample of the distinct notes (1,000 by default), so on large feeds the mentions undercount.

**Exposure units** of a category = its data subjects x the category's weight from
``dpia.register._taxonomy`` (ordinary 1, sensitive 2, national identifier 3, special and criminal 4): one
unit is one pupil's ordinary data in the vendor's hands. A vendor's units are the sum over its
categories, so a pupil whose health and religion both reach the vendor counts twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from dpia.detect import ColumnFinding, ScanResult
from dpia.exposure._reidentification import Reidentification, measure, sensitive_columns
from dpia.exposure._risk import DEFAULT_SETTINGS, RiskAssessment, RiskSettings, assess
from dpia.exposure._rows import PandasRows, Rows
from dpia.exposure._spark import SparkRows
from dpia.exposure._texts import Reason, category_key, category_sort_key
from dpia.load import Export
from dpia.messages import Message
from dpia.minimise import (
    ALLOWED_ENTITIES,
    BIRTH_DATE_COARSENED,
    NO_NATIONAL_ID,
    NO_SPECIAL_CATEGORY,
    PROMISES,
    Failure,
    VendorVerdict,
)
from dpia.register import ENTITY_TYPES, Category, Register, Vendor, entity
from dpia.rules import (
    SUBJECT_IDENTIFIERS,
    Subjects,
    beyond_ordinary,
    excess_entities,
    quasi_identifier_columns,
)

if TYPE_CHECKING:
    from dpia.load import SparkExport

Source = Literal["column", "mention", "validation"]
# Validation checks that name a column and the entity types it holds beyond the agreement.
CONTENT_CHECKS = frozenset(
    {
        ALLOWED_ENTITIES,
        NO_NATIONAL_ID,
        NO_SPECIAL_CATEGORY,
        BIRTH_DATE_COARSENED,
    }
)


@dataclass(frozen=True)
class Attribute:
    """One entity type a vendor receives in one column; ``reason`` says why it is excess."""

    column: str
    entity: str
    source: Source
    allowed: bool
    subjects: int
    reason: Reason | None = None

    @property
    def category(self) -> str:
        """The attribute's category key (``gewoon``, ``bijzonder:HEALTH``, ...)."""
        return category_key(self.entity)

    @property
    def estimated(self) -> bool:
        return self.source != "column"

    def to_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "entity": self.entity,
            "category": self.category,
            "source": self.source,
            "allowed": self.allowed,
            "subjects": self.subjects,
            "estimated": self.estimated,
            "reason": None if self.reason is None else self.reason.to_dict(),
        }


@dataclass(frozen=True)
class CategoryExposure:
    """One category of data a vendor receives: its attributes, pupils and exposure units."""

    key: str
    weight: int
    subjects: int
    estimated: bool
    attributes: tuple[Attribute, ...]

    @property
    def units(self) -> int:
        return self.subjects * self.weight

    @property
    def excess(self) -> int:
        return sum(not a.allowed for a in self.attributes)

    def to_dict(self) -> dict[str, Any]:
        category, _, special = self.key.partition(":")
        return {
            "key": self.key,
            "category": category,
            "special": special or None,
            "weight": self.weight,
            "subjects": self.subjects,
            "estimated": self.estimated,
            "units": self.units,
            "attributes": len(self.attributes),
            "excess": self.excess,
        }


@dataclass(frozen=True)
class VendorExposure:
    """Everything the exposure stage says about one vendor."""

    vendor: str
    name: str
    feed: str
    sha256: str
    rows: int
    subjects: Subjects
    attributes: tuple[Attribute, ...]
    categories: tuple[CategoryExposure, ...]
    reidentification: Reidentification
    risk: RiskAssessment
    validation_passed: bool | None
    excess_pupils: tuple[tuple[str, int], ...] = ()
    """Per check of the board's promises that found any: pupils of unserved schools, without
    consent, kept after retention, and rows of no pupil of the board (from the validation)."""

    @property
    def units(self) -> int:
        return sum(c.units for c in self.categories)

    @property
    def excess_attributes(self) -> tuple[Attribute, ...]:
        return tuple(a for a in self.attributes if not a.allowed)

    @property
    def excess_columns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.column for a in self.excess_attributes))

    @property
    def special_types(self) -> tuple[str, ...]:
        """Art. 9 and art. 10 types received, in taxonomy order."""
        found = {a.entity for a in self.attributes if ENTITY_TYPES[a.entity].special}
        return tuple(name for name in ENTITY_TYPES if name in found)

    def units_of(self, *categories: Category) -> int:
        wanted = {c.value for c in categories}
        return sum(c.units for c in self.categories if c.key.partition(":")[0] in wanted)

    def to_dict(self) -> dict[str, Any]:
        """The vendor object of ``exposure.json``."""
        return {
            "vendor": self.vendor,
            "name": self.name,
            "feed": self.feed,
            "sha256": self.sha256,
            "rows": self.rows,
            "subjects": self.subjects.count,
            "subjects_basis": self.subjects.basis,
            "subjects_columns": list(self.subjects.columns),
            "units": self.units,
            "categories": [c.to_dict() for c in self.categories],
            "attributes": [a.to_dict() for a in self.attributes],
            "excess_attributes": [a.to_dict() for a in self.excess_attributes],
            "excess_columns": list(self.excess_columns),
            "special_types": list(self.special_types),
            "special_units": self.units_of(Category.BIJZONDER, Category.STRAFRECHTELIJK),
            "national_id_units": self.units_of(Category.NATIONAAL_ID),
            "validation_passed": self.validation_passed,
            "excess_pupils": dict(self.excess_pupils),
            **self.reidentification.to_dict(),
            **self.risk.to_dict(),
        }


@dataclass(frozen=True)
class ExposureTable:
    """The exposure of every vendor computed, in register order."""

    board: str
    vendors: tuple[VendorExposure, ...]
    settings: RiskSettings = DEFAULT_SETTINGS

    def vendor(self, vendor_id: str) -> VendorExposure:
        for exposure in self.vendors:
            if exposure.vendor == vendor_id:
                return exposure
        raise KeyError(vendor_id)

    def category_keys(self) -> tuple[str, ...]:
        """Every category key any vendor receives, ordered from ordinary to national id."""
        keys = {c.key for v in self.vendors for c in v.categories}
        return tuple(sorted(keys, key=category_sort_key))

    def to_dict(self) -> dict[str, Any]:
        """The content of ``exposure.json``: the method's parameters and one object per vendor."""
        weights = {e.category.value: e.weight for e in ENTITY_TYPES.values()}
        return {
            "board": self.board,
            "method": {
                "category_weights": dict(sorted(weights.items())),
                "subject_identifiers": list(SUBJECT_IDENTIFIERS),
                "units": "subjects x category weight",
                "risk": self.settings.to_dict(),
            },
            "vendors": [v.to_dict() for v in self.vendors],
        }


def compute(
    register: Register,
    feeds: Mapping[str, Export | SparkExport],
    scans: Mapping[str, ScanResult],
    validations: Mapping[str, VendorVerdict] | None = None,
    *,
    settings: RiskSettings = DEFAULT_SETTINGS,
) -> ExposureTable:
    """The exposure table of the vendors in ``feeds`` (module docstring).

    ``scans`` must cover exactly the vendors of ``feeds``; ``validations`` may cover some of them.
    Raises ``ValueError`` when the inputs do not belong together and ``RegisterError`` for a
    vendor id the register does not know.
    """
    validations = validations or {}
    if set(scans) != set(feeds):
        raise ValueError(
            "scans and feeds must cover the same vendors "
            f"(feeds: {', '.join(sorted(feeds))}; scans: {', '.join(sorted(scans))})"
        )
    stray = sorted(set(validations) - set(feeds))
    if stray:
        raise ValueError(f"validation for vendor(s) without a feed: {', '.join(stray)}")
    wanted = {register.vendor(vendor_id).id for vendor_id in feeds}
    return ExposureTable(
        board=register.board.name,
        vendors=tuple(
            vendor_exposure(
                vendor, feeds[vendor.id], scans[vendor.id], validations.get(vendor.id), settings
            )
            for vendor in register.vendors
            if vendor.id in wanted
        ),
        settings=settings,
    )


def vendor_exposure(
    vendor: Vendor,
    feed: Export | SparkExport,
    scan: ScanResult,
    validation: VendorVerdict | None = None,
    settings: RiskSettings = DEFAULT_SETTINGS,
) -> VendorExposure:
    """The exposure of one vendor (see ``compute``)."""
    # Checked before any row is read: on Spark a scan of other columns would fail in a job.
    columns = [str(c) for c in feed.frame.columns]
    _check_inputs(vendor, feed.provenance.sha256, columns, scan, validation)
    with _rows_of(feed, scan.columns) as rows:
        attributes = _attributes(vendor, rows, scan.columns)
        if validation is not None:
            attributes = _with_validation(attributes, validation.failures, rows)
        quasi, context = quasi_identifier_columns(scan.columns)
        reid = measure(
            rows,
            quasi,
            context=context,
            sensitive=sensitive_columns(scan.columns),
            threshold=vendor.k_anonymity,
        )
        categories = _categories(attributes, rows)
        subjects, records = rows.subjects, rows.records
    excess_columns = [a.column for a in attributes if not a.allowed]
    excess_pupils = _excess_pupils(validation)
    return VendorExposure(
        vendor=vendor.id,
        name=vendor.name,
        feed=vendor.feed,
        sha256=feed.provenance.sha256,
        rows=records,
        subjects=subjects,
        attributes=attributes,
        categories=categories,
        reidentification=reid,
        risk=assess(
            vendor, [a.entity for a in attributes], excess_columns, reid, settings, excess_pupils
        ),
        validation_passed=None if validation is None else validation.passed,
        excess_pupils=excess_pupils,
    )


@contextmanager
def _rows_of(feed: Export | SparkExport, findings: Sequence[ColumnFinding]) -> Iterator[Rows]:
    """The rows of ``feed`` on its engine: pandas for an ``Export``, Spark for a
    ``SparkExport`` (whose pupils Spark caches while the block runs)."""
    if isinstance(feed, Export):
        yield PandasRows(feed.frame, findings)
        return
    rows = SparkRows(feed.frame, findings)
    try:
        yield rows
    finally:
        rows.close()


def _excess_pupils(validation: VendorVerdict | None) -> tuple[tuple[str, int], ...]:
    """The counts the checks of the board's promises found, by check, in suite order."""
    if validation is None:
        return ()
    found: dict[str, int] = {}
    for failure in validation.failures:
        check = PROMISES.get(failure.expectation)
        if check is not None and failure.count:
            found[check] = found.get(check, 0) + failure.count
    return tuple(found.items())


def _check_inputs(
    vendor: Vendor,
    digest: str,
    columns: Sequence[str],
    scan: ScanResult,
    validation: VendorVerdict | None,
) -> None:
    if scan.provenance.sha256 != digest:
        raise ValueError(f"vendor {vendor.id!r}: the scan is of another file than the feed")
    if [c.name for c in scan.columns] != list(columns):
        raise ValueError(f"vendor {vendor.id!r}: the scan's columns are not the feed's columns")
    if validation is not None and (validation.vendor != vendor.id or validation.sha256 != digest):
        raise ValueError(f"vendor {vendor.id!r}: the validation is of another vendor or feed")


# --- attributes ------------------------------------------------------------------------------


def _attributes(
    vendor: Vendor, rows: Rows, findings: Sequence[ColumnFinding]
) -> tuple[Attribute, ...]:
    found: list[Attribute] = []
    for finding in findings:
        if finding.entity is None:
            continue
        subjects = rows.pupils([finding.name])
        if finding.entity == "FREE_TEXT":
            found.extend(_free_text(vendor, finding, subjects))
            continue
        allowed, reason = _judge(vendor, finding, rows)
        found.append(Attribute(finding.name, finding.entity, "column", allowed, subjects, reason))
    return tuple(found)


def _judge(vendor: Vendor, finding: ColumnFinding, rows: Rows) -> tuple[bool, Reason | None]:
    column, kind = finding.name, str(finding.entity)
    if excess_entities(finding, vendor.allowed):
        return False, Reason(
            "not_allowed", Message("reason.attribute.not_allowed", entity=kind, column=column)
        )
    if kind == "DATE_OF_BIRTH" and rows.too_precise(column, vendor.date_of_birth.value):
        return False, Reason(
            "too_precise",
            Message(
                "reason.attribute.too_precise",
                entity=kind,
                column=column,
                form=vendor.date_of_birth.value,
            ),
        )
    return True, None


def _free_text(vendor: Vendor, finding: ColumnFinding, subjects: int) -> list[Attribute]:
    """The free-text column itself and each type beyond ordinary data that its notes mention."""
    column = finding.name
    mentioned = [
        Attribute(
            column,
            kind,
            "mention",
            kind in vendor.allowed,
            min(count, subjects),
            None
            if kind in vendor.allowed
            else Reason(
                "mentioned",
                Message("reason.attribute.mentioned", column=column, entity=kind, count=count),
            ),
        )
        for kind, count in beyond_ordinary(finding.mentions)
    ]
    beyond = excess_entities(finding, vendor.allowed)
    if "FREE_TEXT" in beyond:
        reason: Reason | None = Reason(
            "not_allowed", Message("reason.attribute.free_text_not_allowed", column=column)
        )
    elif beyond:
        reason = Reason(
            "mentions_not_allowed",
            Message("reason.attribute.mentions_not_allowed", column=column, entities=tuple(beyond)),
        )
    else:
        reason = None
    own = Attribute(column, "FREE_TEXT", "column", reason is None, subjects, reason)
    return [own, *mentioned]


def _with_validation(
    attributes: tuple[Attribute, ...],
    failures: Sequence[Failure],
    rows: Rows,
) -> tuple[Attribute, ...]:
    """``attributes`` with every (column, type) a failed content check names marked excess."""
    found = {(a.column, a.entity): a for a in attributes}
    for failure in failures:
        if failure.expectation not in CONTENT_CHECKS:
            continue
        reason = Reason("validation", failure.message)
        for column in failure.columns:
            if column not in rows.columns:
                raise ValueError(f"the validation names column {column!r}, not in the feed")
            pupils = rows.pupils([column])
            for kind in failure.entities:
                known = found.get((column, kind))
                if known is None:
                    cells = failure.count if failure.count is not None else pupils
                    found[(column, kind)] = Attribute(
                        column, kind, "validation", False, min(cells, pupils), reason
                    )
                elif known.allowed:
                    found[(column, kind)] = Attribute(
                        column, kind, known.source, False, known.subjects, reason
                    )
    return tuple(found.values())


# --- categories ------------------------------------------------------------------------------


def _categories(attributes: Sequence[Attribute], rows: Rows) -> tuple[CategoryExposure, ...]:
    grouped: dict[str, list[Attribute]] = {}
    for attribute in attributes:
        grouped.setdefault(attribute.category, []).append(attribute)
    keys = sorted(grouped, key=category_sort_key)
    # Asked together: one pass over the pupils on Spark, however many categories.
    pupils = rows.pupils_each([[a.column for a in grouped[k] if not a.estimated] for k in keys])
    categories = []
    for key, counted in zip(keys, pupils, strict=True):
        members = grouped[key]
        estimates = [a.subjects for a in members if a.estimated]
        # The rows behind an estimate are unknown: the category holds at least the larger count.
        subjects = max([counted, *estimates])
        categories.append(
            CategoryExposure(
                key=key,
                weight=entity(members[0].entity).weight,
                subjects=subjects,
                estimated=subjects > counted,
                attributes=tuple(members),
            )
        )
    return tuple(categories)
