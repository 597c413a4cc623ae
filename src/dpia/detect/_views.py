"""Views of scan results for people and tools: the terminal table, CSV and the JSON contract."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from dpia.detect._scan import ScanResult
from dpia.messages import Language, render
from dpia.outputs import safe_csv_cell, to_json
from dpia.textable import format_table

_HEADINGS = (
    "file", "column", "entity", "category", "special", "confidence", "share", "evidence", "decision",
)  # fmt: skip
# Art. 9/10 findings stand out in a plain terminal (no colour codes: output goes to files and CI).
_MARK = "!! "
CSV_FIELDS = (
    "path", "column", "entity", "category", "special", "personal", "confidence", "share",
    "header", "values", "mentions", "reasons",
)  # fmt: skip


def scan_json(results: Sequence[ScanResult]) -> str:
    """The stable ``dpia scan --format json`` contract (docs/architecture.md)."""
    return to_json(scan_dict(results))


def scan_dict(results: Sequence[ScanResult]) -> dict[str, Any]:
    return {"files": [result.to_dict() for result in results]}


def scan_table(results: Sequence[ScanResult], lang: Language = "nl") -> str:
    """One row per column; special categories marked with ``!!``."""
    rows = []
    for result in results:
        for c in result.columns:
            evidence = ", ".join(c.values) if not c.mentions else _mentions(c.mentions)
            rows.append(
                [
                    result.provenance.path,
                    c.name,
                    c.entity or "-",
                    c.category or "-",
                    f"{_MARK}{c.special}" if c.special else "-",
                    f"{c.confidence:.2f}",
                    f"{c.share:.0%}",
                    evidence or "-",
                    # The deciding rule, for personal columns (all reasons: JSON and CSV).
                    render(c.reasons[-1], lang) if c.personal and c.reasons else "-",
                ]
            )
    return format_table([render(f"heading.{key}", lang) for key in _HEADINGS], rows)


def scan_csv(results: Sequence[ScanResult], lang: Language = "nl") -> str:
    """One row per column; every cell neutralised against spreadsheet formula injection; the
    reasons in ``lang``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for result in results:
        for c in result.columns:
            row = [
                result.provenance.path, c.name, c.entity or "", c.category or "", c.special or "",
                str(c.personal).lower(), f"{c.confidence:.2f}", f"{c.share:.4f}", c.header or "",
                " | ".join(c.values), _mentions(c.mentions),
                " | ".join(render(r, lang) for r in c.reasons),
            ]  # fmt: skip
            writer.writerow([safe_csv_cell(v) for v in row])
    return buffer.getvalue()


def _mentions(mentions: dict[str, int] | Any) -> str:
    return " ".join(f"{entity}={count}" for entity, count in sorted(mentions.items()))
