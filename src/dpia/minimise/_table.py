"""The per-vendor verdict table for the terminal (``dpia validate --format table``)."""

from __future__ import annotations

from collections.abc import Sequence

from dpia.messages import Language, render
from dpia.minimise._verdicts import VendorVerdict
from dpia.textable import format_table

_HEADINGS = ("vendor", "agreement", "rows", "verdict", "finding")


def cli_table(verdicts: Sequence[VendorVerdict], lang: Language) -> str:
    """One row per failure (the vendor named on its first), one row for a vendor that passes."""
    passed = render("word.pass", lang)
    failed = render("word.fail", lang).upper()  # stands out in a plain terminal
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
                    render(failure.message, lang),
                ]
            )
    return format_table([render(f"heading.{key}", lang) for key in _HEADINGS], rows)
