"""GENDER: a cell that is exactly a gender value (man, vrouw, M, V, X, ...) or a gendered form of
address (Mr., Mevr.), or "geslacht: V" in prose."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from dpia.detect.recognizers._base import DpiaPatternRecognizer

# Whole words: unambiguous enough as a whole cell.
WORDS = (
    "man", "vrouw", "jongen", "meisje", "mannelijk", "vrouwelijk", "onzijdig", "neutraal",
    "non-binair", "nonbinair", "non binair", "genderneutraal", "male", "female", "boy", "girl",
    "non-binary", "nonbinary", "non binary",
)  # fmt: skip
# Gendered forms of address: a title column (Mr., Mevr., Frau) says the person's gender.
HONORIFICS = ("mr", "mrs", "ms", "miss", "sir", "madam", "dhr", "mevr", "mw", "mevrouw", "meneer",
              "heer", "herr", "frau", "mme", "mlle", "madame", "monsieur")  # fmt: skip
# Single letters: "V" is also "voldoende", "M" a size or a group: only with context (geslacht).
LETTERS = ("m", "v", "x", "f", "j")

_WORDS = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(WORDS, key=len, reverse=True))
_LETTERS = "|".join(LETTERS)
_LABEL = r"(?:geslacht|gender|sekse|sexe|sex)"

PATTERNS = [
    Pattern("Gender (cell word)", rf"(?<=^\s*)(?:{_WORDS})(?=\s*\.?\s*$)", 0.6),
    Pattern(
        "Gender (form of address)",
        rf"(?<=^\s*)(?:{'|'.join(HONORIFICS)})\.?(?=\s*$)",
        0.6,
    ),
    Pattern("Gender (cell letter)", rf"(?<=^\s*)(?:{_LETTERS})(?=\s*\.?\s*$)", 0.3),
    # Prose: the value right after its label, e.g. "geslacht: V" or "gender = female".
    Pattern(
        "Gender (labelled)",
        rf"(?<=\b{_LABEL}\s*[:=]?\s*)(?:{_WORDS}|{_LETTERS})(?![\w-])",
        0.6,
    ),
]

CONTEXT = [
    "geslacht",
    "gender",
    "sekse",
    "sexe",
    "sex",
    "m/v",
    "mv",
    "jongen/meisje",
    "genderidentiteit",
]


class GenderRecognizer(DpiaPatternRecognizer):
    """A deny-list of gender values at cell level (see module docstring)."""

    ENTITY = "GENDER"
    PATTERNS = PATTERNS
    CONTEXT = CONTEXT
