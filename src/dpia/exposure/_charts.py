"""Figures of the exposure stage, as ``matplotlib.figure.Figure`` objects: no pyplot, no global state.

Every chart takes an ``ExposureTable`` and a language (Dutch by default, ``lang="en"`` for
English) and returns a fresh figure of fixed size. Colours are the colour-blind safe Okabe-Ito
palette and the cividis colour map, and every colour is doubled by text, a hatch or a marker.
``save_figure`` writes PNG or SVG byte for byte the same on every run: no timestamps, no
software version, fixed SVG ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from dpia.exposure._reidentification import COMMON_K
from dpia.exposure._risk import Level, rijksmodel
from dpia.exposure._table import ExposureTable
from dpia.exposure._texts import category_label
from dpia.messages import Language, number, render

DPI = 150
SVG_HASH_SALT = "dpia-workbench"
# Okabe & Ito (2008), "Color Universal Design", without its yellow, which vanishes on the light
# backgrounds of the risk map.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#000000",  # black
)
ALLOWED_COLOUR = "#0072B2"
EXCESS_COLOUR = "#D55E00"
NEUTRAL_COLOUR = "#BBBBBB"
# Light tints of bluish green, yellow and vermillion: the level is also written in each cell.
LEVEL_COLOURS = {Level.LAAG: "#D4EFE7", Level.MIDDEN: "#FBF6C8", Level.HOOG: "#F5D2BE"}
HEATMAP = "cividis"


def exposure_charts(table: ExposureTable, lang: Language = "nl") -> dict[str, Figure]:
    """Every exposure chart by its file stem."""
    return {
        "exposure_heatmap": exposure_heatmap(table, lang),
        "exposure_attributes": attribute_bars(table, lang),
        "exposure_risk_map": risk_map(table, lang),
        "exposure_k_anonymity": k_anonymity_bars(table, lang),
    }


def save_figure(figure: Figure, path: Path | str) -> None:
    """Write ``figure`` as PNG or SVG (by the suffix), the same bytes on every run."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".png":
        figure.savefig(
            path, format="png", dpi=DPI, metadata={"Software": None, "Creation Time": None}
        )
    elif suffix == ".svg":
        # The salt fixes the ids SVG elements get (random per process otherwise).
        with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
            figure.savefig(path, format="svg", dpi=DPI, metadata={"Date": None})
    else:
        raise ValueError(f"{path}: charts are written as .png or .svg, not {suffix or '(none)'!r}")


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def _fixed(figure: Figure) -> Figure:
    """``figure`` with its layout computed once and then frozen.

    Constrained layout starts again from the current positions at every draw, so a figure with a
    colour bar or an outside legend would come out a little different each time it is saved.
    """
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    return figure


def _numbers(lang: Language) -> FuncFormatter:
    """Tick labels as whole numbers written the language's way (1.000), not as powers of ten."""
    return FuncFormatter(lambda value, _position: number(round(value), lang))


def _empty(figure: Figure, ax: Axes, title: str, lang: Language) -> Figure:
    ax.set_title(title)
    ax.text(0.5, 0.5, render("chart.empty", lang), ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return _fixed(figure)


# --- heatmap ---------------------------------------------------------------------------------


def exposure_heatmap(table: ExposureTable, lang: Language = "nl") -> Figure:
    """Exposure units per vendor (rows) and data category (columns); empty cells stay blank."""
    keys = table.category_keys()
    vendors = [v.vendor for v in table.vendors]
    figure = _figure(2.6 + 1.25 * max(len(keys), 1), 1.9 + 0.45 * max(len(vendors), 1))
    ax = figure.add_subplot()
    if not keys or not vendors:
        return _empty(figure, ax, render("chart.heatmap_title", lang), lang)
    units = np.zeros((len(vendors), len(keys)))
    estimated = np.zeros_like(units, dtype=bool)
    for row, vendor in enumerate(table.vendors):
        for category in vendor.categories:
            column = keys.index(category.key)
            units[row, column] = category.units
            estimated[row, column] = category.estimated
    cmap = matplotlib.colormaps[HEATMAP].with_extremes(bad="#FFFFFF")
    # Log colours: health notes about a hundred pupils must not look like nothing next to a
    # national id number of two thousand.
    filled = units[units > 0]
    top = float(filled.max())
    norm = LogNorm(vmin=min(float(filled.min()), top / 10), vmax=top)
    image = ax.imshow(
        np.ma.masked_equal(units, 0), cmap=cmap, norm=norm, aspect="auto", interpolation="nearest"
    )
    for row in range(len(vendors)):
        for column in range(len(keys)):
            value = units[row, column]
            if value == 0:
                continue
            red, green, blue, _ = cmap(norm(value))
            dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
            label = ("\u2248" if estimated[row, column] else "") + number(int(value), lang)
            ax.text(
                column,
                row,
                label,
                ha="center",
                va="center",
                fontsize=8,
                color="white" if dark else "black",
            )
    ax.set_xticks(range(len(keys)), [category_label(k, lang) for k in keys])
    ax.tick_params(axis="x", labelrotation=30)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
        tick.set_rotation_mode("anchor")
    ax.set_yticks(range(len(vendors)), vendors)
    ax.set_ylabel(render("chart.vendor", lang))
    # Thin white lines between cells, so blank cells read as cells.
    ax.set_xticks(np.arange(-0.5, len(keys)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(vendors)), minor=True)
    ax.grid(which="minor", color="#DDDDDD", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    ax.set_title(render("chart.heatmap_title", lang))
    colorbar = figure.colorbar(image, ax=ax, shrink=0.9)
    colorbar.set_label(render("chart.units", lang))
    # Ticks at 1-2-5 steps as whole numbers: LogFormatter would write 6x10^0 on a short range.
    colorbar.ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    colorbar.ax.yaxis.set_minor_locator(NullLocator())
    colorbar.ax.yaxis.set_major_formatter(_numbers(lang))
    ax.set_xlabel(render("chart.heatmap_note", lang), fontsize=8, color="#444444")
    return _fixed(figure)


# --- allowed vs excess -----------------------------------------------------------------------


def attribute_bars(table: ExposureTable, lang: Language = "nl") -> Figure:
    """Per vendor, the attributes received that the agreement allows and those in excess."""
    vendors = [v.vendor for v in table.vendors]
    figure = _figure(7.5, 1.6 + 0.45 * max(len(vendors), 1))
    ax = figure.add_subplot()
    if not vendors:
        return _empty(figure, ax, render("chart.bars_title", lang), lang)
    allowed = [sum(a.allowed for a in v.attributes) for v in table.vendors]
    excess = [len(v.excess_attributes) for v in table.vendors]
    rows = np.arange(len(vendors))
    ax.barh(rows, allowed, color=ALLOWED_COLOUR, label=render("chart.allowed", lang), height=0.6)
    ax.barh(
        rows,
        excess,
        left=allowed,
        color=EXCESS_COLOUR,
        hatch="//",
        edgecolor="white",
        label=render("chart.excess", lang),
        height=0.6,
    )
    for row, (ok, bad) in enumerate(zip(allowed, excess, strict=True)):
        if ok:
            ax.text(ok / 2, row, str(ok), ha="center", va="center", color="white", fontsize=8)
        if bad:
            ax.text(
                ok + bad / 2,
                row,
                str(bad),
                ha="center",
                va="center",
                color="black",
                fontsize=8,
                fontweight="bold",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "linewidth": 0},
            )
    ax.set_yticks(rows, vendors)
    ax.invert_yaxis()  # register order from the top
    ax.set_xlabel(render("chart.attributes", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(a + b for a, b in zip(allowed, excess, strict=True)) + 0.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(render("chart.bars_title", lang))
    figure.legend(loc="outside lower center", ncol=2, frameon=False)
    return _fixed(figure)


# --- risk map --------------------------------------------------------------------------------


def risk_map(table: ExposureTable, lang: Language = "nl") -> Figure:
    """CNIL's severity x likelihood grid, coloured by Rijksmodel level; each vendor numbered, an
    arrow from its inherent (open) to its residual (filled) position."""
    figure = _figure(9.0, 6.2)
    ax = figure.add_subplot()
    for severity in range(1, 5):
        for likelihood in range(1, 5):
            level = rijksmodel(severity, likelihood)
            ax.add_patch(
                Rectangle(
                    (likelihood - 0.5, severity - 0.5),
                    1,
                    1,
                    facecolor=LEVEL_COLOURS[level],
                    edgecolor="white",
                    linewidth=2,
                )
            )
            ax.text(
                likelihood + 0.45,
                severity + 0.45,
                level.label(lang),
                ha="right",
                va="top",
                fontsize=7,
                color="#555555",
            )
    slots = _slots([v.risk.inherent.severity for v in table.vendors])
    handles: list[Line2D] = []
    for index, (vendor, offset) in enumerate(zip(table.vendors, slots, strict=True)):
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        risk = vendor.risk
        y = risk.inherent.severity + offset
        start, end = risk.inherent.likelihood, risk.residual.likelihood
        if start != end:
            ax.annotate(
                "",
                xy=(end + 0.09 * np.sign(start - end), y),
                xytext=(start - 0.09 * np.sign(start - end), y),
                arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.6},
            )
        number_text = str(index + 1)
        ax.plot(
            start,
            y,
            "o",
            markersize=13,
            markerfacecolor="white",
            markeredgecolor=colour,
            markeredgewidth=2,
        )
        ax.text(start, y, number_text, ha="center", va="center", fontsize=7, color="black")
        ax.plot(end, y, "o", markersize=13, color=colour)
        ax.text(end, y, number_text, ha="center", va="center", fontsize=7, color=_ink(colour))
        summary = (
            f"{index + 1}  {vendor.vendor}: {risk.inherent.level.label(lang)} \u2192 "
            f"{risk.residual.level.label(lang)}"
        )
        handles.append(
            Line2D([], [], marker="o", linestyle="", color=colour, markersize=8, label=summary)
        )
    handles.append(
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor="#444444",
            markersize=8,
            label=render("chart.inherent", lang),
        )
    )
    handles.append(
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color="#444444",
            markersize=8,
            label=render("chart.residual", lang),
        )
    )
    levels = [
        Patch(facecolor=LEVEL_COLOURS[level], edgecolor="#999999", label=level.label(lang))
        for level in Level
    ]
    figure.legend(handles=[*handles, *levels], loc="outside right upper", frameon=False, fontsize=8)
    scale = [f"{n} {render(f'cnil.{n}', lang)}" for n in range(1, 5)]
    ax.set_xticks(range(1, 5), scale)
    ax.set_yticks(range(1, 5), scale)
    ax.set_xlim(0.5, 4.5)
    ax.set_ylim(0.5, 4.5)
    ax.set_xlabel(render("chart.likelihood", lang))
    ax.set_ylabel(render("chart.severity", lang))
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(render("chart.map_title", lang))
    return _fixed(figure)


def _slots(severities: Sequence[int]) -> list[float]:
    """A vertical offset per vendor inside its severity row, so no two vendors' arrows overlap."""
    offsets: list[float] = []
    for index, severity in enumerate(severities):
        same = [i for i, s in enumerate(severities) if s == severity]
        position = same.index(index)
        spread = min(0.34, 0.1 * (len(same) - 1))
        offsets.append(0.0 if len(same) == 1 else -spread + 2 * spread * position / (len(same) - 1))
    # Register order from the top of each row.
    return [-o for o in offsets]


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "white" if 0.299 * red + 0.587 * green + 0.114 * blue < 0.5 else "black"


# --- k-anonymity -----------------------------------------------------------------------------


def k_anonymity_bars(table: ExposureTable, lang: Language = "nl") -> Figure:
    """k per vendor on a log scale with the threshold at 5; feeds without quasi-identifiers (k =
    rows) hatched in grey."""
    vendors = [v.vendor for v in table.vendors]
    figure = _figure(7.5, 4.6)
    ax = figure.add_subplot()
    if not vendors:
        return _empty(figure, ax, render("chart.k_title", lang), lang)
    base = 0.5  # bars start below k = 1 so that k = 1 shows on the log scale
    for column, vendor in enumerate(table.vendors):
        reid = vendor.reidentification
        height = max(reid.k, 1) - base
        if not reid.measured:
            colour, hatch = NEUTRAL_COLOUR, ".."
        elif reid.k < COMMON_K:
            colour, hatch = EXCESS_COLOUR, "//"
        else:
            colour, hatch = ALLOWED_COLOUR, None
        ax.bar(column, height, bottom=base, width=0.6, color=colour, hatch=hatch, edgecolor="white")
        ax.text(
            column,
            max(reid.k, 1) * 1.12,
            number(reid.k, lang) + ("" if reid.measured else "*"),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    ax.axhline(COMMON_K, color="black", linestyle="--", linewidth=1)
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(_numbers(lang))
    top = max(max(v.reidentification.k for v in table.vendors), COMMON_K)
    ax.set_ylim(base, top * 3)
    ax.set_xticks(range(len(vendors)), vendors)
    ax.tick_params(axis="x", labelrotation=20)
    ax.set_ylabel(render("chart.k_axis", lang))
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(render("chart.k_title", lang))
    legend = [
        Patch(
            facecolor=EXCESS_COLOUR,
            hatch="//",
            edgecolor="white",
            label=render("chart.below", lang, k=COMMON_K),
        ),
        Patch(facecolor=ALLOWED_COLOUR, label=render("chart.at_least", lang, k=COMMON_K)),
        Patch(
            facecolor=NEUTRAL_COLOUR,
            hatch="..",
            edgecolor="white",
            label="* " + render("chart.no_qi", lang),
        ),
        Line2D(
            [], [], color="black", linestyle="--", label=render("chart.threshold", lang, k=COMMON_K)
        ),
    ]
    figure.legend(handles=legend, loc="outside lower center", ncol=2, frameon=False, fontsize=8)
    return _fixed(figure)
