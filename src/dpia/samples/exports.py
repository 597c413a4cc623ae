"""The two pupil-administration exports: ParnasSys (CSV, Windows-1252) and Esis (xlsx)."""

from __future__ import annotations

import datetime as dt

from dpia.samples import vocab
from dpia.samples.people import Pupil
from dpia.samples.promises import CONSENT_HEADERS
from dpia.samples.tables import Column, CsvFormat, Table, XlsxFormat, col, free_text

PARNASSYS_PATH = "parnassys_leerlingen.csv"
ESIS_PATH = "esis_leerlingen.xlsx"


def dmy(day: dt.date) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def _consents(pupils: list[Pupil], which: int) -> tuple[Column, ...]:
    """One column per consent ParnasSys records (Ja, Nee, or empty: not recorded)."""
    return tuple(
        col(headers[which], None, [p.toestemmingen[consent] for p in pupils])
        for consent, headers in CONSENT_HEADERS.items()
    )


def parnassys(pupils: list[Pupil]) -> Table:
    """The ParnasSys-style export: ``;``, Windows-1252, CRLF, Dutch headers."""
    p = pupils
    columns = (
        col("Leerlingnummer", "STUDENT_NUMBER", [x.number for x in p]),
        col("Achternaam", "PERSON", [x.achternaam for x in p]),
        col("Tussenvoegsel", "PERSON", [x.tussenvoegsel for x in p]),
        col("Voornamen", "PERSON", [x.voornamen for x in p]),
        col("Roepnaam", "PERSON", [x.roepnaam for x in p]),
        col("Geboortedatum", "DATE_OF_BIRTH", [dmy(x.geboortedatum) for x in p]),
        col("Geslacht", "GENDER", [x.geslacht for x in p]),
        col("BSN", "NL_BSN", [x.bsn for x in p]),
        col("Onderwijsnummer", "NL_ONDERWIJSNUMMER", [x.onderwijsnummer for x in p]),
        col("Straat", "STREET_ADDRESS", [x.straat for x in p]),
        col("Huisnummer", "STREET_ADDRESS", [x.huisnummer for x in p]),
        col("Postcode", "NL_POSTCODE", [x.postcode for x in p]),
        col("Woonplaats", "LOCATION", [x.woonplaats for x in p]),
        col("Telefoon", "PHONE_NUMBER", [x.telefoon for x in p]),
        col("E-mail ouder/verzorger", "EMAIL_ADDRESS", [x.email_ouder for x in p]),
        col("School", None, [x.school.name for x in p]),
        col("BRIN", None, [x.school.brin for x in p]),
        col("Groep", None, [x.groep for x in p]),
        col("Jaargroep", None, [str(x.jaargroep) for x in p]),
        col("Datum inschrijving", None, [dmy(x.inschrijving) for x in p]),
        col(
            "Datum uitschrijving",
            None,
            [dmy(x.uitschrijving) if x.uitschrijving else "" for x in p],
        ),
        col("ECK iD", "ECK_ID", [x.eck for x in p]),
        *_consents(p, 0),
        col("Levensbeschouwing", "RELIGION", [x.levensbeschouwing for x in p], "RELIGION"),
        col("Medische gegevens", "HEALTH", [x.medisch for x in p], "HEALTH"),
        col("Allergieën", "HEALTH", [x.allergie for x in p], "HEALTH"),
        col("Nationaliteit", "NATIONALITY", [x.nationaliteit for x in p]),
        col("Geboorteland", "NATIONALITY", [x.geboorteland for x in p]),
        col("Thuistaal", "NATIONALITY", [x.thuistaal for x in p]),
        col("Zorgniveau", "PUPIL_CARE", [x.zorgniveau for x in p]),
    )
    mentions = [list(x.notitie_labels) for x in p]
    note = free_text("Notitie leerkracht", [x.notitie for x in p], mentions)
    return Table(
        PARNASSYS_PATH,
        CsvFormat(delimiter=";", encoding="cp1252", lineterminator="\r\n"),
        (*columns, note),
        {note.name: mentions},
    )


def esis(pupils: list[Pupil]) -> Table:
    """The Esis-style export: other headers, ISO dates as text, one address column."""
    p = pupils
    columns = (
        col("leerling_id", "STUDENT_NUMBER", [x.number for x in p]),
        col("achternaam", "PERSON", [x.achternaam for x in p]),
        col("voorvoegsel", "PERSON", [x.tussenvoegsel for x in p]),
        col("voornaam", "PERSON", [x.roepnaam for x in p]),
        col("geboortedatum", "DATE_OF_BIRTH", [x.geboortedatum.isoformat() for x in p]),
        col("geslacht", "GENDER", [vocab.GENDERS_ESIS[x.geslacht] for x in p]),
        col("burgerservicenummer", "NL_BSN", [x.bsn for x in p]),
        col("adres", "STREET_ADDRESS", [f"{x.straat} {x.huisnummer}" for x in p]),
        col("postcode", "NL_POSTCODE", [x.postcode for x in p]),
        col("plaats", "LOCATION", [x.woonplaats for x in p]),
        col("telefoonnummer", "PHONE_NUMBER", [x.telefoon for x in p]),
        col("email_verzorger", "EMAIL_ADDRESS", [x.email_ouder for x in p]),
        col("vestiging", None, [x.school.name for x in p]),
        col("brincode", None, [x.school.brin for x in p]),
        col("klas", None, [x.groep.removeprefix("Groep ") for x in p]),
        col("leerjaar", None, [str(x.jaargroep) for x in p]),
        col("datum_inschrijving", None, [x.inschrijving.isoformat() for x in p]),
        col(
            "datum_uitschrijving",
            None,
            [x.uitschrijving.isoformat() if x.uitschrijving else "" for x in p],
        ),
        col("eck_id", "ECK_ID", [x.eck for x in p]),
        *_consents(p, 1),
        col("geloof", "RELIGION", [x.levensbeschouwing for x in p], "RELIGION"),
        col("medisch", "HEALTH", [_esis_medical(x) for x in p], "HEALTH"),
        col("nationaliteit", "NATIONALITY", [x.nationaliteit for x in p]),
        col("land_van_geboorte", "NATIONALITY", [x.geboorteland for x in p]),
        col("spreektaal_thuis", "NATIONALITY", [x.thuistaal for x in p]),
        col(
            "ondersteuningsbehoefte",
            "PUPIL_CARE",
            [vocab.CARE_LEVELS_ESIS[x.zorgniveau] for x in p],
        ),
    )
    mentions = [list(x.notitie_labels) for x in p]
    note = free_text("opmerkingen", [x.notitie for x in p], mentions)
    return Table(ESIS_PATH, XlsxFormat(sheet="Leerlingen"), (*columns, note), {note.name: mentions})


def _esis_medical(pupil: Pupil) -> str:
    # Esis has one medical field: allergies are folded into it.
    parts = [pupil.medisch, f"allergie: {pupil.allergie.lower()}" if pupil.allergie else ""]
    return "; ".join(part for part in parts if part)
