"""``load_suite`` fails closed: every problem is a ``SuiteError`` naming file and entry."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from dpia.minimise import SuiteError, build_suites, load_suite
from dpia.minimise._suites import ALLOWED_ENTITIES, K_ANONYMOUS
from dpia.register._policy import load_register
from tests.conftest import SAMPLES


def _suite() -> dict[str, Any]:
    return build_suites(load_register(SAMPLES / "register.yaml"))["leeslijn"]


def _write(tmp_path: Path, suite: Any) -> Path:
    path = tmp_path / "leeslijn.json"
    path.write_text(json.dumps(suite), encoding="utf-8")
    return path


def _error(tmp_path: Path, suite: Any) -> str:
    with pytest.raises(SuiteError) as caught:
        load_suite(_write(tmp_path, suite))
    return str(caught.value)


def test_a_built_suite_loads_whole(tmp_path: Path) -> None:
    suite = _suite()
    loaded = load_suite(_write(tmp_path, suite))
    assert loaded.name == "leeslijn"
    assert len(loaded.expectations) == len(suite["expectations"])


def test_unknown_expectation_type(tmp_path: Path) -> None:
    suite = _suite()
    suite["expectations"][2]["type"] = "expect_table_to_be_harmless"
    message = _error(tmp_path, suite)
    assert str(tmp_path / "leeslijn.json") in message
    assert "expectation #3 (expect_table_to_be_harmless)" in message
    assert "not found" in message


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"allowed": ["ECK_ID", "SHOE_SIZE"]}, "unknown entity type(s) SHOE_SIZE"),
        ({"allowed": "ECK_ID"}, "allowed"),
        ({"allowed": ["ECK_ID"], "strict": True}, "extra fields not permitted"),
        ({}, "field required"),
    ],
)
def test_bad_kwargs(tmp_path: Path, kwargs: dict[str, Any], reason: str) -> None:
    suite = _suite()
    assert suite["expectations"][0]["type"] == ALLOWED_ENTITIES
    suite["expectations"][0]["kwargs"] = kwargs
    message = _error(tmp_path, suite)
    assert f"expectation #1 ({ALLOWED_ENTITIES}): bad kwargs" in message
    assert reason in message


def test_a_threshold_is_not_coerced(tmp_path: Path) -> None:
    suite = _suite()
    entry = next(e for e in suite["expectations"] if e["type"] == K_ANONYMOUS)
    entry["kwargs"]["threshold"] = "5"
    assert "threshold" in _error(tmp_path, suite)


def test_fewer_loaded_than_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """GX drops an expectation it cannot add with only a log line; we refuse the suite."""
    from great_expectations.core.expectation_suite import ExpectationSuite
    from great_expectations.exceptions.exceptions import InvalidExpectationConfigurationError

    original = ExpectationSuite._process_expectation
    calls: list[int] = []

    def drop_second(self: ExpectationSuite, expectation: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise InvalidExpectationConfigurationError("dropped")
        return original(self, expectation)

    monkeypatch.setattr(ExpectationSuite, "_process_expectation", drop_second)
    suite = _suite()
    with caplog.at_level(logging.CRITICAL):
        message = _error(tmp_path, suite)
    assert (
        f"{len(suite['expectations']) - 1} of {len(suite['expectations'])} expectations loaded"
        in message
    )


@pytest.mark.parametrize(
    ("suite", "reason"),
    [
        ([], "expected an object with a non-empty 'name'"),
        ({"name": "leeslijn", "expectations": []}, "'expectations' must be a non-empty list"),
        ({"name": "leeslijn", "expectations": [1]}, "expectation #1: expected an object"),
        (
            {
                "name": "leeslijn",
                "expectations": [{"type": ALLOWED_ENTITIES, "kwargs": {}, "x": 1}],
            },
            "expectation #1: expected an object with 'type', 'kwargs' and 'meta' only",
        ),
        (
            {"name": "leeslijn", "expectations": [{"type": ALLOWED_ENTITIES, "kwargs": []}]},
            "expectation #1: 'type' must be a string",
        ),
        ({"name": "leeslijn", "meta": [], "expectations": [{}]}, "'meta' must be an object"),
    ],
)
def test_malformed_suite_files(tmp_path: Path, suite: Any, reason: str) -> None:
    assert reason in _error(tmp_path, suite)


def test_missing_and_unparsable_files(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="no such suite"):
        load_suite(tmp_path / "absent.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x",\n', encoding="utf-8")
    with pytest.raises(SuiteError, match=r"broken\.json line 2: not valid JSON"):
        load_suite(broken)
