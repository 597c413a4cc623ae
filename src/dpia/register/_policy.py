"""The board's processing register (``register.yaml``): vendors, agreements, feeds, allowed data.

The register is the *what* (declared policy); suites, validation and exposure are engines over it.
A broken register raises ``RegisterError`` naming the vendor and the field, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from stdnum.nl import brin as stdnum_brin

from dpia.errors import DpiaError
from dpia.load import is_parquet_dir
from dpia.register._duration import Duration, parse_duration
from dpia.register._taxonomy import ENTITY_TYPES


class RegisterError(DpiaError):
    """A register that cannot be used; ``str()`` names the file, the vendor and the field."""

    reason = "invalid_register"


class Role(StrEnum):
    VERWERKER = "verwerker"
    VERWERKINGSVERANTWOORDELIJKE = "verwerkingsverantwoordelijke"
    GEZAMENLIJK = "gezamenlijk_verwerkingsverantwoordelijke"


class LegalBasis(StrEnum):
    """GDPR art. 6(1) grounds, in the Dutch terms a privacy officer uses."""

    TOESTEMMING = "toestemming"
    OVEREENKOMST = "overeenkomst"
    WETTELIJKE_VERPLICHTING = "wettelijke_verplichting"
    VITAAL_BELANG = "vitaal_belang"
    ALGEMEEN_BELANG = "algemeen_belang"
    GERECHTVAARDIGD_BELANG = "gerechtvaardigd_belang"


class BirthDateForm(StrEnum):
    """The most precise form of a date of birth an agreement allows."""

    NONE = "none"
    YEAR = "year"
    AGE_BAND = "age_band"
    FULL = "full"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _brin(value: str) -> str:
    if not stdnum_brin.is_valid(value):
        raise ValueError(f"{value!r} is not a BRIN code (e.g. 12AB or 12AB01)")
    return str(stdnum_brin.compact(value))


Brin = Annotated[str, Field(min_length=4, max_length=6)]


class School(_Model):
    brin: Brin
    name: str = Field(min_length=1)
    pupils: int | None = Field(default=None, ge=0)

    _check_brin = field_validator("brin")(_brin)


class Board(_Model):
    name: str = Field(min_length=1)
    schools: tuple[School, ...] = Field(min_length=1)
    optional: tuple[str, ...] = ()
    """Entity types parents need not give, by the board's privacy statement (e.g. RELIGION): the
    board's exports report how often their columns are filled (``dpia.rules.fill_rates``)."""

    @field_validator("optional")
    @classmethod
    def _optional(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(ENTITY_TYPES))
        if unknown:
            raise ValueError(f"unknown entity type(s) {', '.join(unknown)}")
        return tuple(sorted(set(value)))


class Source(_Model):
    """A board export: the pupil administration the feeds are checked against."""

    file: str
    system: str
    exported: dt.date | None = None
    """The day the export was taken: retention is measured on it unless a feed has its own."""


class Agreement(_Model):
    reference: str = Field(min_length=1)
    date: dt.date


class Location(_Model):
    country: str = Field(pattern=r"^[A-Z]{2}$")
    eea: bool


class SubProcessor(_Model):
    name: str = Field(min_length=1)
    country: str = Field(pattern=r"^[A-Z]{2}$")
    purpose: str = ""


class Point(StrEnum):
    """The 17 points of the Model DPIA Rijksdienst, in order: the keys under which a register may
    write an answer that the report shows (``answers:``)."""

    PROPOSAL = "proposal"
    PERSONAL_DATA = "personal_data"
    PROCESSING = "processing"
    PURPOSES = "purposes"
    PARTIES = "parties"
    INTERESTS = "interests"
    LOCATIONS = "locations"
    TECHNIQUES = "techniques"
    FRAMEWORK = "framework"
    RETENTION = "retention"
    LEGAL_BASIS = "legal_basis"
    SPECIAL_DATA = "special_data"
    PURPOSE_LIMITATION = "purpose_limitation"
    NECESSITY = "necessity"
    RIGHTS = "rights"
    RISKS = "risks"
    MEASURES = "measures"


# Answers a person wrote, keyed by point. Optional everywhere: without one, the report states the
# facts found and asks the open question.
Answers = dict[Point, Annotated[str, Field(min_length=1)]]


class SignOff(_Model):
    """Who wrote the DPIA, the data protection officer's advice, the decision and its date.
    Without a decision and its date the report is a concept."""

    author: str | None = None
    dpo_advice: str | None = None
    decision: str | None = None
    date: dt.date | None = None


class Assessment(_Model):
    """The DPIA as a document: its sign-off and the answers that hold for the whole board."""

    sign_off: SignOff = SignOff()
    answers: Answers = Field(default_factory=dict)


class Vendor(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    role: Role
    purpose: str = Field(min_length=1)
    legal_basis: LegalBasis
    agreement: Agreement
    feed: str = Field(min_length=1)
    schools: tuple[Brin, ...] = ()
    allowed: tuple[str, ...]
    date_of_birth: BirthDateForm = BirthDateForm.NONE
    k_anonymity: int = Field(default=5, ge=1)
    retention: str = Field(min_length=1)
    retention_after_leaving: str | None = None
    """The same retention, machine-checkable: an ISO 8601 period after a pupil leaves (``P3M``)."""
    consent: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_]*$")
    """With legal basis ``toestemming``: the parents' consent that grants it, as the board's
    exports record it (the column ``Toestemming <consent>``)."""
    feed_date: dt.date | None = None
    """The day the feed was taken: retention is measured on it (else on the export's date)."""
    location: Location
    transfer_mechanism: str | None = None
    sub_processors: tuple[SubProcessor, ...] = ()
    measures: tuple[str, ...] = ()
    answers: Answers = Field(default_factory=dict)
    """Answers for this processing only (``interests``, ``necessity``, ...)."""

    @field_validator("schools")
    @classmethod
    def _schools(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_brin(v) for v in value)

    @field_validator("allowed")
    @classmethod
    def _allowed(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - set(ENTITY_TYPES))
        if unknown:
            raise ValueError(f"unknown entity type(s) {', '.join(unknown)}")
        return tuple(sorted(set(value)))

    @field_validator("retention_after_leaving")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        return None if value is None else parse_duration(value).text

    @property
    def retention_period(self) -> Duration | None:
        """``retention_after_leaving`` as a period, or ``None`` when the register gives none."""
        if self.retention_after_leaving is None:
            return None
        return parse_duration(self.retention_after_leaving)

    @model_validator(mode="after")
    def _transfer(self) -> Vendor:
        if not self.location.eea and not self.transfer_mechanism:
            raise ValueError(
                f"field 'transfer_mechanism': processing in {self.location.country} "
                "(outside the EEA) needs a transfer mechanism"
            )
        if "DATE_OF_BIRTH" in self.allowed and self.date_of_birth is BirthDateForm.NONE:
            raise ValueError("field 'date_of_birth': is 'none' but allowed lists DATE_OF_BIRTH")
        if self.legal_basis is LegalBasis.TOESTEMMING and not self.consent:
            raise ValueError(
                "field 'consent': legal_basis is 'toestemming' but no consent of the board's "
                "exports is named (e.g. consent: ouderapp)"
            )
        if self.consent and self.legal_basis is not LegalBasis.TOESTEMMING:
            raise ValueError(
                f"field 'consent': names consent {self.consent!r} but legal_basis is "
                f"{self.legal_basis.value!r}, not 'toestemming'"
            )
        return self


class Register(_Model):
    schema_version: int = Field(ge=1, le=1)
    board: Board
    sources: tuple[Source, ...] = ()
    vendors: tuple[Vendor, ...] = Field(min_length=1)
    assessment: Assessment = Assessment()
    base: Path = Field(default=Path("."), exclude=True)
    """Folder of the register file: feeds and sources are relative to it."""

    @model_validator(mode="after")
    def _unique_ids(self) -> Register:
        seen: set[str] = set()
        for vendor in self.vendors:
            if vendor.id in seen:
                raise ValueError(f"vendor {vendor.id!r} field 'id': duplicate vendor id")
            seen.add(vendor.id)
        return self

    def feed_path(self, vendor: Vendor) -> Path:
        return self.base / vendor.feed

    def source_paths(self) -> list[Path]:
        return [self.base / source.file for source in self.sources]

    def vendor(self, vendor_id: str) -> Vendor:
        for vendor in self.vendors:
            if vendor.id == vendor_id:
                return vendor
        known = ", ".join(v.id for v in self.vendors)
        raise RegisterError(f"no vendor {vendor_id!r} in the register (known: {known})")


def load_register(path: Path | str) -> Register:
    """Read and check ``register.yaml``; every feed and source file must exist."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegisterError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegisterError(f"{path}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise RegisterError(f"{path}{where}: not valid YAML") from None
    if not isinstance(raw, dict):
        raise RegisterError(f"{path}: expected a mapping with board, sources and vendors")
    try:
        register = Register.model_validate({**raw, "base": path.parent})
    except ValidationError as exc:
        raise RegisterError(f"{path}: {_describe(exc, raw)}") from None
    missing = [
        f"vendor {vendor.id!r} field 'feed': no such file {vendor.feed!r}"
        for vendor in register.vendors
        if not _readable(register.feed_path(vendor))
    ] + [
        f"sources field 'file': no such file {source.file!r}"
        for source in register.sources
        if not _readable(register.base / source.file)
    ]
    if missing:
        raise RegisterError(f"{path}: " + "; ".join(missing))
    return register


def _describe(exc: ValidationError, raw: dict[str, Any]) -> str:
    """Pydantic's errors in the privacy officer's terms: which vendor, which field, what is wrong."""
    parts = []
    for error in exc.errors():
        loc = list(error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        if len(loc) >= 2 and loc[0] == "vendors" and isinstance(loc[1], int):
            vendors = raw.get("vendors") or []
            entry = vendors[loc[1]] if loc[1] < len(vendors) else {}
            name = (
                entry.get("id", f"#{loc[1] + 1}") if isinstance(entry, dict) else f"#{loc[1] + 1}"
            )
            if len(loc) == 2:  # a check across fields: its message names the field
                parts.append(f"vendor {name!r} {message}")
            else:
                field = ".".join(str(p) for p in loc[2:])
                parts.append(f"vendor {name!r} field {field!r}: {message}")
        elif not loc:
            parts.append(message)
        else:
            field = ".".join(str(p) for p in loc) or "(top level)"
            parts.append(f"field {field!r}: {message}")
    return "; ".join(parts)


def _readable(path: Path) -> bool:
    """A file, or a partitioned Parquet directory (one export)."""
    return path.is_file() or is_parquet_dir(path)
