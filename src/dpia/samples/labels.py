"""The ground truth (``labels.json``): every column's entity and art. 9/10 type, and per free-text
column the entity types each row's note mentions."""

from __future__ import annotations

import json
from typing import Any

from dpia.samples.tables import Table


def labels(tables: list[Table]) -> dict[str, Any]:
    files = {
        t.path: {"columns": {c.name: {"entity": c.entity, "special": c.special} for c in t.columns}}
        for t in tables
    }
    notes = {t.path: t.notes for t in tables if t.notes}
    return {"files": files, "notes": notes}


def labels_json(tables: list[Table]) -> bytes:
    return (json.dumps(labels(tables), sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode(
        "utf-8"
    )
