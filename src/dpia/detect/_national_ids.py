"""National identification numbers (UAVG art. 46): the one test of what is a BSN or onderwijsnummer.

A value is one when, surrounding white space aside, it is written in one of ``FORMS`` (nine
digits: plain ``123456782``, dotted ``1234.56.782`` or spaced ``1234 56 782``) and passes
python-stdnum's check: the BSN 11-test, or the onderwijsnummer's (starts with 10, weighted sum 5
mod 11), so a number is never both. Other groupings (``123.456.782``) are amounts and order
numbers. The shape matters: stdnum pads a short number with zeros, so it would take eight digits.

The recognizers (``recognizers/bsn.py``, ``onderwijsnummer.py``), the validation's
no-national-id check and the leak gate all ask ``national_id``; the recognizers and the leak gate
find candidates in running text with ``FORMS`` and edges of their own.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd
from stdnum.nl import bsn, onderwijsnummer

PLAIN = r"\d{9}"
DOTTED = r"\d{4}\.\d{2}\.\d{3}"
# Not part of a longer run of spaced digit groups.
SPACED = r"(?<!\d )\d{4} \d{2} \d{3}(?! \d)"
FORMS: tuple[str, ...] = (PLAIN, DOTTED, SPACED)

_WRITTEN = re.compile("|".join(f"(?:{form})" for form in FORMS))


def national_id(value: str) -> str | None:
    """``NL_BSN`` or ``NL_ONDERWIJSNUMMER`` when ``value`` is one (module docstring), else None."""
    number = value.strip()
    if not _WRITTEN.fullmatch(number):
        return None
    if bsn.is_valid(number):
        return "NL_BSN"
    if onderwijsnummer.is_valid(number):
        return "NL_ONDERWIJSNUMMER"
    return None


def national_id_counts(values: pd.Series) -> Counter[str]:
    """How many of ``values`` (cells) are each type of national identification number."""
    texts = values.astype(str).str.strip()
    # Vectorised first: most cells do not have the shape, and each distinct one is checked once.
    candidates = texts[texts.str.fullmatch(_WRITTEN)]
    counts: Counter[str] = Counter()
    for value, n in candidates.value_counts(sort=False).items():
        kind = national_id(str(value))
        if kind is not None:
            counts[kind] += int(n)
    return counts
