"""What validation hands back: one ``VendorVerdict`` per vendor, each ``Failure`` with the
``Message`` that says it in plain words.

Frozen and free of values: columns, entity types, counts and shares only, so a verdict can go to
a screen, a JSON file or a report as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dpia.messages import LANGUAGES, Message, render

# What ``to_dict`` keeps of each check of the board's promises; how the feed was linked is said
# once, in ``link``.
_PROMISE_FIELDS = ("check", "verifiable", "reason", "count", "by_school", "detail")


@dataclass(frozen=True)
class Failure:
    """One way a feed breaks its agreement.

    ``count`` is the number of cells (or rows, or for k-anonymity the observed k) behind the
    failure and ``share`` its share of the feed's rows, where they apply. ``message`` says it
    for a privacy officer rather than an engineer.
    """

    expectation: str
    columns: tuple[str, ...]
    entities: tuple[str, ...]
    count: int | None
    share: float | None
    message: Message
    by_school: dict[str, int] = field(default_factory=dict, hash=False)
    """For a check of the board's promises: the pupils behind ``count`` per BRIN code of the
    board's export; empty otherwise."""

    def to_dict(self) -> dict[str, Any]:
        """The facts, the message as code and parameters, and the sentence in every language."""
        return {
            "expectation": self.expectation,
            "columns": list(self.columns),
            "entities": list(self.entities),
            "count": self.count,
            "share": self.share,
            "by_school": dict(sorted(self.by_school.items())),
            **self.message.to_dict(),
            **{lang: render(self.message, lang) for lang in LANGUAGES},
        }


@dataclass(frozen=True)
class VendorVerdict:
    """A vendor's feed checked against its suite: passed only when every expectation held.

    ``gx_result`` is Great Expectations' own validation result (JSON form, values-free by the
    result format) from which the Data Docs page is rendered.
    """

    vendor: str
    name: str
    agreement: str
    passed: bool
    failures: tuple[Failure, ...]
    evaluated: int
    rows: int
    feed: str
    sha256: str
    suite: str
    seconds: float  # wall time, for benchmarks; kept out of to_dict so outputs repeat exactly
    gx_result: Mapping[str, Any] = field(repr=False, compare=False, hash=False)
    promises: tuple[dict[str, Any], ...] = field(default=(), compare=False, hash=False)
    """The checks of the board's promises, passed or not, in suite order: each one's
    ``dpia.rules.PromiseCheck.to_dict()`` (counts, per school, the keys it linked on; no value).
    Empty when the register lists no ``sources``."""

    @property
    def link(self) -> dict[str, Any] | None:
        """How the feed's rows were linked to the board's pupils (the same for every check), or
        ``None`` without checks of the board's promises."""
        if not self.promises:
            return None
        first = self.promises[0]
        # The unmatched check carries the link's own reason (no_match, no_board, ...).
        reasons = [p["reason"] for p in self.promises if p["check"] == "unmatched"]
        return {
            "basis": first["basis"],
            "by_key": dict(first["by_key"]),
            "key_columns": dict(first["key_columns"]),
            "rows": first["rows"],
            "linked": first["linked"],
            "reason": reasons[0] if reasons else (None if first["basis"] else first["reason"]),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "name": self.name,
            "agreement": self.agreement,
            "passed": self.passed,
            "failures": [f.to_dict() for f in self.failures],
            "evaluated": self.evaluated,
            "rows": self.rows,
            "feed": self.feed,
            "sha256": self.sha256,
            "suite": self.suite,
            "link": self.link,
            "promises": [{k: p[k] for k in _PROMISE_FIELDS} for p in self.promises],
        }
