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
from dpia.exposure._texts import Language, Reason, entity_label
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
CNIL_NAMES: dict[int, tuple[str, str]] = {
    1: ("verwaarloosbaar", "negligible"),
    2: ("beperkt", "limited"),
    3: ("aanzienlijk", "significant"),
    4: ("maximaal", "maximum"),
}
# Data categories by the severity they set on their own (before the children's raise).
_SEVERITY = {
    Category.BIJZONDER: 4,
    Category.STRAFRECHTELIJK: 4,
    Category.NATIONAAL_ID: 4,
    Category.GEVOELIG: 3,
    Category.GEWOON: 2,
}
_CATEGORY_WORDS = {
    Category.BIJZONDER: ("bijzondere persoonsgegevens", "special-category data"),
    Category.STRAFRECHTELIJK: ("strafrechtelijke gegevens", "criminal-offence data"),
    Category.NATIONAAL_ID: (
        "een nationaal identificatienummer",
        "a national identification number",
    ),
    Category.GEVOELIG: ("gevoelige gegevens", "sensitive data"),
    Category.GEWOON: ("alleen gewone persoonsgegevens", "ordinary personal data only"),
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
        return self.value if lang == "nl" else _LEVEL_EN[self]


_LEVEL_EN = {Level.LAAG: "low", Level.MIDDEN: "medium", Level.HOOG: "high"}
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
    """A register measure containing one of ``keywords`` (case-insensitive) lowers likelihood."""

    keywords: tuple[str, ...]
    reduction: int
    nl: str
    en: str

    def matches(self, measure: str) -> bool:
        text = measure.casefold()
        return any(keyword.casefold() in text for keyword in self.keywords)

    def to_dict(self) -> dict[str, Any]:
        return {
            "keywords": list(self.keywords),
            "reduction": self.reduction,
            "nl": self.nl,
            "en": self.en,
        }


# Measures against illegitimate access to the data the vendor holds. Others (penetration tests,
# logging) help find and follow up an incident but do not make one less likely: not counted.
MEASURE_RULES: tuple[MeasureRule, ...] = (
    MeasureRule(("versleutel", "encryptie", "encrypt"), 1, "versleuteling", "encryption"),
    MeasureRule(("pseudonim", "pseudonym"), 1, "pseudonimisering", "pseudonymisation"),
    MeasureRule(
        ("tweestaps", "multifactor", "mfa", "2fa", "two-factor"),
        1,
        "sterke authenticatie",
        "strong authentication",
    ),
    MeasureRule(
        ("toegang", "autorisatie", "access control", "role-based"),
        1,
        "toegangsbeperking",
        "access control",
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
) -> RiskAssessment:
    """The risk of ``vendor`` receiving entity types ``received`` (column and free-text types),
    of which the columns ``excess_columns`` go beyond its agreement (module docstring)."""
    severity, severity_reasons = _severity(received, settings.children)
    data_factors = _data_factors(excess_columns, reid)
    context_factors = _context_factors(vendor)
    likelihood_reasons = tuple(data_factors + context_factors) or (
        Reason("no_factor", "geen verhogende factoren", "no raising factors"),
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
        return MIN_LEVEL, (
            Reason(
                "no_personal_data", "ontvangt geen persoonsgegevens", "receives no personal data"
            ),
        )
    base = max(_SEVERITY[c] for c in by_category)
    reasons = []
    for category in sorted(by_category, key=lambda c: -_SEVERITY[c]):
        if _SEVERITY[category] < base:
            continue
        nl, en = _CATEGORY_WORDS[category]
        types = sorted(set(by_category[category]))
        if category in _LISTED:
            nl += f" ({', '.join(entity_label(t, 'nl') for t in types)})"
            en += f" ({', '.join(entity_label(t, 'en') for t in types)})"
        reasons.append(Reason(f"receives_{category.value}", f"ontvangt {nl}", f"receives {en}"))
    severity = base
    if children and base < MAX_LEVEL:
        severity = base + 1
        reasons.append(
            Reason(
                "children",
                "gegevens van kinderen, een kwetsbare groep: ernst +1",
                "data of children, a vulnerable group: severity +1",
            )
        )
    return severity, tuple(reasons)


def _data_factors(excess_columns: Sequence[str], reid: Reidentification) -> list[Reason]:
    factors = []
    columns = sorted(set(excess_columns))
    if columns:
        names = ", ".join(f"`{c}`" for c in columns)
        factors.append(
            Reason(
                "excess",
                f"stuurt {len(columns)} {'kolom' if len(columns) == 1 else 'kolommen'} "
                f"buiten de overeenkomst ({names})",
                f"sends {len(columns)} {'column' if len(columns) == 1 else 'columns'} "
                f"beyond the agreement ({names})",
            )
        )
    if len(columns) >= MANY_EXCESS:
        factors.append(
            Reason(
                "many_excess",
                f"{MANY_EXCESS} of meer kolommen te veel",
                f"{MANY_EXCESS} or more excess columns",
            )
        )
    if reid.below_threshold:
        over = ", ".join(f"`{c}`" for c in reid.columns)
        factors.append(
            Reason(
                "reidentifiable",
                f"herleidbaar: k = {reid.k}, onder de afgesproken {reid.threshold} ({over})",
                f"re-identifiable: k = {reid.k}, below the agreed {reid.threshold} ({over})",
            )
        )
    return factors


def _context_factors(vendor: Vendor) -> list[Reason]:
    factors = []
    outside = sorted({s.country for s in vendor.sub_processors if s.country not in EEA_COUNTRIES})
    if not vendor.location.eea or outside:
        where = sorted({*outside, *([] if vendor.location.eea else [vendor.location.country])})
        mechanism = f"; {vendor.transfer_mechanism}" if vendor.transfer_mechanism else ""
        factors.append(
            Reason(
                "outside_eea",
                f"verwerking of doorgifte buiten de EER ({', '.join(where)}{mechanism})",
                f"processing or transfer outside the EEA ({', '.join(where)}{mechanism})",
            )
        )
    if vendor.sub_processors:
        count = len(vendor.sub_processors)
        factors.append(
            Reason(
                "sub_processors",
                f"{count} {'subverwerker' if count == 1 else 'subverwerkers'}",
                f"{count} {'sub-processor' if count == 1 else 'sub-processors'}",
            )
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
            Reason(
                "measure",
                f"maatregel '{measure}' ({rule.nl})",
                f"measure '{measure}' ({rule.en})",
            )
        )
    reduction = min(total, settings.max_reduction)
    if not counted:
        reasons.append(
            Reason(
                "no_measure",
                "geen maatregel die de kans verlaagt",
                "no measure that lowers the likelihood",
            )
        )
    elif reduction:
        reasons.append(
            Reason(
                "reduction",
                f"maatregelen samen: kans -{reduction} (ten hoogste {settings.max_reduction})",
                f"measures together: likelihood -{reduction} (at most {settings.max_reduction})",
            )
        )
    residual = max(MIN_LEVEL, likelihood - reduction)
    if residual < floor:
        residual = floor
        reasons.append(
            Reason(
                "floor",
                f"te veel of herleidbare gegevens: maatregelen verlagen de kans niet onder {floor}",
                f"excess or re-identifiable data: measures do not lower the likelihood below {floor}",
            )
        )
    reasons.append(
        Reason(
            "severity_unchanged",
            "ernst blijft gelijk: maatregelen werken op de kans, niet op de gegevens",
            "severity unchanged: measures act on the likelihood, not on the data",
        )
    )
    return residual, tuple(reasons), tuple(counted), tuple(not_counted)
