"""Header evidence: Dutch and English headers, abbreviations, and non-personal look-alikes."""

from __future__ import annotations

import pytest

from dpia.detect._headers import classify_header, normalise


@pytest.mark.parametrize(
    ("header", "normalised"),
    [
        ("Geb. datum", "geboorte datum"),
        ("tel.", "telefoon"),
        ("PC", "postcode"),
        ("Tussenv.", "tussenvoegsel"),
        ("Allergieën", "allergieen"),
        ("E-mail ouder/verzorger", "e mail ouder verzorger"),
        ("  leerling_ID ", "leerling id"),
        ("Lln.nr.", "leerling nummer"),
    ],
)
def test_normalise(header: str, normalised: str) -> None:
    assert normalise(header) == normalised


@pytest.mark.parametrize(
    ("header", "entity"),
    [
        ("Leerlingnummer", "STUDENT_NUMBER"),
        ("Lln.nr.", "STUDENT_NUMBER"),
        ("Achternaam", "PERSON"),
        ("voorvoegsel", "PERSON"),
        ("Roepnaam", "PERSON"),
        ("Geb. datum", "DATE_OF_BIRTH"),
        ("gebdat", "DATE_OF_BIRTH"),
        ("Date of birth", "DATE_OF_BIRTH"),
        ("Geslacht", "GENDER"),
        ("BSN", "NL_BSN"),
        ("Burgerservicenummer", "NL_BSN"),
        ("Onderwijsnummer", "NL_ONDERWIJSNUMMER"),
        ("leerling_eckid", "ECK_ID"),
        ("ECK iD", "ECK_ID"),
        ("E-mail ouder/verzorger", "EMAIL_ADDRESS"),
        ("tel.", "PHONE_NUMBER"),
        ("Straat", "STREET_ADDRESS"),
        ("pc", "NL_POSTCODE"),
        ("Woonplaats", "LOCATION"),
        ("Geboorteplaats", "LOCATION"),
        ("land_van_geboorte", "NATIONALITY"),
        ("Thuistaal", "NATIONALITY"),
        ("Levensbeschouwing", "RELIGION"),
        ("Medische gegevens", "HEALTH"),
        ("Allergieën", "HEALTH"),
        ("Zorgniveau", "PUPIL_CARE"),
        ("Notitie leerkracht", "FREE_TEXT"),
        ("opmerkingen", "FREE_TEXT"),
        ("fotourl", "PHOTO"),
    ],
)
def test_personal_headers(header: str, entity: str) -> None:
    evidence = classify_header(header)
    assert (evidence.entity, evidence.non_personal) == (entity, False)


@pytest.mark.parametrize(
    "header",
    [
        "School",
        "schoolnaam",
        "Naam school",
        "vestigingsnaam",
        "BRIN",
        "brincode",
        "Groep",
        "Jaargroep",
        "klas",
        "Datum inschrijving",
        "bestelnummer",
        "licentiecode",
        "toetsscore",
        "schooljaar",
    ],
)
def test_non_personal_headers(header: str) -> None:
    evidence = classify_header(header)
    assert (evidence.entity, evidence.non_personal) == (None, True)


@pytest.mark.parametrize("header", ["kolom1", "x", "waarde", "Unnamed: 3"])
def test_unknown_headers_say_nothing(header: str) -> None:
    evidence = classify_header(header)
    assert (evidence.entity, evidence.non_personal) == (None, False)
