"""The terminal table and the exposure files."""

from __future__ import annotations

import json
from pathlib import Path

from dpia.exposure import EXPOSURE_JSON, ExposureTable, exposure_table, write_exposure
from dpia.outputs import to_json
from tests.exposure.helpers import small_table

TABLE = small_table()


def test_table_in_dutch() -> None:
    text = exposure_table(TABLE)
    header = text.splitlines()[0].split()
    assert header[:3] == ["leverancier", "leerlingen", "geteld"]
    row = next(line for line in text.splitlines() if line.startswith("herleidbaar"))
    assert "1: postcode" in row
    assert "hoog -> hoog" in row
    assert "* geen quasi-identificatoren" in text
    assert "herleidbaar: k = 1, onder de afgesproken 5" in text  # its reasons follow the table


def test_table_in_english() -> None:
    text = exposure_table(TABLE, "en")
    assert text.splitlines()[0].startswith("vendor")
    assert "after measures" in text
    assert "low -> low" in text


def test_table_without_unmeasured_feeds_has_no_footnote() -> None:
    only = ExposureTable(board="Stichting Test", vendors=(TABLE.vendor("herleidbaar"),))
    assert "*" not in exposure_table(only)


def test_write_exposure(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "inventory.json").parent.mkdir(parents=True)
    (out / "inventory.json").write_text("{}\n")
    written = write_exposure(TABLE, out, "nl")
    assert written[0] == out / EXPOSURE_JSON
    assert sorted(p.relative_to(out).as_posix() for p in written[1:]) == sorted(
        f"charts/{name}.{suffix}"
        for name in (
            "exposure_heatmap",
            "exposure_attributes",
            "exposure_risk_map",
            "exposure_k_anonymity",
        )
        for suffix in ("png", "svg")
    )
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert (out / "inventory.json").read_text() == "{}\n"  # other outputs stay
    text = (out / EXPOSURE_JSON).read_text("utf-8")
    data = json.loads(text)
    assert text == to_json(data)  # sorted keys, stable form
    assert [v["vendor"] for v in data["vendors"]] == ["netjes", "notities", "herleidbaar"]
    notes = data["vendors"][1]
    assert notes["risk_level"] == {"inherent": "hoog", "residual": "hoog"}
    assert {(a["column"], a["entity"]) for a in notes["excess_attributes"]} == {
        ("notitie", "FREE_TEXT"),
        ("notitie", "HEALTH"),
        ("notitie", "RELIGION"),
    }
    # No cell value of the feeds reaches the file.
    assert "astma" not in text
    assert "1234 AB" not in text


def test_write_exposure_twice_gives_the_same_files(tmp_path: Path) -> None:
    first = write_exposure(TABLE, tmp_path / "a", "en")
    second = write_exposure(TABLE, tmp_path / "b", "en")
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
