"""Helpers for the minimisation tests: column findings of our own and one-expectation validation."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
import pytest

from dpia.load._export import load_export
from dpia.minimise._engine import gx_loaded
from dpia.register._policy import Register
from tests.conftest import SAMPLES

# Before the test modules import the expectation modules: GX's import-time deprecation warnings
# would be errors here.
gx_loaded()

LABELS: dict[str, Any] = json.loads((SAMPLES / "labels.json").read_text("utf-8"))["files"]


@dataclass(frozen=True)
class FakeFinding:
    name: str
    entity: str | None
    special: str | None = None
    mentions: Mapping[str, int] = field(default_factory=dict)


def findings_for(frame: pd.DataFrame, entities: Mapping[str, str | None]) -> list[FakeFinding]:
    """Findings that report ``entities[column]`` (``None`` for unlisted columns)."""
    return [FakeFinding(str(c), entities.get(str(c))) for c in frame.columns]


def truth_findings(frame: pd.DataFrame) -> list[FakeFinding]:
    """The ground truth of ``data_samples/labels.json`` for the sample file with these columns."""
    for labelled in LABELS.values():
        columns = labelled["columns"]
        if set(columns) == {str(c) for c in frame.columns}:
            return [
                FakeFinding(str(c), columns[str(c)]["entity"], columns[str(c)]["special"])
                for c in frame.columns
            ]
    raise KeyError("no labels for a file with these columns")


def truth_by_vendor(register: Register) -> dict[str, list[FakeFinding]]:
    """Every vendor's feed with its ground-truth findings."""
    return {
        vendor.id: truth_findings(load_export(register.feed_path(vendor)).frame)
        for vendor in register.vendors
    }


def frame_of(**columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns, dtype=str)


class Check(Protocol):
    def __call__(
        self,
        kind: str,
        kwargs: dict[str, Any],
        frame: pd.DataFrame,
        entities: Mapping[str, str | None] | None = None,
    ) -> dict[str, Any]: ...


@pytest.fixture
def check(tmp_path: Path) -> Check:
    """GX's result (JSON form) of one expectation on a frame whose columns are classified as given
    (unlisted columns: not personal)."""
    from dpia.minimise._runner import validate_frame
    from dpia.minimise._suites import load_suite

    def run(
        kind: str,
        kwargs: dict[str, Any],
        frame: pd.DataFrame,
        entities: Mapping[str, str | None] | None = None,
    ) -> dict[str, Any]:
        suite = {"name": "test", "meta": {}, "expectations": [{"type": kind, "kwargs": kwargs}]}
        path = tmp_path / "test.json"
        path.write_text(json.dumps(suite), encoding="utf-8")
        result = validate_frame(
            load_suite(path), frame, findings=findings_for(frame, entities or {})
        )
        (evr,) = result["results"]
        assert not evr["exception_info"]["raised_exception"], evr["exception_info"]
        return dict(evr)

    return run
