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


# --- tables written by others (issue 13) -----------------------------------------------------


@pytest.mark.parametrize(
    ("header", "normalised"),
    [
        ("dateOfBirth", "date of birth"),
        ("birth_dt", "birth date"),
        ("guardianLastName", "guardian last name"),
        ("HomePhone", "home phone"),
        ("MothersMaiden", "mother maiden"),
        ("CCNumber", "credit card number"),
        ("race___0", "race"),
        ("addr_line_1", "address line"),
        ("person/id", "person id"),
        ("contact.no", "contact nummer"),
        ("klantnummer", "klant nummer"),
        ("caseid", "case id"),
        ("ECK iD", "eck id"),
        ("E-Mail-Adressen", "e mail adresse"),
    ],
)
def test_header_words(header: str, normalised: str) -> None:
    assert normalise(header) == normalised


@pytest.mark.parametrize(
    ("header", "entity"),
    [
        ("dateOfBirth", "DATE_OF_BIRTH"),
        ("Geburtsdatum", "DATE_OF_BIRTH"),
        ("date_de_naissance", "DATE_OF_BIRTH"),
        ("guardianLastName", "PERSON"),
        ("MothersMaiden", "PERSON"),
        ("Nachname", "PERSON"),
        ("teacher", "PERSON"),
        ("judge", "PERSON"),
        ("contact person", "PERSON"),
        ("HomePhone", "PHONE_NUMBER"),
        ("TelephoneNumber", "PHONE_NUMBER"),
        ("contact_no", "PHONE_NUMBER"),
        ("CCNumber", "CREDIT_CARD"),
        ("Username", "ONLINE_ID"),
        ("Passwort", "CREDENTIAL"),
        ("mot_de_passe", "CREDENTIAL"),
        ("imei", "DEVICE_ID"),
        ("mac_address", "DEVICE_ID"),
        ("latitude", "GEO_COORDINATES"),
        ("latlong", "GEO_COORDINATES"),
        ("age", "AGE"),
        ("Leeftijd", "AGE"),
        ("yrs", "AGE"),
        ("marital_status", "MARITAL_STATUS"),
        ("Familienstand", "MARITAL_STATUS"),
        ("occupation", "OCCUPATION"),
        ("Beruf", "OCCUPATION"),
        ("spoken_lang", "LANGUAGE"),
        ("langue_maternelle", "LANGUAGE"),
        ("ssn", "NATIONAL_ID"),
        ("passport_number", "NATIONAL_ID"),
        ("Personalausweis", "NATIONAL_ID"),
        ("zip_cd", "NL_POSTCODE"),
        ("Postleitzahl", "NL_POSTCODE"),
        ("user_id", "IDENTIFIER"),
        ("customerId", "IDENTIFIER"),
        ("klantnummer", "IDENTIFIER"),
        ("record_id", "IDENTIFIER"),
        ("reference_number", "IDENTIFIER"),
    ],
)
def test_international_headers(header: str, entity: str) -> None:
    evidence = classify_header(header)
    assert (evidence.entity, evidence.non_personal, evidence.meta) == (entity, False, ())


@pytest.mark.parametrize(
    ("header", "entity"),
    [
        # Four languages, codes and one-hot columns: the header alone names the special category.
        ("race___0", "ETHNIC_ORIGIN"),
        ("ethnicity_code", "ETHNIC_ORIGIN"),
        ("ethnic_cd", "ETHNIC_ORIGIN"),
        ("Ethnische Herkunft", "ETHNIC_ORIGIN"),
        ("origine_ethnique", "ETHNIC_ORIGIN"),
        ("religion_id", "RELIGION"),
        ("Konfession", "RELIGION"),
        ("has_disability", "HEALTH"),
        ("diagnosis_code", "HEALTH"),
        ("icd10", "HEALTH"),
        ("Behinderung", "HEALTH"),
        ("sexual_orientation", "SEXUAL_ORIENTATION"),
        ("orientation_sexuelle", "SEXUAL_ORIENTATION"),
        ("union_member", "TRADE_UNION"),
        ("Gewerkschaft", "TRADE_UNION"),
        ("criminal_record", "CRIMINAL"),
        ("casier_judiciaire", "CRIMINAL"),
        ("Vorstrafen", "CRIMINAL"),
    ],
)
def test_special_category_headers(header: str, entity: str) -> None:
    assert classify_header(header).entity == entity


@pytest.mark.parametrize(
    ("header", "entity", "meta"),
    [
        ("is_email_active", "EMAIL_ADDRESS", ("is", "active")),
        ("allow_bulk_email", "EMAIL_ADDRESS", ("allow", "bulk")),
        ("address_type", "STREET_ADDRESS", ("type",)),
        ("phone_confirmed", "PHONE_NUMBER", ("confirmed",)),
        ("has_photo", "PHOTO", ("has",)),
        ("name_type", "PERSON", ("type",)),
    ],
)
def test_meta_headers(header: str, entity: str, meta: tuple[str, ...]) -> None:
    evidence = classify_header(header)
    assert (evidence.entity, evidence.meta) == (entity, meta)


@pytest.mark.parametrize(
    "header",
    ["form_name", "Company", "CCType", "TelephoneCountryCode", "school_id", "Number", "NameSet"],
)
def test_not_a_person(header: str) -> None:
    assert classify_header(header).entity is None


@pytest.mark.parametrize(
    ("header", "person"), [("user_id", True), ("klant_nr", True), ("case_id", False)]
)
def test_identifier_headers_say_whose(header: str, person: bool) -> None:
    evidence = classify_header(header)
    assert (evidence.entity, evidence.person) == ("IDENTIFIER", person)
