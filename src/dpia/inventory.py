"""What a data folder holds: every export's provenance and the register's vendors, as plain data."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dpia.load import SUPPORTED_SUFFIXES, Export
from dpia.policy import Register


def data_files(folder: Path) -> list[Path]:
    """Every loadable export under ``folder``, sorted; hidden files and folders are skipped."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def build_inventory(register: Register, exports: Sequence[Export], base: Path) -> dict[str, Any]:
    """Provenance per export (paths relative to ``base``) and one summary line per vendor."""
    files = []
    for export in exports:
        record = export.provenance.to_dict()
        record["path"] = Path(record["path"]).relative_to(base).as_posix()
        files.append(record)
    vendors = [
        {
            "id": vendor.id,
            "name": vendor.name,
            "feed": vendor.feed,
            "allowed": list(vendor.allowed),
            "agreement": vendor.agreement.reference,
            "country": vendor.location.country,
            "eea": vendor.location.eea,
        }
        for vendor in register.vendors
    ]
    return {
        "board": register.board.name,
        "files": sorted(files, key=lambda f: f["path"]),
        "vendors": vendors,
    }
