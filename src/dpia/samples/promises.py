"""The board's promises in the samples: pupil keys, leaving dates, parents' consents, and the rows
planted in the feeds that break them.

The board exports hold every pupil's ECK iD, enrolment and (for pupils who left, still in the
administration for a while) leaving date, and the consents ParnasSys records per purpose. A feed
holds the pupils its vendor may have: the current pupils of the schools it serves, plus those who
left within its retention, with consent where its legal basis is consent. ``PLANTS`` adds rows that
break one promise each: pupils of a school the vendor does not serve, pupils without the required
consent, pupils who left longer ago than the retention, and rows of no pupil of the board at all.
``labels.json`` records what each feed holds, counted from the pupils themselves.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from dpia.register import parse_duration
from dpia.samples import ids, vocab
from dpia.samples.people import Pupil

# Consents ParnasSys records per purpose; the key is what the register's ``consent`` names.
CONSENTS: tuple[str, ...] = ("ouderapp", "foto_website")
CONSENT_HEADERS: dict[str, tuple[str, str]] = {  # consent -> (ParnasSys header, Esis header)
    "ouderapp": ("Toestemming ouderapp", "toestemming_ouderapp"),
    "foto_website": ("Toestemming foto_website", "toestemming_foto_website"),
}
GRANTED = "Ja"
LEFT_SHARE = 0.075  # pupils who left, still in the export: 150 beside 2,000 current pupils
LEFT_WITHIN_DAYS = 3 * 365  # the administration keeps them up to about three years
FEED_DATE = vocab.REFERENCE_DATE  # every feed was taken on the export's date

# Per vendor: retention after leaving (ISO 8601), the consent its legal basis needs (or None).
TERMS: dict[str, tuple[str, str | None]] = {
    "leeslijn": ("P3M", None),
    "rekenplein": ("P2Y", None),
    "toetsmonitor": ("P2Y", None),
    "ouderapp": ("P1Y", "ouderapp"),
    "bibliotheek": ("P6M", None),
    "cloudsuite": ("P30D", None),
}
CHECKS: tuple[str, ...] = ("school", "consent", "retention", "unmatched")


@dataclass(frozen=True)
class Plant:
    """Rows planted in one feed, each breaking exactly one promise."""

    school: int = 0  # current pupils (with consent) of a school the vendor does not serve
    consent: int = 0  # current pupils of a served school whose parents did not consent
    retention: int = 0  # pupils who left longer ago than the retention (with consent)
    unmatched: int = 0  # rows of nobody in the board's exports (ECK iDs of another board)


# leeslijn keeps every promise; bibliotheek cannot be linked (its borrower number is its own).
UNLINKABLE: tuple[str, ...] = ("bibliotheek",)
PLANTS: dict[str, Plant] = {
    "rekenplein": Plant(unmatched=4),
    "toetsmonitor": Plant(retention=7),
    "ouderapp": Plant(school=6, consent=37),
    "cloudsuite": Plant(retention=12),
}


def _draw_consent(rng: random.Random) -> str:
    return rng.choices((GRANTED, "Nee", ""), (0.88, 0.07, 0.05))[0]


def assign(pupils: list[Pupil], rng: random.Random, seed: int) -> None:
    """Every pupil's ECK iD and consents (all pupils, in order, from ``rng``)."""
    for pupil in pupils:
        pupil.eck = ids.eck_id(seed, pupil.number)
        pupil.toestemmingen = {consent: _draw_consent(rng) for consent in CONSENTS}


def leave(pupils: list[Pupil], rng: random.Random) -> None:
    """Give each of ``pupils`` a leaving date after enrolment, within the last three years."""
    last = vocab.REFERENCE_DATE - dt.timedelta(days=1)
    first = vocab.REFERENCE_DATE - dt.timedelta(days=LEFT_WITHIN_DAYS)
    for pupil in pupils:
        start = max(pupil.inschrijving + dt.timedelta(days=30), first)
        if start >= last:
            pupil.inschrijving = last - dt.timedelta(days=30 + rng.randrange(300))
            start = last
        pupil.uitschrijving = dt.date.fromordinal(rng.randint(start.toordinal(), last.toordinal()))


def _overdue(pupil: Pupil, retention: str) -> bool:
    left = pupil.uitschrijving
    return left is not None and parse_duration(retention).after(left) < FEED_DATE


def feed_pupils(
    vendor: str,
    served: tuple[str, ...],
    current: list[Pupil],
    left: list[Pupil],
    strangers: list[Pupil],
) -> list[Pupil]:
    """The rows of ``vendor``'s feed: what it may hold, then the planted rows (as many as a small
    sample set has: ``truth`` counts what was planted).

    For the consent plant the parents of that many current pupils are recorded as not consenting
    (alternately "Nee" and not recorded): the vendor received the whole school regardless.
    """
    retention, consent = TERMS[vendor]
    plant = PLANTS.get(vendor, Plant())

    def consents(p: Pupil) -> bool:
        return consent is None or p.toestemmingen[consent] == GRANTED

    mine = [p for p in current if p.school.brin in served]
    if consent is not None:
        for p in mine:
            p.toestemmingen[consent] = GRANTED
        for i, p in enumerate(mine[: plant.consent]):
            p.toestemmingen[consent] = "Nee" if i % 2 == 0 else ""
    kept = [p for p in left if p.school.brin in served and consents(p)]
    within = [p for p in kept if not _overdue(p, retention)]
    overdue = [p for p in kept if _overdue(p, retention)]
    others = [p for p in current if p.school.brin not in served and consents(p)]
    return [
        *mine,
        *within,
        *others[: plant.school],
        *overdue[: plant.retention],
        *strangers[: plant.unmatched],
    ]


def truth(
    vendor: str, served: tuple[str, ...], rows: list[Pupil], board: set[str]
) -> dict[str, Any]:
    """What ``rows`` break, counted from the pupils: per check the pupils (for ``unmatched`` the
    rows), and per check and school the pupils."""
    retention, consent = TERMS[vendor]
    counts: dict[str, Counter[str]] = {check: Counter() for check in CHECKS}
    for p in rows:
        if p.number not in board:
            counts["unmatched"][""] += 1
            continue
        if p.school.brin not in served:
            counts["school"][p.school.brin] += 1
        if consent is not None and p.toestemmingen[consent] != GRANTED:
            counts["consent"][p.school.brin] += 1
        if _overdue(p, retention):
            counts["retention"][p.school.brin] += 1
    return {
        "counts": {check: sum(c.values()) for check, c in counts.items()},
        "by_school": {
            check: dict(sorted(c.items())) for check, c in counts.items() if check != "unmatched"
        },
        "linkable": vendor not in UNLINKABLE,
        "retention_after_leaving": retention,
        "consent": consent,
        "feed_date": FEED_DATE.isoformat(),
    }
