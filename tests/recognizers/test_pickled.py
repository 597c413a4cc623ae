"""The pickle cache of built word lists: read back, rebuilt when its sources change or the file is
damaged, and never in the way when the cache folder cannot be written."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpia.detect.recognizers._pickled import pickled


def _counting(calls: list[int], value: object) -> object:
    calls.append(1)
    return value


def test_built_once_then_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DPIA_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "source.py"
    source.write_text("A = 1\n", "utf-8")
    calls: list[int] = []
    value = frozenset({"anna", "bert"})
    first = pickled("names", (source,), ("pyyaml",), lambda: _counting(calls, value))
    second = pickled("names", (source,), ("pyyaml",), lambda: _counting(calls, value))
    assert first == second == value
    assert len(calls) == 1
    source.write_text("A = 2\n", "utf-8")  # a changed rule is a new file
    pickled("names", (source,), ("pyyaml",), lambda: _counting(calls, value))
    assert len(calls) == 2


def test_a_damaged_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DPIA_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "source.py"
    source.write_text("A = 1\n", "utf-8")
    pickled("names", (source,), (), lambda: {"x"})
    (written,) = (tmp_path / "cache" / "lists").glob("names-*.pickle")
    written.write_bytes(b"\x80\x05not a pickle")
    assert pickled("names", (source,), (), lambda: {"y"}) == {"y"}


def test_an_unwritable_cache_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("DPIA_CACHE_DIR", str(blocker))  # a file where the folder should be
    source = tmp_path / "source.py"
    source.write_text("A = 1\n", "utf-8")
    assert pickled("names", (source,), (), lambda: [1, 2]) == [1, 2]
