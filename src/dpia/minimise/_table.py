"""The per-vendor verdict table for the terminal (``dpia validate --format table``)."""

from __future__ import annotations

from collections.abc import Sequence

from dpia.minimise._verdicts import Language, VendorVerdict
from dpia.textable import format_table

_HEADERS = {
    "nl": ("leverancier", "overeenkomst", "rijen", "oordeel", "bevinding"),
    "en": ("vendor", "agreement", "rows", "verdict", "finding"),
}
_VERDICTS = {"nl": ("voldoet", "VOLDOET NIET"), "en": ("pass", "FAIL")}


def cli_table(verdicts: Sequence[VendorVerdict], lang: Language) -> str:
    """One row per failure (the vendor named on its first), one row for a vendor that passes."""
    passed, failed = _VERDICTS[lang]
    rows: list[list[object]] = []
    for verdict in verdicts:
        head = [verdict.vendor, verdict.agreement, verdict.rows]
        if verdict.passed:
            rows.append([*head, passed, "-"])
            continue
        for number, failure in enumerate(verdict.failures):
            first = number == 0
            rows.append(
                [
                    *(head if first else ["", "", ""]),
                    failed if first else "",
                    failure.sentence(lang),
                ]
            )
    return format_table(_HEADERS[lang], rows)
