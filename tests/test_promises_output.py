"""The board's promises where a user looks: one finding per cause, counts per school and the link
as fields of the validation JSON, the BRIN check deferring to the school check, and the fill rates
of the optional fields of the board's exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from dpia import show
from dpia.cli import main
from dpia.job import open_inputs, run_pipeline
from dpia.load import load_export
from dpia.messages import render
from dpia.minimise import _plain as plain
from dpia.minimise import _suites as s
from dpia.register import RegisterError, load_register
from dpia.rules import QUESTION_SHARE, fill_rates
from tests.conftest import MINIMAL_REGISTER, SAMPLES
from tests.minimisation.conftest import FakeFinding, truth_findings

# --- one finding per cause -------------------------------------------------------------------


def _details(check: str, **over: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "check": check,
        "verifiable": True,
        "reason": None,
        "basis": "ECK_ID",
        "by_key": {"ECK_ID": 9, "STUDENT_NUMBER": 1},
        "key_columns": {"ECK_ID": ["eck_id"], "STUDENT_NUMBER": ["leerlingnummer"]},
        "columns": ["eck_id", "leerlingnummer"],
        "rows": 10,
        "linked": 10,
        "count": 0,
        "by_school": {},
        "detail": {"retention": "P1Y"} if check == "retention" else {},
    }
    found.update(over)
    return found


def _failures(*checks: tuple[str, dict[str, Any]]) -> list[plain.Failure]:
    found = []
    for kind, details in checks:
        found.extend(plain.failures(kind, {}, {"details": details}))
    return plain.merged(found)


def test_a_feed_that_cannot_be_linked_says_its_reason_once() -> None:
    unlinked = {"verifiable": False, "reason": "no_shared_key", "basis": None, "by_key": {}}
    merged = _failures(
        (s.SERVED_SCHOOLS, _details("school", **unlinked)),
        (s.RETENTION, _details("retention", **unlinked)),
        (s.MATCH_BOARD, _details("unmatched", **unlinked)),
    )
    (failure,) = merged
    assert failure.expectation == s.MATCH_BOARD  # the linking's home
    assert failure.count is None
    assert render(failure.message, "en") == (
        "cannot verify schools outside the agreement, retention P1Y after leaving and pupils of "
        "the board: the feed shares no key with the board's exports (ECK iD, pupil number, BSN, "
        "or surname with date of birth)"
    )
    assert render(failure.message, "nl").startswith(
        "controle op scholen buiten de overeenkomst, bewaartermijn P1Y na vertrek en leerlingen "
        "van het bestuur niet mogelijk: "
    )


def test_a_feed_whose_keys_match_nobody_is_one_finding_naming_what_it_leaves_open() -> None:
    none = {"basis": None, "by_key": {}, "key_columns": {}, "linked": 0, "columns": ["nr"]}
    merged = _failures(
        (s.SERVED_SCHOOLS, _details("school", verifiable=False, reason="no_linked_rows", **none)),
        (s.RETENTION, _details("retention", verifiable=False, reason="no_linked_rows", **none)),
        (s.MATCH_BOARD, _details("unmatched", reason="no_match", count=10, **none)),
    )
    (failure,) = merged
    assert (failure.expectation, failure.count, failure.share) == (s.MATCH_BOARD, 10, 1.0)
    assert render(failure.message, "en") == (
        "sends 10 rows of which none is a pupil of the board: no row links on `nr`, probably a "
        "number of the vendor's own; so schools outside the agreement and retention P1Y after "
        "leaving cannot be checked"
    )


def test_the_link_is_said_per_key_with_its_rows_and_counts_per_school_are_a_field() -> None:
    (failure,) = _failures(
        (s.SERVED_SCHOOLS, _details("school", count=3, by_school={"93XC": 1, "91XA": 2}))
    )
    assert failure.by_school == {"91XA": 2, "93XC": 1}
    assert failure.to_dict()["by_school"] == {"91XA": 2, "93XC": 1}
    assert render(failure.message, "nl") == (
        "stuurt 3 leerlingen van scholen die de overeenkomst niet dekt (91XA 2, 93XC 1); gekoppeld op "
        "ECK iD (kolom `eck_id`, 9 rijen) en leerlingnummer (kolom `leerlingnummer`, 1 rij)"
    )
    names = _details("unmatched", count=1, by_key={"NAME_AND_BIRTH_DATE": 9})
    names["key_columns"] = {"NAME_AND_BIRTH_DATE": ["achternaam", "geboortedatum"]}
    (failure,) = _failures((s.MATCH_BOARD, names))
    assert "for want of a shared key" in render(failure.message, "en")
    assert failure.by_school == {}


def test_other_failures_pass_through_merging_untouched() -> None:
    details = {"columns": [{"column": "bsn", "entity": "NL_BSN", "count": 2, "share": 0.2}]}
    found = plain.failures(s.NO_NATIONAL_ID, {}, {"details": details})
    assert plain.merged(found) == found


# --- the BRIN check defers to the school check -----------------------------------------------


def _brin_kwargs(register_path: Path) -> dict[str, Any]:
    register = load_register(register_path)
    suite = s.build_suite(register, register.vendors[0])
    (brin,) = [
        e["kwargs"]
        for e in suite["expectations"]
        if e["type"] == s.IDENTIFIERS_WELL_FORMED and e["kwargs"]["identifier"] == "BRIN"
    ]
    return brin


def test_with_the_board_s_exports_the_school_check_owns_pupils_of_other_schools(
    register_dir: Path, tmp_path: Path
) -> None:
    assert _brin_kwargs(register_dir / "register.yaml")["unserved"] is False
    bare = {k: v for k, v in MINIMAL_REGISTER.items() if k != "sources"}
    path = tmp_path / "bare.yaml"
    path.write_text(yaml.safe_dump(bare, sort_keys=False))
    # Without them the BRIN column is the only evidence: the BRIN check keeps it.
    assert _brin_kwargs(path)["unserved"] is True
    # What the BRIN check then says (tests/minimisation/test_identifier_shape.py checks that
    # it counts only malformed codes):
    form = [{"column": "brin", "count": 1, "share": 0.25, "malformed": 1, "unserved": 0}]
    (failure,) = plain.failures(
        s.IDENTIFIERS_WELL_FORMED,
        {"identifier": "BRIN", "unserved": False},
        {"details": {"columns": form}},
    )
    assert render(failure.message, "en") == "sends invalid BRIN codes in column `brin`: 1 value"


# --- optional fields -------------------------------------------------------------------------


def test_fill_rates_count_filled_cells_of_optional_types_only() -> None:
    frame = pd.DataFrame(
        {
            "Levensbeschouwing": ["Geen", "  ", "Islamitisch", "", "Protestants"],
            "Notitie": ["gelooft", "", "", "", ""],
            "Naam": ["a", "b", "c", "d", "e"],
        }
    )
    findings = [
        FakeFinding("Levensbeschouwing", "RELIGION", "RELIGION"),
        FakeFinding("Notitie", "FREE_TEXT", "RELIGION"),  # a note is no optional field
        FakeFinding("Naam", "PERSON"),
    ]
    (rate,) = fill_rates("x.csv", frame, findings, {"RELIGION"})
    assert (rate.column, rate.rows, rate.filled, rate.share, rate.question) == (
        "Levensbeschouwing",
        5,
        3,
        0.6,
        False,
    )
    assert fill_rates("x.csv", frame, findings, ()) == ()


@pytest.mark.parametrize(
    ("filled", "question"), [(0, False), (1, False), (8, False), (9, True), (10, True)]
)
def test_a_field_filled_for_nearly_every_pupil_is_a_question(filled: int, question: bool) -> None:
    assert QUESTION_SHARE == 0.9
    frame = pd.DataFrame({"geloof": ["RK"] * filled + [""] * (10 - filled)})
    (rate,) = fill_rates("e.xlsx", frame, [FakeFinding("geloof", "RELIGION")], {"RELIGION"})
    assert rate.question is question


def test_an_empty_export_has_no_share() -> None:
    frame = pd.DataFrame({"geloof": pd.Series([], dtype=str)})
    (rate,) = fill_rates("e.xlsx", frame, [FakeFinding("geloof", "RELIGION")], {"RELIGION"})
    assert (rate.rows, rate.share, rate.question) == (0, 0.0, False)


def test_an_unknown_optional_type_is_a_one_line_register_error(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(MINIMAL_REGISTER, default=str))
    bad["board"]["optional"] = ["RELIGION", "SHOE_SIZE"]
    path = tmp_path / "register.yaml"
    path.write_text(yaml.safe_dump(bad, sort_keys=False))
    with pytest.raises(RegisterError, match=r"optional.*unknown entity type.*SHOE_SIZE"):
        load_register(path)


def test_on_the_samples_religion_is_filled_for_about_a_third_no_question() -> None:
    register = load_register(SAMPLES / "register.yaml")
    assert register.board.optional == ("RELIGION",)
    found = []
    for path in register.source_paths():
        frame = load_export(path).frame
        found.extend(fill_rates(path.name, frame, truth_findings(frame), register.board.optional))
    assert [(f.export, f.column, f.rows, f.filled, f.question) for f in found] == [
        ("parnassys_leerlingen.csv", "Levensbeschouwing", 2150, 667, False),
        ("esis_leerlingen.xlsx", "geloof", 600, 183, False),
    ]


# --- the validation JSON ---------------------------------------------------------------------


def test_validate_json_holds_link_promises_and_optional_fields(
    register_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = ["validate", "--register", str(register_dir / "register.yaml"), "--out", str(out)]
    suites = tmp_path / "suites"
    assert main(["expectations", "build", "--register", args[2], "--out", str(suites)]) == 0
    capsys.readouterr()
    main([*args, "--suites", str(suites), "--format", "json"])
    printed = json.loads(capsys.readouterr().out)
    (vendor,) = printed["vendors"]
    assert vendor["link"] == {
        "basis": "ECK_ID",
        "by_key": {"ECK_ID": 2},
        "key_columns": {"ECK_ID": ["eck_id"]},
        "linked": 2,
        "reason": None,
        "rows": 2,
    }
    assert [p["check"] for p in vendor["promises"]] == ["school", "unmatched"]
    assert all(
        set(p) == {"check", "verifiable", "reason", "count", "by_school", "detail"}
        for p in vendor["promises"]
    )
    assert printed["optional_fields"] == []  # the minimal register names none
    written = json.loads((out / "validation" / "optional_fields.json").read_text("utf-8"))
    assert written == {"optional_fields": []}
    assert json.loads((out / "validation" / "leeslijn.json").read_text("utf-8")) == vendor


# --- the notebooks' tables -------------------------------------------------------------------


def test_notebook_tables_of_the_promises_and_optional_fields(register_dir: Path) -> None:
    register = json.loads(json.dumps(MINIMAL_REGISTER, default=str))
    register["board"]["optional"] = ["PERSON"]  # the export's surname column, as a stand-in
    (register_dir / "register.yaml").write_text(yaml.safe_dump(register, sort_keys=False))
    result = run_pipeline(open_inputs(register_dir))

    links = show.link_frame(result.verdicts, "nl")
    assert links.columns.tolist() == [
        "leverancier",
        "rijen",
        "gekoppelde rijen",
        "gekoppeld op",
        "niet gekoppeld omdat",
    ]
    assert links.iloc[0].tolist() == [
        "leeslijn",
        "2",
        "2",
        "gekoppeld op ECK iD (kolom `eck_id`, 2 rijen)",
        "-",
    ]
    checks = show.promise_frame(result.verdicts, "en")
    assert checks["check"].tolist() == ["schools outside the agreement", "pupils of the board"]
    assert checks["verdict"].tolist() == ["pass", "pass"]

    (rate,) = result.optional_fields
    assert (rate.export, rate.column, rate.filled, rate.question) == (
        "leerlingen.csv",
        "Achternaam",
        2,
        True,
    )
    fields = show.optional_fields_frame(result, "en")
    assert fields.iloc[0].tolist() == [
        "leerlingen.csv",
        "Achternaam",
        "name",
        "2",
        "2",
        "100.0%",
        "ask: is it asked as optional?",
    ]
    assert "90.0%" in show.optional_fields_prose("en").data
