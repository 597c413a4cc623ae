"""The columns a k-anonymity measure is taken over: quasi-identifiers, and next to them group and
school columns.

One judgement for the validation's k-anonymity check and the exposure stage's re-identification
figures, so both report the same k. Quasi-identifier columns are those whose detected entity type
is a quasi-identifier (``dpia.register.QUASI_IDENTIFIERS``: address, postcode, place, date of
birth, gender, nationality). Group and school columns (not personal, recognised by a header phrase
such as ``groep``, ``klas``, ``brin``: ``dpia.detect.GROUP_AND_SCHOOL_HEADERS``) join them only
when at least one is present: on their own they split the pupils into whole classes, which
singles nobody out, but next to a date of birth they narrow every class down.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from dpia.detect import GROUP_AND_SCHOOL_HEADERS, header_matches
from dpia.register import QUASI_IDENTIFIERS
from dpia.rules._findings import Finding


def quasi_identifier_columns(
    findings: Sequence[Finding],
    quasi_identifiers: Collection[str] = QUASI_IDENTIFIERS,
    context_headers: Iterable[str] = GROUP_AND_SCHOOL_HEADERS,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The quasi-identifier columns and the group/school columns that join them, in column order."""
    quasi = tuple(f.name for f in findings if f.entity in quasi_identifiers)
    if not quasi:
        return (), ()
    phrases = tuple(context_headers)
    context = tuple(
        f.name for f in findings if f.entity is None and header_matches(f.name, phrases)
    )
    return quasi, context
