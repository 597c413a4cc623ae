"""Masked evidence: the only way a value from an export reaches a screen, report or file.

``mask(value, entity)`` keeps a short, non-identifying part (an initial, the first digits of a
number, the year of a date, the top-level domain of an e-mail address) and replaces every other
letter and digit by ``*``. Separators (spaces, dots, dashes, ``@``) stay so that the shape remains
readable, and the output has the input's length, except for three cases with a fixed display
form: ECK iDs (truncated), inline images and long free text (``[tekst, 57 tekens]``).

Budget: an output never shows more than ``reveal_budget(n)`` of the ``n`` letters and digits of
the input, about 40% (4 of a BSN's 9 digits, 1 of "Jansen"'s 6 letters is well within it). The
function is deterministic: no randomness, no hashing with a secret.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from dpia.detect.recognizers.date_of_birth import YEAR

MASK = "*"
ELLIPSIS = "…"

REVEAL_SHARE = 0.4
# Values longer than this (or with more words) are described, not shown.
FREE_TEXT_MIN_CHARS = 41
FREE_TEXT_MIN_WORDS = 6
ECK_HEX_SHOWN = 2
ECK_MASKED_TAIL = 6

_ECK = re.compile(r"^(?P<prefix>(?:https?://)?ketenid\.nl/\d{6}/)?(?P<hex>[0-9a-fA-F]{16,})$")
_DATA_URI = re.compile(r"^data:(?P<type>image/[\w.+-]+)[;,]", re.IGNORECASE)
_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")
_URL = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*://)?(?P<host>[^/?#\s]+)", re.IGNORECASE)
_WORD_START = re.compile(r"(?:^|(?<=[\s\-/'(]))[^\W\d_]")

# Identifiers: how many leading letters/digits may show.
_ID_PREFIX: dict[str, int] = {
    "NL_BSN": 4,
    "NL_ONDERWIJSNUMMER": 4,
    "STUDENT_NUMBER": 2,
    "PHONE_NUMBER": 4,
    "IBAN_CODE": 4,
    "CREDIT_CARD": 4,
    "IP_ADDRESS": 3,
    "NL_POSTCODE": 2,
    "POSTCODE": 2,
    "NATIONAL_ID": 2,
    "IDENTIFIER": 2,
    "DEVICE_ID": 2,
    "AGE": 0,
    "GEO_COORDINATES": 2,
}
_WORD_ENTITIES = frozenset(
    {"PERSON", "LOCATION", "STREET_ADDRESS", "NATIONALITY", "GENDER", "RELIGION", "HEALTH",
     "ETHNIC_ORIGIN", "SEXUAL_ORIENTATION", "POLITICAL_OPINION", "TRADE_UNION", "BIOMETRIC",
     "GENETIC", "CRIMINAL", "PUPIL_CARE"}
)  # fmt: skip


def reveal_budget(alnum_count: int) -> int:
    """How many of a value's ``alnum_count`` letters and digits a masked form may show.

    ``round(0.4 n)`` but never above ``0.45 n``: 9 -> 4, 6 -> 2, 4 -> 1, 2 -> 0.
    """
    return min(int(REVEAL_SHARE * alnum_count + 0.5), int(0.45 * alnum_count))


def _alnum_positions(value: str) -> list[int]:
    return [i for i, c in enumerate(value) if c.isalnum()]


def _keep(value: str, priority: Iterable[int | tuple[int, ...]]) -> str:
    """Mask every letter and digit of ``value`` except those named in ``priority``, within budget.

    A tuple in ``priority`` is kept whole or not at all (a top-level domain).
    """
    budget = reveal_budget(len(_alnum_positions(value)))
    kept: set[int] = set()
    for item in priority:
        group = (item,) if isinstance(item, int) else item
        fresh = [i for i in group if i not in kept and value[i].isalnum()]
        if len(kept) + len(fresh) > budget:
            if isinstance(item, int):
                break
            continue
        kept.update(fresh)
    return "".join(c if (i in kept or not c.isalnum()) else MASK for i, c in enumerate(value))


def _prefix(value: str, count: int) -> str:
    return _keep(value, _alnum_positions(value)[:count])


def _word_initials(value: str) -> str:
    return _keep(value, [m.start() for m in _WORD_START.finditer(value)])


def _email(value: str) -> str:
    local, at, domain = value.rpartition("@")
    if not at:
        return _word_initials(value)
    offset = len(local) + 1
    priority: list[int | tuple[int, ...]] = []
    first_local = _alnum_positions(local)[:1]
    priority.extend(first_local)
    labels = domain.split(".")
    priority.extend(offset + i for i in _alnum_positions(domain)[:1])
    if len(labels) > 1:
        tld_start = offset + len(domain) - len(labels[-1])
        priority.append(tuple(range(tld_start, len(value))))
    return _keep(value, priority)


def _date(value: str) -> str:
    # The year (as far as the budget allows) tells the age group; day and month are masked.
    year = _YEAR.search(value)
    return _keep(value, list(range(year.start(), year.end())) if year else [])


def _url(value: str, extension_too: bool = False) -> str:
    match = _URL.match(value)
    if not match:
        return _word_initials(value)
    priority: list[int | tuple[int, ...]] = []
    if match["scheme"]:
        priority.append(tuple(range(0, match.end("scheme"))))
    priority.extend(match.start("host") + i for i in _alnum_positions(match["host"])[:1])
    if extension_too:
        dot = value.rfind(".")
        if dot > match.end("host"):
            priority.append(tuple(range(dot + 1, len(value))))
    return _keep(value, priority)


def _eck(value: str) -> str:
    match = _ECK.match(value.strip())
    if not match:
        return _prefix(value, 2)
    shown = match["hex"][:ECK_HEX_SHOWN]
    return f"{match['prefix'] or ''}{shown}{MASK * ECK_MASKED_TAIL}{ELLIPSIS}"


def _photo(value: str) -> str:
    data = _DATA_URI.match(value)
    if data:
        return f"[{data['type'].lower()}, {len(value)} tekens]"
    return _url(value, extension_too=True)


def _secret(value: str) -> str:
    # A password or key shows nothing but its length: even its first character narrows a guess.
    return MASK * len(value)


def _free_text(value: str) -> str:
    return f"[tekst, {len(value)} tekens]"


def _is_free_text(value: str) -> bool:
    return len(value) >= FREE_TEXT_MIN_CHARS or len(value.split()) >= FREE_TEXT_MIN_WORDS


_BY_ENTITY: dict[str, Callable[[str], str]] = {
    "EMAIL_ADDRESS": _email,
    "DATE_OF_BIRTH": _date,
    "URL": _url,
    "PHOTO": _photo,
    "ECK_ID": _eck,
    "FREE_TEXT": _free_text,
    "CREDENTIAL": _secret,
}


def mask(value: str, entity: str | None = None) -> str:
    """``value`` with all but a short non-identifying part replaced by ``*`` (see module docstring).

    ``entity`` is a taxonomy name (``NL_BSN``, ``EMAIL_ADDRESS``, ``PERSON``, ...) or ``None`` for
    an unknown value: e.g. ``206912345`` -> ``2069*****``, ``Jansen`` -> ``J*****``,
    ``1234 AB`` -> ``12** **``, ``12-03-2015`` -> ``**-**-201*``.
    """
    if not value:
        return value
    if entity in _BY_ENTITY:
        masked = _BY_ENTITY[entity](value)
    elif entity in _ID_PREFIX:
        masked = _prefix(value, _ID_PREFIX[entity])
    elif entity not in _WORD_ENTITIES and _is_free_text(value):
        masked = _free_text(value)
    else:
        masked = _word_initials(value)
    # Safety net: a value made only of separators would come back unchanged.
    if value in masked and len(value) >= 2:
        return MASK * len(value)
    return masked


def mask_many(values: Iterable[str], entity: str | None = None, limit: int = 3) -> list[str]:
    """Up to ``limit`` distinct masked forms of ``values``, sorted (blank values skipped)."""
    return sorted({mask(v, entity) for v in values if v and v.strip()})[:limit]
