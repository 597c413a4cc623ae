"""DATE_OF_BIRTH: a calendar date that context words (geboren, geboortedatum, dob) mark as a birth date.

A date on its own scores 0.3, below the analyzer's report threshold (0.4); a context word in the
text or the column header lifts it to 0.65. ``parse_date`` gives the column classifier the date
itself (age range of a column) without going through presidio. ``is_coarse`` and ``is_age_band``
tell the coarsened forms an agreement may allow instead of the full date (a year, an age band): a
column of them under a birth-date header is still a birth-date column.
"""

from __future__ import annotations

import datetime as dt
import re

from presidio_analyzer import Pattern

from dpia.detect.recognizers._base import DpiaPatternRecognizer

MONTHS: dict[str, int] = {
    # Dutch
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
    # English (shared abbreviations above)
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "oct": 10,
}  # fmt: skip

# Longest first so "maart" wins over "mar".
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_NUM_MONTH = r"(?:0?[1-9]|1[0-2])"
# The years a date of birth, and any date the workbench reads, is written with.
YEAR = r"(?:19|20)\d{2}"

PATTERNS = [
    Pattern(
        "Date (d-m-yyyy)",
        rf"(?<![\w.,/-]){_DAY}([-/.]){_NUM_MONTH}\1{YEAR}(?![\w/-])(?!\.\d)",
        0.3,
    ),
    Pattern("Date (yyyy-mm-dd)", rf"(?<![\w.,/-]){YEAR}-{_NUM_MONTH}-{_DAY}(?![\w/-])", 0.3),
    Pattern("Date (d month yyyy)", rf"(?<!\w){_DAY}\s+{_MONTH}\s+{YEAR}(?!\w)", 0.3),
    Pattern(
        "Date (month d, yyyy)", rf"(?<!\w){_MONTH}\s+{_DAY}(?:st|nd|rd|th)?,?\s+{YEAR}(?!\w)", 0.3
    ),
]

CONTEXT = [
    "geboren",
    "geboortedatum",
    "geboorte datum",
    "geboortedag",
    "geb",
    "geb.",
    "gebdat",
    "gebdatum",
    "geb.datum",
    "geb datum",
    "verjaardag",
    "jarig",
    "born",
    "birth",
    "birthday",
    "birthdate",
    "date of birth",
    "dob",
]

_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")

MIN_YEAR = 1900
MAX_YEAR = 2100

_YEAR_OF_BIRTH = re.compile(YEAR)
_AGE_BAND = re.compile(
    r"\d{1,2}\s*(?:-|\u2013|tot|to)\s*\d{1,2}(?:\s*(?:jaar|jr\.?|years?|yrs?))?", re.IGNORECASE
)


def is_age_band(cell: str) -> bool:
    """An age band: ``8-9``, ``6-8 jaar``, ``6 tot 8 years``."""
    return bool(_AGE_BAND.fullmatch(cell.strip()))


def is_coarse(cell: str) -> bool:
    """A year of birth (``2015``) or an age band: a date of birth coarsened."""
    return bool(_YEAR_OF_BIRTH.fullmatch(cell.strip())) or is_age_band(cell)


def parse_date(value: str) -> dt.date | None:
    """The date written in ``value`` (day first, as Dutch exports do), or ``None``.

    Accepts ``dd-mm-yyyy``, ``d-m-yyyy``, ``dd/mm/yyyy``, ``dd.mm.yyyy``, ISO ``yyyy-mm-dd`` (with an
    optional time, as spreadsheets export it), ``3 maart 2015``, ``3 March 2015`` and
    ``March 3, 2015``. Years outside 1900-2100 and impossible dates (31-02) give ``None``.
    """
    text = " ".join(value.strip().lower().split())
    parts: tuple[int, int, int] | None = None
    if m := _NUMERIC.match(text):
        parts = (int(m[3]), int(m[2]), int(m[1]))
    elif m := _ISO.match(text):
        parts = (int(m[1]), int(m[2]), int(m[3]))
    elif (m := _DAY_MONTH_YEAR.match(text)) and m[2] in MONTHS:
        parts = (int(m[3]), MONTHS[m[2]], int(m[1]))
    elif (m := _MONTH_DAY_YEAR.match(text)) and m[1] in MONTHS:
        parts = (int(m[3]), MONTHS[m[1]], int(m[2]))
    if parts is None or not MIN_YEAR <= parts[0] <= MAX_YEAR:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


class DateOfBirthRecognizer(DpiaPatternRecognizer):
    """A real calendar date; a birth date only when context says so (see module docstring)."""

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT

    def invalidate_result(self, pattern_text: str) -> bool:
        return parse_date(pattern_text) is None
