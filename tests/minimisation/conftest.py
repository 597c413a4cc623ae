"""Helpers for the minimisation tests: fake column classifiers and one-expectation validation."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
import pytest

from dpia.minimise._classify import Finding, using_classifier
from dpia.minimise._engine import gx_loaded
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

    @property
    def personal(self) -> bool:
        return self.entity is not None


def classifier_for(entities: Mapping[str, str | None]) -> Callable[[pd.DataFrame], list[Finding]]:
    """A classifier that reports ``entities[column]`` (``None`` for unlisted columns)."""

    def classify(frame: pd.DataFrame) -> list[Finding]:
        return [FakeFinding(str(c), entities.get(str(c))) for c in frame.columns]

    return classify


def truth_classifier(frame: pd.DataFrame) -> list[Finding]:
    """The ground truth of ``data_samples/labels.json`` for the sample file with these columns."""
    for labelled in LABELS.values():
        columns = labelled["columns"]
        if set(columns) == {str(c) for c in frame.columns}:
            return [
                FakeFinding(str(c), columns[str(c)]["entity"], columns[str(c)]["special"])
                for c in frame.columns
            ]
    raise KeyError("no labels for a file with these columns")


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
        with using_classifier(classifier_for(entities or {})):
            result = validate_frame(load_suite(path), frame)
        (evr,) = result["results"]
        assert not evr["exception_info"]["raised_exception"], evr["exception_info"]
        return dict(evr)

    return run
