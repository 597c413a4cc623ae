"""The public entity vocabulary: every entity type, its Model DPIA category, art. 9/10 subtype and weight.

This is a shared promise (CLI, JSON, tests and notebooks use exactly these names), so it is data,
not logic: one frozen record per entity type.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    """The five types of personal data of the Dutch government's Model DPIA (2.1.4)."""

    GEWOON = "gewoon"
    GEVOELIG = "gevoelig"
    BIJZONDER = "bijzonder"
    STRAFRECHTELIJK = "strafrechtelijk"
    NATIONAAL_ID = "nationaal_identificatienummer"


class Group(StrEnum):
    """Families of entity types, used to order tables and charts."""

    IDENTIFIER = "identifier"
    CONTACT = "contact"
    LOCATION = "location"
    DEMOGRAPHIC = "demographic"
    FINANCIAL_ONLINE = "financial_online"
    PHOTO = "photo"
    SPECIAL = "special"
    CRIMINAL = "criminal"
    CARE = "care"
    PROSE = "prose"


@dataclass(frozen=True)
class EntityType:
    """One entity type of the vocabulary.

    ``weight`` is the exposure weight of one data subject's value of this type (documented in the
    README): ordinary 1, sensitive 2, national identifier 3, special and criminal 4.
    ``quasi_identifier`` marks types that, combined, can single a pupil out (k-anonymity input).
    """

    name: str
    category: Category
    group: Group
    special: bool = False
    quasi_identifier: bool = False
    proxy_for_origin: bool = False

    @property
    def weight(self) -> int:
        return _WEIGHTS[self.category]


_WEIGHTS = {
    Category.GEWOON: 1,
    Category.GEVOELIG: 2,
    Category.NATIONAAL_ID: 3,
    Category.BIJZONDER: 4,
    Category.STRAFRECHTELIJK: 4,
}

_C = Category
_G = Group

ENTITY_TYPES: dict[str, EntityType] = {
    e.name: e
    for e in (
        EntityType("PERSON", _C.GEWOON, _G.IDENTIFIER),
        EntityType("NL_BSN", _C.NATIONAAL_ID, _G.IDENTIFIER),
        EntityType("NL_ONDERWIJSNUMMER", _C.NATIONAAL_ID, _G.IDENTIFIER),
        EntityType("ECK_ID", _C.GEWOON, _G.IDENTIFIER),
        EntityType("STUDENT_NUMBER", _C.GEWOON, _G.IDENTIFIER),
        EntityType("EMAIL_ADDRESS", _C.GEWOON, _G.CONTACT),
        EntityType("PHONE_NUMBER", _C.GEWOON, _G.CONTACT),
        EntityType("STREET_ADDRESS", _C.GEWOON, _G.LOCATION, quasi_identifier=True),
        EntityType("NL_POSTCODE", _C.GEWOON, _G.LOCATION, quasi_identifier=True),
        EntityType("LOCATION", _C.GEWOON, _G.LOCATION, quasi_identifier=True),
        EntityType("DATE_OF_BIRTH", _C.GEWOON, _G.DEMOGRAPHIC, quasi_identifier=True),
        EntityType("GENDER", _C.GEWOON, _G.DEMOGRAPHIC, quasi_identifier=True),
        EntityType(
            "NATIONALITY", _C.GEVOELIG, _G.DEMOGRAPHIC, quasi_identifier=True, proxy_for_origin=True
        ),
        EntityType("IBAN_CODE", _C.GEVOELIG, _G.FINANCIAL_ONLINE),
        EntityType("CREDIT_CARD", _C.GEVOELIG, _G.FINANCIAL_ONLINE),
        EntityType("IP_ADDRESS", _C.GEWOON, _G.FINANCIAL_ONLINE),
        EntityType("URL", _C.GEWOON, _G.FINANCIAL_ONLINE),
        EntityType("PHOTO", _C.GEWOON, _G.PHOTO),
        EntityType("RELIGION", _C.BIJZONDER, _G.SPECIAL, special=True),
        EntityType("HEALTH", _C.BIJZONDER, _G.SPECIAL, special=True),
        EntityType("ETHNIC_ORIGIN", _C.BIJZONDER, _G.SPECIAL, special=True),
        EntityType("SEXUAL_ORIENTATION", _C.BIJZONDER, _G.SPECIAL, special=True),
        EntityType("POLITICAL_OPINION", _C.BIJZONDER, _G.SPECIAL, special=True),
        EntityType("TRADE_UNION", _C.BIJZONDER, _G.SPECIAL, special=True),
        EntityType("BIOMETRIC", _C.BIJZONDER, _G.SPECIAL, special=True),
        EntityType("GENETIC", _C.BIJZONDER, _G.SPECIAL, special=True),
        EntityType("CRIMINAL", _C.STRAFRECHTELIJK, _G.CRIMINAL, special=True),
        EntityType("PUPIL_CARE", _C.GEVOELIG, _G.CARE),
        EntityType("FREE_TEXT", _C.GEWOON, _G.PROSE),
        # Types for tables written by others (docs/detection.md, "International tables").
        EntityType("IDENTIFIER", _C.GEWOON, _G.IDENTIFIER),
        EntityType("NATIONAL_ID", _C.NATIONAAL_ID, _G.IDENTIFIER),
        EntityType("ONLINE_ID", _C.GEWOON, _G.IDENTIFIER),
        EntityType("POSTCODE", _C.GEWOON, _G.LOCATION, quasi_identifier=True),
        # Location data are "gevoelig" in the Model DPIA (2.1.4), a place of residence is not.
        EntityType("GEO_COORDINATES", _C.GEVOELIG, _G.LOCATION, quasi_identifier=True),
        EntityType("AGE", _C.GEWOON, _G.DEMOGRAPHIC, quasi_identifier=True),
        EntityType("MARITAL_STATUS", _C.GEWOON, _G.DEMOGRAPHIC, quasi_identifier=True),
        EntityType("OCCUPATION", _C.GEWOON, _G.DEMOGRAPHIC, quasi_identifier=True),
        # A spoken or home language is a proxy for origin, as a nationality is.
        EntityType(
            "LANGUAGE", _C.GEVOELIG, _G.DEMOGRAPHIC, quasi_identifier=True, proxy_for_origin=True
        ),
        EntityType("DEVICE_ID", _C.GEWOON, _G.FINANCIAL_ONLINE),
        # A password or token opens the person's account: "gevoelig" like financial data.
        EntityType("CREDENTIAL", _C.GEVOELIG, _G.FINANCIAL_ONLINE),
    )
}

ENTITY_NAMES: tuple[str, ...] = tuple(ENTITY_TYPES)
SPECIAL_TYPES: tuple[str, ...] = tuple(n for n, e in ENTITY_TYPES.items() if e.special)
QUASI_IDENTIFIERS: tuple[str, ...] = tuple(n for n, e in ENTITY_TYPES.items() if e.quasi_identifier)
# The Dutch national identification numbers (UAVG art. 46), which validation checks cell by cell
# (``dpia.detect.national_id``). Other countries' numbers (NATIONAL_ID) share their category and
# weight; validation finds them through the scan's findings (the allowed-entities check).
NATIONAL_IDS: tuple[str, ...] = tuple(
    n for n, e in ENTITY_TYPES.items() if e.category is Category.NATIONAAL_ID and n != "NATIONAL_ID"
)


def entity(name: str) -> EntityType:
    """The entity type called ``name``; ``KeyError`` names the unknown type."""
    try:
        return ENTITY_TYPES[name]
    except KeyError:
        raise KeyError(f"unknown entity type {name!r}") from None
