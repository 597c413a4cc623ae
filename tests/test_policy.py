"""The register schema: a valid register loads; each kind of mistake names vendor and field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from dpia.register._policy import BirthDateForm, RegisterError, load_register
from tests.conftest import MINIMAL_REGISTER


def _write(folder: Path, register: dict[str, Any]) -> Path:
    path = folder / "register.yaml"
    path.write_text(yaml.safe_dump(register, sort_keys=False))
    return path


def _broken(folder: Path, change: Any) -> str:
    register = copy.deepcopy(MINIMAL_REGISTER)
    change(register)
    with pytest.raises(RegisterError) as caught:
        load_register(_write(folder, register))
    return str(caught.value)


def test_valid_register_loads(register_dir: Path) -> None:
    register = load_register(register_dir / "register.yaml")
    vendor = register.vendor("leeslijn")
    assert vendor.allowed == ("ECK_ID", "PERSON")
    assert vendor.date_of_birth is BirthDateForm.NONE
    assert vendor.k_anonymity == 5
    assert register.feed_path(vendor) == register_dir / "feeds" / "leeslijn.csv"
    assert register.source_paths() == [register_dir / "leerlingen.csv"]


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(register: dict[str, Any]) -> None:
        node = register
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            _set(("vendors", 0, "allowed"), ["ECK_ID", "SHOE_SIZE"]),
            "vendor 'leeslijn' field 'allowed': unknown entity type(s) SHOE_SIZE",
        ),
        (
            _set(("vendors", 0, "feed"), "feeds/gone.csv"),
            "vendor 'leeslijn' field 'feed': no such file 'feeds/gone.csv'",
        ),
        (
            _set(("vendors", 0, "agreement", "date"), "2024-13-45"),
            "vendor 'leeslijn' field 'agreement.date':",
        ),
        (
            _set(("vendors", 0, "legal_basis"), "omdat het kan"),
            "vendor 'leeslijn' field 'legal_basis':",
        ),
        (_set(("vendors", 0, "schools"), ["XYZ"]), "vendor 'leeslijn' field 'schools.0':"),
        (
            _set(("vendors", 0, "location"), {"country": "US", "eea": False}),
            "vendor 'leeslijn' field 'transfer_mechanism': processing in US",
        ),
        (
            _set(("vendors", 0, "surprise"), 1),
            "vendor 'leeslijn' field 'surprise': Extra inputs are not permitted",
        ),
        (_set(("sources", 0, "file"), "weg.csv"), "sources field 'file': no such file 'weg.csv'"),
        (_set(("board", "schools", 0, "brin"), "ABCD"), "field 'board.schools.0.brin':"),
        (
            _set(("vendors", 0, "retention_after_leaving"), "3 maanden"),
            "vendor 'leeslijn' field 'retention_after_leaving': '3 maanden' is not an ISO 8601 "
            "period in years, months, weeks or days (e.g. P3M, P1Y, P30D)",
        ),
        (
            _set(("vendors", 0, "retention_after_leaving"), "PT3M"),
            "vendor 'leeslijn' field 'retention_after_leaving': 'PT3M' is not an ISO 8601",
        ),
        (
            _set(("vendors", 0, "legal_basis"), "toestemming"),
            "vendor 'leeslijn' field 'consent': legal_basis is 'toestemming' but no consent",
        ),
        (
            _set(("vendors", 0, "consent"), "ouderapp"),
            "vendor 'leeslijn' field 'consent': names consent 'ouderapp' but legal_basis is",
        ),
        (_set(("vendors", 0, "feed_date"), "gisteren"), "vendor 'leeslijn' field 'feed_date':"),
        (_set(("sources", 0, "exported"), "2025-02-30"), "field 'sources.0.exported':"),
    ],
)
def test_broken_register_names_vendor_and_field(
    register_dir: Path, change: Any, expected: str
) -> None:
    message = _broken(register_dir, change)
    assert message.startswith(f"{register_dir / 'register.yaml'}: ")
    assert expected in message


def test_duplicate_vendor_id(register_dir: Path) -> None:
    message = _broken(register_dir, lambda r: r["vendors"].append(copy.deepcopy(r["vendors"][0])))
    assert "vendor 'leeslijn' field 'id': duplicate vendor id" in message


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match="no such file"):
        load_register(tmp_path / "register.yaml")
    (tmp_path / "register.yaml").write_text("vendors: [unclosed\n")
    with pytest.raises(RegisterError, match="line 2: not valid YAML"):
        load_register(tmp_path / "register.yaml")
    (tmp_path / "register.yaml").write_text("- just a list\n")
    with pytest.raises(RegisterError, match="expected a mapping"):
        load_register(tmp_path / "register.yaml")


def test_unknown_vendor_lookup(register_dir: Path) -> None:
    register = load_register(register_dir / "register.yaml")
    with pytest.raises(RegisterError, match="known: leeslijn"):
        register.vendor("nobody")
