"""Shared fixtures for the recognizer tables: one analyzer per session (Deduce loads once)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import AnalyzerEngine

from dpia.detect._analyzer import get_analyzer


@pytest.fixture(scope="session")
def analyzer() -> AnalyzerEngine:
    return get_analyzer()


@pytest.fixture(scope="session")
def find(analyzer: AnalyzerEngine) -> Callable[..., list[str]]:
    """``find(text, entity, language="nl", context=None, threshold=None)``: matched substrings.

    Only ``entity``'s recognizers run; results below the analyzer's report threshold are dropped
    unless ``threshold`` is given.
    """

    def _find(
        text: str,
        entity: str,
        language: str = "nl",
        context: list[str] | None = None,
        threshold: float | None = None,
    ) -> list[str]:
        results = analyzer.analyze(
            text, language=language, entities=[entity], context=context, score_threshold=threshold
        )
        return sorted(text[r.start : r.end] for r in results if r.entity_type == entity)

    return _find
