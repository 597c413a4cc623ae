"""The column classifier measured against the ground truth in ``data_samples/labels.json``.

The thresholds are the targets of the detection issue; they are asserted, never loosened.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from stdnum.nl import bsn

from dpia import show
from dpia.detect._scan import (
    ScanResult,
    classify_column,
    scan,
    scan_frame,
    scan_stream,
    text_mentions,
)
from dpia.load._export import load_export
from dpia.load._stream import open_stream
from dpia.messages import exists
from dpia.register._taxonomy import ENTITY_TYPES, SPECIAL_TYPES
from tests.conftest import SAMPLES

LABELS: dict[str, Any] = json.loads((SAMPLES / "labels.json").read_text("utf-8"))
NOTE_SETS = Path(__file__).parent / "data"
NOTE_KINDS = frozenset({"HEALTH", "RELIGION", "ETHNIC_ORIGIN", "CRIMINAL"})
FLAG_KINDS = frozenset({*SPECIAL_TYPES, "PUPIL_CARE"})


@pytest.fixture(scope="module")
def results() -> dict[str, ScanResult]:
    return {rel: scan(load_export(SAMPLES / rel)) for rel in sorted(LABELS["files"])}


def _pairs(results: dict[str, ScanResult]) -> list[tuple[str, dict[str, Any], Any]]:
    return [
        (f"{rel}:{c.name}", LABELS["files"][rel]["columns"][c.name], c)
        for rel, result in results.items()
        for c in result.columns
    ]


def test_every_labelled_column_is_scanned(results: dict[str, ScanResult]) -> None:
    for rel, result in results.items():
        assert [c.name for c in result.columns] == list(load_export(SAMPLES / rel).frame.columns)
        assert {c.name for c in result.columns} == set(LABELS["files"][rel]["columns"])


def test_personal_vs_not_f1(results: dict[str, ScanResult]) -> None:
    pairs = _pairs(results)
    tp = sum(1 for _, want, got in pairs if want["entity"] and got.personal)
    fp = sum(1 for _, want, got in pairs if not want["entity"] and got.personal)
    fn = [name for name, want, got in pairs if want["entity"] and not got.personal]
    f1 = 2 * tp / (2 * tp + fp + len(fn))
    assert f1 >= 0.98, (f1, fn)


def test_primary_entity_accuracy(results: dict[str, ScanResult]) -> None:
    pairs = _pairs(results)
    wrong = [
        (name, want["entity"], got.entity)
        for name, want, got in pairs
        if want["entity"] != got.entity
    ]
    accuracy = 1 - len(wrong) / len(pairs)
    assert accuracy >= 0.95, wrong


def test_every_special_column_found_and_no_false_special(results: dict[str, ScanResult]) -> None:
    pairs = _pairs(results)
    missed = [name for name, want, got in pairs if want["special"] and got.special is None]
    assert missed == []
    false_special = [name for name, want, got in pairs if not want["entity"] and got.special]
    assert false_special == []


def test_look_alikes_stay_non_personal(results: dict[str, ScanResult]) -> None:
    """9-digit order numbers failing the 11-test, BRIN codes, groups and school names."""
    toets = results["feeds/toetsmonitor.csv"]
    assert toets.column("bestelnummer").entity is None
    assert toets.column("brin").entity is None
    assert toets.column("groep").entity is None
    assert toets.column("bsn").entity == "NL_BSN"
    parnassys = results["parnassys_leerlingen.csv"]
    assert parnassys.column("School").entity is None
    assert parnassys.column("Datum inschrijving").entity is None


def test_contract_shape(results: dict[str, ScanResult]) -> None:
    column = results["feeds/toetsmonitor.csv"].column("bsn").to_dict()
    assert set(column) == {
        "name", "entity", "category", "special", "personal", "confidence", "share", "evidence", "mentions",
        "rows_mentioning", "snippets", "reasons",
    }  # fmt: skip
    # Why: the header's words, the share of values the BSN check accepted, the deciding rule.
    assert [r["code"] for r in column["reasons"]] == [
        "scan.reason.header", "scan.reason.values", "scan.reason.rule.shaped",
    ]  # fmt: skip
    assert all(set(r) == {"code", "nl", "en"} and r["nl"] and r["en"] for r in column["reasons"])
    assert column["category"] == "nationaal_identificatienummer"
    assert set(column["evidence"]) == {"header", "values"}
    assert column["evidence"]["header"] == "bsn"
    assert column["evidence"]["values"]
    for value in column["evidence"]["values"]:
        assert len(value) == 9
        assert value.endswith("*****")
    file = results["feeds/toetsmonitor.csv"].to_dict()
    assert set(file) == {"path", "sha256", "rows", "encoding", "delimiter", "engine", "columns"}
    assert file["engine"] == "pandas"


def test_categories_follow_the_taxonomy(results: dict[str, ScanResult]) -> None:
    for _, _, got in _pairs(results):
        if got.entity is None:
            assert got.category is None
        else:
            kind = got.special or got.entity
            assert got.category == ENTITY_TYPES[kind].category.value


def test_free_text_mentions(results: dict[str, ScanResult]) -> None:
    notes = results["feeds/ouderapp.txt"].column("notitie")
    assert (notes.entity, notes.special) == ("FREE_TEXT", "HEALTH")
    assert notes.mentions["HEALTH"] > 0
    assert notes.mentions["HEALTH"] == max(
        notes.mentions[e] for e in SPECIAL_TYPES if e in notes.mentions
    )


def _note_rows() -> list[tuple[str, list[str]]]:
    rows = []
    for rel, columns in sorted(LABELS["notes"].items()):
        frame = load_export(SAMPLES / rel).frame
        for column, labels in sorted(columns.items()):
            rows.extend(
                (text, want)
                for text, want in zip(frame[column], labels, strict=True)
                if text.strip()
            )
    return rows


def _assert_recall_and_false_flags(rows: list[tuple[str, list[str]]]) -> None:
    """>= 90 % of notes that mention health, religion, origin or criminal matters counted;
    <= 10 % of benign notes flagged."""
    positives = [(t, set(w) & NOTE_KINDS) for t, w in rows if set(w) & NOTE_KINDS]
    benign = [t for t, w in rows if not w]
    found = sum(1 for text, want in positives if want <= set(text_mentions(text)))
    flagged = sum(1 for text in benign if set(text_mentions(text)) & FLAG_KINDS)
    assert found / len(positives) >= 0.90, (found, len(positives))
    assert flagged / len(benign) <= 0.10, (flagged, len(benign))


def test_notes_recall_and_false_flags() -> None:
    _assert_recall_and_false_flags(_note_rows())


def test_heldout_notes_recall_and_false_flags() -> None:
    """The same targets on notes written by hand and committed before the vocabularies were last
    widened (v2; optimistic, see its header); v1, ``heldout_notes.yaml``, is a development set."""
    notes = yaml.safe_load((NOTE_SETS / "heldout_notes_v2.yaml").read_text("utf-8"))
    _assert_recall_and_false_flags([(n["text"], n["mentions"]) for n in notes])


@pytest.mark.parametrize(
    "name", ["notes_blind_dev.yaml", "notes_blind_dev2.yaml", "notes_blind_dev3.yaml"]
)
def test_blind_development_notes(name: str) -> None:
    """The blind development sets (written by someone who never saw the vocabularies; tuned on):
    >= 95 % of special notes found with every labelled art. 9/10 type, <= 3 % of ordinary notes
    flagged with one. Their sibling ``notes_blind_holdout.yaml`` is never tuned on and measured in
    ``bench/notes.py`` only (see docs/detection.md for every figure)."""
    notes = yaml.safe_load((NOTE_SETS / name).read_text("utf-8"))
    special = frozenset(SPECIAL_TYPES)
    found = [set(text_mentions(n["text"])) & special for n in notes]
    positives = [(set(n["mentions"]), got) for n, got in zip(notes, found, strict=True)]
    counted = sum(1 for want, got in positives if want and want <= got)
    flagged = sum(1 for want, got in positives if not want and got)
    wanted = sum(1 for want, _ in positives if want)
    assert counted / wanted >= 0.95, (counted, wanted)
    assert flagged / (len(notes) - wanted) <= 0.03, flagged


def test_notes_columns_count_rows_and_show_masked_snippets(
    results: dict[str, ScanResult],
) -> None:
    """Per notes column: the rows mentioning each type are counted per row (a note repeated on
    many rows is read once; the generator's notes are all read, fewer than the sample), and the
    snippets never show a name from the export's name columns or a digit."""
    for rel, columns in sorted(LABELS["notes"].items()):
        frame = load_export(SAMPLES / rel).frame
        names = {
            word
            for column in frame.columns
            if LABELS["files"][rel]["columns"].get(column, {}).get("entity") == "PERSON"
            for value in frame[column]
            for word in value.split()
            if len(word) > 2
        }
        for column in columns:
            finding = results[rel].column(column)
            read = {text: set(text_mentions(text)) for text in set(frame[column]) if text.strip()}
            for kind in NOTE_KINDS:
                rows = sum(1 for text in frame[column] if kind in read.get(text, ()))
                assert finding.rows_mentioning.get(kind, 0) == rows > 0, (rel, kind)
            assert {s.entity for s in finding.snippets} >= {
                k for k in NOTE_KINDS if finding.rows_mentioning.get(k)
            }
            for s in finding.snippets:
                assert exists(f"rule.{s.rule}")
                assert not any(c.isdigit() for c in s.text), s.text
                assert not set(s.text.replace(",", " ").split()) & names, s.text


def test_notebook_table_of_snippets(results: dict[str, ScanResult]) -> None:
    notes = results["feeds/ouderapp.txt"]
    frame = show.note_snippets(notes, "nl")
    assert frame.columns.tolist() == [
        "kolom",
        "entiteit",
        "rijen",
        "regel",
        "voorbeelden (gemaskeerd)",
    ]
    column = notes.column("notitie")
    assert len(frame) == len({s.entity for s in column.snippets}) > 0
    health = frame[frame["entiteit"] == "gezondheid"].iloc[0]
    assert health["rijen"] == str(column.rows_mentioning["HEALTH"])
    assert "rule." not in " ".join(frame["regel"])  # rules in words, not codes


def test_sampling_is_seeded_and_full_examines_everything() -> None:
    values = pd.Series([str(100000000 + 7 * i) for i in range(3000)])
    first = classify_column("kenmerk", values, sample=200, seed=1)
    again = classify_column("kenmerk", values, sample=200, seed=1)
    full = classify_column("kenmerk", values, sample=None)
    assert first == again
    assert (first.examined, full.examined) == (200, 3000)


def test_checksum_failures_are_not_bsn() -> None:
    invalid = [f"{n:09d}" for n in range(123456780, 123457780) if not bsn.is_valid(f"{n:09d}")]
    assert classify_column("BSN", pd.Series(invalid[:300])).entity is None


def test_low_cardinality_names_are_categories() -> None:
    schools = pd.Series(["De Regenboog", "De Wegwijzer", "De Vlinderboom"] * 200)
    places = pd.Series(["Utrecht", "Zwolle", "Amersfoort"] * 200)
    assert scan_frame(pd.DataFrame({"kolom a": schools, "kolom b": places}))[0].entity is None
    assert scan_frame(pd.DataFrame({"kolom b": places}))[0].entity is None


def test_empty_column_is_not_personal() -> None:
    finding = classify_column("Achternaam", pd.Series(["", " ", ""]))
    assert (finding.entity, finding.examined) == (None, 0)


def test_scan_paths_relative(results: dict[str, ScanResult]) -> None:
    for rel, result in results.items():
        assert Path(result.provenance.path) == SAMPLES / rel


@pytest.mark.parametrize("chunksize", [137, 1_000_000])
def test_chunked_scan_equals_whole_file_scan(
    results: dict[str, ScanResult], chunksize: int
) -> None:
    """Every sample export (UTF-8 and Windows-1252 CSV, xlsx, Parquet) read in chunks gives the
    whole-file findings, provenance included; 137 rows splits each file into several chunks."""
    for rel, whole in results.items():
        assert scan_stream(open_stream(SAMPLES / rel, chunksize)) == whole, rel
