"""Chunked reading (``dpia.load._stream``) and the streaming tally (``dpia.detect._tally``).

A file read in chunks must give what the whole-file loader gives: the same cells, the same
provenance, and on bad input the same reason, line and message. The block size is shrunk so that
multi-byte characters, bad bytes and line ends fall across block boundaries.
"""

from __future__ import annotations

import codecs
import itertools
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpia.cli import main
from dpia.detect._tally import ColumnTally, Tally
from dpia.load import _stream as stream_module
from dpia.load._export import ExportError, Provenance, Reason, load_export
from dpia.load._inventory import data_files
from dpia.load._stream import open_stream
from tests.conftest import SAMPLES

SAMPLE_FILES = [p.relative_to(SAMPLES).as_posix() for p in data_files(SAMPLES)]


def _read_in_chunks(path: Path, chunksize: int) -> tuple[pd.DataFrame, Provenance]:
    opened = open_stream(path, chunksize)
    frames = list(opened.chunks())
    assert all(len(frame) <= chunksize for frame in frames)
    rows = sum(len(frame) for frame in frames)
    return pd.concat(frames, ignore_index=True), opened.provenance(rows)


@pytest.mark.parametrize("rel", SAMPLE_FILES)
def test_chunks_hold_the_whole_file(rel: str) -> None:
    whole = load_export(SAMPLES / rel)
    frame, provenance = _read_in_chunks(SAMPLES / rel, 250)
    pd.testing.assert_frame_equal(frame, whole.frame)
    assert provenance == whole.provenance


TEXT_FILES = {
    "utf8_bom_multibyte": codecs.BOM_UTF8 + "naam;plaats\nZoë;Ede\nChloé;Epe\n".encode(),
    "cp1252": "naam;plaats\nJan;Ede\nChloé;Epe\nRenée;Zoë\n".encode("cp1252"),
    "cp1252_late": ("naam;n\n" + "Jan;1\n" * 40 + "Chloé;2\n").encode("cp1252"),
    "utf16": "roepnaam;groep\nJan;5a\nPiet;5b\n".encode("utf-16"),
    "quoted_newline": b'naam;notitie\nJan;"twee\nregels"\nPiet;een\n\n\nKees;drie\n',
    "crlf": b"naam,groep\r\nJan,5a\r\nPiet,5b\r\n",
    "mixed": "naam;plaats\nZoë;Ede\n".encode() + "Chloé;Epe\n".encode("cp1252"),
    "mixed_late": ("naam;p\n" + "Jan;1\n" * 30).encode("cp1252")
    + "Zoë;2\n".encode()
    + "Chloé;3\n".encode("cp1252"),
    "ragged_late": b"a;b\n" + b"1;2\n" * 50 + b"3\n",
    "unclosed_quote": b'a;b\n1;2\n"3;4\n5;6\n',
    "nul_late": b"a;b\n" + b"1;2\n" * 30 + b"x\x00;y\n",
    "header_only": b"naam;groep\n",
    "undefined_cp1252": b"naam;plaats\nJan;\x81\x8d\x8f\n",
    "truncated_utf8": "naam;plaats\nZoë;Ede\n".encode()[:-5] + b"\xc3",
}


@pytest.mark.parametrize("block", [7, 4 * 1024**2])
@pytest.mark.parametrize("name", sorted(TEXT_FILES))
def test_text_in_blocks_agrees_with_loader(
    name: str, block: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same frame and provenance, or the same error, whatever the block and chunk sizes."""
    monkeypatch.setattr(stream_module, "_BLOCK", block)
    path = tmp_path / f"{name}.csv"
    path.write_bytes(TEXT_FILES[name])
    whole = _outcome(lambda: _loaded(path))
    assert _outcome(lambda: _read_in_chunks(path, 2)) == whole


def _loaded(path: Path) -> tuple[pd.DataFrame, Provenance]:
    export = load_export(path)
    return export.frame, export.provenance


def _outcome(read: Callable[[], tuple[pd.DataFrame, Provenance]]) -> tuple[object, ...]:
    """What reading gives, comparable: the cells and provenance, or the error in full."""
    try:
        frame, provenance = read()
    except ExportError as exc:
        return (exc.reason, exc.line, str(exc))
    return (frame.to_dict("split"), provenance)


def test_bad_row_raises_only_when_reached(tmp_path: Path) -> None:
    """Opening reads the header; a ragged row deep in the file surfaces while reading chunks."""
    path = tmp_path / "feed.csv"
    path.write_bytes(b"a;b\n" + b"1;2\n" * 10 + b"3\n")
    opened = open_stream(path, 4)
    chunks = opened.chunks()
    assert len(next(chunks)) == 4
    with pytest.raises(ExportError) as caught:
        list(chunks)
    assert (caught.value.reason, caught.value.line) == (Reason.RAGGED_ROW, 12)


def test_cli_chunked_scan_prints_the_same_json(capsys: pytest.CaptureFixture[str]) -> None:
    feed = str(SAMPLES / "feeds" / "leeslijn.csv")
    assert main(["scan", feed, "--format", "json", "--quiet"]) == 0
    whole = capsys.readouterr().out
    assert main(["scan", feed, "--format", "json", "--quiet", "--chunksize", "100"]) == 0
    assert capsys.readouterr().out == whole


def test_cli_chunked_scan_refuses_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "feed.csv"
    path.write_bytes(b"a;b\n" + b"1;2\n" * 10 + b"3\n")
    assert main(["scan", str(path), "--chunksize", "3", "--quiet"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"dpia: error: {path} line 12: 1 fields, expected 2 as in the header\n"


# --- the tally -------------------------------------------------------------------------------

VALUES = st.lists(st.sampled_from([f"v{i}" for i in range(60)] + ["", " ", " v1 "]), max_size=300)


def _tally(chunks: list[list[str]], size: int | None) -> Tally:
    tally = ColumnTally("kolom", size, 3)
    for chunk in chunks:
        tally.add(pd.Series(chunk, dtype=object))
    return tally.result()


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(values=VALUES, cuts=st.lists(st.integers(0, 300), max_size=6), size=st.sampled_from([5, 17]))
def test_tally_ignores_chunking_and_order(values: list[str], cuts: list[int], size: int) -> None:
    bounds = [0, *sorted(c % (len(values) + 1) for c in cuts), len(values)]
    chunks = [values[a:b] for a, b in itertools.pairwise(bounds)]
    assert _tally(chunks, size) == _tally([values], size)
    assert _tally([list(reversed(values))], size) == _tally([values], size)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(values=VALUES)
def test_tally_counts_exactly_what_it_keeps(values: list[str]) -> None:
    stripped = [v.strip() for v in values if v.strip()]
    full = _tally([values], None)
    assert full.counts == {v: stripped.count(v) for v in set(stripped)}
    assert full.distinct == len(set(stripped))
    sampled = _tally([values[:150], values[150:]], 17)
    assert set(sampled.examined) <= set(stripped)
    assert len(sampled.examined) == min(17, len(set(stripped)))
    for value, rows in sampled.counts.items():
        assert rows == stripped.count(value)
    assert sampled.non_empty == len(stripped)


@pytest.mark.parametrize("distinct", [2_000, 50_000])
def test_tally_estimates_large_distinct_counts(distinct: int) -> None:
    """Beyond the sample the distinct count is estimated (k minimum values): within 10 %."""
    values = [f"{n:09d}" for n in range(distinct)] * 2
    tally = ColumnTally("BSN", 1000, 0)
    for start in range(0, len(values), 7_000):
        tally.add(pd.Series(values[start : start + 7_000]))
    result = tally.result()
    assert len(result.examined) == 1000
    assert abs(result.distinct - distinct) / distinct < 0.10, result.distinct
