"""Risk per vendor: severity and likelihood on CNIL's 1-4 scales, mapped to the Rijksmodel level.

CNIL rates a risk (here: illegitimate access to the pupils' data through this vendor) on two scales
of 1 negligible, 2 limited, 3 significant, 4 maximum. Every level comes with its reasons.

**Severity** is set by the most protected data the vendor receives, allowed or not: special
(art. 9), criminal (art. 10) or a national identification number (UAVG art. 46) 4; sensitive 3;
ordinary 2; no personal data 1. Children are a vulnerable group (the Dutch prescan weighs "children
under 16" heavily), so personal data of children raises severity by one, up to 4
(``RiskSettings.children``, on by default: a school board's feeds are about pupils).

**Likelihood** starts at 1 and each factor present adds one, up to 4:

* data the agreement does not allow (any excess column);
* three or more excess columns (``MANY_EXCESS``): the more that is sent, the more can leak. Columns,
  not types: a free-text column counts once however many types its notes mention;
* re-identifiable: quasi-identifiers give k below the agreement's k;
* processing, or a sub-processor, outside the EEA;
* sub-processors: the data reaches parties beyond the vendor.

**Residual** risk applies the measures the register lists through a data table
(``MEASURE_RULES``: keywords -> likelihood reduction; a user passes their own in
``RiskSettings``). Measures are declared, not verified, and several measures against the same
threat do not multiply, so together they lower likelihood by at most ``max_reduction`` (1).
They secure data the vendor holds; they cannot undo data it should never have had, so residual
likelihood never drops below 1 + the data factors (excess, many excess, re-identifiable).
Severity is a property of the data: measures leave it as it is.

**Rijksmodel level** (``rijksmodel``). Each CNIL level maps to laag/midden/hoog as 1 -> laag,
2-3 -> midden, 4 -> hoog: only "negligible" is low enough to be laag and only "maximum" is hoog.
Mapping 1-2 to laag would be too lenient under the Rijksmodel's rule that any laag makes the whole
risk laag: a limited likelihood of leaking children's health notes would come out laag. The
matrix: any laag gives laag, midden x midden gives midden, hoog with at least midden gives hoog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dpia.exposure._reidentification import Reidentification
from dpia.exposure._texts import Reason
from dpia.messages import LANGUAGES, Language, Message, render
from dpia.register import Category, Vendor, entity

MIN_LEVEL, MAX_LEVEL = 1, 4
MANY_EXCESS = 3
# EU member states plus Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2; Greece is GR).
# fmt: off
EEA_COUNTRIES = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
})
# fmt: on
# Data categories by the severity they set on their own (before the children's raise).
_SEVERITY = {
    Category.BIJZONDER: 4,
    Category.STRAFRECHTELIJK: 4,
    Category.NATIONAAL_ID: 4,
    Category.GEVOELIG: 3,
    Category.GEWOON: 2,
}
# Categories whose reason names the types received ("gezondheid, godsdienst"); the others'
# names say it all.
_LISTED = frozenset({Category.BIJZONDER, Category.NATIONAAL_ID, Category.GEVOELIG})


class Level(StrEnum):
    """The Rijksmodel's three levels."""

    LAAG = "laag"
    MIDDEN = "midden"
    HOOG = "hoog"

    def label(self, lang: Language) -> str:
        return render(f"level.{self.value}", lang)


CNIL_TO_LEVEL: dict[int, Level] = {1: Level.LAAG, 2: Level.MIDDEN, 3: Level.MIDDEN, 4: Level.HOOG}


def rijksmodel(severity: int, likelihood: int) -> Level:
    """The Rijksmodel level of a CNIL severity x likelihood (module docstring)."""
    impact, chance = _level(severity), _level(likelihood)
    if Level.LAAG in (impact, chance):
        return Level.LAAG
    if Level.HOOG in (impact, chance):
        return Level.HOOG
    return Level.MIDDEN


def _level(value: int) -> Level:
    if value not in CNIL_TO_LEVEL:
        raise ValueError(f"CNIL levels run from 1 to 4, not {value}")
    return CNIL_TO_LEVEL[value]


@dataclass(frozen=True)
class MeasureRule:
    """A register measure containing one of ``keywords`` (case-insensitive) lowers likelihood.

    ``name`` says what kind of measure it is; a rule of a user's own can name itself with
    ``Message("measure_rule.own", name=...)``.
    """

    keywords: tuple[str, ...]
    reduction: int
    name: Message

    def matches(self, measure: str) -> bool:
        text = measure.casefold()
        return any(keyword.casefold() in text for keyword in self.keywords)

    def to_dict(self) -> dict[str, Any]:
        return {
            "keywords": list(self.keywords),
            "reduction": self.reduction,
            **{lang: render(self.name, lang) for lang in LANGUAGES},
        }


# Measures against illegitimate access to the data the vendor holds. Others (penetration tests,
# logging) help find and follow up an incident but do not make one less likely: not counted.
MEASURE_RULES: tuple[MeasureRule, ...] = (
    MeasureRule(("versleutel", "encryptie", "encrypt"), 1, Message("measure_rule.encryption")),
    MeasureRule(("pseudonim", "pseudonym"), 1, Message("measure_rule.pseudonymisation")),
    MeasureRule(
        ("tweestaps", "multifactor", "mfa", "2fa", "two-factor"),
        1,
        Message("measure_rule.strong_authentication"),
    ),
    MeasureRule(
        ("toegang", "autorisatie", "access control", "role-based"),
        1,
        Message("measure_rule.access_control"),
    ),
)


@dataclass(frozen=True)
class RiskSettings:
    """The defaults of the rules above, each a choice a user can override."""

    children: bool = True
    measure_rules: tuple[MeasureRule, ...] = MEASURE_RULES
    max_reduction: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "children": self.children,
            "max_reduction": self.max_reduction,
            "measure_rules": [rule.to_dict() for rule in self.measure_rules],
            "many_excess": MANY_EXCESS,
            "cnil_to_rijksmodel": {str(k): v.value for k, v in CNIL_TO_LEVEL.items()},
        }


DEFAULT_SETTINGS = RiskSettings()


@dataclass(frozen=True)
class Rating:
    """One CNIL severity x likelihood and its Rijksmodel level."""

    severity: int
    likelihood: int

    @property
    def level(self) -> Level:
        return rijksmodel(self.severity, self.likelihood)


@dataclass(frozen=True)
class RiskAssessment:
    """Inherent (from the data) and residual (after the register's measures) risk, with reasons."""

    inherent: Rating
    residual: Rating
    severity_reasons: tuple[Reason, ...]
    likelihood_reasons: tuple[Reason, ...]
    residual_reasons: tuple[Reason, ...]
    measures_counted: tuple[str, ...] = ()
    measures_not_counted: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": {"inherent": self.inherent.severity, "residual": self.residual.severity},
            "likelihood": {
                "inherent": self.inherent.likelihood,
                "residual": self.residual.likelihood,
            },
            "risk_level": {
                "inherent": self.inherent.level.value,
                "residual": self.residual.level.value,
            },
            "reasons": {
                "severity": [r.to_dict() for r in self.severity_reasons],
                "likelihood": [r.to_dict() for r in self.likelihood_reasons],
                "residual": [r.to_dict() for r in self.residual_reasons],
            },
            "measures": {
                "counted": list(self.measures_counted),
                "not_counted": list(self.measures_not_counted),
            },
        }


def assess(
    vendor: Vendor,
    received: Sequence[str],
    excess_columns: Sequence[str],
    reid: Reidentification,
    settings: RiskSettings = DEFAULT_SETTINGS,
    excess_pupils: Sequence[tuple[str, int]] = (),
) -> RiskAssessment:
    """The risk of ``vendor`` receiving entity types ``received`` (column and free-text types),
    of which the columns ``excess_columns`` go beyond its agreement (module docstring).
    ``excess_pupils`` are the checks of the board's promises that found pupils (or rows) the
    vendor should not have, with their counts: rows beyond the agreement raise the likelihood as
    columns beyond it do."""
    severity, severity_reasons = _severity(received, settings.children)
    data_factors = _data_factors(excess_columns, reid)
    found = tuple((check, count) for check, count in excess_pupils if count > 0)
    if found:
        checks = tuple(
            Message(f"reason.likelihood.excess_pupils.{check}", count=count)
            for check, count in found
        )
        data_factors.append(
            Reason("excess_pupils", Message("reason.likelihood.excess_pupils", checks=checks))
        )
    context_factors = _context_factors(vendor)
    likelihood_reasons = tuple(data_factors + context_factors) or (
        Reason("no_factor", Message("reason.likelihood.none")),
    )
    likelihood = min(MAX_LEVEL, MIN_LEVEL + len(data_factors) + len(context_factors))
    residual, residual_reasons, counted, not_counted = _residual(
        vendor, likelihood, min(MAX_LEVEL, MIN_LEVEL + len(data_factors)), settings
    )
    return RiskAssessment(
        inherent=Rating(severity, likelihood),
        residual=Rating(severity, residual),
        severity_reasons=severity_reasons,
        likelihood_reasons=likelihood_reasons,
        residual_reasons=residual_reasons,
        measures_counted=counted,
        measures_not_counted=not_counted,
    )


def _severity(received: Sequence[str], children: bool) -> tuple[int, tuple[Reason, ...]]:
    by_category: dict[Category, list[str]] = {}
    for name in received:
        by_category.setdefault(entity(name).category, []).append(name)
    if not by_category:
        return MIN_LEVEL, (Reason("no_personal_data", Message("reason.severity.none")),)
    base = max(_SEVERITY[c] for c in by_category)
    reasons = []
    for category in sorted(by_category, key=lambda c: -_SEVERITY[c]):
        if _SEVERITY[category] < base:
            continue
        code = f"reason.severity.{category.value}"
        types = tuple(sorted(set(by_category[category])))
        message = Message(code, entities=types) if category in _LISTED else Message(code)
        reasons.append(Reason(f"receives_{category.value}", message))
    severity = base
    if children and base < MAX_LEVEL:
        severity = base + 1
        reasons.append(Reason("children", Message("reason.severity.children")))
    return severity, tuple(reasons)


def _data_factors(excess_columns: Sequence[str], reid: Reidentification) -> list[Reason]:
    factors = []
    columns = sorted(set(excess_columns))
    if columns:
        message = Message("reason.likelihood.excess", count=len(columns), columns=tuple(columns))
        factors.append(Reason("excess", message))
    if len(columns) >= MANY_EXCESS:
        factors.append(
            Reason("many_excess", Message("reason.likelihood.many_excess", many=MANY_EXCESS))
        )
    if reid.below_threshold:
        message = Message(
            "reason.likelihood.reidentifiable",
            k=reid.k,
            threshold=reid.threshold,
            columns=reid.columns,
        )
        factors.append(Reason("reidentifiable", message))
    return factors


def _context_factors(vendor: Vendor) -> list[Reason]:
    factors = []
    outside = sorted({s.country for s in vendor.sub_processors if s.country not in EEA_COUNTRIES})
    if not vendor.location.eea or outside:
        where = tuple(
            sorted({*outside, *([] if vendor.location.eea else [vendor.location.country])})
        )
        message = (
            Message(
                "reason.likelihood.outside_eea_mechanism",
                countries=where,
                mechanism=vendor.transfer_mechanism,
            )
            if vendor.transfer_mechanism
            else Message("reason.likelihood.outside_eea", countries=where)
        )
        factors.append(Reason("outside_eea", message))
    if vendor.sub_processors:
        count = len(vendor.sub_processors)
        factors.append(
            Reason("sub_processors", Message("reason.likelihood.sub_processors", count=count))
        )
    return factors


def _residual(
    vendor: Vendor, likelihood: int, floor: int, settings: RiskSettings
) -> tuple[int, tuple[Reason, ...], tuple[str, ...], tuple[str, ...]]:
    reasons: list[Reason] = []
    counted: list[str] = []
    not_counted: list[str] = []
    total = 0
    for measure in vendor.measures:
        rule = next((r for r in settings.measure_rules if r.matches(measure)), None)
        if rule is None or rule.reduction <= 0:
            not_counted.append(measure)
            continue
        counted.append(measure)
        total += rule.reduction
        reasons.append(
            Reason("measure", Message("reason.residual.measure", measure=measure, rule=rule.name))
        )
    reduction = min(total, settings.max_reduction)
    if not counted:
        reasons.append(Reason("no_measure", Message("reason.residual.no_measure")))
    elif reduction:
        message = Message(
            "reason.residual.reduction", reduction=reduction, most=settings.max_reduction
        )
        reasons.append(Reason("reduction", message))
    residual = max(MIN_LEVEL, likelihood - reduction)
    if residual < floor:
        residual = floor
        reasons.append(Reason("floor", Message("reason.residual.floor", floor=floor)))
    reasons.append(Reason("severity_unchanged", Message("reason.residual.severity_unchanged")))
    return residual, tuple(reasons), tuple(counted), tuple(not_counted)
