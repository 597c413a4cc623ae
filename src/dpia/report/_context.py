"""Plain data for the report templates, from the JSON forms of scan, validation and exposure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dpia.messages import Language, Message, entity_label, render
from dpia.register import ENTITY_TYPES, Register
from dpia.report._measures import Measure

# Chart file stem (as written by exposure) and the code of its caption, in report order.
CHARTS = (
    ("exposure_risk_map", "report.chart_risk"),
    ("exposure_heatmap", "report.chart_heatmap"),
    ("exposure_attributes", "report.chart_bars"),
    ("exposure_k_anonymity", "report.chart_k"),
)


def report_context(
    *,
    board: str,
    scans: Mapping[str, Any],
    pupils: Mapping[str, int],
    verdicts: Sequence[Mapping[str, Any]],
    exposure: Mapping[str, Any],
    measures: Sequence[Measure],
    manifest: Mapping[str, Any],
    lang: Language,
    register: Register,
    changes: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the report shows. ``scans`` is the ``dpia scan`` JSON contract; ``pupils``
    the distinct pupils per file (``dpia.rules.subject_codes``); ``measures`` those of
    ``measures_for``, made once by the pipeline; ``register`` the register the run read (purposes,
    parties, locations, retention, answers, sign-off); ``changes`` those of ``compare_runs``."""
    files = []
    special: list[dict[str, Any]] = []
    for file in scans["files"]:
        personal = [c for c in file["columns"] if c["personal"]]
        for column in personal:
            kind = column["special"] or column["entity"]
            if (
                column["special"]
                or ENTITY_TYPES[kind].category.value == "nationaal_identificatienummer"
            ):
                special.append({"file": file["path"], "column": column["name"], "entity": kind,
                                "label": entity_label(kind, lang),
                                "mentions": column["mentions"],
                                "examples": _examples(column, kind, lang)})  # fmt: skip
        files.append(
            {
                "path": file["path"],
                "rows": file["rows"],
                "pupils": pupils[file["path"]],
                "personal": len(personal),
                "columns": file["columns"],
                "categories": sorted({c["category"] for c in personal}),
                "special": sorted({c["special"] for c in personal if c["special"]}),
            }
        )
    return {
        "lang": lang,
        "board": board,
        "files": files,
        "special": special,
        "verdicts": list(verdicts),
        "vendors": exposure["vendors"],
        "measures": [{"vendor": m.vendor, "text": render(m.message, lang)} for m in measures],
        "charts": CHARTS,
        "manifest": manifest,
        "register": register,
        "changes": changes,
    }


def _examples(column: Mapping[str, Any], kind: str, lang: Language) -> list[dict[str, Any]]:
    """For a free-text column: per special or care type, the rows that mention it, the rules
    that matched and the masked snippets of the scan."""
    found = []
    for entity, snippets in sorted(column.get("snippets", {}).items()):
        found.append(
            {
                "label": entity_label(entity, lang),
                "rows": column["rows_mentioning"].get(entity, 0),
                "rules": sorted({render(Message(f"rule.{s['rule']}"), lang) for s in snippets}),
                "texts": [s["text"] for s in snippets],
            }
        )
    return found
