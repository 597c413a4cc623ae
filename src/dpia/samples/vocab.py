"""Fixed Dutch vocabularies of the synthetic school data: the fictional board, its schools, and the
value lists (with weights) that pupil records are drawn from.

Everything here is data. Weights are rough shares, not statistics about real schools.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

BOARD_NAME = "Stichting Voorbeeld Primair Onderwijs"
SCHOOL_YEAR = "2025-2026"
# The export date the whole data set pretends to be taken on: ages and enrolments are relative to it.
REFERENCE_DATE = dt.date(2025, 10, 1)


@dataclass(frozen=True)
class School:
    """A fictional school: BRIN prefixes 91-94 are not handed out to real schools."""

    brin: str
    name: str
    domain: str  # label for synthetic e-mail domains, always under .example
    weight: float  # share of the board's pupils


SCHOOLS: tuple[School, ...] = (
    School("91XA", "OBS De Regenboog", "obsderegenboog", 0.31),
    School("92XB", "CBS De Wegwijzer", "cbsdewegwijzer", 0.27),
    School("93XC", "Montessorischool De Zonnewijzer", "montessoridezonnewijzer", 0.24),
    School("94XD", "IKC De Vlinderboom", "ikcdevlinderboom", 0.18),
)

# Given names with diacritics: the Windows-1252 export must contain them (Faker's nl_NL list has
# few, so they are planted with a fixed share).
DIACRITIC_NAMES_FEMALE: tuple[str, ...] = (
    "Zoë",
    "Anaïs",
    "Chloë",
    "Noëlle",
    "Loïs",
    "Daniëlle",
    "Esmée",
    "Amélie",
    "Inès",
    "Maëlle",
)
DIACRITIC_NAMES_MALE: tuple[str, ...] = ("Joël", "Daniël", "Noël", "Raphaël", "Michaël", "Loïc")
DIACRITIC_SHARE = 0.06

TUSSENVOEGSELS: tuple[str, ...] = (
    "van",
    "de",
    "van der",
    "van den",
    "van de",
    "den",
    "ter",
    "te",
    "van 't",
    "in 't",
)

# (value, weight); "" is an empty cell.
RELIGIONS: tuple[tuple[str, float], ...] = (
    ("", 70.0),
    ("Rooms-katholiek", 8.0),
    ("Protestants", 6.0),
    ("Islamitisch", 6.0),
    ("Geen", 6.0),
    ("Hindoeïstisch", 1.5),
    ("Humanistisch", 1.5),
    ("Joods", 0.5),
    ("Boeddhistisch", 0.5),
)
MEDICAL: tuple[tuple[str, float], ...] = (
    ("", 85.0),
    ("Astma", 3.0),
    ("ADHD (medicatie: methylfenidaat)", 2.5),
    ("Eczeem", 2.0),
    ("Dyslexie", 2.0),
    ("Autisme (ASS)", 1.5),
    ("Diabetes type 1", 0.8),
    ("Epilepsie", 0.7),
    ("Slechthorend, draagt gehoorapparaat", 0.7),
    ("Migraine", 0.6),
    ("Coeliakie", 0.5),
    ("Hartafwijking, controle cardioloog", 0.4),
    ("Astma; eczeem", 0.3),
)
ALLERGIES: tuple[tuple[str, float], ...] = (
    ("", 88.0),
    ("Pinda", 2.5),
    ("Lactose", 2.0),
    ("Gluten", 1.5),
    ("Bijen", 1.0),
    ("Wespen", 1.0),
    ("Noten", 1.0),
    ("Ei", 0.8),
    ("Huisstofmijt", 0.8),
    ("Pinda, noten", 0.7),
    ("Penicilline", 0.7),
)
CARE_LEVELS: tuple[tuple[str, float], ...] = (
    ("Basisondersteuning", 55.0),
    ("", 30.0),
    ("Extra ondersteuning", 12.0),
    ("OPP", 3.0),
)
# Esis spells the same support levels differently.
CARE_LEVELS_ESIS: dict[str, str] = {
    "Basisondersteuning": "basis",
    "": "",
    "Extra ondersteuning": "extra ondersteuning (arrangement)",
    "OPP": "ontwikkelingsperspectief (OPP)",
}


@dataclass(frozen=True)
class Origin:
    """A coherent nationality / country of birth / home language combination."""

    nationality: str
    birth_countries: tuple[str, ...]  # first is the most likely
    home_language: str
    weight: float


ORIGINS: tuple[Origin, ...] = (
    Origin("Nederlandse", ("Nederland",), "Nederlands", 76.0),
    Origin("Nederlandse", ("Nederland",), "Arabisch", 3.0),
    Origin("Nederlandse", ("Nederland",), "Turks", 3.0),
    Origin("Nederlandse", ("Nederland", "Suriname"), "Nederlands", 2.0),
    Origin("Marokkaanse", ("Nederland", "Marokko"), "Berbers (Tamazight)", 2.0),
    Origin("Turkse", ("Nederland", "Turkije"), "Turks", 1.5),
    Origin("Syrische", ("Syrië", "Libanon", "Nederland"), "Arabisch", 2.0),
    Origin("Poolse", ("Polen", "Nederland"), "Pools", 2.0),
    Origin("Eritrese", ("Eritrea", "Ethiopië", "Nederland"), "Tigrinya", 1.0),
    Origin("Oekraïense", ("Oekraïne",), "Oekraïens", 2.0),
    Origin("Belgische", ("België", "Nederland"), "Nederlands", 1.5),
    Origin("Duitse", ("Duitsland", "Nederland"), "Duits", 1.5),
    Origin("Britse", ("Verenigd Koninkrijk", "Nederland"), "Engels", 1.0),
    Origin("Afghaanse", ("Afghanistan", "Iran"), "Dari", 1.0),
    Origin("Somalische", ("Somalië", "Nederland"), "Somalisch", 0.5),
)

GENDERS: tuple[tuple[str, float], ...] = (("M", 49.6), ("V", 49.6), ("X", 0.8))
GENDERS_ESIS: dict[str, str] = {"M": "man", "V": "vrouw", "X": "onbekend"}

# Synthetic by construction: the .example top-level domain is reserved (RFC 2606).
MAIL_DOMAINS: tuple[str, ...] = (
    "mail.example",
    "post.example",
    "webmail.example",
    "thuis.example",
    "provider.example",
)
# Two- and three-digit area codes take 7 subscriber digits, four-digit ones take 6.
AREA_CODES: tuple[str, ...] = (
    "010",
    "020",
    "030",
    "040",
    "050",
    "070",
    "072",
    "073",
    "076",
    "0113",
    "0222",
    "0314",
    "0475",
    "0575",
    "0513",
)
PARENT_INITIALS = "ABCDEFGHIJKLMNPRSTWY"
