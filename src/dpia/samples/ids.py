"""Synthetic identifiers: BSN, onderwijsnummer, look-alike order numbers and ECK iDs.

The check digit is never computed by hand: python-stdnum's ``checksum`` proposes the ninth digit and
``is_valid`` has the last word, so the numbers are valid exactly in stdnum's sense.
"""

from __future__ import annotations

import hashlib
import random

from stdnum.nl import bsn, onderwijsnummer

ECK_PREFIX = "https://ketenid.nl/201703/"


def _digits(rng: random.Random, count: int) -> str:
    return str(rng.randrange(10**count)).zfill(count)


def new_bsn(rng: random.Random, used: set[str]) -> str:
    """A valid BSN not in ``used`` (which it joins): 8 random digits plus the digit that fits."""
    while True:
        prefix = _digits(rng, 8)
        # checksum(prefix + "0") is the weighted sum mod 11: the only ninth digit that can work.
        candidate = prefix + str(bsn.checksum(prefix + "0"))
        if len(candidate) == 9 and candidate not in used and bsn.is_valid(candidate):
            used.add(candidate)
            return candidate


def new_onderwijsnummer(rng: random.Random, used: set[str]) -> str:
    """A valid onderwijsnummer (starts with 10, checksum 5) not in ``used`` (which it joins)."""
    while True:
        prefix = "10" + _digits(rng, 6)
        # The ninth digit must make the checksum 5 instead of 0; a "10" means no digit fits.
        candidate = prefix + str((bsn.checksum(prefix + "0") - 5) % 11)
        if len(candidate) == 9 and candidate not in used and onderwijsnummer.is_valid(candidate):
            used.add(candidate)
            return candidate


def new_bestelnummer(rng: random.Random) -> str:
    """Nine digits that pass neither the BSN nor the onderwijsnummer check: a look-alike trap."""
    while True:
        candidate = str(rng.randrange(10**8, 10**9))
        # For nine digits without a leading zero, is_valid is exactly "checksum 0" (BSN) or
        # "starts with 10 and checksum 5" (onderwijsnummer); one checksum call rules out both,
        # about four times faster than the two is_valid calls (it matters at 100,000 rows).
        if bsn.checksum(candidate) not in (0, 5):
            return candidate


def eck_id(seed: int, key: str) -> str:
    """A deterministic ECK iD: the prefix plus 128 lowercase hex characters (a SHA-512 digest)."""
    return ECK_PREFIX + hashlib.sha512(f"eck/{seed}/{key}".encode()).hexdigest()
