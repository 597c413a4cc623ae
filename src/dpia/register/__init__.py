"""Stage 2, the register: the entity vocabulary and the board's processing register.

``ENTITY_TYPES`` (with ``entity``) is the public vocabulary of entity types, their Model DPIA
categories and weights; ``load_register`` reads ``register.yaml`` into a typed ``Register`` or
raises ``RegisterError`` with one line naming the vendor and the field; ``parse_duration`` reads
a retention period (``P3M``) as the register's ``retention_after_leaving`` gives it.
"""

from __future__ import annotations

from dpia.register._duration import Duration, parse_duration
from dpia.register._policy import (
    Assessment,
    BirthDateForm,
    LegalBasis,
    Point,
    Register,
    RegisterError,
    Role,
    SignOff,
    Vendor,
    load_register,
)
from dpia.register._taxonomy import (
    ENTITY_NAMES,
    ENTITY_TYPES,
    NATIONAL_IDS,
    QUASI_IDENTIFIERS,
    SPECIAL_TYPES,
    Category,
    EntityType,
    Group,
    entity,
)

__all__ = [
    "ENTITY_NAMES",
    "ENTITY_TYPES",
    "NATIONAL_IDS",
    "QUASI_IDENTIFIERS",
    "SPECIAL_TYPES",
    "Assessment",
    "BirthDateForm",
    "Category",
    "Duration",
    "EntityType",
    "Group",
    "LegalBasis",
    "Point",
    "Register",
    "RegisterError",
    "Role",
    "SignOff",
    "Vendor",
    "entity",
    "load_register",
    "parse_duration",
]
