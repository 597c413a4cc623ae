"""The exposure table for the terminal and the one function that writes exposure files."""

from __future__ import annotations

from pathlib import Path

from dpia.exposure._table import ExposureTable, VendorExposure
from dpia.exposure._texts import Reason
from dpia.messages import Language, entity_label, number, percent, render
from dpia.outputs import staged_output, write_json
from dpia.textable import format_table

EXPOSURE_JSON = "exposure.json"
CHARTS_DIR = "charts"

# The columns of the exposure table (message codes ``heading.<key>``), in the CLI and notebooks.
EXPOSURE_COLUMNS = (
    "vendor",
    "pupils",
    "counted_on",
    "units",
    "excess",
    "k",
    "unique",
    "severity",
    "likelihood",
    "risk",
)
# Pupils counted on names or on rows; otherwise on an identifier, named by its label.
_BASIS = {"PERSON": "word.names", "rows": "word.rows"}


def exposure_table(table: ExposureTable, lang: Language = "nl") -> str:
    """One row per vendor, then per vendor the reasons behind its risk level."""
    rows = exposure_rows(table, lang)
    text = format_table([render(f"heading.{key}", lang) for key in EXPOSURE_COLUMNS], rows)
    if any(not v.reidentification.measured for v in table.vendors):
        text += render("word.no_qi_note", lang) + "\n"
    for vendor in table.vendors:
        text += "\n" + _reasons(vendor, lang)
    return text


def exposure_rows(table: ExposureTable, lang: Language, *, arrow: str = "->") -> list[list[str]]:
    """One row per vendor under ``EXPOSURE_COLUMNS``; ``arrow`` joins inherent and residual."""
    return [_row(v, lang, arrow) for v in table.vendors]


def _row(vendor: VendorExposure, lang: Language, arrow: str) -> list[str]:
    reid, risk = vendor.reidentification, vendor.risk
    basis = vendor.subjects.basis
    excess = vendor.excess_columns
    return [
        vendor.vendor,
        number(vendor.subjects.count, lang),
        render(_BASIS[basis], lang) if basis in _BASIS else entity_label(basis, lang),
        number(vendor.units, lang),
        f"{len(excess)}: {', '.join(excess)}" if excess else "0",
        number(reid.k, lang) + ("" if reid.measured else "*"),
        percent(reid.sample_uniqueness, lang),
        str(risk.inherent.severity),
        f"{risk.inherent.likelihood} {arrow} {risk.residual.likelihood}",
        f"{risk.inherent.level.label(lang)} {arrow} {risk.residual.level.label(lang)}",
    ]


def _reasons(vendor: VendorExposure, lang: Language) -> str:
    risk = vendor.risk
    severity = render("heading.severity", lang)
    likelihood = render("heading.likelihood", lang)
    residual = render("word.after_measures", lang)
    lines = [
        f"{vendor.vendor}:",
        f"  {severity} {risk.inherent.severity}: {_joined(risk.severity_reasons, lang)}",
        f"  {likelihood} {risk.inherent.likelihood}: {_joined(risk.likelihood_reasons, lang)}",
        f"  {residual} {risk.residual.likelihood}: {_joined(risk.residual_reasons, lang)}",
    ]
    return "\n".join(lines) + "\n"


def _joined(reasons: tuple[Reason, ...], lang: Language) -> str:
    return "; ".join(render(r.message, lang) for r in reasons)


def write_exposure(table: ExposureTable, out_dir: Path | str, lang: Language = "nl") -> list[Path]:
    """``<out>/exposure.json`` and ``<out>/charts/exposure_*.png|svg``; the paths written.

    Staged like every output: all files appear together or none do. ``charts/`` is replaced as a
    whole.
    """
    # matplotlib costs half a second to import: only when charts are written.
    from dpia.exposure._charts import exposure_charts, save_figure

    out_dir = Path(out_dir)
    relative = [Path(EXPOSURE_JSON)]
    with staged_output(out_dir) as stage:
        write_json(stage / EXPOSURE_JSON, table.to_dict())
        for name, figure in exposure_charts(table, lang).items():
            for suffix in (".png", ".svg"):
                path = Path(CHARTS_DIR) / f"{name}{suffix}"
                save_figure(figure, stage / path)
                relative.append(path)
    return [out_dir / path for path in relative]
