"""Charts: pure figures in Dutch or English, written byte for byte the same every time."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from dpia.exposure import ExposureTable, compute
from dpia.exposure._charts import (
    attribute_bars,
    exposure_charts,
    exposure_heatmap,
    k_anonymity_bars,
    risk_map,
    save_figure,
)
from tests.exposure.helpers import export_of, frame_of, register_of, scan_of, small_table

TABLE = small_table()
EMPTY = ExposureTable(board="Stichting Test", vendors=())


def texts(figure: Figure) -> str:
    return "\n".join(t.get_text() for t in figure.findobj(Text))


def test_every_chart_is_a_figure_named_for_its_file() -> None:
    charts = exposure_charts(TABLE)
    assert list(charts) == [
        "exposure_heatmap",
        "exposure_attributes",
        "exposure_risk_map",
        "exposure_k_anonymity",
    ]
    assert all(isinstance(f, Figure) for f in charts.values())


def test_heatmap_shows_units_and_marks_estimates() -> None:
    shown = texts(exposure_heatmap(TABLE))
    assert "Blootstelling per leverancier en categorie" in shown
    assert "bijzonder: gezondheid" in shown
    assert "\u22488" in shown  # health in two notes: 2 pupils x weight 4, estimated
    assert "special: health" in texts(exposure_heatmap(TABLE, "en"))


def test_attribute_bars_count_allowed_and_excess() -> None:
    figure = attribute_bars(TABLE)
    shown = texts(figure)
    assert "toegestaan" in shown
    assert "te veel" in shown
    assert "allowed" in texts(attribute_bars(TABLE, "en"))
    # notities: the name is allowed; the notes and their health and religion mentions are not.
    assert TABLE.vendor("notities").excess_attributes[0].entity == "FREE_TEXT"
    assert len(TABLE.vendor("notities").excess_attributes) == 3


def test_risk_map_places_every_vendor() -> None:
    shown = texts(risk_map(TABLE))
    for vendor in TABLE.vendors:
        assert vendor.vendor in shown
    assert "4 maximaal" in shown
    assert "kans" in shown
    assert "ernst" in shown
    english = texts(risk_map(TABLE, "en"))
    assert "likelihood" in english
    assert "4 maximum" in english
    assert "high" in english


def test_k_anonymity_bars_mark_feeds_without_quasi_identifiers() -> None:
    shown = texts(k_anonymity_bars(TABLE))
    assert "6*" in shown  # netjes: no quasi-identifier, k = its 6 rows
    assert "geen quasi-identificatoren" in shown
    assert "no quasi-identifiers" in texts(k_anonymity_bars(TABLE, "en"))


@pytest.mark.parametrize("chart", [exposure_heatmap, attribute_bars, k_anonymity_bars])
def test_charts_of_nothing(chart: Callable[[ExposureTable], Figure], tmp_path: Path) -> None:
    figure = chart(EMPTY)
    assert "geen gegevens" in texts(figure)
    save_figure(figure, tmp_path / "leeg.png")


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_the_same_bytes_every_time(tmp_path: Path, suffix: str) -> None:
    first, second, again = (tmp_path / f"{n}{suffix}" for n in ("a", "b", "c"))
    save_figure(risk_map(TABLE), first)
    save_figure(risk_map(TABLE), second)
    figure = exposure_heatmap(TABLE)
    save_figure(figure, again)
    save_figure(figure, tmp_path / f"d{suffix}")
    assert first.read_bytes() == second.read_bytes()
    assert again.read_bytes() == (tmp_path / f"d{suffix}").read_bytes()
    data = first.read_bytes()
    assert b"Software" not in data
    assert b"Creation Time" not in data
    assert b"<dc:date>" not in data


def test_svg_ids_do_not_depend_on_the_process(tmp_path: Path) -> None:
    # SVG ids come from a hash salted per process unless the salt is fixed: another process.
    script = (
        "import sys\n"
        "from dpia.exposure._charts import risk_map, save_figure\n"
        "from tests.exposure.helpers import export_of, frame_of, register_of, scan_of, small_table\n"
        "save_figure(risk_map(small_table()), sys.argv[1])\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "there.svg")],
        check=True,
        capture_output=True,
        text=True,
    )
    assert run.stdout.strip() == "False"  # no pyplot, no global figure state
    save_figure(risk_map(TABLE), tmp_path / "here.svg")
    assert (tmp_path / "here.svg").read_bytes() == (tmp_path / "there.svg").read_bytes()


def test_k_anonymous_feed_is_drawn_as_such() -> None:
    frame = frame_of(nummer=list("123456"), geslacht=["M", "V"] * 3)
    export = export_of(frame)
    table = compute(
        register_of({"allowed": ["STUDENT_NUMBER", "GENDER"], "k_anonymity": 3}),
        {"leverancier": export},
        {"leverancier": scan_of(export, {"nummer": "STUDENT_NUMBER", "geslacht": "GENDER"})},
    )
    assert table.vendor("leverancier").reidentification.k == 3
    figure = k_anonymity_bars(table)
    shown = texts(figure)
    assert "3" in shown.splitlines()
    assert "*" not in shown.replace("* geen", "")


def test_save_figure_refuses_other_formats(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        save_figure(risk_map(TABLE), tmp_path / "kaart.pdf")
