"""Shared fixtures: a small, valid register with its feeds, written fresh for each test; and the
raw sample values that no output may show."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data_samples"

MINIMAL_REGISTER = {
    "schema_version": 1,
    "board": {
        "name": "Stichting Test",
        "schools": [{"brin": "12AB", "name": "OBS De Test", "pupils": 2}],
    },
    "sources": [{"file": "leerlingen.csv", "system": "ParnasSys"}],
    "vendors": [
        {
            "id": "leeslijn",
            "name": "Uitgeverij Leeslijn",
            "role": "verwerker",
            "purpose": "Digitaal lesmateriaal",
            "legal_basis": "overeenkomst",
            "agreement": {"reference": "VWO-1", "date": "2024-07-01"},
            "feed": "feeds/leeslijn.csv",
            "schools": ["12AB"],
            "allowed": ["ECK_ID", "PERSON"],
            "retention": "tot einde licentie",
            "location": {"country": "NL", "eea": True},
        }
    ],
}


@pytest.fixture
def register_dir(tmp_path: Path) -> Path:
    """A folder with ``register.yaml``, one source and one feed; returns the folder."""
    (tmp_path / "feeds").mkdir()
    # The feed and the board's export share the ECK iD: the board's promises can be checked.
    eck = ["https://ketenid.nl/201703/" + c * 128 for c in "ab"]
    (tmp_path / "feeds" / "leeslijn.csv").write_text(
        f"eck_id;roepnaam;groep\n{eck[0]};Jan;5a\n{eck[1]};Piet;5b\n"
    )
    (tmp_path / "leerlingen.csv").write_text(
        f"ECK iD;Achternaam;Groep;BRIN\n{eck[0]};Jansen;5a;12AB\n{eck[1]};Vries;5b;12AB\n"
    )
    (tmp_path / "register.yaml").write_text(yaml.safe_dump(MINIMAL_REGISTER, sort_keys=False))
    return tmp_path


@functools.cache
def raw_sample_values() -> frozenset[str]:
    """Values a leak would show: BSNs, e-mail addresses, phone numbers, surnames, whole notes."""
    from dpia.load._export import load_export

    frame = load_export(SAMPLES / "parnassys_leerlingen.csv").frame
    values: set[str] = set()
    for column in ("BSN", "E-mail ouder/verzorger", "Telefoon", "Notitie leerkracht"):
        values.update(v for v in frame[column] if len(v) >= 8)
    values.update(v for v in frame["Achternaam"] if len(v) >= 9)  # long surnames: no common words
    return frozenset(values)


@pytest.fixture(scope="session")
def baseline_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dpia run --no-notebooks`` on the samples, once per session: the report, its Word file,
    the PIA exports, and the previous run later runs compare with (``--since``)."""
    from dpia.cli import main

    out = tmp_path_factory.mktemp("baseline") / "out"
    assert (
        main(["run", "--data", str(SAMPLES), "--out", str(out), "--no-notebooks", "--quiet"]) == 0
    )
    return out
