"""Retention periods as ISO 8601 durations (``P3M``, ``P1Y6M``, ``P30D``, ``P2W``).

An agreement's retention is a calendar period after a pupil leaves: years, months, weeks and days
only. Hours and minutes (``PT12H``) are refused: no agreement measures retention in them, and a
``T`` part is more often a typo for months (``PT3M`` is three minutes).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")


@dataclass(frozen=True)
class Duration:
    """A calendar period; ``text`` is the ISO form as the register wrote it."""

    years: int
    months: int
    days: int
    text: str

    def after(self, day: dt.date) -> dt.date:
        """``day`` plus this period; a month end stays within the month (31 Jan + P1M = 28/29 Feb),
        as a person counts "a month later"."""
        total = day.month - 1 + self.months + 12 * self.years
        year, month = day.year + total // 12, total % 12 + 1
        moved = day.replace(year=year, month=month, day=min(day.day, _month_days(year, month)))
        return moved + dt.timedelta(days=self.days)

    def __str__(self) -> str:
        return self.text


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def parse_duration(text: str) -> Duration:
    """``P3M`` -> three months; ``ValueError`` (one line, with an example) for anything else."""
    found = _PATTERN.fullmatch(text.strip().upper())
    if found is None or not any(found.groups()):
        raise ValueError(
            f"{text!r} is not an ISO 8601 period in years, months, weeks or days "
            "(e.g. P3M, P1Y, P30D)"
        )
    years, months, weeks, days = (int(g) if g else 0 for g in found.groups())
    return Duration(years, months, 7 * weeks + days, text.strip().upper())
