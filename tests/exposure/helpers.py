"""Hand-made inputs for the exposure tests: frames, scans and registers without the scanner."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import pandas as pd

from dpia.detect._scan import ColumnFinding, ScanResult
from dpia.exposure import ExposureTable, compute
from dpia.load._export import Export, Provenance
from dpia.register._policy import Register, Vendor
from dpia.register._taxonomy import SPECIAL_TYPES

VENDOR: dict[str, Any] = {
    "id": "leverancier",
    "name": "Leverancier B.V.",
    "role": "verwerker",
    "purpose": "Digitaal lesmateriaal",
    "legal_basis": "overeenkomst",
    "agreement": {"reference": "VWO-1", "date": "2024-07-01"},
    "feed": "feeds/leverancier.csv",
    "allowed": ["ECK_ID", "PERSON"],
    "retention": "tot einde licentie",
    "location": {"country": "NL", "eea": True},
}


def register_of(*vendors: Mapping[str, Any]) -> Register:
    """A register with the given vendors (each a partial override of ``VENDOR``)."""
    return Register.model_validate(
        {
            "schema_version": 1,
            "board": {"name": "Stichting Test", "schools": [{"brin": "12AB", "name": "OBS Test"}]},
            "vendors": [{**VENDOR, **v} for v in vendors] or [VENDOR],
        }
    )


def vendor_of(**fields: Any) -> Vendor:
    return register_of(fields).vendors[0]


def export_of(frame: pd.DataFrame, name: str = "feed.csv") -> Export:
    """An ``Export`` of ``frame`` whose sha256 follows its content."""
    data = frame.to_csv(index=False).encode("utf-8")
    provenance = Provenance(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        rows=len(frame),
        columns=len(frame.columns),
        format="csv",
    )
    return Export(frame=frame, provenance=provenance)


def frame_of(**columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns, dtype=str)


def finding(
    name: str, entity: str | None, mentions: Mapping[str, int] | None = None
) -> ColumnFinding:
    """A column finding as the scanner would report it (free text: its top special mention)."""
    mentions = dict(mentions or {})
    special = entity if entity in SPECIAL_TYPES else None
    if entity == "FREE_TEXT":
        found = [e for e in SPECIAL_TYPES if mentions.get(e)]
        special = max(found, key=lambda e: mentions[e]) if found else None
    return ColumnFinding(
        name=name,
        entity=entity,
        special=special,
        confidence=0.9,
        share=1.0,
        header=None,
        values=(),
        mentions=mentions,
    )


def scan_of(
    export: Export,
    entities: Mapping[str, str | None],
    mentions: Mapping[str, Mapping[str, int]] | None = None,
) -> ScanResult:
    """The scan of ``export``: ``entities[column]`` per column (unlisted columns not personal)."""
    mentions = mentions or {}
    return ScanResult(
        provenance=export.provenance,
        columns=tuple(
            finding(str(c), entities.get(str(c)), mentions.get(str(c)))
            for c in export.frame.columns
        ),
    )


def small_table() -> ExposureTable:
    """Three vendors: one compliant, one sent health notes, one singled out outside the EEA."""
    register = register_of(
        {"id": "netjes", "measures": ["Versleuteling"]},
        {
            "id": "notities",
            "allowed": ["PERSON"],
            "sub_processors": [{"name": "Berichten GmbH", "country": "DE"}],
        },
        {
            "id": "herleidbaar",
            "allowed": ["STUDENT_NUMBER"],
            "location": {"country": "US", "eea": False},
            "transfer_mechanism": "SCC",
        },
    )
    eck = [f"https://ketenid.nl/201703/{n:0128x}" for n in range(6)]
    netjes = export_of(frame_of(eck_id=eck, roepnaam=list("abcdef")))
    notities = export_of(
        frame_of(naam=list("abcdef"), notitie=["astma", "", "kerk", "goed", "astma", ""])
    )
    herleidbaar = export_of(
        frame_of(nummer=list("123456"), postcode=["1234 AB"] * 5 + ["9999 ZZ"], groep=["5a"] * 6)
    )
    return compute(
        register,
        {"netjes": netjes, "notities": notities, "herleidbaar": herleidbaar},
        {
            "netjes": scan_of(netjes, {"eck_id": "ECK_ID", "roepnaam": "PERSON"}),
            "notities": scan_of(
                notities,
                {"naam": "PERSON", "notitie": "FREE_TEXT"},
                {"notitie": {"HEALTH": 2, "RELIGION": 1}},
            ),
            "herleidbaar": scan_of(
                herleidbaar, {"nummer": "STUDENT_NUMBER", "postcode": "NL_POSTCODE"}
            ),
        },
    )
