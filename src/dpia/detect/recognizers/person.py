"""PERSON: any part of a personal name (first name, surname, tussenvoegsel, initials)."""

from __future__ import annotations

from dpia.detect.recognizers.deduce_backed import DeduceBackedRecognizer

CONTEXT = [
    "naam",
    "namen",
    "voornaam",
    "voornamen",
    "roepnaam",
    "achternaam",
    "geslachtsnaam",
    "familienaam",
    "tussenvoegsel",
    "tussenvoegsels",
    "voorvoegsel",
    "voorletters",
    "initialen",
    "leerling",
    "ouder",
    "moeder",
    "vader",
    "verzorger",
    "docent",
    "leerkracht",
    "mentor",
    "contactpersoon",
    "name",
    "first name",
    "given name",
    "last name",
    "surname",
    "family name",
    "initials",
    "pupil",
    "student",
    "parent",
    "teacher",
]


class PersonRecognizer(DeduceBackedRecognizer):
    """Names from Deduce: list lookups for cells, the annotator for prose."""

    ENTITY = "PERSON"
    CONTEXT = CONTEXT
