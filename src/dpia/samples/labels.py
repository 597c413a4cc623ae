"""The ground truth (``labels.json``): every column's entity and art. 9/10 type, per free-text
column the entity types each row's note mentions, and per vendor what its feed's rows break of the
board's promises (``promises.truth``)."""

from __future__ import annotations

import json
from typing import Any

from dpia.samples.tables import Table


def labels(tables: list[Table], promises: dict[str, Any] | None = None) -> dict[str, Any]:
    files = {
        t.path: {"columns": {c.name: {"entity": c.entity, "special": c.special} for c in t.columns}}
        for t in tables
    }
    notes = {t.path: t.notes for t in tables if t.notes}
    return {"files": files, "notes": notes, "promises": promises or {}}


def labels_json(tables: list[Table], promises: dict[str, Any] | None = None) -> bytes:
    return (
        json.dumps(labels(tables, promises), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    ).encode("utf-8")
