"""What changed since the last assessment (GDPR art. 35(11): revisit the DPIA when the processing
changes): two runs compared through their public JSON forms, ``scan.json`` and ``exposure.json``.

A run is reduced to a snapshot per vendor (its feed's columns and their entity types, the
entity and special types it receives, its verdict, k and risk levels); two snapshots give the
vendors added and gone and, per vendor, what moved. Every change is also a sentence (a
``Message``) for the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dpia.messages import Message, render


def snapshot(scan: Mapping[str, Any], exposure: Mapping[str, Any]) -> dict[str, Any]:
    """Per vendor id, what a later run is compared on; from ``scan.json`` and ``exposure.json``."""
    files = {f["path"]: f for f in scan["files"]}
    vendors: dict[str, Any] = {}
    for vendor in exposure["vendors"]:
        feed = files.get(vendor["feed"], {"columns": []})
        vendors[vendor["vendor"]] = {
            "name": vendor["name"],
            "feed": vendor["feed"],
            "columns": {c["name"]: c["special"] or c["entity"] for c in feed["columns"]},
            "entities": sorted({a["entity"] for a in vendor["attributes"]}),
            "special": sorted(vendor["special_types"]),
            "passed": vendor["validation_passed"],
            "k": vendor["k_anonymity"],
            "risk": dict(vendor["risk_level"]),
        }
    return vendors


def compare_runs(
    previous: Mapping[str, Any] | None, current: Mapping[str, Any], *, since: str | None
) -> dict[str, Any]:
    """``changes.json``: ``previous`` and ``current`` are snapshots (``previous`` ``None`` on a
    first run); ``since`` is when the previous run started. Vendors in register order."""
    if previous is None:
        return {
            "previous": None,
            "vendors_added": [],
            "vendors_gone": [],
            "vendors": {},
            "changes": [],
        }
    messages: list[Message] = []
    added = [v for v in current if v not in previous]
    gone = [v for v in previous if v not in current]
    messages += [Message("change.vendor_added", vendor=current[v]["name"]) for v in added]
    messages += [Message("change.vendor_gone", vendor=previous[v]["name"]) for v in gone]
    moved: dict[str, Any] = {}
    for vendor_id, now in current.items():
        before = previous.get(vendor_id)
        if before is None:
            continue
        name = now["name"]
        entry: dict[str, Any] = {}
        new_columns = [c for c in now["columns"] if c not in before["columns"]]
        old_columns = [c for c in before["columns"] if c not in now["columns"]]
        if new_columns:
            entry["columns_added"] = [
                {"column": c, "entity": now["columns"][c]} for c in new_columns
            ]
            for column in new_columns:
                entity = now["columns"][column]
                messages.append(
                    Message("change.column_added", vendor=name, column=column, entity=entity)
                    if entity
                    else Message("change.column_added_plain", vendor=name, column=column)
                )
        if old_columns:
            entry["columns_removed"] = old_columns
            messages += [
                Message("change.column_removed", vendor=name, column=c) for c in old_columns
            ]
        special = [s for s in now["special"] if s not in before["special"]]
        entities = [e for e in now["entities"] if e not in before["entities"] and e not in special]
        if entities:
            entry["entities_added"] = entities
            messages += [Message("change.entity_added", vendor=name, entity=e) for e in entities]
        if special:
            entry["special_added"] = special
            messages += [Message("change.special_added", vendor=name, entity=s) for s in special]
        for field, code, value in (
            ("passed", "change.verdict", _verdict),
            ("k", "change.k", _k),
        ):
            if now[field] != before[field]:
                entry[field] = {"before": before[field], "after": now[field]}
                messages.append(
                    Message(code, vendor=name, before=value(before[field]), after=value(now[field]))
                )
        for level in ("inherent", "residual"):
            if now["risk"][level] != before["risk"][level]:
                entry[f"risk_{level}"] = {
                    "before": before["risk"][level],
                    "after": now["risk"][level],
                }
                messages.append(
                    Message(
                        f"change.risk_{level}",
                        vendor=name,
                        before=Message(f"level.{before['risk'][level]}"),
                        after=Message(f"level.{now['risk'][level]}"),
                    )
                )
        if entry:
            moved[vendor_id] = entry
    return {
        "previous": since,
        "vendors_added": added,
        "vendors_gone": gone,
        "vendors": moved,
        "changes": [
            {**m.to_dict(), "nl": render(m, "nl"), "en": render(m, "en")} for m in messages
        ],
    }


def _verdict(passed: bool | None) -> Message:
    return (
        Message("word.pass" if passed else "word.fail")
        if passed is not None
        else Message("word.not_validated")
    )


def _k(k: int | None) -> str | int:
    return "-" if k is None else k
